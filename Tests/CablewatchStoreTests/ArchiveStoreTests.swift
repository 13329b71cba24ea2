import CablewatchCore
import Crypto
import Foundation
import GRDB
import Testing

@testable import CablewatchStore

/// A temporary archive file, removed when the test ends.
struct TemporaryArchive {
    let directory: String
    let store: ArchiveStore

    init() throws {
        directory = NSTemporaryDirectory() + "cablewatch-store-\(UUID().uuidString)"
        store = try ArchiveStore(path: directory + "/archive.sqlite3")
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

func sha256(_ text: String) -> String {
    SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
}

func makeCable(_ referenceId: String, body: String, released: String = "2011-04-28 00:00") -> CablePage {
    let header = "VZCZCXYZ0008\nO 260810Z MAY 06"
    let squeezed = (header + "\n\n" + body).split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    return CablePage(
        referenceId: referenceId, created: "2006-05-26 08:10", released: released,
        classification: "CONFIDENTIAL", origin: "Embassy Seoul", headline: "TEST SUBJECT", articles: [],
        header: header, body: body, isPartialExtract: false,
        fields: CableTextFields(tags: ["PREL", "KS"], subject: "TEST SUBJECT"),
        hashes: ContentHashes(
            contentSHA256: sha256(header + "\n\n" + body), whitespaceInsensitiveSHA256: sha256(squeezed),
            rawSHA256: sha256("raw " + body)))
}

@Test func commitStoresCableRevisionAndChainedEventsAtomically() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    var changes = ArchiveChanges()
    let cable = makeCable("06SEOUL1789", body: "1. (C) Hello NATO.")
    changes.cables = [
        CableWrite(
            kind: .insert, page: cable, url: "http://x/cable/2006/05/06SEOUL1789.html", listedReleased: "2011-04-28",
            readded: false)
    ]
    changes.events = [PendingEvent(.cableAdded, CableAddedData(cable: cable, url: "http://x", readded: false))]
    let committed = try await archive.store.commit(changes, at: Date(timeIntervalSince1970: 1_300_000_000), source: "s")
    #expect(committed.map(\.seq) == [1])
    #expect(
        try await archive.store.searchIndexBacklog() == 1,
        "a commit of less than a batch leaves its text to the cycle's catch-up")
    var second = ArchiveChanges()
    second.events = [
        PendingEvent(
            .releaseProgress, ReleaseProgressData(released: 2, total: 9, previousReleased: 1, previousTotal: 9))
    ]
    let more = try await archive.store.commit(second, at: Date(), source: "s")
    #expect(more.map(\.seq) == [2])
    #expect(more[0].id != committed[0].id)

    let states = try await archive.store.cableStates(["06SEOUL1789", "NOPE"])
    #expect(states.count == 1)
    #expect(states["06SEOUL1789"]?.contentSHA256 == cable.hashes.contentSHA256)
    let report = try await archive.store.verify(hash: sha256)
    #expect(report.isClean, "\(report.problems)")
    #expect(report.eventsChecked == 2)
    #expect(report.revisionsChecked == 1)
    #expect(try await archive.store.search("NATO").isEmpty, "not indexed before the catch-up")
    #expect(try await archive.store.catchUpSearchIndex() == 1)
    #expect(try await archive.store.searchIndexBacklog() == 0)
    let hits = try await archive.store.search("NATO")
    #expect(hits.map(\.referenceId) == ["06SEOUL1789"])
}

@Test func aFailingWriteRollsBackTheWholeStepIncludingItsEvents() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    var changes = ArchiveChanges()
    let cable = makeCable("06SEOUL1789", body: "text")
    // A touch of a cable the archive does not hold violates an invariant and must abort the transaction.
    changes.cables = [
        CableWrite(kind: .touch, page: cable, url: "u", listedReleased: nil, readded: false)
    ]
    changes.events = [PendingEvent(.cableAdded, CableAddedData(cable: cable, url: "u", readded: false))]
    changes.syncState = ["k": "v"]
    await #expect(throws: StoreError.self) {
        try await archive.store.commit(changes, at: Date(), source: "s")
    }
    #expect(try await archive.store.events(afterSeq: 0).isEmpty)
    #expect(try await archive.store.syncValues().isEmpty)
}

