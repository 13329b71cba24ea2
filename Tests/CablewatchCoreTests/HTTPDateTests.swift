import CablewatchCore
import Foundation
import Testing

private let start = Date(timeIntervalSince1970: 1_700_000_000)

@Suite struct HTTPDateTests {
    @Test func httpDateFormsAllParse() {
        let expected: Int64 = 784_111_777
        #expect(HTTPDate.epochSeconds(from: "Sun, 06 Nov 1994 08:49:37 GMT") == expected)
        #expect(HTTPDate.epochSeconds(from: "Sunday, 06-Nov-94 08:49:37 GMT") == expected)
        #expect(HTTPDate.epochSeconds(from: "Sun Nov  6 08:49:37 1994") == expected)
        #expect(HTTPDate.epochSeconds(from: "Sun, 28 Nov 2010 18:00:00 GMT") == 1_290_967_200)
        #expect(HTTPDate.epochSeconds(from: "soon") == nil)
        #expect(HTTPDate.epochSeconds(from: "Mon, 29 Feb 2010 00:00:00 GMT") == nil, "2010 is no leap year")
        #expect(HTTPDate.epochSeconds(from: "Mon, 29 Feb 2016 00:00:00 GMT") == 1_456_704_000)
    }

    @Test func retryAfterReadsSecondsOrADate() {
        let now: Int64 = 784_111_777
        #expect(RetryAfterHeader.seconds(from: "120", nowEpochSeconds: now) == 120)
        #expect(RetryAfterHeader.seconds(from: " 7 ", nowEpochSeconds: now) == 7)
        #expect(RetryAfterHeader.seconds(from: "Sun, 06 Nov 1994 08:50:37 GMT", nowEpochSeconds: now) == 60)
        #expect(RetryAfterHeader.seconds(from: "Sun, 06 Nov 1994 08:00:00 GMT", nowEpochSeconds: now) == 0)
        #expect(RetryAfterHeader.seconds(from: "-5", nowEpochSeconds: now) == nil)
        #expect(RetryAfterHeader.seconds(from: nil, nowEpochSeconds: now) == nil)
    }

    @Test func retryAfterHeaderReadsSecondsAndHTTPDates() {
        #expect(RetryAfterHeader.delay(from: "120", now: start) == .seconds(120))
        #expect(RetryAfterHeader.delay(from: " 7 ", now: start) == .seconds(7))
        #expect(RetryAfterHeader.delay(from: nil, now: start) == nil)
        #expect(RetryAfterHeader.delay(from: "soon", now: start) == nil)
        // 1_700_000_000 is Tue, 14 Nov 2023 22:13:20 GMT.
        #expect(RetryAfterHeader.delay(from: "Tue, 14 Nov 2023 22:14:20 GMT", now: start) == .seconds(60))
        #expect(RetryAfterHeader.delay(from: "Tue, 14 Nov 2023 22:00:00 GMT", now: start) == .seconds(0))
    }
}
