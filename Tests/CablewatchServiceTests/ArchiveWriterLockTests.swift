import Foundation
import Testing

@testable import CablewatchService

/// One writer per archive: the lock itself, then real `cablewatch run` and `poll` processes against one archive.
@Suite(.serialized) struct ArchiveWriterLockTests {
    @Test func aSecondLockOnTheSameArchiveIsRefusedWithTheHoldersPid() throws {
        let directory = NSTemporaryDirectory() + "cablewatch-lock-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let archive = directory + "/state/archive.sqlite3"
        let first = try ArchiveWriterLock(archivePath: archive)
        #expect(
            try String(contentsOfFile: archive + ".lock", encoding: .utf8) == "\(getpid())\n",
            "the lock file beside the archive holds the writer's pid")
        do throws(ArchiveWriterLockError) {
            _ = try ArchiveWriterLock(archivePath: archive)
            Issue.record("a second writer got the lock")
        } catch {
            #expect(error.kind == .held(pid: getpid()))
            #expect(error.description == "another cablewatch (pid \(getpid())) is writing \(archive)")
        }
        first.release()
        let second = try ArchiveWriterLock(archivePath: archive)
        second.release()
    }

    @Test(.timeLimit(.minutes(2)))
    func aSecondRunAndAPollExitAtOnceWhileReadCommandsKeepWorking() async throws {
        let rig = try await DaemonProcessTests.Rig(
            simulatorArguments: ["--cables", "200", "--seed", "31", "--builds", "4", "--build", "1"])
        let config = try rig.writeConfiguration(poll: "  interval: 300ms\n  jitter: 0\n")
        try rig.start(config: config)
        try rig.notify.wait(for: "the first daemon's first poll") { DaemonProcessTests.isPollStatus($0) }
        let pid = try #require(rig.daemon).processIdentifier
        let archive = rig.directory + "/archive.sqlite3"
        let refusal = "cablewatch: another cablewatch (pid \(pid)) is writing \(archive)\n"

        let secondRun = try await ProcessHarness.run("cablewatch", ["run", "--config", config])
        #expect(secondRun.status == 75, "\(secondRun.output)")
        #expect(secondRun.output == refusal)
        let poll = try await ProcessHarness.run("cablewatch", ["poll", "--config", config])
        #expect(poll.status == 75, "\(poll.output)")
        #expect(poll.output == refusal)

        // Readers never take the lock.
        for command in [["status", "--json"], ["list", "--limit", "3"], ["events"], ["verify"]] {
            let read = try await ProcessHarness.run(
                "cablewatch", [command[0], "--config", config] + command.dropFirst())
            #expect(read.status == 0, "\(command[0]) during run: \(read.output)")
        }

        // A release while the first daemon runs: its events are written to the log once each, in order.
        _ = try await ProcessHarness.curl(rig.baseURL + "/_sim/advance", method: "POST")
        let before = rig.notify.messages.count
        try rig.notify.wait(for: "a poll after the release", from: before) { DaemonProcessTests.isPollStatus($0) }
        let (exitStatus, _) = try await rig.stop()
        #expect(exitStatus == 0, "\(rig.log)")

        let seqs = try Self.loggedSeqs(rig.directory + "/events.jsonl")
        #expect(!seqs.isEmpty)
        #expect(seqs == Array(1...Int64(seqs.count)), "each event once, in order: \(seqs)")

        // The lock went with the daemon: the next writer gets it.
        let after = try await ProcessHarness.run("cablewatch", ["poll", "--config", config])
        #expect(after.status == 0, "\(after.output)")
    }

    /// The `seq` of every line of an event log, in file order.
    static func loggedSeqs(_ path: String) throws -> [Int64] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return Int64(try #require(object?["seq"] as? Int))
        }
    }
}
