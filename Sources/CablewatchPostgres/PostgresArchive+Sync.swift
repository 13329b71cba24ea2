import CablewatchCore
import CablewatchStore
import Foundation
import Logging
import PostgresNIO

/// What the sync engine reads from and writes to the archive.
extension PostgresArchive {
    public func syncValues() async throws(StoreError) -> [String: String] {
        try await read("read syncState") { connection in
            var values: [String: String] = [:]
            for row in try await connection.rows("SELECT key, value FROM sync_state", logger) {
                let (key, value) = try row.decode((String, String).self)
                values[key] = value
            }
            return values
        }
    }

    public func releaseDayStates() async throws(StoreError) -> [String: ReleaseDayState] {
        try await read("read releaseDay") { connection in
            var days: [String: ReleaseDayState] = [:]
            for row in try await connection.rows("SELECT key, last_page, rows, complete FROM release_day", logger) {
                let (key, lastPage, rows, complete) = try row.decode((String, Int, Int, Bool).self)
                days[key] = ReleaseDayState(key: key, lastPage: lastPage, rows: rows, complete: complete)
            }
            return days
        }
    }

    public func latestCounter() async throws(StoreError) -> ReleaseCounter? {
        try await read("read counter") { connection in try await Self.latestCounter(connection, logger)?.counter }
    }

    /// The latest counter observation and when it was made.
    static func latestCounter(_ connection: PostgresConnection, _ logger: Logger) async throws
        -> (counter: ReleaseCounter, observedAt: String)?
    {
        let rows = try await connection.rows(
            "SELECT released, total, observed_at FROM counter_observation ORDER BY id DESC LIMIT 1", logger)
        guard let row = rows.first else { return nil }
        let (released, total, observedAt) = try row.decode((Int, Int, String).self)
        return (ReleaseCounter(released: released, total: total), observedAt)
    }

    public func cableStates(_ referenceIds: [String]) async throws(StoreError) -> [String: ArchivedCableState] {
        try await read("read cable states") { connection in
            var states: [String: ArchivedCableState] = [:]
            let rows = try await connection.rows(
                """
                SELECT c.reference_id, c.current_revision, c.content_sha256, r.whitespace_sha256, c.listed_released,
                  c.removed_at IS NOT NULL, c.url
                FROM cable c JOIN revision r ON r.reference_id = c.reference_id AND r.number = c.current_revision
                WHERE c.reference_id = ANY(\(referenceIds))
                """, logger)
            for row in rows {
                let (referenceId, revision, content, whitespace, listedReleased, removed, url) = try row.decode(
                    (String, Int, String, String, String?, Bool, String).self)
                states[referenceId] = ArchivedCableState(
                    referenceId: referenceId, revision: revision, contentSHA256: content, whitespaceSHA256: whitespace,
                    listedReleased: listedReleased, removed: removed, url: url)
            }
            return states
        }
    }

    public func activeReferenceIds() async throws(StoreError) -> Set<String> {
        try await read("read active cables") { connection in
            var ids: Set<String> = []
            for try await id in try await connection.query(
                "SELECT reference_id FROM cable WHERE removed_at IS NULL", logger: logger
            ).decode(String.self) {
                ids.insert(id)
            }
            return ids
        }
    }

    public func activeCableCount() async throws(StoreError) -> Int {
        try await read("count cables") { connection in
            try await connection.value("SELECT count(*) FROM cable WHERE removed_at IS NULL", as: Int.self, logger) ?? 0
        }
    }

    public func cablesDueForRevalidation(fetchedBefore: String, limit: Int) async throws(StoreError)
        -> [(referenceId: String, url: String, listedReleased: String?)]
    {
        try await read("read revalidation due") { connection in
            try await connection.rows(
                """
                SELECT reference_id, url, listed_released FROM cable
                WHERE removed_at IS NULL AND last_fetched_at < \(fetchedBefore)
                ORDER BY last_fetched_at LIMIT \(limit)
                """, logger
            ).map { row in
                let (referenceId, url, listedReleased) = try row.decode((String, String, String?).self)
                return (referenceId: referenceId, url: url, listedReleased: listedReleased)
            }
        }
    }