@Test func verifyDetectsATamperedRevisionAndABrokenChain() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    var changes = ArchiveChanges()
    let cable = makeCable("09STATE100153", body: "original")
    changes.cables = [
        CableWrite(kind: .insert, page: cable, url: "u", listedReleased: nil, readded: false)
    ]
    changes.events = [
        PendingEvent(.cableAdded, CableAddedData(cable: cable, url: "u", readded: false)),
        PendingEvent(.syncBaseline, SyncBaselineData(cables: 1, released: 1, total: 1)),
    ]
    try await archive.store.commit(changes, at: Date(), source: "s")
    try await archive.store.write("tamper") { db in
        try db.execute(sql: "UPDATE revision SET body = 'edited'")
        try db.execute(sql: "UPDATE event SET json = replace(json, '\"cables\":1', '\"cables\":2') WHERE seq = 2")
    }
    let report = try await archive.store.verify(hash: sha256)
    #expect(!report.isClean)
    #expect(report.problems.contains { $0.contains("09STATE100153") })
    #expect(report.problems.contains { $0.contains("event 2") })
}

@Test func readOnlyOpeningOfAMissingArchiveSaysWhatIsWrong() throws {
    let path = NSTemporaryDirectory() + "nope-\(UUID().uuidString)/a.sqlite3"
    #expect {
        _ = try ArchiveStore(path: path, mode: .readOnly)
    } throws: { error in
        "\(error)".contains("no archive there")
    }
}

@Test func searchFindsTheCurrentRevisionOnlyAndSurvivesRepeatedChanges() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    let url = "http://x/cable/2006/05/06SEOUL1789.html"
    var first = ArchiveChanges()
    first.cables = [
        CableWrite(
            kind: .insert, page: makeCable("06SEOUL1789", body: "1. (C) The ambassador met NATO."), url: url,
            listedReleased: nil, readded: false),
        CableWrite(
            kind: .insert, page: makeCable("06SEOUL1790", body: "1. (C) Unrelated rice harvest."), url: url + "x",
            listedReleased: nil, readded: false),
    ]
    try await archive.store.commit(first, at: Date(), source: "s")
    try await archive.store.catchUpSearchIndex()
    #expect(try await archive.store.search("NATO").map(\.referenceId) == ["06SEOUL1789"])
    for (number, body) in [(2, "1. (C) The ambassador met XXXXXXXXXXXX."), (3, "1. (C) The envoy met the minister.")] {
        var change = ArchiveChanges()
        change.cables = [
            CableWrite(
                kind: .newRevision(number: number), page: makeCable("06SEOUL1789", body: body), url: url,
                listedReleased: nil, readded: false)
        ]
        try await archive.store.commit(change, at: Date(), source: "s")
        // As each cycle ends: the next revision then takes an indexed predecessor out of the index.
        try await archive.store.catchUpSearchIndex()
    }
    #expect(try await archive.store.searchIndexBacklog() == 0)
    #expect(try await archive.store.search("NATO").isEmpty)
    #expect(try await archive.store.search("ambassador").isEmpty)
    let hits = try await archive.store.search("minister")
    #expect(hits.map(\.referenceId) == ["06SEOUL1789"])
    #expect(hits.first?.snippet.contains("[minister]") == true, "\(hits)")
    #expect(try await archive.store.search("rice").map(\.referenceId) == ["06SEOUL1790"])
    #expect(try await archive.store.search("SUBJECT").count == 2)
    // The index holds exactly one entry per cable (its current revision), and it is internally consistent.
    try await archive.store.write("fts integrity") { db in
        try db.execute(sql: "INSERT INTO revisionText (revisionText) VALUES ('integrity-check')")
        // All three revisions say "met"; only the current one may still be indexed.
        let met = try Int.fetchOne(db, sql: "SELECT count(*) FROM revisionText WHERE revisionText MATCH 'met'")
        #expect(met == 1)
        let entries = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM revisionText WHERE revisionText MATCH 'subject'")
        #expect(entries == 2)
    }
}

