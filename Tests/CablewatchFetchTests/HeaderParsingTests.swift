import Testing

@testable import CablewatchFetch

@Suite struct HeaderParsingTests {
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
        #expect(RetryAfter.seconds(from: "120", nowEpochSeconds: now) == 120)
        #expect(RetryAfter.seconds(from: " 7 ", nowEpochSeconds: now) == 7)
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 08:50:37 GMT", nowEpochSeconds: now) == 60)
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 08:00:00 GMT", nowEpochSeconds: now) == 0)
        #expect(RetryAfter.seconds(from: "-5", nowEpochSeconds: now) == nil)
        #expect(RetryAfter.seconds(from: nil, nowEpochSeconds: now) == nil)
    }

    @Test func cacheControlMaxAgeIsRead() {
        #expect(CacheControl.maxAge(from: "public, max-age=300") == 300)
        #expect(CacheControl.maxAge(from: "Max-Age=\"60\", must-revalidate") == 60)
        #expect(CacheControl.maxAge(from: "no-store") == nil)
        #expect(CacheControl.maxAge(from: nil) == nil)
    }
}