    public func anyDueForRevalidation(fetchedBefore: String) async throws(StoreError) -> Bool {
        try await read("read revalidation due") { connection in
            try await connection.value(
                """
                SELECT EXISTS (SELECT 1 FROM cable WHERE removed_at IS NULL AND last_fetched_at < \(fetchedBefore))
                """, as: Bool.self, logger) ?? false
        }
    }

    public func fetchCacheEntry(url: String) async throws(StoreError) -> FetchCacheEntry? {
        try await read("read fetchCache") { connection in
            let rows = try await connection.rows(
                "SELECT etag, last_modified, body_sha256 FROM fetch_cache WHERE url = \(url)", logger)
            guard let row = rows.first else { return nil }
            let (etag, lastModified, body) = try row.decode((String?, String?, String?).self)
            return FetchCacheEntry(url: url, etag: etag, lastModified: lastModified, bodySHA256: body)
        }
    }

    public func currentCanonicalText(referenceId: String) async throws(StoreError) -> String? {
        try await read("read revision text") { connection in
            let rows = try await connection.rows(
                """
                SELECT r.header, r.body FROM cable c
                JOIN revision r ON r.reference_id = c.reference_id AND r.number = c.current_revision
                WHERE c.reference_id = \(referenceId)
                """, logger)
            guard let row = rows.first else { return nil }
            let (header, body) = try row.decode((Data, Data).self)
            return String(decoding: header, as: UTF8.self) + "\n\n" + String(decoding: body, as: UTF8.self)
        }
    }

    public func quarantinedPages() async throws(StoreError) -> [QuarantinedPage] {
        try await read("read quarantine") { connection in try await Self.quarantine(limit: nil, connection, logger) }
    }

    /// The quarantined pages, oldest first, all or the first `limit`.
    static func quarantine(limit: Int?, _ connection: PostgresConnection, _ logger: Logger) async throws
        -> [QuarantinedPage]
    {
        try await connection.rows(
            """
            SELECT url, kind, reference_id, listed_released, problem, reason, first_seen_at, last_seen_at, attempts,
              next_attempt_at
            FROM quarantine ORDER BY first_seen_at, url LIMIT \(limit ?? Int(Int32.max))
            """, logger
        ).map { row in
            let (url, kind, referenceId, listedReleased, problem, reason, firstSeen, lastSeen, attempts, next) =
                try row.decode(
                    (String, String, String?, String?, String, String, String, String, Int, String).self)
            return QuarantinedPage(
                url: url, kind: QuarantinedPage.Kind(rawValue: kind) ?? .cable, referenceId: referenceId,
                listedReleased: listedReleased, problem: QuarantinedPage.Problem(rawValue: problem) ?? .unfetchable,
                reason: reason, firstSeenAt: firstSeen, lastSeenAt: lastSeen, attempts: attempts, nextAttemptAt: next)
        }
    }

    public func beginPoll(at now: Date) async throws(StoreError) -> Int64 {
        let timestamp = Timestamp.string(from: now)
        return try await write("begin poll", relaxedDurability: true) { connection in
            try await connection.value(
                """
                INSERT INTO poll_run (started_at, outcome, requests, cables_fetched, events_emitted)
                VALUES (\(timestamp), 'running', 0, 0, 0) RETURNING id
                """, as: Int64.self, logger) ?? 0
        }
    }

    public func finishPoll(
        id: Int64, at now: Date, outcome: String, error: String?, requests: Int, cablesFetched: Int, events: Int
    ) async throws(StoreError) {
        let timestamp = Timestamp.string(from: now)
        let error = error?.postgresText
        try await write("finish poll", relaxedDurability: true) { connection in
            try await connection.execute(
                """
                UPDATE poll_run SET finished_at = \(timestamp), outcome = \(outcome), error = \(error),
                  requests = \(requests), cables_fetched = \(cablesFetched), events_emitted = \(events)
                WHERE id = \(id)
                """, logger)
        }
    }

