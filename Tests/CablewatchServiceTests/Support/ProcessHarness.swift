import Foundation

/// Runs the project's built executables (`cablewatch`, `cablegate-sim`) as real processes, for tests that need
/// signals, `kill -9` and restarts.
enum ProcessHarness {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Path of a built executable in the debug build folder.
    static func executable(_ name: String) -> String {
        packageRoot.appendingPathComponent(".build/debug/\(name)").path
    }

    /// Starts a process with stdout and stderr sent to files in `directory`.
    static func start(_ name: String, _ arguments: [String], directory: String, logName: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable(name))
        process.arguments = arguments
        let log = directory + "/\(logName).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Runs a built executable to completion and returns its exit status and combined output.
    static func run(_ name: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await runProgram(executable(name), arguments)
    }

    /// Runs any program to completion, off the cooperative pool, and returns its exit status and combined output.
    static func runProgram(_ path: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await offThePool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
    }

    /// Waits, off the cooperative pool, until a started process has exited.
    static func waitForExit(_ process: Process) async throws {
        try await offThePool { process.waitUntilExit() }
    }

    /// Sends `signal` and waits up to `limit` seconds for the exit, all on a thread of its own, so the time it
    /// returns is the process's and not a wait for the cooperative pool. Nil when the process is still running.
    static func signalAndTimeExit(_ process: Process, _ signal: Int32, limit: Double) async throws -> Double? {
        try await offThePool { () -> Double? in
            let started = Date()
            kill(process.processIdentifier, signal)
            while process.isRunning && Date().timeIntervalSince(started) < limit { usleep(10_000) }
            return process.isRunning ? nil : Date().timeIntervalSince(started)
        }
    }

    /// Starts `cablegate-sim serve` on a free port and waits until it listens. Returns the process and base URL.
    static func startSimulator(_ arguments: [String], directory: String) async throws -> (Process, String) {
        try await offThePool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable("cablegate-sim"))
            process.arguments = ["serve", "--port", "0"] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            var buffer = Data()
            while !buffer.contains(UInt8(ascii: "\n")) {
                let chunk = pipe.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
            }
            let line = String(decoding: buffer, as: UTF8.self)
            guard let range = line.range(of: "http://") else {
                process.terminate()
                throw HarnessError("cablegate-sim did not say where it listens: \(line)")
            }
            let url = String(line[range.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
            return (process, url)
        }
    }

    /// Fetches a URL with curl (an independent client) and returns the body.
    static func curl(_ url: String, method: String = "GET") async throws -> Data {
        try await offThePool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["-sf", "-X", method, url]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw HarnessError("curl \(url) failed") }
            return data
        }
    }

    /// Writes a cablewatch configuration for a simulated source and returns its path.
    static func writeConfiguration(
        directory: String, sourceURL: String, revalidate: String = "24h", webhooks: String = "webhooks: []",
        extra: String = "", storageURL: String? = nil
    ) throws -> String {
        let path = directory + "/cablewatch.yaml"
        let yaml = """
            source:
              url: \(sourceURL)
            poll:
              revalidate: \(revalidate)
            http:
              perHostDelay: 0s
              concurrency: 4
            storage:
              \(storageURL.map { "url: \($0)" } ?? "path: \(directory)/archive.sqlite3")
            events:
              log: \(directory)/events.jsonl
            \(webhooks)
            \(extra)
            """
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// A harness step failed.
struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
