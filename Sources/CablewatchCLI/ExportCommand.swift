import ArgumentParser
import CablewatchStore
import Foundation
import Synchronization

/// `cablewatch export`: every archived cable as JSON lines or CSV (cables.csv column order).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export every archived cable as jsonl or csv.")

    /// Export formats.
    enum Format: String, ExpressibleByArgument {
        case jsonl
        case csv
    }

    @OptionGroup var global: GlobalOptions
    @Option(help: "jsonl or csv.") var format: Format = .jsonl
    @Flag(help: "Include removed cables.") var includeRemoved = false

    func run() async throws {
        try await Output.run {
            let store = try await global.openArchiveReadOnly()
            let format = format
            let counter = ExportCounter()
            try await store.exportCables(includeRemoved: includeRemoved) { batch in
                var out = ""
                for cable in batch {
                    switch format {
                    case .jsonl: out += try ExportLine.json(cable) + "\n"
                    case .csv: out += ExportLine.csv(cable, id: counter.next()) + "\n"
                    }
                }
                FileHandle.standardOutput.write(Data(out.utf8))
            }
        }
    }
}

/// Numbers CSV rows 1, 2, 3… like the cables.csv dataset's first column.
final class ExportCounter: Sendable {
    private let value = Mutex(0)

    func next() -> Int {
        value.withLock {
            $0 += 1
            return $0
        }
    }
}

/// One exported cable as a JSON line or a CSV row.
enum ExportLine {
    static func json(_ cable: CableDetail) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(cable), as: UTF8.self)
    }

    /// id, created, reference id, origin, classification, references, header, body.
    static func csv(_ cable: CableDetail, id: Int) -> String {
        [
            String(id), cable.created, cable.referenceId, cable.origin, cable.classification, cable.reference ?? "",
            cable.header, cable.body,
        ].map(quote).joined(separator: ",")
    }

    static func quote(_ field: String) -> String {
        "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
