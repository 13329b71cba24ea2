/// The text of a cable page's `<pre>` blocks: newlines as `&#x000A;`, `¶` anchors before numbered paragraphs, tag
/// links on the TAGS line, nothing else escaped (DESIGN.md §2.1).
enum PreBlockText {
    static func render(_ text: String, linkTags: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        var taggedLine = false
        var first = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { result += "&#x000A;" }
            first = false
            if linkTags && !taggedLine && (line.hasPrefix("TAGS: ") || line.hasPrefix("TAGS ")) {
                taggedLine = true
                result += tagLine(line)
            } else if linkTags && CableEditor.startsParagraph(String(line)) {
                let number = line.prefix(while: { $0.isNumber })
                result += "<a id='par\(number)' href='#par\(number)'>¶</a>"
                result += line
            } else {
                result += line
            }
        }
        return result
    }

    /// The block text up to the first encoded newline after its middle (never inside an entity or a tag).
    static func firstHalf(of block: String) -> String {
        let middle = block.index(block.startIndex, offsetBy: block.count / 2)
        guard let cut = block.range(of: "&#x000A;", range: middle..<block.endIndex) else {
            return String(block[..<middle])
        }
        return String(block[..<cut.lowerBound])
    }

    private static func tagLine(_ line: Substring) -> String {
        let prefixLength = line.hasPrefix("TAGS: ") ? 6 : 5
        var result = String(line.prefix(prefixLength))
        let tokens = line.dropFirst(prefixLength).split(separator: " ", omittingEmptySubsequences: false)
        var linked: [String] = []
        for token in tokens {
            let comma = token.hasSuffix(",")
            let tag = comma ? token.dropLast() : token
            if tag.isEmpty || !tag.allSatisfy({ $0.isLetter || $0.isNumber }) {
                linked.append(String(token))
            } else {
                linked.append("<a href='/tag/\(tag)_0.html'>\(tag)</a>" + (comma ? "," : ""))
            }
        }
        result += linked.joined(separator: " ")
        return result
    }
}
