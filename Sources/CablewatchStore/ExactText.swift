import Foundation
import GRDB

/// Text written and read with its length, so that a NUL inside a cable's text survives the round trip: GRDB binds
/// and reads a Swift `String` as a C string, which ends at the first NUL.
///
/// Write with `coalesce(CAST(? AS TEXT), '')` and `ExactText.bind(text)` (an empty blob binds as NULL); read a
/// column selected as `CAST(column AS BLOB) AS column` with `ExactText.read(row, "column")`.
enum ExactText {
    /// The SQL expression that stores one bound `ExactText.bind` value as TEXT.
    static let placeholder = "coalesce(CAST(? AS TEXT), '')"

    /// The text's UTF-8 bytes, bound as a blob of exactly that length.
    static func bind(_ text: String) -> Data { Data(text.utf8) }

    /// The text of a column selected as a blob (NULL and an empty blob both read as "").
    static func read(_ row: Row, _ column: String) -> String {
        let bytes: Data? = row[column]
        return String(decoding: bytes ?? Data(), as: UTF8.self)
    }
}
