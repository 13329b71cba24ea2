import Testing

@testable import CablewatchNotify

@Test(arguments: [
    ("*", "cable.added", true), ("*", "release.progress", true),
    ("cable.*", "cable.added", true), ("cable.*", "cable.changed", true), ("cable.*", "cables.added", false),
    ("cable.*", "cable", false), ("cable.*", "release.progress", false),
    ("release.progress", "release.progress", true), ("release.progress", "release.progressed", false),
    ("release.progress", "release", false), ("*.removed", "cable.removed", true), ("*.removed", "cable.added", false),
    ("source.*ed", "source.recovered", true), ("source.*ed", "source.unreachable", false),
    ("Cable.*", "cable.added", false),
])
func globsMatchWholeEventTypes(pattern: String, type: String, matches: Bool) throws {
    #expect(try EventTypeGlob(parsing: pattern).matches(type) == matches)
}

@Test(arguments: ["", "cable/*", "cable.added ", "cäble.*", "cable?"])
func invalidPatternsAreRejected(pattern: String) {
    #expect(throws: NotifyError.self) { try EventTypeGlob(parsing: pattern) }
}

@Test func allMatchesEverything() {
    #expect(EventTypeGlob.all.pattern == "*")
    #expect(EventTypeGlob.all.matches("anything.at.all"))
}
