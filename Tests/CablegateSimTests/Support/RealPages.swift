import Foundation
import Testing

/// The real pages of the cablegate site (`../shared/real-pages` beside the package, or the folder
/// `CABLEWATCH_REAL_PAGES` names) that the simulator's markup is checked against. They are read where they are and
/// never copied into the project.
enum RealPages {
    static let directory: URL = {
        if let configured = ProcessInfo.processInfo.environment["CABLEWATCH_REAL_PAGES"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        // #filePath is PACKAGE/Tests/CablegateSimTests/Support/RealPages.swift.
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.appendingPathComponent("../shared/real-pages").standardizedFileURL
    }()

    /// Whether the folder is there; the tests that need it are skipped, visibly, otherwise.
    static let available = FileManager.default.fileExists(
        atPath: directory.appendingPathComponent("expected.json").path)

    static let skipReason: Comment = "SKIPPED: real pages not found at \(directory.path) (set CABLEWATCH_REAL_PAGES)"

    /// A page's text; `name` is relative to the folder (`cables/04DUBLIN1719.html`).
    static func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: directory.appendingPathComponent(name)), as: UTF8.self)
    }

    /// The extra real cable pages, as `cables/NAME.html`; empty when the folder is absent.
    static let cablePageNames: [String] = {
        let names = try? FileManager.default.contentsOfDirectory(
            atPath: directory.appendingPathComponent("cables").path)
        return (names ?? []).filter { $0.hasSuffix(".html") }.sorted().map { "cables/" + $0 }
    }()
}
