import CablewatchCore
import Foundation
import Testing

@testable import CablewatchStore

/// Texts a hostile or sloppy page can hand the parser, which the archive must keep byte for byte.
private let awkwardBodies: [(name: String, body: String)] = [
    ("a NUL byte", "1. (C) Before\u{0000}after the NUL.\n2. More text."),
    ("a NUL at the very start", "\u{0000}1. (C) Text."),
    ("replacement characters where surrogates were", "1. (C) Half a pair: \u{FFFD}\u{FFFD}."),
    ("a byte-order mark", "\u{FEFF}1. (C) Text after a BOM."),
    ("carriage returns", "1. (C) One\r\n2. Two\rThree"),
    ("right-to-left marks", "1. (C) \u{200F}\u{05E9}\u{05DC}\u{05D5}\u{05DD}\u{200E} and Latin."),
    ("an empty body", ""),
]

@Test(arguments: awkwardBodies.indices)
func theArchiveKeepsExactlyTheParsedTextAndVerifiesClean(index: Int) async throws {
    let (name, body) = awkwardBodies[index]
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    let cable = makeCable("06SEOUL1789", body: body)
    var changes = ArchiveChanges()
    changes.cables = [
        CableWrite(
            kind: .insert, page: cable, url: "http://x/cable/2006/05/06SEOUL1789.html", listedReleased: "2011-04-28",
            readded: false)
    ]
    _ = try await archive.store.commit(changes, at: Date(), source: "s")
    let detail = try #require(try await archive.store.detail(referenceId: "06SEOUL1789"))
    #expect(Array(detail.body.utf8) == Array(body.utf8), "\(name): body")
    #expect(detail.header == cable.header, "\(name): header")
    #expect(try await archive.store.currentCanonicalText(referenceId: "06SEOUL1789") == cable.header + "\n\n" + body)
    let report = try await archive.store.verify { sha256($0) }
    #expect(report.isClean, "\(name): \(report.problems)")
}
