/// A readable line diff for failure messages: `- ` lines only in the expected text, `+ ` lines only in the actual
/// one, with a few unchanged lines of context around each change.
enum LineDiff {
    static func render(expected: [String], actual: [String], context: Int = 3) -> String {
        // Longest common subsequence table, from the ends.
        let rows = expected.count
        let columns = actual.count
        var common = Array(repeating: Array(repeating: 0, count: columns + 1), count: rows + 1)
        for row in stride(from: rows - 1, through: 0, by: -1) {
            for column in stride(from: columns - 1, through: 0, by: -1) {
                common[row][column] =
                    expected[row] == actual[column]
                    ? common[row + 1][column + 1] + 1 : max(common[row + 1][column], common[row][column + 1])
            }
        }
        var lines: [(marker: String, text: String)] = []
        var row = 0
        var column = 0
        while row < rows || column < columns {
            if row < rows, column < columns, expected[row] == actual[column] {
                lines.append(("  ", expected[row]))
                row += 1
                column += 1
            } else if column < columns, row == rows || common[row][column + 1] >= common[row + 1][column] {
                lines.append(("+ ", actual[column]))
                column += 1
            } else {
                lines.append(("- ", expected[row]))
                row += 1
            }
        }
        let changed = lines.indices.filter { lines[$0].marker != "  " }
        var shown: [String] = []
        var lastShown = -1
        for position in lines.indices
        where changed.contains(where: { abs($0 - position) <= context }) {
            if lastShown >= 0, position > lastShown + 1 { shown.append("…") }
            shown.append(lines[position].marker + lines[position].text)
            lastShown = position
        }
        return shown.joined(separator: "\n")
    }
}
