import CablewatchCore
import CablewatchStore
import Foundation
import Testing

@testable import CablewatchService

/// An `events.jsonl` that does not end with the archive's events (a restored older archive, another archive's
/// log): `run` and `poll` move it aside and write it again from the archive; `verify` reports it.
@Suite(.serialized) struct EventLogDivergenceTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let stamp = "20231114T221320Z"

    /// A scratch archive with `events` committed and an event log written from it.
    final class Fixture {
        let directory: String
        let store: ArchiveStore
        let log: String
        let entries = RecordingLogHandler.Entries()

        init(events: Int) async throws {
            directory = NSTemporaryDirectory() + "cablewatch-divergence-\(UUID().uuidString.prefix(8))"
            store = try ArchiveStore(path: directory + "/archive.sqlite3")
            log = directory + "/events.jsonl"
            var changes = ArchiveChanges()
            changes.events = (0..<events).map {
                PendingEvent(
                    .releaseProgress,
                    ReleaseProgressData(released: $0 + 1, total: 99, previousReleased: $0, previousTotal: 99))
            }
            try await store.commit(changes, at: EventLogDivergenceTests.now, source: "test")
            try await open().catchUp()
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        func open() async throws -> EventLogPump {
            try await EventLogPump.open(
                path: log, store: store, logger: RecordingLogHandler.logger(into: entries),
                now: EventLogDivergenceTests.now)
        }

        var lines: [String] {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        func archivedLines() async throws -> [String] {
            try await store.events(afterSeq: 0).map(\.json)
        }
    }

    @Test func aLogThatEndsWithTheArchivesEventsIsKept() async throws {
        let fixture = try await Fixture(events: 5)
        let before = fixture.lines
        #expect(before == (try await fixture.archivedLines()))
        #expect(try await fixture.open().catchUp() == 0)
        #expect(fixture.lines == before)
        #expect(fixture.entries.all.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.log + ".diverged-\(Self.stamp)"))
    }

    @Test func aLogAheadOfTheArchiveIsMovedAsideAndRewritten() async throws {
        let fixture = try await Fixture(events: 5)
        let ahead = fixture.lines + [#"{"data":{},"id":"evt_x","seq":6,"type":"release.progress"}"#]
        try (ahead.joined(separator: "\n") + "\n").write(toFile: fixture.log, atomically: true, encoding: .utf8)

        let pump = try await fixture.open()
        let aside = fixture.log + ".diverged-\(Self.stamp)"
        #expect(try String(contentsOfFile: aside, encoding: .utf8) == ahead.joined(separator: "\n") + "\n")
        #expect(try await pump.catchUp() == 5)
        #expect(fixture.lines == (try await fixture.archivedLines()))
        let warning = try #require(fixture.entries.all.first)
        #expect(warning.level == .warning)
        #expect(warning.message == "event log does not match the archive: moved aside, rewriting it from the archive")
        #expect(warning.metadata["moved_to"] == aside)
        #expect(
            warning.metadata["problem"] == "event log \(fixture.log) ends at event 6, past the archive's last event 5")
    }

    @Test func aLogWhoseLastLineIsAnotherEventIsMovedAsideAndTheNextNameIsFree() async throws {
        let fixture = try await Fixture(events: 4)
        var other = fixture.lines
        other[3] = other[3].replacingOccurrences(of: "\"released\":4", with: "\"released\":40")
        try (other.joined(separator: "\n") + "\n").write(toFile: fixture.log, atomically: true, encoding: .utf8)
        try Data().write(to: URL(fileURLWithPath: fixture.log + ".diverged-\(Self.stamp)"))

        let pump = try await fixture.open()
        let aside = fixture.log + ".diverged-\(Self.stamp)-2"
        #expect(try String(contentsOfFile: aside, encoding: .utf8) == other.joined(separator: "\n") + "\n")
        try await pump.catchUp()
        #expect(fixture.lines == (try await fixture.archivedLines()))
        #expect(
            fixture.entries.all.first?.metadata["problem"]
                == "event log \(fixture.log): its last line, event 4, is not the archive's event 4")
    }

    @Test(.timeLimit(.minutes(2)))
    func aRestoredOlderArchiveBesideANewerLogIsReportedThenRewritten() async throws {
        let directory = NSTemporaryDirectory() + "cablewatch-restore-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (simulator, baseURL) = try await ProcessHarness.startSimulator(
            ["--cables", "150", "--seed", "17", "--builds", "4", "--build", "1"], directory: directory)
        defer { simulator.terminate() }
        let config = try ProcessHarness.writeConfiguration(directory: directory, sourceURL: baseURL, revalidate: "0s")
        let archive = directory + "/archive.sqlite3"
        let files = FileManager.default
        #expect(try await ProcessHarness.run("cablewatch", ["poll", "--config", config]).status == 0)
        for suffix in ["", "-wal"] where files.fileExists(atPath: archive + suffix) {
            try files.copyItem(atPath: archive + suffix, toPath: directory + "/backup" + suffix)
        }
        let older = try await EventsFollowTests.lastSeq(config)
        _ = try await ProcessHarness.curl(baseURL + "/_sim/advance", method: "POST")
        #expect(try await ProcessHarness.run("cablewatch", ["poll", "--config", config]).status == 0)
        let newer = try await EventsFollowTests.lastSeq(config)
        #expect(newer > older)

        // Restore the older copy: the log now runs past the archive.
        for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: archive + suffix) }
        for suffix in ["", "-wal"] where files.fileExists(atPath: directory + "/backup" + suffix) {
            try files.copyItem(atPath: directory + "/backup" + suffix, toPath: archive + suffix)
        }
        let verify = try await ProcessHarness.run("cablewatch", ["verify", "--config", config])
        #expect(verify.status == 1)
        #expect(
            verify.output.contains(
                "problem: event log \(directory)/events.jsonl ends at event \(newer), past the archive's last event \(older)"
            ),
            "\(verify.output)")

        let poll = try await ProcessHarness.run("cablewatch", ["poll", "--config", config])
        #expect(poll.status == 0, "\(poll.output)")
        #expect(
            poll.output.contains("event log does not match the archive: moved aside, rewriting it from the archive"))
        let aside = try files.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("events.jsonl.diverged-") }
        #expect(aside.count == 1)
        let moved = try ArchiveWriterLockTests.loggedSeqs(directory + "/" + (aside.first ?? ""))
        #expect(moved == Array(1...Int64(newer)), "the diverged log is kept whole")
        let rewritten = try ArchiveWriterLockTests.loggedSeqs(directory + "/events.jsonl")
        #expect(rewritten == Array(1...Int64(try await EventsFollowTests.lastSeq(config))))
        let clean = try await ProcessHarness.run("cablewatch", ["verify", "--config", config])
        #expect(clean.status == 0, "\(clean.output)")

        // The last events deleted by hand: the chain that is left still links up, the recorded head does not.
        let last = try await EventsFollowTests.lastSeq(config)
        let deleted = try await ProcessHarness.runProgram(
            "/usr/bin/sqlite3", [archive, "PRAGMA foreign_keys = OFF; DELETE FROM event WHERE seq > \(last - 3);"])
        #expect(deleted.status == 0, "\(deleted.output)")
        let truncated = try await ProcessHarness.run("cablewatch", ["verify", "--config", config])
        #expect(truncated.status == 1)
        #expect(
            truncated.output.contains(
                "problem: event chain: ends at event \(last - 3), but the archive recorded event \(last) as its last: "
                    + "events \(last - 2)…\(last) are missing"), "\(truncated.output)")
        #expect(
            truncated.output.contains(
                "problem: event log \(directory)/events.jsonl ends at event \(last), past the archive's last event "
                    + "\(last - 3)"))
    }
}
