/// Applies a `CableEdit` to a body text, deterministically; every edit really changes the text.
enum CableEditor {
    static let redaction = "XXXXXXXXXXXX"

    static func apply(
        _ edit: CableEdit, to body: String, seed: UInt64, cableIndex: Int, classification: SimClassification
    ) -> String {
        var random = SimRandom(
            seed: seed, stream: SimRandomStream.edit.rawValue,
            index: UInt64(cableIndex) << 16 | UInt64(edit.ordinal & 0xFFFF))
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch edit.kind {
        case .whitespace: whitespaceEdit(&lines, &random)
        case .reRedaction: redact(&lines, &random)
        case .textSwap: swapParagraph(&lines, &random, classification: classification)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Line ranges of numbered paragraphs (a line starting `N. ` up to the next empty line).
    static func paragraphRanges(_ lines: [String]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index < lines.count {
            if startsParagraph(lines[index]) {
                var end = index + 1
                while end < lines.count && !lines[end].isEmpty && !startsParagraph(lines[end]) { end += 1 }
                ranges.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        return ranges
    }

    static func startsParagraph(_ line: String) -> Bool {
        var sawDigit = false
        for character in line {
            if character.isASCII && character.isNumber {
                sawDigit = true
            } else {
                return sawDigit && character == "."
            }
        }
        return false
    }

    private static func whitespaceEdit(_ lines: inout [String], _ random: inout SimRandom) {
        let original = lines
        let variant = random.int(below: 3)
        if variant == 0 {
            lines = lines.map { line in
                var trimmed = line
                while trimmed.hasSuffix(" ") { trimmed.removeLast() }
                return trimmed
            }
        } else if variant == 1 {
            rewrap(&lines, &random)
        }
        if lines == original {
            rewrap(&lines, &random)
        }
        if lines == original {
            let candidates = lines.indices.filter { !lines[$0].isEmpty }
            let target = candidates.isEmpty ? 0 : random.pick(candidates)
            if lines.isEmpty { lines = [" "] } else { lines[target] += " " }
        }
    }

    private static func rewrap(_ lines: inout [String], _ random: inout SimRandom) {
        let ranges = paragraphRanges(lines).filter { $0.count >= 2 }
        guard !ranges.isEmpty else { return }
        let range = random.pick(ranges)
        let words = lines[range].joined(separator: " ").split(separator: " ").map(String.init)
        let currentWidth = lines[range].map(\.utf8.count).max() ?? 70
        var width = currentWidth + random.int(in: 4...12) * (random.chance(0.5) ? 1 : -1)
        width = max(40, min(100, width))
        if width == currentWidth { width += 7 }
        lines.replaceSubrange(range, with: ParagraphWriter.wrap(words, width: width))
    }

    private static func redact(_ lines: inout [String], _ random: inout SimRandom) {
        let ranges = paragraphRanges(lines)
        let searchRanges = ranges.isEmpty ? [0..<lines.count] : [random.pick(ranges)] + ranges
        for range in searchRanges {
            var candidates: [(line: Int, word: Int)] = []
            for lineIndex in range {
                let words = lines[lineIndex].split(separator: " ", omittingEmptySubsequences: false)
                for (wordIndex, word) in words.enumerated() where wordIndex >= 2 || lineIndex != range.lowerBound {
                    if word.count >= 4 && word.allSatisfy({ $0.isLetter }) && word != Substring(redaction) {
                        candidates.append((lineIndex, wordIndex))
                    }
                }
            }
            guard !candidates.isEmpty else { continue }
            for _ in 0..<random.int(in: 1...3) {
                let choice = random.pick(candidates)
                var words = lines[choice.line].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                words[choice.word] = redaction
                lines[choice.line] = words.joined(separator: " ")
            }
            return
        }
        lines.append(redaction)
    }

    private static func swapParagraph(
        _ lines: inout [String], _ random: inout SimRandom, classification: SimClassification
    ) {
        let ranges = paragraphRanges(lines)
        guard !ranges.isEmpty else {
            lines.append(redaction + " " + String(random.next()))
            return
        }
        let range = random.pick(ranges)
        let number = Int(lines[range.lowerBound].prefix(while: { $0.isNumber })) ?? 1
        let width = lines[range].map(\.utf8.count).max() ?? 70
        let upperCase = !lines[range].joined().contains(where: { $0.isLowercase })
        var replacement: [String]
        repeat {
            replacement = ParagraphWriter.paragraph(
                number: number, marking: random.pick(classification.paragraphMarkings), random: &random,
                width: max(40, width), upperCase: upperCase, first: false)
        } while replacement == Array(lines[range])
        lines.replaceSubrange(range, with: replacement)
    }
}
