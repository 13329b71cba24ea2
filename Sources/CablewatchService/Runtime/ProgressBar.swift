import Foundation
import Synchronization

/// A one-line progress bar on stderr, redrawn at most ten times a second (`poll --progress`, the demo's baseline).
public final class ProgressBar: Sendable {
    private let lastDraw = Mutex<ContinuousClock.Instant?>(nil)

    public init() {}

    public func update(_ progress: SyncProgress) {
        let now = ContinuousClock.now
        let due = lastDraw.withLock { last -> Bool in
            if let last, now - last < .milliseconds(100) { return false }
            last = now
            return true
        }
        guard due else { return }
        let total = max(progress.released, 1)
        let fraction = min(1, Double(progress.archived) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\r[\(bar)] \(progress.archived)/\(progress.released) cables \(progress.phase)\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
    }

    public func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