    @discardableResult
    public func commit(_ changes: ArchiveChanges, at now: Date, source: String, durable: Bool)
        async throws(StoreError) -> [EventEnvelope]
    {
        if changes.isEmpty { return [] }
        let timestamp = Timestamp.string(from: now)
        return try await write("commit sync step", relaxedDurability: !durable) { connection in
            // Runs of new cables go in as multi-row INSERTs; the other writes check the row they change, one by
            // one. Either way in the batch's order.
            var inserts: [CableWrite] = []
            for write in changes.cables {
                if case .insert = write.kind {
                    inserts.append(write)
                    continue
                }
                try await insertCables(inserts, timestamp: timestamp, connection)
                inserts.removeAll()
                try await apply(write, timestamp: timestamp, connection)
            }
            try await insertCables(inserts, timestamp: timestamp, connection)
            if !changes.removals.isEmpty {
                try await connection.execute(
                    """
                    UPDATE cable SET removed_at = \(timestamp)
                    WHERE reference_id = ANY(\(changes.removals)) AND removed_at IS NULL
                    """, logger)
            }
            if let counter = changes.counter {
                try await connection.execute(
                    """
                    INSERT INTO counter_observation (observed_at, released, total)
                    VALUES (\(timestamp), \(counter.released), \(counter.total))
                    """, logger)
            }
            for day in changes.days {
                try await connection.execute(
                    """
                    INSERT INTO release_day (key, last_page, rows, complete, walked_at)
                    VALUES (\(day.key), \(day.lastPage), \(day.rows), \(day.complete), \(timestamp))
                    ON CONFLICT (key) DO UPDATE SET last_page = EXCLUDED.last_page, rows = EXCLUDED.rows,
                      complete = EXCLUDED.complete, walked_at = EXCLUDED.walked_at
                    """, logger)
            }
            for entry in changes.fetchCache {
                try await connection.execute(
                    """
                    INSERT INTO fetch_cache (url, etag, last_modified, body_sha256, fetched_at)
                    VALUES (\(entry.url), \(entry.etag), \(entry.lastModified), \(entry.bodySHA256), \(timestamp))
                    ON CONFLICT (url) DO UPDATE SET etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
                      body_sha256 = EXCLUDED.body_sha256, fetched_at = EXCLUDED.fetched_at
                    """, logger)
            }
            for (key, value) in changes.syncState.sorted(by: { $0.key < $1.key }) {
                try await Self.setSyncValue(value, forKey: key, connection, logger)
            }
            for page in changes.quarantine {
                try await connection.execute(
                    """
                    INSERT INTO quarantine (url, kind, reference_id, listed_released, problem, reason, first_seen_at,
                      last_seen_at, attempts, next_attempt_at)
                    VALUES (\(page.url.postgresText), \(page.kind.rawValue), \(page.referenceId?.postgresText),
                      \(page.listedReleased?.postgresText), \(page.problem.rawValue), \(page.reason.postgresText),
                      \(page.firstSeenAt), \(page.lastSeenAt), \(page.attempts), \(page.nextAttemptAt))
                    ON CONFLICT (url) DO UPDATE SET kind = EXCLUDED.kind, reference_id = EXCLUDED.reference_id,
                      listed_released = EXCLUDED.listed_released, problem = EXCLUDED.problem,
                      reason = EXCLUDED.reason, last_seen_at = EXCLUDED.last_seen_at, attempts = EXCLUDED.attempts,
                      next_attempt_at = EXCLUDED.next_attempt_at
                    """, logger)
            }
            if !changes.healed.isEmpty {
                let healed = changes.healed.map(\.postgresText)
                try await connection.execute("DELETE FROM quarantine WHERE url = ANY(\(healed))", logger)
            }
            return try await Self.append(changes.events, timestamp: timestamp, source: source, connection, logger)
        }
    }

    public func setSyncValue(_ value: String, forKey key: String) async throws(StoreError) {
        try await write("write syncState") { connection in
            try await Self.setSyncValue(value, forKey: key, connection, logger)
        }
    }

    /// The search vector is written with each revision, in its transaction: there is never a backlog.
    @discardableResult
    public func catchUpSearchIndex() async throws(StoreError) -> Int64 { 0 }

