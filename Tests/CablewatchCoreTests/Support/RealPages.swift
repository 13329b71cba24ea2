import Foundation
import Testing

/// The real pages of the cablegate site that the parser is checked against (`../shared/real-pages`, or the folder
/// `CABLEWATCH_REAL_PAGES` names). They are read where they are and never copied into the project.
enum RealPages {
    static let directory: URL = {
        if let configured = ProcessInfo.processInfo.environment["CABLEWATCH_REAL_PAGES"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/real-pages")
    }()

    /// Whether the folder and its `expected.json` are there; tests that need them are skipped, visibly, otherwise.
    static let available = FileManager.default.fileExists(
        atPath: directory.appendingPathComponent("expected.json").path)

    static let skipReason: Comment = "SKIPPED: no real pages at \(directory.path) (set CABLEWATCH_REAL_PAGES)"

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The names of the extra real cable pages in `cables/`.
    static func cablePageNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("cables").path)
            .filter { $0.hasSuffix(".html") }.sorted()
    }
}
