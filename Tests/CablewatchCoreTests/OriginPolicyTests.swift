import CablewatchCore
import Testing

@Suite struct OriginPolicyTests {
    let policy = OriginPolicy(baseURL: "https://cablegate.example.org/")

    @Test func baseURLMustBeAbsoluteHTTP() {
        #expect(OriginPolicy(baseURL: "ftp://example.org/") == nil)
        #expect(OriginPolicy(baseURL: "/cablegate.html") == nil)
        #expect(OriginPolicy(baseURL: "https://") == nil)
        #expect(OriginPolicy(baseURL: "http://127.0.0.1:8080")?.baseURL == "http://127.0.0.1:8080/")
    }

    @Test func allowsOnlySameSchemeHostAndPort() throws {
        let policy = try #require(policy)
        #expect(policy.allows("https://cablegate.example.org/cable/2006/05/06SEOUL1789.html"))
        #expect(policy.allows("HTTPS://CableGate.Example.org:443/index.html"))
        #expect(policy.allows("https://cablegate.example.org"))
        #expect(!policy.allows("http://cablegate.example.org/index.html"))
        #expect(!policy.allows("https://cablegate.example.org:8443/index.html"))
        #expect(!policy.allows("https://mirror.example.org/index.html"))
        #expect(!policy.allows("https://cablegate.example.org.evil.net/"))
        #expect(!policy.allows("https://cablegate.example.org@evil.net/"))
        #expect(!policy.allows("ftp://cablegate.example.org/"))
        #expect(!policy.allows("/cable/2006/05/X.html"))
    }

    @Test func comparesExplicitAndDefaultPorts() throws {
        let local = try #require(OriginPolicy(baseURL: "http://127.0.0.1:8080/"))
        #expect(local.allows("http://127.0.0.1:8080/x"))
        #expect(!local.allows("http://127.0.0.1/x"))
        #expect(!local.allows("http://localhost:8080/x"))
        let ipv6 = try #require(OriginPolicy(baseURL: "http://[::1]:9000/"))
        #expect(ipv6.allows("http://[::1]:9000/reldate/2010-11-28_0.html"))
        #expect(!ipv6.allows("http://[::2]:9000/"))
    }

    @Test func resolvesSiteRelativeLinksAgainstTheBase() throws {
        let policy = try #require(policy)
        #expect(
            policy.resolve("/cable/2006/05/06SEOUL1789.html")
                == "https://cablegate.example.org/cable/2006/05/06SEOUL1789.html")
        #expect(
            policy.resolve(" /reldate/2010-11-28_0.html#top ")
                == "https://cablegate.example.org/reldate/2010-11-28_0.html")
        #expect(policy.resolve("/tag/PREL_0.html?x=1") == "https://cablegate.example.org/tag/PREL_0.html?x=1")
        #expect(policy.resolve("/a/../b/./c.html") == "https://cablegate.example.org/b/c.html")
        #expect(policy.resolve("/../../etc/passwd") == "https://cablegate.example.org/etc/passwd")
    }

    @Test func resolvesDocumentRelativeLinksAgainstThePage() throws {
        let policy = try #require(policy)
        let page = "https://cablegate.example.org/cable/2006/05/06SEOUL1789.html"
        #expect(
            policy.resolve("06SEOUL1790.html", relativeTo: page)
                == "https://cablegate.example.org/cable/2006/05/06SEOUL1790.html")
        #expect(
            policy.resolve("../../2007/01/07X.html", relativeTo: page)
                == "https://cablegate.example.org/cable/2007/01/07X.html")
        #expect(policy.resolve("#par2", relativeTo: page) == page)
        #expect(policy.resolve("index.html") == "https://cablegate.example.org/index.html")
    }

    @Test func rejectsOffOriginAndOtherSchemes() throws {
        let policy = try #require(policy)
        #expect(policy.resolve("https://evil.example.net/cable/x.html") == nil)
        #expect(policy.resolve("//evil.example.net/cable/x.html") == nil)
        #expect(policy.resolve("http://cablegate.example.org/index.html") == nil)
        #expect(policy.resolve("mailto:press@example.org") == nil)
        #expect(policy.resolve("javascript:alert(1)") == nil)
        #expect(
            policy.resolve("//cablegate.example.org/index.html") == "https://cablegate.example.org/index.html")
        #expect(
            policy.resolve("https://cablegate.example.org/x.html") == "https://cablegate.example.org/x.html")
    }
}

@Suite struct FetchErrorTests {
    @Test func describesTheFailureInOneLine() {
        #expect(
            FetchError(.timeout(after: .seconds(30)), url: "http://127.0.0.1:8080/x").description
                == "GET http://127.0.0.1:8080/x: timed out after 30s")
        #expect(
            FetchError(.timeout(after: .milliseconds(250)), url: "http://h/x").description
                == "GET http://h/x: timed out after 250ms")
        #expect(
            FetchError(.httpStatus(503, retryAfterSeconds: 120), method: "POST", url: "http://h/hook").description
                == "POST http://h/hook: HTTP 503, retry after 120s")
        #expect(
            FetchError(.connectionFailed, url: "http://h/", detail: "Connection refused").description
                == "GET http://h/: connection failed (Connection refused)")
        #expect(!FetchError(.truncatedBody, url: "u").description.contains("\n"))
    }
}
