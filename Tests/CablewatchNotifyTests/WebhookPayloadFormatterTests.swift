import CablewatchCore
import Foundation
import Testing

@testable import CablewatchNotify

private let addedData: JSONValue = [
    "referenceId": "06SEOUL1789", "origin": "Embassy Seoul", "classification": "CONFIDENTIAL//NOFORN",
    "subject": "ROK GENERALLY UPBEAT ON STRONGER TIES WITH NATO,", "tags": ["PREL"],
]

private func decoded(_ bytes: [UInt8]) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
}

@Test func standardBodyIsTheEventJSONUnchanged() {
    let eventJSON = Array(#"{"id":"evt_1", "type":"cable.added",  "data":{}}"#.utf8)
    let body = WebhookPayloadFormatter(format: .standard).body(
        type: "cable.added", data: addedData, eventJSON: eventJSON)
    #expect(body == eventJSON)
}

@Test func slackBodyIsATextObjectWithTheSummary() throws {
    let body = WebhookPayloadFormatter(format: .slack).body(type: "cable.added", data: addedData, eventJSON: [])
    let expected =
        "[cablewatch] New cable 06SEOUL1789 (CONFIDENTIAL//NOFORN, Embassy Seoul):"
        + " ROK GENERALLY UPBEAT ON STRONGER TIES WITH NATO,"
    #expect(try decoded(body) == ["text": .string(expected)])
}

@Test func slackTextEscapesControlCharacters() throws {
    let data: JSONValue = ["referenceId": "X", "subject": "A&B <C>"]
    let body = WebhookPayloadFormatter(format: .slack).body(type: "cable.added", data: data, eventJSON: [])
    #expect(try decoded(body)["text"]?.stringValue == "[cablewatch] New cable X: A&amp;B &lt;C&gt;")
}

@Test func discordBodyIsContentThatMentionsNobody() throws {
    let data: JSONValue = ["released": 64621, "total": 251_287, "previousReleased": 64500, "previousTotal": 251_287]
    let body = WebhookPayloadFormatter(format: .discord).body(type: "release.progress", data: data, eventJSON: [])
    #expect(
        try decoded(body)
            == ["allowed_mentions": ["parse": []], "content": "[cablewatch] Released 64621 / 251287 cables (+121)"])
    #expect(String(decoding: body, as: UTF8.self).hasPrefix(#"{"allowed_mentions":{"parse":[]},"content":"#))
}

@Test func discordContentIsCappedAt2000Characters() throws {
    let data: JSONValue = ["referenceId": "X", "subject": .string(String(repeating: "A", count: 5000))]
    let body = WebhookPayloadFormatter(format: .discord).body(type: "cable.added", data: data, eventJSON: [])
    let content = try #require(try decoded(body)["content"]?.stringValue)
    #expect(content.count == 2000)
    #expect(content.hasSuffix("…"))
}

private let summaryCases: [(String, JSONValue, String)] = [
    (
        "cable.changed", ["referenceId": "06SEOUL1789", "revision": 3, "whitespaceOnly": true],
        "Cable 06SEOUL1789 changed (revision 3, whitespace only)"
    ),
    (
        "cable.changed", ["referenceId": "06SEOUL1789", "revision": 2, "summary": "paragraph 4\nre-redacted"],
        "Cable 06SEOUL1789 changed (revision 2): paragraph 4 re-redacted"
    ),
    ("cable.removed", ["referenceId": "06SEOUL1789", "lastSHA256": "ab"], "Cable 06SEOUL1789 removed"),
    (
        "sync.baseline", ["cables": 1200, "released": 1200, "total": 251_287],
        "Baseline sync: 1200 cables archived (1200 / 251287 released)"
    ),
    (
        "source.anomaly", ["kind": "counterWentDown", "details": "64621 → 64600"],
        "Source anomaly (counterWentDown): 64621 → 64600"
    ),
    (
        "source.unreachable", ["since": "2011-04-28T00:00:00Z", "error": "timeout"],
        "Source unreachable since 2011-04-28T00:00:00Z: timeout"
    ),
    (
        "source.recovered", ["since": "2011-04-28T00:00:00Z"],
        "Source recovered (unreachable since 2011-04-28T00:00:00Z)"
    ),
    ("release.progress", ["released": 10, "total": 20, "previousReleased": 12], "Released 10 / 20 cables (-2)"),
    ("cable.added", [:], "New cable ?"),
    ("custom.thing", [:], "Event custom.thing"),
]

@Test(arguments: summaryCases)
func summariesDescribeEveryEventType(type: String, data: JSONValue, expected: String) {
    #expect(EventSummary.line(type: type, data: data) == expected)
}
