import CablewatchCore
import Testing

/// The words search matches, as FTS5's `unicode61` tokenizer reads them: runs of letters and numbers, lowercased,
/// without diacritics.
@Suite struct SearchWordsTests {
    @Test func asciiTextSplitsOnEverythingButLettersAndDigits() {
        #expect(
            SearchWords.words(in: "1. (C) DS/DSS met e-mail O'Brien at 07/27/2004, 10:30Z.")
                == ["1", "c", "ds", "dss", "met", "e", "mail", "o", "brien", "at", "07", "27", "2004", "10", "30z"])
        #expect(SearchWords.words(in: "") == [])
        #expect(SearchWords.words(in: " \n\t.,;-- ") == [])
        #expect(SearchWords.words(in: "NATO") == ["nato"])
        #expect(SearchWords.words(in: "a\u{0}b") == ["a", "b"], "a NUL separates words")
    }

    @Test func otherLettersAreLowercasedWithoutTheirDiacritics() {
        #expect(SearchWords.words(in: "CAFÉ Ærø naïve Zürich") == ["cafe", "ærø", "naive", "zurich"])
        #expect(SearchWords.words(in: "ΑΘΗΝΑ Москва") == ["αθηνα", "москва"])
        // A decomposed accent is a mark inside the word, and goes with it.
        #expect(SearchWords.words(in: "Cafe\u{301} ok") == ["cafe", "ok"])
        #expect(SearchWords.words(in: "北京市 会谈") == ["北京市", "会谈"])
        #expect(SearchWords.words(in: "“quoted” — dash…end") == ["quoted", "dash", "end"])
        #expect(SearchWords.words(in: "x²") == ["x²"], "numbers other than digits belong to the word")
    }

    @Test func wordsAreTheSameWhereverTheTextIsCut() {
        // Generated texts: the words of a text are the words of its parts when it is cut at a separator.
        var random = SplitMixRandom(state: 7)
        let pieces = ["NATO", "café", "DS/DSS", "07/27", "Ærø", " ", "\n", "...", "e-mail", "北京", "x"]
        for _ in 0..<200 {
            let parts = (0..<6).map { _ in
                (0..<Int(random.next() % 5)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            }
            let whole = SearchWords.words(in: parts.joined(separator: " "))
            #expect(whole == parts.flatMap { SearchWords.words(in: $0) }, "\(parts)")
            #expect(whole.allSatisfy { !$0.isEmpty && $0 == $0.lowercased() })
        }
    }
}
