import Foundation
import Testing

/// A full disk: the poll fails with a clear reason, the archive stays consistent, and once there is room again the
/// next poll completes the archive exactly.
@Suite(.serialized) struct DiskFullTests {
    @Test(.timeLimit(.minutes(5)))
    func aFullDiskFailsThePollCleanlyAndTheNextPollCompletesOnceThereIsRoom() async throws {
        let directory = NSTemporaryDirectory() + "cablewatch-diskfull-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/disk", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (simulator, baseURL) = try await ProcessHarness.startSimulator(
            ["--cables", "1500", "--seed", "5", "--builds", "2", "--build", "1"], directory: directory)
        defer { simulator.terminate() }
        let disk = directory + "/disk"
        let config = directory + "/cablewatch.yaml"
        try """
        source:
          url: \(baseURL)
        http:
          perHostDelay: 0s
        storage:
          path: \(disk)/archive.sqlite3
        events:
          log: \(disk)/events.jsonl
        webhooks: []
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let cablewatch = ProcessHarness.executable("cablewatch")
        // A 2 MiB tmpfs in a private mount namespace stands in for a full disk (room for the archive's schema, none
        // for 1,500 cables); it then grows to 256 MiB.
        let script = """
            set -u
            mount -t tmpfs -o size=2m tmpfs '\(disk)' || { echo "MOUNT-REFUSED: $?"; exit 0; }
            '\(cablewatch)' poll --config '\(config)' > '\(directory)/full.out' 2>&1; echo "FULL-POLL-STATUS $?"
            '\(cablewatch)' verify --config '\(config)' > '\(directory)/verify-full.out' 2>&1; echo "VERIFY-FULL-STATUS $?"
            mount -o remount,size=256m '\(disk)'
            '\(cablewatch)' poll --config '\(config)' > '\(directory)/room.out' 2>&1; echo "ROOM-POLL-STATUS $?"
            '\(cablewatch)' verify --config '\(config)' > '\(directory)/verify-room.out' 2>&1; echo "VERIFY-ROOM-STATUS $?"
            '\(cablewatch)' status --config '\(config)' --json > '\(directory)/status.json' 2>&1
            """
        let (unshareStatus, output) = try await ProcessHarness.runProgram(
            "/usr/bin/unshare", ["--mount", "--propagation", "private", "/bin/bash", "-c", script])
        #expect(!output.contains("MOUNT-REFUSED"), "this test needs a private mount namespace: \(output)")
        #expect(unshareStatus == 0, "unshare: \(output)")

        let full = try String(contentsOfFile: directory + "/full.out", encoding: .utf8)
        #expect(output.contains("FULL-POLL-STATUS 1"), "\(output)")
        #expect(full.contains("disk is full") || full.contains("No space left"), "\(full)")
        let verifyFull = try String(contentsOfFile: directory + "/verify-full.out", encoding: .utf8)
        #expect(output.contains("VERIFY-FULL-STATUS 0"), "\(verifyFull)")
        let room = try String(contentsOfFile: directory + "/room.out", encoding: .utf8)
        #expect(output.contains("ROOM-POLL-STATUS 0"), "\(room)")
        #expect(output.contains("VERIFY-ROOM-STATUS 0"))
        let status = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: directory + "/status.json")))
        let archive = (status as? [String: Any])?["archive"] as? [String: Any]
        #expect(archive?["cables"] as? Int == 1_500)
    }
}
