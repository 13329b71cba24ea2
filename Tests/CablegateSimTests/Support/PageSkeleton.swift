/// The skeleton of an HTML page: its tags as a tree with their `class` and `id` attributes, text removed, ids
/// normalised (digits → `N`, a trailing `_SUFFIX` → `_*`), tags inside `<pre>` ignored, and runs of identical
/// consecutive sibling subtrees collapsed to one. Two pages with equal skeletons have the same structure.
struct PageSkeleton: Equatable, CustomStringConvertible {
    /// One line per element, indented two spaces per level (the root `html` at level 0).
    let lines: [String]

    init(html: String) {
        let root = Node(label: "")
        var stack = [root]
        for token in Self.tokens(Array(html.utf8)) {
            switch token {
            case .close(let name):
                if let position = stack.indices.dropFirst().last(where: { stack[$0].name == name }) {
                    stack.removeSubrange(position...)
                }
            case .open(let label, let name):
                let node = Node(label: label)
                stack[stack.count - 1].children.append(node)
                if !Self.voidElements.contains(name) { stack.append(node) }
            }
        }
        lines = Node.collapsed(root.children, depth: 0)
    }

    var description: String { lines.joined(separator: "\n") }

    static let voidElements: Set<String> = ["br", "meta", "link", "img", "input", "hr"]

    /// An element of the tree, with its label (`div.pane.small`, `div#help_*`).
    private final class Node {
        let label: String
        var children: [Node] = []

        init(label: String) { self.label = label }

        var name: String { String(label.prefix { $0 != "." && $0 != "#" }) }

        /// This subtree's lines at `depth`.
        func rendered(depth: Int) -> [String] {
            [String(repeating: "  ", count: depth) + label] + Self.collapsed(children, depth: depth + 1)
        }

        /// The lines of `nodes` at `depth`, a subtree left out where it repeats its previous sibling's.
        static func collapsed(_ nodes: [Node], depth: Int) -> [String] {
            var lines: [String] = []
            var previous: [String] = []
            for node in nodes {
                let subtree = node.rendered(depth: depth)
                if subtree == previous { continue }
                lines += subtree
                previous = subtree
            }
            return lines
        }
    }

    /// An opening tag with its label and name, or a closing tag.
    private enum Token {
        case open(label: String, name: String)
        case close(name: String)
    }

    /// Every `<name …>` and `</name>` with a name of letters and digits starting with a letter; what a `<pre>` holds
    /// is skipped up to its `</pre>`.
    private static func tokens(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var position = 0
        while let open = bytes[position...].firstIndex(of: UInt8(ascii: "<")) {
            position = open + 1
            var cursor = open + 1
            let closing = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "/")
            if closing { cursor += 1 }
            guard cursor < bytes.count, isLetter(bytes[cursor]) else { continue }
            let nameStart = cursor
            while cursor < bytes.count, isLetter(bytes[cursor]) || isDigit(bytes[cursor]) { cursor += 1 }
            guard let end = bytes[cursor...].firstIndex(of: UInt8(ascii: ">")) else { continue }
            let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
            position = end + 1
            if closing {
                tokens.append(.close(name: name))
                continue
            }
            let attributes = String(decoding: bytes[cursor..<end], as: UTF8.self)
            var label = name
            if let classes = attribute("class", in: attributes, wordBoundary: false) {
                label +=
                    "."
                    + classes.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
                    .joined(separator: ".")
            }
            if let id = attribute("id", in: attributes, wordBoundary: true) { label += "#" + normalisedId(id) }
            tokens.append(.open(label: label, name: name))
            if name == "pre" {
                let closePre = Array("</pre>".utf8)
                var search = position
                while search + closePre.count <= bytes.count,
                    !bytes[search..<(search + closePre.count)].elementsEqual(closePre)
                {
                    search += 1
                }
                position = min(search, bytes.count)
            }
        }
        return tokens
    }

    /// The value of the first `NAME='…'` or `NAME="…"` in `attributes` (after a non-word character with
    /// `wordBoundary`).
    private static func attribute(_ name: String, in attributes: String, wordBoundary: Bool) -> String? {
        var rest = attributes[...]
        while let found = rest.range(of: name + "=") {
            let before =
                found.lowerBound > attributes.startIndex ? attributes[attributes.index(before: found.lowerBound)] : " "
            let valueStart = found.upperBound
            rest = attributes[found.upperBound...]
            guard !wordBoundary || !(before.isLetter || before.isNumber || before == "_"),
                valueStart < attributes.endIndex, attributes[valueStart] == "'" || attributes[valueStart] == "\""
            else { continue }
            let inner = attributes[attributes.index(after: valueStart)...]
            guard let close = inner.firstIndex(where: { $0 == "'" || $0 == "\"" }) else { return nil }
            return String(inner[..<close])
        }
        return nil
    }

    /// `rdate_201011` → `rdate_*`, `help_1` → `help_*`, `by_A` → `by_*`, `browse` → `browse`.
    static func normalisedId(_ id: String) -> String {
        var digitsReplaced = ""
        var inDigits = false
        for character in id {
            if character.isASCII, character.isNumber {
                if !inDigits { digitsReplaced.append("N") }
                inDigits = true
            } else {
                digitsReplaced.append(character)
                inDigits = false
            }
        }
        guard let underscore = digitsReplaced.lastIndex(of: "_") else { return digitsReplaced }
        let suffix = digitsReplaced[digitsReplaced.index(after: underscore)...]
        guard !suffix.isEmpty, suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return digitsReplaced
        }
        return digitsReplaced[..<underscore] + "_*"
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
