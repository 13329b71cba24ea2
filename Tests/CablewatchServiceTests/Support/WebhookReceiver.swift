import Foundation

/// The Python webhook receiver (`webhook_receiver.py`), which verifies every signature with the reference
/// `standardwebhooks` package. One process per test; it exits when the test drops it.
final class WebhookReceiver: @unchecked Sendable {
    /// The receiver's port on 127.0.0.1.
    let port: Int
    let recordPath: String
    private let process = Process()
    private let input = Pipe()

    /// The interpreter: `$WEBHOOK_TEST_PYTHON`, else `.venv/bin/python3` at the package root.
    static var python: String {
        if let configured = ProcessInfo.processInfo.environment["WEBHOOK_TEST_PYTHON"], !configured.isEmpty {
            return configured
        }
        return packageRoot.appendingPathComponent(".venv/bin/python3").path
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Starts a receiver; `singleThreaded` serves one keep-alive connection at a time (see the script).
    init(secret: String, singleThreaded: Bool = false) throws {
        let python = Self.python
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw WebhookReceiverError.noPython(
                "\(python) not found: run scripts/test.sh, or create the venv with `python3 -m venv .venv && "
                    + ".venv/bin/pip install standardwebhooks`, or set WEBHOOK_TEST_PYTHON")
        }
        recordPath = NSTemporaryDirectory() + "cablewatch-receiver-\(UUID().uuidString).jsonl"
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("webhook_receiver.py")
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments =
            [script.path, "--record", recordPath, "--secret", secret] + (singleThreaded ? ["--single-threaded"] : [])
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var line = [UInt8]()
        while !line.contains(UInt8(ascii: "\n")) {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            line.append(contentsOf: data)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw WebhookReceiverError.didNotStart(message)
        }
        self.port = port
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: recordPath)
    }

    /// A webhook URL on this receiver; `query` picks its behaviour (see the script).
    func url(_ path: String, _ query: String = "") -> String {
        "http://127.0.0.1:\(port)\(path)" + (query.isEmpty ? "" : "?" + query)
    }

    /// Every request received so far, in arrival order.
    func requests() throws -> [ReceivedRequest] {
        guard let text = try? String(contentsOfFile: recordPath, encoding: .utf8) else { return [] }
        // A line still being written (no newline yet) is left for the next read.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()
        return try lines.map { try JSONDecoder().decode(ReceivedRequest.self, from: Data($0.utf8)) }
    }

    /// Requests to `path`.
    func requests(to path: String) throws -> [ReceivedRequest] {
        try requests().filter { $0.path == path }
    }
}

/// One recorded request.
struct ReceivedRequest: Decodable {
    var path: String
    var number: Int
    var headers: [String: String]
    var body: String
    var verified: Bool
    var error: String?
    var status: Int
    var received: Double

    var webhookID: String { headers["webhook-id"] ?? "" }
    var webhookTimestamp: String { headers["webhook-timestamp"] ?? "" }
    var signature: String { headers["webhook-signature"] ?? "" }

    /// The body as JSON.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
    }

    var seq: Int { json["seq"] as? Int ?? -1 }
}

/// Why the receiver could not be used; tests fail on it (never skip).
enum WebhookReceiverError: Error, CustomStringConvertible {
    case noPython(String)
    case didNotStart(String)

    var description: String {
        switch self {
        case .noPython(let message): "no Python for the webhook receiver: \(message)"
        case .didNotStart(let message): "the webhook receiver did not start: \(message)"
        }
    }
}

extension [ReceivedRequest] {
    /// The requests whose signature the reference library rejected.
    var unverified: [ReceivedRequest] { filter { !$0.verified } }
}
