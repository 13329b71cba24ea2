import CablewatchCore
import Foundation
import Testing

@testable import CablewatchNotify

@Test func leadingRunTakesConsecutiveCableEventsOfOnePass() {
    let types = ["cable.added", "cable.changed", "cable.added", "release.progress", "cable.added"]
    #expect(ReleaseBatch.leadingRun(types: types, passes: [1, 1, 1, 1, 1]) == 3)
    #expect(ReleaseBatch.leadingRun(types: types, passes: [1, 1, 2, 2, 2]) == 2)
    #expect(ReleaseBatch.leadingRun(types: types, passes: [1, 2, 2, 2, 2]) == 0)
    #expect(ReleaseBatch.leadingRun(types: ["release.progress", "cable.added"], passes: [1, 1]) == 0)
    #expect(ReleaseBatch.leadingRun(types: [], passes: []) == 0)
    let many = Array(repeating: "cable.added", count: 600)
    #expect(ReleaseBatch.leadingRun(types: many, passes: Array(repeating: 4, count: 600)) == 500)
}

@Test func summaryCountsMembersAndKeepsAStableId() throws {
    let members: [JSONValue] = [
        member(seq: 7, id: "evt_a", type: "cable.added", referenceId: "09PARIS1"),
        member(seq: 8, id: "evt_b", type: "cable.changed", referenceId: "09PARIS2"),
        member(seq: 9, id: "evt_c", type: "cable.added", referenceId: "09PARIS3"),
    ]
    let summary = ReleaseBatch.summary(members: members)
    #expect(summary.type == "release.summary")
    #expect(summary.seq == 9)
    #expect(summary.id.hasPrefix("evt_rel_"))
    #expect(summary.id == ReleaseBatch.summary(members: members).id)
    #expect(summary.id != ReleaseBatch.summary(members: Array(members.prefix(2))).id)
    let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(summary.json.utf8))
    #expect(decoded["data"]?["count"] == 3)
    #expect(decoded["data"]?["added"] == 2)
    #expect(decoded["data"]?["changed"] == 1)
    #expect(decoded["data"]?["firstSeq"] == 7)
    #expect(decoded["data"]?["referenceIds"] == ["09PARIS1", "09PARIS2", "09PARIS3"])
    #expect(decoded["data"]?["events"]?.arrayValue == members)
    #expect(EventSummary.line(type: summary.type, data: decoded["data"] ?? .null) == "Release: 2 new cables, 1 changed")
}

@Test func endpointsAreNotToldAboutTheirOwnFailures() throws {
    let endpoint = WebhookEndpoint(
        name: "ops", url: "http://127.0.0.1:1/",
        signer: WebhookSigner(secret: try WebhookSecret(keyBytes: .init(repeating: 1, count: 32))))
    #expect(!endpoint.routes(type: "delivery.failed", data: ["endpoint": "ops"]))
    #expect(!endpoint.routes(type: "webhook.disabled", data: ["endpoint": "ops"]))
    #expect(endpoint.routes(type: "webhook.disabled", data: ["endpoint": "chat"]))
    #expect(endpoint.routes(type: "cable.added", data: ["endpoint": "ops"]))
}

private func member(seq: Int, id: String, type: String, referenceId: String) -> JSONValue {
    [
        "data": ["referenceId": .string(referenceId)], "id": .string(id), "seq": .integer(seq), "source": "s",
        "timestamp": "2026-01-01T00:00:00.000Z", "type": .string(type),
    ]
}
