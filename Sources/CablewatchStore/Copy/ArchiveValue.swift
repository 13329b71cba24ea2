/// One column value of an archive row as the source backend stores it, for copying an archive to another backend
/// (`cablewatch migrate`). Text keeps every byte, a NUL included.
public enum ArchiveValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}
