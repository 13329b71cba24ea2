import Foundation
import Synchronization

/// Reads a child process's output pipe on a thread of its own as it arrives, and keeps what came so far: a test
/// sees each line when the child writes it, not when the child exits.
final class PipeCollector: Sendable {
    private let received = Mutex(Data())
    private let ended = Mutex(false)

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                received.withLock { $0.append(chunk) }
            }
            ended.withLock { $0 = true }
        }
        thread.name = "test-pipe-collector"
        thread.start()
    }

    /// Everything read so far.
    var text: String { received.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Whether the writer closed the pipe (it exited).
    var isAtEnd: Bool { ended.withLock { $0 } }

    /// Complete lines read so far.
    var lines: [Substring] {
        let text = text
        guard let end = text.lastIndex(of: "\n") else { return [] }
        return text[..<end].split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Waits until `predicate` holds for the complete lines read so far; throws after `seconds`.
    func wait(for description: String, seconds: Double = 60, _ predicate: ([Substring]) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !predicate(lines) {
            guard Date() < deadline else {
                throw HarnessError("no \(description) within \(Int(seconds)) s; read so far: \(text.suffix(500))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
