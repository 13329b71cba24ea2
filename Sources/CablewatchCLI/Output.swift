import ArgumentParser
import Foundation

/// Writing results: JSON for scripts, aligned text for people, one-line errors on stderr.
enum Output {
    /// Prints a value as pretty, key-sorted JSON.
    static func json<Value: Encodable>(_ value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Prints one line to stderr.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("cablewatch: \(message)\n".utf8))
    }

    /// Runs a command body, turning failures into a one-line reason and an exit code.
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
            await CommandArchives.closeAll()
        } catch let failure as CommandFailure {
            await CommandArchives.closeAll()
            error(failure.description)
            throw ExitCode(failure.exitCode)
        } catch let exit as ExitCode {
            await CommandArchives.closeAll()
            throw exit
        } catch {
            await CommandArchives.closeAll()
            Output.error("\(error)")
            throw ExitCode(1)
        }
    }

    /// Pads `text` to `width` characters.
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
