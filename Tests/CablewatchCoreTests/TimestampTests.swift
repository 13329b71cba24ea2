import CablewatchCore
import Foundation
import Testing

/// `Timestamp` formats and parses by arithmetic; Foundation's ISO 8601 formatter is the oracle it is checked against.
@Suite struct TimestampTests {
    /// Foundation's formatter, as `Timestamp` used before: UTC, milliseconds.
    private static func oracleString(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    @Test func formatsKnownInstants() {
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 1_303_948_803.123)) == "2011-04-28T00:00:03.123Z")
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 253_402_300_799.999)) == "9999-12-31T23:59:59.999Z")
    }

    @Test func agreesWithFoundationOnGeneratedMillisecondInstants() {
        var random = SplitMixRandom(state: 7)
        // Whole milliseconds from 1900 to 2200, where the oracle and we both print exactly.
        for _ in 0..<20_000 {
            let millis = Int64.random(in: -2_208_988_800_000...7_258_118_400_000, using: &random)
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            let text = Timestamp.string(from: date)
            #expect(text == Self.oracleString(date), "\(millis) ms")
            #expect(Timestamp.date(from: text).map { Timestamp.string(from: $0) } == text, "round trip of \(text)")
        }
    }

    @Test func parsesWhatFoundationParsesToTheSameInstant() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for text in [
            "2011-04-28T00:00:03.123Z", "2011-04-28T00:00:03.1Z",
            "1999-12-31T23:59:59.999+01:00", "2011-04-28T05:30:00.000+05:30", "2011-04-27T20:00:00.500-04:00",
        ] {
            let ours = try #require(Timestamp.date(from: text), "\(text)")
            let theirs = try #require(formatter.date(from: text), "\(text)")
            #expect(abs(ours.timeIntervalSince1970 - theirs.timeIntervalSince1970) < 0.000_001, "\(text)")
        }
        // Foundation keeps milliseconds only; we keep what is written.
        let micros = try #require(Timestamp.date(from: "2011-04-28T00:00:03.123456Z"))
        #expect(abs(micros.timeIntervalSince1970 - 1_303_948_803.123_456) < 0.000_001)
        let whole = try #require(Timestamp.date(from: "2011-04-28T00:00:03Z"))
        #expect(whole.timeIntervalSince1970 == 1_303_948_803)
    }

    @Test func rejectsEverythingElse() {
        for text in [
            "", "2011-04-28", "2011-04-28T00:00:03", "2011-04-28 00:00:03Z", "2011-4-28T00:00:03Z",
            "2011-04-28T00:00:03.Z", "2011-04-28T00:00:03.1234567890Z", "2011-04-28T00:00:03.123Zjunk",
            "2011-13-01T00:00:00Z", "2011-00-01T00:00:00Z", "2011-02-29T00:00:00Z", "2011-04-31T00:00:00Z",
            "2011-04-28T24:00:00Z", "2011-04-28T00:60:00Z", "2011-04-28T00:00:60Z", "2011-04-28T00:00:03+0100",
            "2011-04-28T00:00:03+24:00", "２０１１-04-28T00:00:03Z", "2011-04-28T00:00:0xZ",
        ] {
            #expect(Timestamp.date(from: text) == nil, "\(text)")
        }
        #expect(Timestamp.date(from: "2012-02-29T00:00:00Z") != nil, "a leap day")
        #expect(Timestamp.date(from: "2000-02-29T00:00:00Z") != nil, "a 400-year leap day")
        #expect(Timestamp.date(from: "1900-02-29T00:00:00Z") == nil, "a century that is not a leap year")
    }

    @Test func stringsSortLikeTheirInstants() {
        var random = SplitMixRandom(state: 11)
        let dates = (0..<2_000).map { _ in
            Date(timeIntervalSince1970: Double(Int64.random(in: 0...4_102_444_800_000, using: &random)) / 1000)
        }
        let byDate = dates.sorted().map(Timestamp.string(from:))
        #expect(byDate == byDate.sorted())
    }
}
