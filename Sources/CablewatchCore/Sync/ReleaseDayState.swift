/// How far the walk of one release day got: its pagination, its rows, and whether every page and cable was read.
public struct ReleaseDayState: Sendable, Hashable {
    public var key: String
    public var lastPage: Int
    public var rows: Int
    public var complete: Bool

    public init(key: String, lastPage: Int, rows: Int, complete: Bool) {
        self.key = key
        self.lastPage = lastPage
        self.rows = rows
        self.complete = complete
    }
}
