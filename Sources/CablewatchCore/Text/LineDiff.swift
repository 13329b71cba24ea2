/// A line-based diff between two texts (longest common subsequence), rendered as unified-diff hunks.
public enum LineDiff {
    /// One line of a diff.
    public enum Line: Sendable, Hashable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The edit script turning `old` into `new`. Texts past 4,000 lines each fall back to "all removed, all added"
    /// rather than spending quadratic memory.
    public static func lines(old: String, new: String) -> [Line] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix
            && a[a.count - 1 - suffix] == b[b.count - 1 - suffix]
        {
            suffix += 1
        }
        let midA = Array(a[prefix..<(a.count - suffix)])
        let midB = Array(b[prefix..<(b.count - suffix)])
        var script = a[..<prefix].map(Line.same)
        if midA.count > 4_000 || midB.count > 4_000 {
            script += midA.map(Line.removed) + midB.map(Line.added)
        } else {
            script += middle(midA, midB)
        }
        script += a[(a.count - suffix)...].map(Line.same)
        return script
    }

    private static func middle(_ a: [String], _ b: [String]) -> [Line] {
        let n = a.count
        let m = b.count
        var table = [Int](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i * (m + 1) + j] =
                    a[i] == b[j]
                    ? table[(i + 1) * (m + 1) + j + 1] + 1
                    : max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1])
            }
        }
        var script: [Line] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n && j < m && a[i] == b[j] {
                script.append(.same(a[i]))
                i += 1
                j += 1
            } else if i < n && (j == m || table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1]) {
                script.append(.removed(a[i]))
                i += 1
            } else {
                script.append(.added(b[j]))
                j += 1
            }
        }
        return script
    }

    /// Unified-diff text with `context` lines around each change; empty when the texts are equal.
    public static func unified(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 3)
        -> String
    {
        let script = lines(old: old, new: new)
        let changed = script.indices.filter {
            if case .same = script[$0] { return false }
            return true
        }
        guard !changed.isEmpty else { return "" }
        var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
        var hunkStart = 0
        while hunkStart < changed.count {
            var hunkEnd = hunkStart
            while hunkEnd + 1 < changed.count && changed[hunkEnd + 1] - changed[hunkEnd] <= 2 * context + 1 {
                hunkEnd += 1
            }
            let from = max(0, changed[hunkStart] - context)
            let to = min(script.count - 1, changed[hunkEnd] + context)
            var oldLine = 1
            var newLine = 1
            for line in script[..<from] {
                switch line {
                case .same: oldLine += 1; newLine += 1
                case .removed: oldLine += 1
                case .added: newLine += 1
                }
            }
            var oldCount = 0
            var newCount = 0
            var body = ""
            for line in script[from...to] {
                switch line {
                case .same(let text): body += " \(text)\n"; oldCount += 1; newCount += 1
                case .removed(let text): body += "-\(text)\n"; oldCount += 1
                case .added(let text): body += "+\(text)\n"; newCount += 1
                }
            }
            out += "@@ -\(oldLine),\(oldCount) +\(newLine),\(newCount) @@\n" + body
            hunkStart = hunkEnd + 1
        }
        return out
    }
}
