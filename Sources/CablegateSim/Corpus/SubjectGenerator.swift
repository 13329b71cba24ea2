/// Builds a cable's upper-case SUBJECT, wrapped over two lines when long (first line sometimes ends in a space).
enum SubjectGenerator {
    static func lines(seed: UInt64, index: Int) -> [String] {
        var random = SimRandom(seed: seed, .subject, index)
        let wordCount = random.int(in: 3...16)
        var words: [String] = []
        for position in 0..<wordCount {
            if random.chance(0.15) {
                words.append(random.pick(SimVocabulary.properNouns).uppercased())
            } else if random.chance(0.02) && position > 0 {
                words.append("&")
            } else {
                words.append(random.pick(SimVocabulary.commonWords).uppercased())
            }
        }
        if random.chance(0.3), let last = words.popLast() { words.append(last + ",") }
        let full = words.joined(separator: " ")
        guard full.count > 58 else { return [full] }
        var first = ""
        var rest: [String] = []
        for word in words {
            if rest.isEmpty && first.count + word.count + 1 <= 58 {
                first += first.isEmpty ? word : " " + word
            } else {
                rest.append(word)
            }
        }
        if rest.isEmpty { return [first] }
        if random.chance(0.4) { first += " " }
        return [first, rest.joined(separator: " ")]
    }
}
