import CablewatchCore
import Testing

@testable import CablewatchNotify

private let seoulCable: JSONValue = [
    "referenceId": "06SEOUL1789", "origin": "Embassy Seoul", "classification": "CONFIDENTIAL//NOFORN",
    "tags": ["PREL", "KNNP", "KS"],
]

private func globs(_ patterns: String...) throws -> [EventTypeGlob] {
    try patterns.map { pattern throws(NotifyError) in try EventTypeGlob(parsing: pattern) }
}

@Test func defaultFilterAcceptsEverything() {
    #expect(WebhookFilter().accepts(type: "cable.added", data: seoulCable))
    #expect(WebhookFilter().accepts(type: "release.progress", data: ["released": 1, "total": 2]))
}

@Test func eventTypeMustMatchOneGlob() throws {
    let filter = WebhookFilter(eventTypes: try globs("release.*", "cable.removed"))
    #expect(filter.accepts(type: "release.progress", data: [:]))
    #expect(filter.accepts(type: "cable.removed", data: seoulCable))
    #expect(!filter.accepts(type: "cable.added", data: seoulCable))
}

@Test func originFilterMatchesWholeValueIgnoringCase() {
    #expect(WebhookFilter(origins: ["embassy seoul"]).accepts(type: "cable.added", data: seoulCable))
    #expect(!WebhookFilter(origins: ["Embassy Paris"]).accepts(type: "cable.added", data: seoulCable))
    #expect(!WebhookFilter(origins: ["Seoul"]).accepts(type: "cable.added", data: seoulCable))
}

@Test func classificationFilterMatchesExactly() {
    #expect(WebhookFilter(classifications: ["CONFIDENTIAL//NOFORN"]).accepts(type: "cable.added", data: seoulCable))
    #expect(!WebhookFilter(classifications: ["CONFIDENTIAL"]).accepts(type: "cable.added", data: seoulCable))
}

@Test func tagFilterNeedsOneCommonTag() {
    #expect(WebhookFilter(tags: ["MARR", "KNNP"]).accepts(type: "cable.added", data: seoulCable))
    #expect(!WebhookFilter(tags: ["MARR"]).accepts(type: "cable.added", data: seoulCable))
    let lineTags: JSONValue = ["tags": "PREL, MARR KS"]
    #expect(WebhookFilter(tags: ["marr"]).accepts(type: "cable.added", data: lineTags))
    #expect(!WebhookFilter(tags: ["ECON"]).accepts(type: "cable.added", data: ["tags": []]))
}

@Test func eventsWithoutTheFilteredFieldsPass() {
    let filter = WebhookFilter(origins: ["Embassy Paris"], classifications: ["SECRET"], tags: ["ECON"])
    #expect(filter.accepts(type: "release.progress", data: ["released": 10, "total": 20]))
    #expect(filter.accepts(type: "cable.removed", data: ["referenceId": "06SEOUL1789", "origin": nil]))
    #expect(!filter.accepts(type: "cable.added", data: seoulCable))
}

@Test func allDataFiltersMustPass() {
    let filter = WebhookFilter(origins: ["Embassy Seoul"], classifications: ["SECRET"])
    #expect(!filter.accepts(type: "cable.added", data: seoulCable))
    let both = WebhookFilter(origins: ["Embassy Seoul"], classifications: ["CONFIDENTIAL//NOFORN"], tags: ["KS"])
    #expect(both.accepts(type: "cable.added", data: seoulCable))
}
