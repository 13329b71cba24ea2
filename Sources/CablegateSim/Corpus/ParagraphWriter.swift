/// Generates one numbered paragraph (`N. (C) text`) wrapped at a given width; also used by text-swap edits.
enum ParagraphWriter {
    static func paragraph(
        number: Int, marking: String, random: inout SimRandom, width: Int, upperCase: Bool, first: Bool
    ) -> [String] {
        var words: [String] = ["\(number).", marking]
        if first { words.append(upperCase ? "SUMMARY:" : "Summary:") }
        let targetWords = random.int(in: 35...160)
        while words.count < targetWords {
            let sentenceLength = random.int(in: 8...24)
            for position in 0..<sentenceLength {
                var word: String
                let roll = random.unit()
                if roll < 0.06 {
                    word = random.pick(upperCase ? SimVocabulary.properNounsUpper : SimVocabulary.properNouns)
                } else if roll < 0.064 {
                    word = "XXXXXXXXXXXX"
                } else if roll < 0.068 {
                    word = random.pick(SimVocabulary.rawAmpersandTokens)
                } else if roll < 0.0685 {
                    word = random.pick(["<br>", "</table>"])
                } else if upperCase {
                    word = random.pick(SimVocabulary.commonWordsUpper)
                } else if position == 0 {
                    word = random.pick(SimVocabulary.commonWordsCapitalized)
                } else {
                    word = random.pick(SimVocabulary.commonWords)
                }
                if position == sentenceLength - 1 { word += random.chance(0.1) ? "," : "." }
                words.append(word)
            }
        }
        if first { words.append(upperCase ? "END SUMMARY." : "End Summary.") }
        return wrap(words, width: width)
    }

    static func wrap(_ words: [String], width: Int) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(width + 32)
        for word in words {
            let length = word.utf8.count
            if current.isEmpty {
                current.append(contentsOf: word.utf8)
            } else if current.count + 1 + length <= width {
                current.append(UInt8(ascii: " "))
                current.append(contentsOf: word.utf8)
            } else {
                lines.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                current.append(contentsOf: word.utf8)
            }
        }
        if !current.isEmpty { lines.append(String(decoding: current, as: UTF8.self)) }
        return lines
    }
}
