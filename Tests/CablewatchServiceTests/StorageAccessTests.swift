import Foundation
import Testing

/// A storage path the system refuses, with real processes: the error names the path and says "read-only" or
/// "permission denied" instead of SQLite's bare code. Tests run as root here, where permission bits stop nobody,
/// so the refused process runs as `nobody` (setpriv) and the read-only file system is a read-only bind mount in a
/// private mount namespace (unshare); StorageAccessMessageTests covers the wording wherever neither is possible.
@Suite(.serialized) struct StorageAccessTests {
    /// A polled archive in `DIR/state/`, the event log outside it.
    final class Archive {
        let directory: String
        let state: String
        let archive: String
        let config: String
        let simulator: Process

        init() async throws {
            directory = NSTemporaryDirectory() + "cablewatch-access-\(UUID().uuidString.prefix(8))"
            state = directory + "/state"
            archive = state + "/archive.sqlite3"
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
            let baseURL: String
            (simulator, baseURL) = try await ProcessHarness.startSimulator(
                ["--cables", "60", "--seed", "41", "--builds", "2", "--build", "1"], directory: directory)
            config = directory + "/cablewatch.yaml"
            try """
            source:
              url: \(baseURL)
            http:
              perHostDelay: 0s
            storage:
              path: \(archive)
            events:
              log: \(directory)/events.jsonl
            """.write(toFile: config, atomically: true, encoding: .utf8)
            let poll = try await ProcessHarness.run("cablewatch", ["poll", "--config", config])
            guard poll.status == 0 else { throw HarnessError("poll failed: \(poll.output)") }
        }

        deinit {
            simulator.terminate()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aReadOnlyFileSystemIsNamedByTheWriterAndTheReaders() async throws {
        guard geteuid() == 0 else {
            try Test.cancel("a read-only bind mount needs root; StorageAccessMessageTests covers the wording")
        }
        let probe = try await ProcessHarness.runProgram(
            "/usr/bin/unshare", ["--mount", "--propagation", "private", "/bin/true"])
        guard probe.status == 0 else {
            try Test.cancel("no private mount namespace here (\(probe.output)); StorageAccessMessageTests covers it")
        }
        let fixture = try await Archive()
        /// Runs `cablewatch ARGS` with `DIR/state` bound read-only over itself, in a namespace of its own.
        func readOnly(_ arguments: [String]) async throws -> (status: Int32, output: String) {
            try await ProcessHarness.runProgram(
                "/usr/bin/unshare",
                [
                    "--mount", "--propagation", "private", "/bin/sh", "-c",
                    "mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\" && shift && exec \"$@\"", "sh",
                    fixture.state, ProcessHarness.executable("cablewatch"),
                ] + arguments)
        }

        let poll = try await readOnly(["poll", "--config", fixture.config])
        #expect(poll.status == 1)
        #expect(
            poll.output
                == "cablewatch: cannot lock the archive \(fixture.archive) for writing: \(fixture.archive).lock is "
                + "read-only (read-only file system)\n")
        let list = try await readOnly(["list", "--config", fixture.config])
        #expect(list.status == 1)
        #expect(
            list.output.hasPrefix("cablewatch: cannot open archive \(fixture.archive): \(fixture.state)"),
            "\(list.output)")
        #expect(list.output.hasSuffix(" is read-only (read-only file system)\n"), "\(list.output)")
        #expect(!list.output.contains("SQLite error"))
    }

    @Test(.timeLimit(.minutes(2)))
    func permissionDeniedIsNamedWithThePathAndTheUser() async throws {
        let fixture = try await Archive()
        // As root, the refused process is `nobody`; as anyone else, the permission bits refuse the test's own user.
        let asUser: [String] =
            geteuid() == 0 ? ["/usr/bin/setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"] : []
        let uid = geteuid() == 0 ? 65534 : geteuid()
        func cablewatch(_ arguments: String...) async throws -> (status: Int32, output: String) {
            let program = asUser.first ?? ProcessHarness.executable("cablewatch")
            let rest = asUser.dropFirst() + (asUser.isEmpty ? [] : [ProcessHarness.executable("cablewatch")])
            return try await ProcessHarness.runProgram(program, rest + arguments)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: fixture.archive + ".lock")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: fixture.archive)

        let poll = try await cablewatch("poll", "--config", fixture.config)
        #expect(poll.status == 1)
        #expect(
            poll.output
                == "cablewatch: cannot lock the archive \(fixture.archive) for writing: permission denied on "
                + "\(fixture.archive).lock (for uid \(uid))\n")
        let list = try await cablewatch("list", "--config", fixture.config)
        #expect(list.status == 1)
        #expect(
            list.output
                == "cablewatch: cannot open archive \(fixture.archive): permission denied on \(fixture.archive) "
                + "(for uid \(uid))\n")

        // Past the lock, the archive itself refuses the writer: SQLite's code 14 comes out as the same reason.
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: fixture.archive + ".lock")
        let writer = try await cablewatch("poll", "--config", fixture.config)
        #expect(writer.status == 1)
        #expect(
            writer.output
                == "cablewatch: cannot open archive \(fixture.archive): permission denied on \(fixture.archive) "
                + "(for uid \(uid))\n")
    }
}
