import Foundation
import GRDB

/// Text written and read with its length, so that a NUL inside a cable's text survives the round trip: GRDB binds
/// and reads a Swift `String` as a C string, which ends at the first NUL.
///
/// It binds as a blob of its UTF-8 bytes, which an insert stores as TEXT with `ExactText.placeholder` (a STRICT TEXT
/// column refuses a blob), and it reads from a column selected as a blob (`ExactText.selection`).
struct ExactText: Hashable, Sendable, Decodable, DatabaseValueConvertible {
    /// The SQL expression that stores one bound `ExactText` as TEXT (an empty blob binds as NULL).
    static let placeholder = "coalesce(CAST(? AS TEXT), '')"

    var string: String

    init(_ string: String) { self.string = string }

    init(from decoder: any Decoder) throws {
        string = try decoder.singleValueContainer().decode(String.self)
    }

    /// Selects `column` as a blob under its own name, for an `ExactText` property.
    static func selection(_ column: Column) -> any SQLSelectable { cast(column, as: .blob).forKey(column.name) }

    /// The text's UTF-8 bytes, bound as a blob of exactly that length.
    var databaseValue: DatabaseValue { Data(string.utf8).databaseValue }

    /// The text of a column selected as a blob (NULL and an empty blob both read as "").
    static func fromDatabaseValue(_ value: DatabaseValue) -> ExactText? {
        switch value.storage {
        case .blob(let bytes): ExactText(String(decoding: bytes, as: UTF8.self))
        case .string(let text): ExactText(text)
        case .null: ExactText("")
        case .int64, .double: nil
        }
    }
}