    static func setSyncValue(_ value: String, forKey key: String, _ connection: PostgresConnection, _ logger: Logger)
        async throws
    {
        try await connection.execute(
            """
            INSERT INTO sync_state (key, value) VALUES (\(key.postgresText), \(value.postgresText))
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
            """, logger)
    }

    /// Appends events to the outbox, extending the hash chain, and records its new head.
    static func append(
        _ events: [PendingEvent], timestamp: String, source: String, _ connection: PostgresConnection,
        _ logger: Logger
    ) async throws -> [EventEnvelope] {
        guard !events.isEmpty else { return [] }
        let last = try await connection.rows("SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1", logger).first
        var (seq, previousHash) = try last?.decode((Int64, String).self) ?? (Int64(0), EventChain.genesis)
        var committed: [EventEnvelope] = []
        committed.reserveCapacity(events.count)
        for event in events {
            seq += 1
            let type = event.type.rawValue
            let id = EventChain.eventID(previousHash: previousHash, seq: seq, type: type, dataJSON: event.dataJSON)
            let envelope = EventEnvelope(
                seq: seq, id: id, type: type, timestamp: timestamp, source: source, dataJSON: event.dataJSON)
            let json = envelope.json
            let hash = EventChain.hash(previous: previousHash, eventJSON: json)
            try await connection.execute(
                """
                INSERT INTO event (seq, id, type, json, created_at, previous_hash, hash)
                VALUES (\(seq), \(id), \(type), \(json), \(timestamp), \(previousHash), \(hash))
                """, logger)
            previousHash = hash
            committed.append(envelope)
        }
        try await setSyncValue(
            EventChainHead(seq: seq, hash: previousHash).stored, forKey: EventChainHead.syncStateKey, connection,
            logger)
        return committed
    }

    /// Inserts new cables, each with its revision 1: one statement per table for as many cables as
    /// `PostgresInsertValues` allows, where a row each was a round trip each. The next statements (their search
    /// vectors above all) are made ready while the server runs the current ones.
    private func insertCables(_ writes: [CableWrite], timestamp: String, _ connection: PostgresConnection)
        async throws
    {
        let chunks = Self.statementChunks(writes)
        guard let first = chunks.first else { return }
        var statements = try Self.insertStatements(writes[first], timestamp: timestamp)
        for index in chunks.indices {
            let following = index + 1 < chunks.count ? writes[chunks[index + 1]] : []
            async let followingStatements =
                following.isEmpty
                ? nil : Self.insertStatements(following, timestamp: timestamp)
            try await connection.execute(statements.cables, logger)
            try await connection.execute(statements.revisions, logger)
            if let next = try await followingStatements { statements = next }
        }
    }

