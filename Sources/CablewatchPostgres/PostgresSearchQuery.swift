import CablewatchCore
import Foundation

/// A `cablewatch search` query as a `tsquery`, read as `websearch_to_tsquery` reads one (words, "a phrase", OR,
/// -word; any text is accepted) but with cablewatch's own words (`SearchWords`), the ones the search vectors hold
/// (`PostgresSearchVector`). A bare token of several words ("e-mail") is a phrase of them, as in PostgreSQL.
enum PostgresSearchQuery {
    /// The `tsquery` text of `query`; nil when it holds no word to look for.
    static func tsquery(_ query: String) -> String? {
        var rendered = ""
        var joiner = " & "
        var negated = false
        for token in tokens(of: query) {
            switch token {
            case .or:
                if !rendered.isEmpty { joiner = " | " }
            case .not:
                negated = true
            case .words(let words):
                let operand = operand(words)
                defer { negated = false }
                guard let operand else { continue }
                if !rendered.isEmpty { rendered += joiner }
                rendered += negated ? "!" + operand : operand
                joiner = " & "
            }
        }
        return rendered.isEmpty ? nil : rendered
    }

    private enum Token: Equatable {
        case words([String])
        case or
        case not
    }

    /// The query's tokens: a quoted phrase (to the next quote, or the end) is one `words`; elsewhere each run of
    /// non-space characters is one, except `or` in any case, and a leading `-`, which negates the token after it.
    private static func tokens(of query: String) -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(query)
        while let start = rest.firstIndex(where: { !$0.isWhitespace }) {
            rest = rest[start...]
            if rest.first == "\"" {
                let phrase = rest.dropFirst()
                let end = phrase.firstIndex(of: "\"") ?? phrase.endIndex
                tokens.append(.words(SearchWords.words(in: String(phrase[..<end]))))
                rest = end == phrase.endIndex ? phrase[end...] : phrase[phrase.index(after: end)...]
                continue
            }
            if rest.first == "-", rest.dropFirst().first.map({ !$0.isWhitespace }) == true {
                tokens.append(.not)
                rest = rest.dropFirst()
                continue
            }
            let end = rest.firstIndex(where: { $0.isWhitespace || $0 == "\"" }) ?? rest.endIndex
            let text = rest[..<end]
            tokens.append(text.lowercased() == "or" ? .or : .words(SearchWords.words(in: String(text))))
            rest = rest[end...]
        }
        return tokens
    }

    /// One word, or a parenthesised phrase of several; nil for none. A word too long for a `tsquery` is left out,
    /// as the vectors leave it out, and the words around it keep their distance (`<2>`).
    private static func operand(_ words: [String]) -> String? {
        var rendered = ""
        var count = 0
        var distance = 1
        for word in words {
            guard word.utf8.count <= PostgresSearchVector.maximumWordBytes else {
                if count > 0 { distance += 1 }
                continue
            }
            if count > 0 { rendered += distance == 1 ? " <-> " : " <\(distance)> " }
            rendered += quoted(word)
            count += 1
            distance = 1
        }
        switch count {
        case 0: return nil
        case 1: return rendered
        default: return "(" + rendered + ")"
        }
    }

    /// `word` as a quoted `tsquery` lexeme.
    private static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }
}