@Test func anArchiveCreatedBeforeTheRevisionIndexIsMigratedAndStaysSearchable() async throws {
    let directory = NSTemporaryDirectory() + "cablewatch-migrate-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/archive.sqlite3"
    do {
        let queue = try DatabaseQueue(path: path)
        try ArchiveSchema.migrator.migrate(queue, upTo: "v1")
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO cable (referenceId, created, classification, origin, subject, tags, url,
                      currentRevision, contentSHA256, firstSeenAt, lastSeenAt, lastFetchedAt)
                    VALUES ('06SEOUL1789', '2006-05-26 08:10', 'CONFIDENTIAL', 'Embassy Seoul', 'OLD SUBJECT', 'KS',
                      'u', 2, ?, 't', 't', 't');
                    INSERT INTO revision (referenceId, number, header, body, contentSHA256, rawSHA256,
                      whitespaceSHA256, fetchedAt) VALUES
                      ('06SEOUL1789', 1, 'h', 'first text about NATO', ?, ?, ?, 't'),
                      ('06SEOUL1789', 2, 'h', 'second text about rice', ?, ?, ?, 't');
                    INSERT INTO cableText (referenceId, subject, body) VALUES ('06SEOUL1789', 'OLD SUBJECT', 'x');
                    """,
                arguments: StatementArguments(Array(repeating: String(repeating: "a", count: 64), count: 7)))
        }
    }
    let store = try ArchiveStore(path: path)
    #expect(try await store.search("rice").map(\.referenceId) == ["06SEOUL1789"])
    #expect(try await store.search("NATO").isEmpty)
    #expect(try await store.search("OLD").map(\.subject) == ["OLD SUBJECT"])
}

@Test func aCommitIndexesOnceTheBacklogFillsABatch() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    let batch = Int(ArchiveStore.searchIndexBatch)
    func inserts(_ range: Range<Int>) -> ArchiveChanges {
        var changes = ArchiveChanges()
        changes.cables = range.map { index in
            CableWrite(
                kind: .insert, page: makeCable("09STATE\(100_000 + index)", body: "word\(index) text"),
                url: "u\(index)", listedReleased: nil, readded: false)
        }
        return changes
    }
    try await archive.store.commit(inserts(0..<(batch - 1)), at: Date(), source: "s")
    #expect(try await archive.store.searchIndexBacklog() == Int64(batch - 1))
    #expect(try await archive.store.search("word0").isEmpty)
    try await archive.store.commit(inserts((batch - 1)..<batch), at: Date(), source: "s")
    #expect(try await archive.store.searchIndexBacklog() == 0, "the commit that fills a batch indexes it")
    #expect(try await archive.store.search("word0").map(\.referenceId) == ["09STATE100000"])
    #expect(try await archive.store.search("word\(batch - 1)").map(\.referenceId) == ["09STATE\(100_000 + batch - 1)"])
}

@Test func aCommitThatLeavesALargeBacklogIndexesABatchInTheSameTransaction() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    let count = Int(ArchiveStore.searchIndexBatch) + 5  // more than one batch: a commit indexes one batch at most
    var changes = ArchiveChanges()
    changes.cables = (0..<count).map { index in
        CableWrite(
            kind: .insert, page: makeCable("09STATE\(100_000 + index)", body: "word\(index) text"), url: "u\(index)",
            listedReleased: nil, readded: false)
    }
    try await archive.store.commit(changes, at: Date(), source: "s")
    #expect(try await archive.store.searchIndexBacklog() == 5)
    #expect(try await archive.store.search("word0").map(\.referenceId) == ["09STATE100000"])
    #expect(try await archive.store.search("word\(count - 1)").isEmpty)
    // A new revision of a cable whose current revision the index has not seen yet: nothing to take out.
    let last = "09STATE\(100_000 + count - 1)"
    var change = ArchiveChanges()
    change.cables = [
        CableWrite(
            kind: .newRevision(number: 2), page: makeCable(last, body: "replacement text"), url: "u",
            listedReleased: nil, readded: false)
    ]
    try await archive.store.commit(change, at: Date(), source: "s")
    try await archive.store.catchUpSearchIndex()
    #expect(try await archive.store.searchIndexBacklog() == 0)
    #expect(try await archive.store.search("word\(count - 1)").isEmpty)
    #expect(try await archive.store.search("replacement").map(\.referenceId) == [last])
    try await archive.store.write("fts integrity") { db in
        try db.execute(sql: "INSERT INTO revisionText (revisionText) VALUES ('integrity-check')")
    }
}

@Test func aNewArchiveCommitsWithSynchronousFullOnLargePages() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    // 2 = FULL: the WAL is synced at every commit, not only at checkpoints.
    let level = try await archive.store.writer.writeWithoutTransaction { db in
        try Int.fetchOne(db, sql: "PRAGMA synchronous")
    }
    #expect(level == 2)
    let pageSize = try await archive.store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") }
    #expect(pageSize == 16384)
    // A commit without fsync (the backfill's pages before the baseline) lands, and leaves the writer at FULL.
    var changes = ArchiveChanges()
    changes.cables = [
        CableWrite(
            kind: .insert, page: makeCable("06SEOUL1789", body: "text"), url: "u", listedReleased: nil,
            readded: false)
    ]
    try await archive.store.commit(changes, at: Date(), source: "s", durable: false)
    #expect(try await archive.store.cableStates(["06SEOUL1789"]).count == 1)
    let after = try await archive.store.writer.writeWithoutTransaction { db in
        try Int.fetchOne(db, sql: "PRAGMA synchronous")
    }
    #expect(after == 2)
}

@Test func theWriterCheckpointsEvery4096PagesAndTheSearchIndexMergesSixteenSegmentsIncrementally() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    let (checkpointPages, walLimit) = try await archive.store.writer.writeWithoutTransaction { db in
        (
            try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint"),
            try Int.fetchOne(db, sql: "PRAGMA journal_size_limit")
        )
    }
    #expect(checkpointPages == 4096)
    #expect(walLimit == 64 * 1024 * 1024)
    let (automerge, crisismerge, hashsize, leafSize) = try await archive.store.writer.read { db in
        (
            try Int.fetchOne(db, sql: "SELECT v FROM revisionText_config WHERE k = 'automerge'"),
            try Int.fetchOne(db, sql: "SELECT v FROM revisionText_config WHERE k = 'crisismerge'"),
            try Int.fetchOne(db, sql: "SELECT v FROM revisionText_config WHERE k = 'hashsize'"),
            try Int.fetchOne(db, sql: "SELECT v FROM revisionText_config WHERE k = 'pgsz'")
        )
    }
    #expect(automerge == 16)
    #expect(crisismerge == 64)
    #expect(hashsize == 4 * 1024 * 1024)
    #expect(leafSize == 16000)
}

@Test func aSnapshotAfterAnUnchangedPollKeepsTheArchiveCountsAndRereadsTheRest() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    var changes = ArchiveChanges()
    changes.cables = [
        CableWrite(
            kind: .insert, page: makeCable("06SEOUL1789", body: "text"), url: "u", listedReleased: nil,
            readded: false)
    ]
    changes.counter = ReleaseCounter(released: 1, total: 9)
    try await archive.store.commit(changes, at: Date(), source: "s")
    let full = try await archive.store.daemonSnapshot()
    #expect(full.archived == 1 && full.released == 1)
    var counter = ArchiveChanges()
    counter.counter = ReleaseCounter(released: 2, total: 9)
    try await archive.store.commit(counter, at: Date(), source: "s")
    var previous = full
    previous.archived = 41  // proves the count is carried over, not re-read
    let reused = try await archive.store.daemonSnapshot(unchangedArchive: previous)
    #expect(reused.archived == 41)
    #expect(reused.released == 2, "the counter is always read")
    #expect(try await archive.store.daemonSnapshot().archived == 1)
}

/// The statements run on a connection, in order, as GRDB's tracing reports them.
private final class StatementLog: @unchecked Sendable {
    private let lock = NSLock()
    private var statements: [String] = []

    func append(_ statement: String) { lock.withLock { statements.append(statement) } }
    var all: [String] { lock.withLock { statements } }
}

@Test func pollRecordsCommitWithoutTheirOwnFsyncAndLeaveTheWriterAtFull() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    let log = StatementLog()
    try await archive.store.writer.writeWithoutTransaction { db in
        db.trace { event in log.append("\(event)") }
    }
    let started = Date(timeIntervalSince1970: 1_700_000_000)
    let id = try await archive.store.beginPoll(at: started)
    try await archive.store.finishPoll(
        id: id, at: started.addingTimeInterval(1), outcome: "unchanged", error: nil, requests: 1, cablesFetched: 0,
        events: 0)
    // Each record is written between `synchronous = NORMAL` and the return to FULL: no fsync of its own.
    let statements = log.all
    // GRDB's records quote the table name.
    for record in ["INSERT INTO \"pollRun\"", "UPDATE \"pollRun\""] {
        let index = try #require(statements.firstIndex { $0.contains(record) }, "\(record) not run: \(statements)")
        let relaxed = statements[..<index].lastIndex { $0.contains("PRAGMA synchronous") }
        #expect(relaxed.map { statements[$0].contains("NORMAL") } == true, "\(record) ran at FULL: \(statements)")
        let restored = statements[index...].firstIndex { $0.contains("PRAGMA synchronous") }
        #expect(restored.map { statements[$0].contains("FULL") } == true)
    }
    // Committed all the same: the CLI's read-only connection sees the finished record.
    let poll = try await ArchiveStore(path: archive.store.path, mode: .readOnly).status().lastPoll
    #expect(poll?.outcome == "unchanged")
    #expect(poll?.requests == 1)
}

@Test func anArchiveIndexedBeforeTheLargerSegmentsAndLeavesKeepsItsSearchAfterTheMigration() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    func commitCables(_ store: ArchiveStore, prefix: String, word: String) async throws {
        var changes = ArchiveChanges()
        changes.cables = (0..<300).map { number in
            let body = (0..<60).map { "\(word) paragraph\(number) line\($0) of a long cable." }.joined(separator: "\n")
            let cable = makeCable(String(format: "%@%04d", prefix, number), body: body)
            return CableWrite(
                kind: .insert, page: cable, url: "u\(prefix)\(number)", listedReleased: nil, readded: false)
        }
        try await store.commit(changes, at: Date(), source: "s")
        try await store.catchUpSearchIndex()
    }
    // An archive from before v7: FTS5's default segment and leaf sizes, and the migration not yet run.
    try await archive.store.write("undo v7") { db in
        try db.execute(
            sql: """
                DELETE FROM revisionText_config WHERE k IN ('hashsize', 'pgsz');
                DELETE FROM grdb_migrations WHERE identifier = 'v7-search-larger-segments-and-leaves';
                """)
    }
    try await commitCables(archive.store, prefix: "06OLD", word: "zanzibar")

    let migrated = try ArchiveStore(path: archive.store.path)
    try await commitCables(migrated, prefix: "07NEW", word: "kathmandu")
    let (hashsize, leafSize) = try await migrated.writer.read { db in
        (
            try Int.fetchOne(db, sql: "SELECT v FROM revisionText_config WHERE k = 'hashsize'"),
            try Int.fetchOne(db, sql: "SELECT v FROM revisionText_config WHERE k = 'pgsz'")
        )
    }
    #expect(hashsize == 4 * 1024 * 1024 && leafSize == 16000)
    #expect(try await migrated.search("zanzibar", limit: 1_000).count == 300)
    #expect(try await migrated.search("kathmandu", limit: 1_000).count == 300)
    #expect(
        try await migrated.search("paragraph299", limit: 10).map(\.referenceId).sorted() == ["06OLD0299", "07NEW0299"])
    // FTS5's own check of the index against the revisions it was built from.
    try await migrated.writer.write { db in
        try db.execute(sql: "INSERT INTO revisionText (revisionText, rank) VALUES ('integrity-check', 1)")
    }
    #expect(try await migrated.verify(hash: sha256).isClean)
}