    /// `writes` cut into runs of one statement each, within `PostgresInsertValues`' rows and about its bytes.
    private static func statementChunks(_ writes: [CableWrite]) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        var start = 0
        while start < writes.count {
            var end = start
            var bytes = 0
            while end < writes.count, end - start < PostgresInsertValues.maximumRows,
                bytes < PostgresInsertValues.maximumBytes
            {
                // The header and body, and the body again in the searched text.
                bytes += writes[end].page.header.utf8.count + 2 * writes[end].page.body.utf8.count
                end += 1
            }
            chunks.append(start..<end)
            start = end
        }
        return chunks
    }

    /// The two statements inserting `writes`: their cables, then their revisions 1.
    private static func insertStatements(_ writes: ArraySlice<CableWrite>, timestamp: String) throws
        -> (cables: PostgresQuery, revisions: PostgresQuery)
    {
        var cables = PostgresInsertValues(timestamp: timestamp)
        for write in writes {
            let page = write.page
            try cables.value(page.referenceId.postgresText)
            try cables.value(page.created.postgresText)
            try cables.value(page.released?.postgresText)
            try cables.value(write.listedReleased?.postgresText)
            try cables.value(page.classification.postgresText)
            try cables.value(page.origin.postgresText)
            try cables.value(write.subject.postgresText)
            try cables.value(write.tagsColumn.postgresText)
            try cables.value(page.fields.reference?.postgresText)
            try cables.value(write.url.postgresText)
            cables.literal("1")
            try cables.value(page.hashes.contentSHA256)
            cables.timestamp()
            cables.timestamp()
            cables.timestamp()
            cables.endRow()
        }
        let insert = cables.query(
            """
            INSERT INTO cable (reference_id, created, released, listed_released, classification, origin,
              subject, tags, reference, url, current_revision, content_sha256, first_seen_at, last_seen_at,
              last_fetched_at)
            """)
        return (insert, try revisionStatement(writes.map { (number: 1, write: $0) }, timestamp: timestamp))
    }

    private func apply(_ write: CableWrite, timestamp: String, _ connection: PostgresConnection) async throws {
        let page = write.page
        switch write.kind {
        case .insert:
            try await insertCables([write], timestamp: timestamp, connection)
        case .newRevision(let number):
            let known = try await connection.value(
                "SELECT count(*) FROM cable WHERE reference_id = \(page.referenceId.postgresText)", as: Int.self,
                logger)
            guard known == 1 else {
                throw StoreError(
                    kind: .invariant("new revision \(number) of unknown cable \(page.referenceId)"),
                    operation: "commit", path: location, message: "")
            }
            try await connection.execute(
                Self.revisionStatement([(number: number, write: write)], timestamp: timestamp), logger)
            try await touch(write, timestamp: timestamp, newRevision: number, connection)
        case .touch:
            let current = try await connection.value(
                "SELECT content_sha256 FROM cable WHERE reference_id = \(page.referenceId.postgresText)",
                as: String.self, logger)
            guard current == page.hashes.contentSHA256 else {
                throw StoreError(
                    kind: .invariant("touch of \(page.referenceId) whose content is not the current revision"),
                    operation: "commit", path: location, message: "")
            }
            try await touch(write, timestamp: timestamp, newRevision: nil, connection)
        }
    }

    /// Takes the metadata, URL and fetch time of `write` (a removed cable is back), and with `newRevision` makes
    /// that revision the current one.
    private func touch(_ write: CableWrite, timestamp: String, newRevision: Int?, _ connection: PostgresConnection)
        async throws
    {
        let page = write.page
        let reference = newRevision == nil ? nil : page.fields.reference?.postgresText
        let content = newRevision == nil ? nil : page.hashes.contentSHA256
        try await connection.execute(
            """
            UPDATE cable SET created = \(page.created.postgresText), released = \(page.released?.postgresText),
              listed_released = \(write.listedReleased?.postgresText),
              classification = \(page.classification.postgresText), origin = \(page.origin.postgresText),
              subject = \(write.subject.postgresText), tags = \(write.tagsColumn.postgresText),
              url = \(write.url.postgresText), last_seen_at = \(timestamp), last_fetched_at = \(timestamp),
              removed_at = NULL,
              reference = CASE WHEN \(newRevision != nil) THEN \(reference) ELSE reference END,
              current_revision = coalesce(\(newRevision), current_revision),
              content_sha256 = coalesce(\(content), content_sha256)
            WHERE reference_id = \(page.referenceId.postgresText)
            """, logger)
    }

    /// The statement inserting `revisions`, with their search vectors (within `PostgresInsertValues`' bounds).
    private static func revisionStatement(_ revisions: [(number: Int, write: CableWrite)], timestamp: String) throws
        -> PostgresQuery
    {
        var values = PostgresInsertValues(timestamp: timestamp)
        for (number, write) in revisions {
            let page = write.page
            try values.value(page.referenceId.postgresText)
            try values.value(number)
            try values.value(Data(page.header.utf8))
            try values.value(Data(page.body.utf8))
            try values.value(Data(write.subject.utf8))
            try values.value(page.hashes.contentSHA256)
            try values.value(page.hashes.rawSHA256)
            try values.value(page.hashes.whitespaceInsensitiveSHA256)
            try values.value(page.released?.postgresText)
            values.timestamp()
            values.searchVector(of: write.subject + " " + page.body)
            values.endRow()
        }
        return values.query(
            """
            INSERT INTO revision (reference_id, number, header, body, subject, content_sha256, raw_sha256,
              whitespace_sha256, released, fetched_at, search_vector)
            """)
    }
}
