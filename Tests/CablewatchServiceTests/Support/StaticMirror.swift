import Foundation

/// A folder served over HTTP on 127.0.0.1 by `static_mirror.py`, like a static mirror of the real site, with a record
/// of every request (`status path`). The server exits when the mirror is stopped.
final class StaticMirror: @unchecked Sendable {
    let root: String
    let baseURL: String
    private let recordPath: String
    private let process = Process()
    private let input = Pipe()

    init(root: String) throws {
        self.root = root
        recordPath = root + ".requests"
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("static_mirror.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.path, root, recordPath]
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw HarnessError("static mirror did not start: \(line)")
        }
        baseURL = "http://127.0.0.1:\(port)"
    }

    /// Every request so far, in order: (status, path).
    func requests() -> [(status: Int, path: String)] {
        let text = (try? String(contentsOfFile: recordPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let status = Int(parts[0]) else { return nil }
            return (status, String(parts[1]))
        }
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: recordPath)
    }
}
