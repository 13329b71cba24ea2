import Testing

@testable import CablewatchCore

/// Pieces of URLs, valid and not: schemes, authorities with ports, user-info, IPv6 and stray bytes, paths with dot
/// segments, queries, fragments and whitespace, so that the generator reaches every branch of both split paths.
private let urlPieces: [String] = [
    "http", "HTTPS", "ftp", "h2", "x+y.z-w", "1http", ":", "://", "//", "/", "?", "#", "@", "%", "\\", "[", "]",
    "[::1]", "[::1]:8080", "127.0.0.1", "Example.ORG", "host", ":80", ":0", ":65535", ":65536", ":123456", ":8a",
    ":", "user@", ".", "..", "./", "../", "/./", "/../", "...", "a", "cable", "2006", "06SEOUL1789.html", "q=1",
    "x=a/b", " ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{1F}",
]

/// `count` strings built from `urlPieces`, half of them starting like an absolute URL.
private func generatedURLs(count: Int, seed: UInt64) -> [String] {
    var random = SplitMixRandom(state: seed)
    var urls: [String] = []
    for index in 0..<count {
        var text = ""
        // Every other one starts like a real URL, so the later branches are reached often.
        if index % 2 == 0 { text = ["http://", "https://", "HTTP://", "//", " http://"][Int(random.next() % 5)] }
        for _ in 0..<Int(random.next() % 12) { text += urlPieces[Int(random.next() % UInt64(urlPieces.count))] }
        urls.append(text)
    }
    return urls
}

@Test func theByteSplitOfAnASCIIURLIsTheCharacterSplit() {
    for url in generatedURLs(count: 20_000, seed: 0x0DD) {
        var copy = url
        let bytePath = copy.withUTF8 { AbsoluteURLParts(asciiBytes: $0) }
        let characterPath = AbsoluteURLParts(characters: url)
        #expect(bytePath == characterPath, "\(url.debugDescription)")
        if let bytePath, let characterPath, ["http", "https"].contains(bytePath.scheme) {
            #expect(bytePath.origin == characterPath.characterOrigin(defaultPort: defaultPort(characterPath.scheme)))
        }
    }
}

private func defaultPort(_ scheme: String) -> Int { scheme == "https" ? 443 : 80 }

@Test func nonASCIIURLsTakeTheCharacterPath() throws {
    let parts = try #require(AbsoluteURLParts(" https://exämple.org/ü?q=é#x\u{00A0}"))
    #expect(parts.scheme == "https" && parts.authority == "exämple.org" && parts.path == "/ü" && parts.query == "q=é")
    #expect(parts.origin?.host == "exämple.org")
    #expect(AbsoluteURLParts("\u{00A0}http://a.org/") != nil)  // U+00A0 is whitespace: trimmed
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
