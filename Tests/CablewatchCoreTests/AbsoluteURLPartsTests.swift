import Testing

@testable import CablewatchCore

/// How one URL splits: scheme, authority, path, query, or nil when it is not absolute.
private func split(_ url: String) -> [String?]? {
    AbsoluteURLParts(url).map { [$0.scheme, $0.authority, $0.path, $0.query] }
}

@Test func anAbsoluteURLSplitsIntoSchemeAuthorityPathAndQuery() {
    #expect(split("http://Example.ORG/a/b.html?q=1") == ["http", "Example.ORG", "/a/b.html", "q=1"])
    #expect(split("HTTPS://host") == ["https", "host", "/", nil])
    #expect(split("http://host?x=a/b") == ["http", "host", "/", "x=a/b"])
    #expect(split("http://host#frag/x?y") == ["http", "host", "/", nil])
    #expect(split("http://host/p?q#f?g") == ["http", "host", "/p", "q"])
    #expect(split("http://host/p??q") == ["http", "host", "/p", "?q"])
    #expect(split("http://host/?") == ["http", "host", "/", ""])
    #expect(split("http://") == ["http", "", "/", nil])
    #expect(split("http:///path") == ["http", "", "/path", nil])
    #expect(split("http://user@[::1]:8080/./../x") == ["http", "user@[::1]:8080", "/./../x", nil])
    #expect(split("x+y.z-w://a") == ["x+y.z-w", "a", "/", nil])
    #expect(split("h2://a") == ["h2", "a", "/", nil])
}

@Test func surroundingWhitespaceIsIgnoredAndInnerWhitespaceKept() {
    #expect(split(" \t\n\r\n\u{0B}\u{0C}http://a.org/x \n") == ["http", "a.org", "/x", nil])
    #expect(split("http://a b.org/x y") == ["http", "a b.org", "/x y", nil])
    #expect(split("\u{1F}http://a.org/") == nil)  // a control character is not whitespace
    #expect(split("http://a.org/\u{1F}") == ["http", "a.org", "/\u{1F}", nil])
}

@Test func textThatIsNotSchemeSlashSlashIsNotAbsolute() {
    for url in [
        "", " ", "/cable/x.html", "//host/x", "host:80", "http:/host", "http:host", ":", "://host", "1http://a",
        "+http://a", "ht_tp://a", "ht tp://a", "h%74tp://a", "mailto:x@y",
    ] {
        #expect(AbsoluteURLParts(url) == nil, "\(url.debugDescription)")
    }
}

@Test func theOriginIsTheLowerCasedHostAndTheExplicitOrDefaultPort() {
    func origin(_ url: String) -> String? { AbsoluteURLParts(url)?.origin?.description }
    #expect(origin("http://Example.ORG/x") == "http://example.org")
    #expect(origin("https://host") == "https://host")
    #expect(origin("http://host:80/") == "http://host")
    #expect(origin("http://host:443/") == "http://host:443")
    #expect(origin("https://host:443") == "https://host")
    #expect(origin("http://host:/") == "http://host")  // an empty port is the default
    #expect(origin("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080")
    #expect(origin("http://host:1") == "http://host:1")
    #expect(origin("http://host:65535") == "http://host:65535")
    #expect(origin("http://host:00080") == "http://host")
    #expect(origin("http://[::1]:8080/") == "http://[::1]:8080")
    #expect(origin("http://[::1]") == "http://[::1]")
    #expect(origin("http://[::1]:") == "http://[::1]")
    #expect(AbsoluteURLParts("http://host:8080")?.origin?.port == 8080)
    #expect(AbsoluteURLParts("https://host")?.origin?.port == 443)
}

@Test func anAuthorityThatIsNotAPlainHostAndPortHasNoOrigin() {
    for url in [
        "ftp://host/", "h2://host", "http://", "http:///x", "http://:80/", "http://user@host/", "http://a\\b/",
        "http://h%41st/", "http://a b/", "http://a\u{0B}b/", "http://host:0/", "http://host:65536/",
        "http://host:123456/", "http://host:8a/", "http://host:-1/", "http://host: 80/", "http://[::1/",
        "http://[::1]x/", "http://[::1]8080/", "http://a:b:c/x",
    ] {
        #expect(AbsoluteURLParts(url)?.origin == nil, "\(url.debugDescription)")
    }
}

@Test func nonASCIIURLsSplitTheSameWay() throws {
    let parts = try #require(AbsoluteURLParts(" https://exämple.org/ü?q=é#x\u{00A0}"))
    #expect(parts.scheme == "https" && parts.authority == "exämple.org" && parts.path == "/ü" && parts.query == "q=é")
    #expect(parts.origin?.host == "exämple.org")
    #expect(AbsoluteURLParts("http://ÉXAMPLE.org/")?.origin?.host == "éxample.org")
    #expect(AbsoluteURLParts("\u{00A0}http://a.org/") != nil)  // U+00A0 is whitespace: trimmed
    #expect(AbsoluteURLParts("http://a\u{00A0}b.org/")?.origin == nil)  // and not part of a host
}

/// RFC 3986 §5.2.4 on segments, written independently of `OriginPolicy` (which skips the work when there is none).
private func referenceRemovingDotSegments(_ path: String) -> String {
    var output: [Substring] = []
    var endsInDirectory = false
    for segment in path.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
        endsInDirectory = segment == "." || segment == ".."
        if segment == ".." { _ = output.popLast() } else if segment != "." { output.append(segment) }
    }
    let result = "/" + output.joined(separator: "/")
    return endsInDirectory && !result.hasSuffix("/") ? result + "/" : result
}

@Test func resolvedPathsLoseExactlyTheirDotSegments() throws {
    let policy = try #require(OriginPolicy(baseURL: "http://127.0.0.1:8080/"))
    var random = SplitMixRandom(state: 0x5E6)
    let segments = ["a", ".", "..", "...", ".a", "a.", "..a", "", "x.html", "%2E"]
    for _ in 0..<5_000 {
        var path = ""
        for _ in 0..<Int(random.next() % 7) { path += "/" + segments[Int(random.next() % UInt64(segments.count))] }
        if path.isEmpty { path = "/" }
        if path.hasPrefix("//") { continue }  // a network-path reference: another authority, not a path
        #expect(policy.resolve(path) == "http://127.0.0.1:8080" + referenceRemovingDotSegments(path), "\(path)")
    }
}
