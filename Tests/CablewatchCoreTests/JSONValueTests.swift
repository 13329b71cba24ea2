import Foundation
import Testing

@testable import CablewatchCore

@Test func canonicalJSONSortsKeysAndHasNoWhitespace() {
    let value: JSONValue = ["b": 1, "a": ["z": true, "y": nil], "c": [1, "two", 3.5]]
    #expect(value.canonicalJSON == #"{"a":{"y":null,"z":true},"b":1,"c":[1,"two",3.5]}"#)
}

@Test func canonicalJSONIsIndependentOfInsertionOrder() {
    var first: [String: JSONValue] = [:]
    var second: [String: JSONValue] = [:]
    let keys = (0..<50).map { "key\($0)" }
    for key in keys { first[key] = .string(key) }
    for key in keys.reversed() { second[key] = .string(key) }
    #expect(JSONValue.object(first).canonicalJSONBytes == JSONValue.object(second).canonicalJSONBytes)
}

@Test func canonicalJSONSortsKeysByUTF8Bytes() {
    let value: JSONValue = ["é": 1, "z": 2, "Z": 3, "a": 4]
    #expect(value.canonicalJSON == #"{"Z":3,"a":4,"z":2,"é":1}"#)
}

@Test func canonicalJSONEscapesStrings() {
    let value = JSONValue.string("quote\" backslash\\ newline\n tab\t bell\u{07} ¶ &")
    #expect(value.canonicalJSON == #""quote\" backslash\\ newline\n tab\t bell\u0007 ¶ &""#)
}

@Test func nonFiniteNumbersBecomeNull() {
    #expect(JSONValue.array([.double(.infinity), .double(.nan)]).canonicalJSON == "[null,null]")
}

@Test func canonicalJSONIsParsedBackToTheSameValue() throws {
    let value: JSONValue = [
        "referenceId": "06SEOUL1789", "released": 64621, "ratio": 0.25, "whitespaceOnly": false,
        "tags": ["PREL", "KNNP"], "nested": ["empty": [], "none": nil],
    ]
    let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(value.canonicalJSONBytes))
    #expect(decoded == value)
    let reencoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    #expect(reencoded == value)
}

@Test func decodingKeepsIntegersBooleansAndDoublesApart() throws {
    let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(#"[1, true, 1.5, "1", null]"#.utf8))
    #expect(decoded == [.integer(1), .bool(true), .double(1.5), .string("1"), .null])
}

@Test func accessorsReadObjectMembers() {
    let value: JSONValue = ["origin": "Embassy Seoul", "released": 3, "tags": ["PREL"], "ok": true]
    #expect(value["origin"]?.stringValue == "Embassy Seoul")
    #expect(value["released"]?.integerValue == 3)
    #expect(value["tags"]?.arrayValue == ["PREL"])
    #expect(value["ok"]?.boolValue == true)
    #expect(value["missing"] == nil)
    #expect(JSONValue.string("x")["origin"] == nil)
    #expect(value.objectValue?.count == 4)
}
