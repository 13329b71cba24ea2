import Testing

@testable import CablewatchFetch

@Suite struct HeaderParsingTests {
    @Test func cacheControlMaxAgeIsRead() {
        #expect(CacheControl.maxAge(from: "public, max-age=300") == 300)
        #expect(CacheControl.maxAge(from: "Max-Age=\"60\", must-revalidate") == 60)
        #expect(CacheControl.maxAge(from: "no-store") == nil)
        #expect(CacheControl.maxAge(from: nil) == nil)
    }
}
