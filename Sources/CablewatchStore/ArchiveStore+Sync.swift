import CablewatchCore
import Foundation
import GRDB

/// What the sync engine reads from and writes to the archive.
extension ArchiveStore {
    /// All sync checkpoints and flags.
    public func syncValues() async throws(StoreError) -> [String: String] {
        try await read("read syncState") { db in
            var values: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM syncState") {
                values[row["key"]] = row["value"]
            }
            return values
        }
    }

    /// The walked state of every release day seen so far.
    public func releaseDayStates() async throws(StoreError) -> [String: ReleaseDayState] {
        try await read("read releaseDay") { db in
            var states: [String: ReleaseDayState] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, lastPage, rows, complete FROM releaseDay") {
                let state = ReleaseDayState(
                    key: row["key"], lastPage: row["lastPage"], rows: row["rows"], complete: row["complete"])
                states[state.key] = state
            }
            return states
        }
    }

    /// The latest counter observation.
    public func latestCounter() async throws(StoreError) -> ReleaseCounter? {
        try await read("read counter") { db in
            try Row.fetchOne(db, sql: "SELECT released, total FROM counterObservation ORDER BY id DESC LIMIT 1")
                .map { ReleaseCounter(released: $0["released"], total: $0["total"]) }
        }
    }

    /// The archived state of the given cables (those the archive does not know are absent from the result).
    public func cableStates(_ referenceIds: [String]) async throws(StoreError) -> [String: ArchivedCableState] {
        try await read("read cable states") { db in
            var states: [String: ArchivedCableState] = [:]
            var start = 0
            while start < referenceIds.count {
                let chunk = Array(referenceIds[start..<min(start + 500, referenceIds.count)])
                start += chunk.count
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT c.referenceId, c.currentRevision, c.contentSHA256, r.whitespaceSHA256,
                               c.listedReleased, c.removedAt, c.url
                        FROM cable c JOIN revision r
                          ON r.referenceId = c.referenceId AND r.number = c.currentRevision
                        WHERE c.referenceId IN (\(marks))
                        """, arguments: StatementArguments(chunk))
                for row in rows {
                    let removedAt: String? = row["removedAt"]
                    let state = ArchivedCableState(
                        referenceId: row["referenceId"], revision: row["currentRevision"],
                        contentSHA256: row["contentSHA256"], whitespaceSHA256: row["whitespaceSHA256"],
                        listedReleased: row["listedReleased"], removed: removedAt != nil, url: row["url"])
                    states[state.referenceId] = state
                }
            }
            return states
        }
    }

    /// Reference IDs of every archived cable that is not removed.
    public func activeReferenceIds() async throws(StoreError) -> Set<String> {
        try await read("read active cables") { db in
            Set(try String.fetchAll(db, sql: "SELECT referenceId FROM cable WHERE removedAt IS NULL"))
        }
    }

    /// Number of archived cables that are not removed.
    public func activeCableCount() async throws(StoreError) -> Int {
        try await read("count cables") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM cable WHERE removedAt IS NULL") ?? 0
        }
    }

    /// Active cables last fetched before `fetchedBefore` (a timestamp), oldest first.
    public func cablesDueForRevalidation(fetchedBefore: String, limit: Int) async throws(StoreError)
        -> [(referenceId: String, url: String, listedReleased: String?)]
    {
        try await read("read revalidation due") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT referenceId, url, listedReleased FROM cable
                    WHERE removedAt IS NULL AND lastFetchedAt < ?
                    ORDER BY lastFetchedAt LIMIT ?
                    """, arguments: [fetchedBefore, limit]
            ).map { (referenceId: $0["referenceId"], url: $0["url"], listedReleased: $0["listedReleased"]) }
        }
    }

    /// Whether any active cable was last fetched before `fetchedBefore`.
    public func anyDueForRevalidation(fetchedBefore: String) async throws(StoreError) -> Bool {
        try await read("read revalidation due") { db in
            try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM cable WHERE removedAt IS NULL AND lastFetchedAt < ?)",
                arguments: [fetchedBefore]) ?? false
        }
    }

    /// The conditional-GET validators remembered for `url`.
    public func fetchCacheEntry(url: String) async throws(StoreError) -> FetchCacheEntry? {
        try await read("read fetchCache") { db in
            try Row.fetchOne(
                db, sql: "SELECT url, etag, lastModified, bodySHA256 FROM fetchCache WHERE url = ?", arguments: [url]
            ).map {
                FetchCacheEntry(
                    url: $0["url"], etag: $0["etag"], lastModified: $0["lastModified"], bodySHA256: $0["bodySHA256"])
            }
        }
    }

    /// The canonical text (`header + "\n\n" + body`) of a cable's current revision.
    public func currentCanonicalText(referenceId: String) async throws(StoreError) -> String? {
        try await read("read revision text") { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT CAST(r.header AS BLOB) AS header, CAST(r.body AS BLOB) AS body FROM cable c JOIN revision r
                      ON r.referenceId = c.referenceId AND r.number = c.currentRevision
                    WHERE c.referenceId = ?
                    """, arguments: [referenceId]
            ).map { (row: Row) -> String in
                return ExactText.read(row, "header") + "\n\n" + ExactText.read(row, "body")
            }
        }
    }

    /// Starts a poll record (outcome `running`) and returns its id.
    ///
    /// Poll records are bookkeeping for `status`, committed without their own fsync (`synchronous = NORMAL`):
    /// atomic and safe against a crash of the process, and synced by the next durable commit or checkpoint; a power
    /// cut can only make `status` show the poll before. That spares an idle poll the fdatasyncs of its own record.
    public func beginPoll(at now: Date) async throws(StoreError) -> Int64 {
        try await write("begin poll", relaxedDurability: true) { db in
            try db.execute(
                sql: "INSERT INTO pollRun (startedAt, outcome) VALUES (?, 'running')",
                arguments: [Timestamp.string(from: now)])
            return db.lastInsertedRowID
        }
    }

    /// Finishes a poll record (without its own fsync, like `beginPoll`).
    public func finishPoll(
        id: Int64, at now: Date, outcome: String, error: String?, requests: Int, cablesFetched: Int, events: Int
    ) async throws(StoreError) {
        try await write("finish poll", relaxedDurability: true) { db in
            try db.execute(
                sql: """
                    UPDATE pollRun SET finishedAt = ?, outcome = ?, error = ?, requests = ?, cablesFetched = ?,
                      eventsEmitted = ? WHERE id = ?
                    """,
                arguments: [Timestamp.string(from: now), outcome, error, requests, cablesFetched, events, id])
        }
    }

    /// Commits one sync step: every state change and the events it causes, in one transaction.
    /// Returns the committed events in `seq` order.
    ///
    /// `durable: false` skips the fsync of this commit (`synchronous = NORMAL`): still atomic and safe against a
    /// crash of the process, but a power cut may undo it. Only for steps the next poll redoes by itself (the
    /// backfill's pages before the baseline); the next durable commit syncs everything before it too.
    @discardableResult
    public func commit(_ changes: ArchiveChanges, at now: Date, source: String, durable: Bool = true)
        async throws(StoreError) -> [EventEnvelope]
    {
        if changes.isEmpty { return [] }
        let timestamp = Timestamp.string(from: now)
        return try await write("commit sync step", relaxedDurability: !durable) { db in
            for write in changes.cables {
                try Self.apply(write, timestamp: timestamp, db: db)
            }
            for referenceId in changes.removals {
                try db.execute(
                    sql: "UPDATE cable SET removedAt = ? WHERE referenceId = ? AND removedAt IS NULL",
                    arguments: [timestamp, referenceId])
            }
            if let counter = changes.counter {
                try db.execute(
                    sql: "INSERT INTO counterObservation (observedAt, released, total) VALUES (?, ?, ?)",
                    arguments: [timestamp, counter.released, counter.total])
            }
            for day in changes.days {
                try db.execute(
                    sql: """
                        INSERT INTO releaseDay (key, lastPage, rows, complete, walkedAt) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (key) DO UPDATE SET lastPage = excluded.lastPage, rows = excluded.rows,
                          complete = excluded.complete, walkedAt = excluded.walkedAt
                        """, arguments: [day.key, day.lastPage, day.rows, day.complete, timestamp])
            }
            for entry in changes.fetchCache {
                try db.execute(
                    sql: """
                        INSERT INTO fetchCache (url, etag, lastModified, bodySHA256, fetchedAt) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, lastModified = excluded.lastModified,
                          bodySHA256 = excluded.bodySHA256, fetchedAt = excluded.fetchedAt
                        """, arguments: [entry.url, entry.etag, entry.lastModified, entry.bodySHA256, timestamp])
            }
            for (key, value) in changes.syncState.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: """
                        INSERT INTO syncState (key, value) VALUES (?, ?)
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value
                        """, arguments: [key, value])
            }
            for page in changes.quarantine {
                try Self.upsert(page, db: db)
            }
            for url in changes.healed {
                try db.execute(sql: "DELETE FROM quarantine WHERE url = ?", arguments: [url])
            }
            let committed = try Self.append(changes.events, timestamp: timestamp, source: source, db: db)
            _ = try Self.indexPendingText(limit: Self.searchIndexBatch, db: db)
            return committed
        }
    }

    /// Appends events to the outbox, extending the hash chain, and records its new head.
    static func append(_ events: [PendingEvent], timestamp: String, source: String, db: Database) throws
        -> [EventEnvelope]
    {
        guard !events.isEmpty else { return [] }
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1")
        var seq: Int64 = last?["seq"] ?? 0
        var previousHash: String = last?["hash"] ?? EventChain.genesis
        var committed: [EventEnvelope] = []
        committed.reserveCapacity(events.count)
        for event in events {
            seq += 1
            let id = EventChain.eventID(
                previousHash: previousHash, seq: seq, type: event.type.rawValue, dataJSON: event.dataJSON)
            let envelope = EventEnvelope(
                seq: seq, id: id, type: event.type.rawValue, timestamp: timestamp, source: source,
                dataJSON: event.dataJSON)
            let json = envelope.json
            let hash = EventChain.hash(previous: previousHash, eventJSON: json)
            try db.executeCached(
                sql: """
                    INSERT INTO event (seq, id, type, json, createdAt, previousHash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [seq, id, event.type.rawValue, json, timestamp, previousHash, hash])
            previousHash = hash
            committed.append(envelope)
        }
        try db.executeCached(
            sql: """
                INSERT INTO syncState (key, value) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, arguments: [EventChainHead.syncStateKey, EventChainHead(seq: seq, hash: previousHash).stored])
        return committed
    }

    static func apply(_ write: CableWrite, timestamp: String, db: Database) throws {
        let page = write.page
        let tags = page.fields.tags.joined(separator: " ")
        let subject = page.fields.subject ?? page.headline
        switch write.kind {
        case .insert:
            try db.executeCached(
                sql: """
                    INSERT INTO cable (referenceId, created, released, listedReleased, classification, origin, subject,
                      tags, reference, url, currentRevision, contentSHA256, firstSeenAt, lastSeenAt, lastFetchedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
                    """,
                arguments: [
                    page.referenceId, page.created, page.released, write.listedReleased, page.classification,
                    page.origin, subject, tags, page.fields.reference, write.url, page.hashes.contentSHA256, timestamp,
                    timestamp, timestamp,
                ])
            try insertRevision(number: 1, subject: subject, write: write, timestamp: timestamp, db: db)
        case .newRevision(let number):
            try unindexCurrentRevision(of: page.referenceId, db: db)
            try insertRevision(number: number, subject: subject, write: write, timestamp: timestamp, db: db)
            try db.executeCached(
                sql: """
                    UPDATE cable SET created = ?, released = ?, listedReleased = ?, classification = ?, origin = ?,
                      subject = ?, tags = ?, reference = ?, url = ?, currentRevision = ?, contentSHA256 = ?,
                      lastSeenAt = ?, lastFetchedAt = ?, removedAt = NULL
                    WHERE referenceId = ?
                    """,
                arguments: [
                    page.created, page.released, write.listedReleased, page.classification, page.origin, subject,
                    tags, page.fields.reference, write.url, number, page.hashes.contentSHA256, timestamp, timestamp,
                    page.referenceId,
                ])
            guard db.changesCount == 1 else {
                throw StoreError(
                    kind: .invariant("new revision \(number) of unknown cable \(page.referenceId)"),
                    operation: "commit", path: "", message: "")
            }
        case .touch:
            try db.executeCached(
                sql: """
                    UPDATE cable SET created = ?, released = ?, listedReleased = ?, classification = ?, origin = ?,
                      subject = ?, tags = ?, url = ?, lastSeenAt = ?, lastFetchedAt = ?, removedAt = NULL
                    WHERE referenceId = ? AND contentSHA256 = ?
                    """,
                arguments: [
                    page.created, page.released, write.listedReleased, page.classification, page.origin, subject,
                    tags, write.url, timestamp, timestamp, page.referenceId, page.hashes.contentSHA256,
                ])
            guard db.changesCount == 1 else {
                throw StoreError(
                    kind: .invariant("touch of \(page.referenceId) whose content is not the current revision"),
                    operation: "commit", path: "", message: "")
            }
        }
    }

    /// Inserts a revision (the search index picks it up later, see `ArchiveStore+SearchIndex.swift`).
    static func insertRevision(number: Int, subject: String, write: CableWrite, timestamp: String, db: Database) throws
    {
        let page = write.page
        try db.executeCached(
            sql: """
                INSERT INTO revision (referenceId, number, header, body, contentSHA256, rawSHA256, whitespaceSHA256,
                  released, fetchedAt, sourceBuild, subject)
                VALUES (?, ?, \(ExactText.placeholder), \(ExactText.placeholder), ?, ?, ?, ?, ?, ?,
                  \(ExactText.placeholder))
                """,
            arguments: [
                page.referenceId, number, ExactText.bind(page.header), ExactText.bind(page.body),
                page.hashes.contentSHA256, page.hashes.rawSHA256, page.hashes.whitespaceInsensitiveSHA256,
                page.released,
                timestamp, nil, ExactText.bind(subject),
            ])
    }
}

extension ArchiveStore {
    /// Sets one sync-state value outside a sync step (bookkeeping that causes no event, e.g. the event log cursor).
    public func setSyncValue(_ value: String, forKey key: String) async throws(StoreError) {
        try await write("write syncState") { db in
            try db.execute(
                sql: """
                    INSERT INTO syncState (key, value) VALUES (?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """, arguments: [key, value])
        }
    }
}

extension Database {
    /// Executes `sql` through the connection's statement cache: for the statements a commit runs once per row.
    func executeCached(sql: String, arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
