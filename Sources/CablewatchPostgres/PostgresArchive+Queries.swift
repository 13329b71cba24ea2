import CablewatchCore
import CablewatchStore
import Foundation
import Logging
import PostgresNIO

/// The read-side queries behind the CLI, with the SQLite archive's answers: `list` and `export` order rows byte by
/// byte ("C" collation) with NULL dates last, as SQLite does.
extension PostgresArchive {
    /// The cable and revision columns `cableDetail` reads, for a `cable c` joined with a `revision r`.
    static let detailColumns = """
        c.reference_id, c.created, c.released, c.classification, c.origin, c.subject, c.tags, c.reference, c.url,
        r.number, c.current_revision, r.content_sha256, r.raw_sha256, r.whitespace_sha256, r.fetched_at,
        c.first_seen_at, c.removed_at, r.header, r.body
        """

    public func status() async throws(StoreError) -> ArchiveStatus {
        try await read("status") { connection in
            let counter = try await Self.latestCounter(connection, logger)
            let counts = try await connection.rows(
                """
                SELECT count(*) FILTER (WHERE removed_at IS NULL), count(*) FILTER (WHERE removed_at IS NOT NULL),
                  (SELECT count(*) FROM revision), (SELECT coalesce(max(seq), 0) FROM event)
                FROM cable
                """, logger
            ).first
            let (cables, removed, revisions, lastSeq) =
                try counts?.decode((Int, Int, Int, Int64).self) ?? (0, 0, 0, Int64(0))
            let poll = try await connection.rows(
                """
                SELECT started_at, finished_at, outcome, error, requests, cables_fetched FROM poll_run
                ORDER BY id DESC LIMIT 1
                """, logger
            ).first.map { row in
                let (started, finished, outcome, error, requests, fetched) = try row.decode(
                    (String, String?, String, String?, Int, Int).self)
                return ArchiveStatus.LastPoll(
                    startedAt: started, finishedAt: finished, outcome: outcome, error: error, requests: requests,
                    cablesFetched: fetched)
            }
            let health = try await connection.rows(
                """
                WITH success AS (
                  SELECT max(finished_at) AS at, coalesce(max(id), 0) AS id FROM poll_run
                  WHERE outcome IN ('ok', 'unchanged', 'partial'))
                SELECT success.at, (SELECT count(*) FROM poll_run p WHERE p.outcome = 'failed' AND p.id > success.id)
                FROM success
                """, logger
            ).first
            let (lastSuccess, failures) = try health?.decode((String?, Int).self) ?? (nil, 0)
            let keys = [
                DaemonHeartbeat.syncStateKey, SourceProblems.unrecognisedMarkupKey,
                SourceProblems.countAboveListingsKey,
            ]
            var values: [String: String] = [:]
            for row in try await connection.rows("SELECT key, value FROM sync_state WHERE key = ANY(\(keys))", logger) {
                let (key, value) = try row.decode((String, String).self)
                values[key] = value
            }
            let heartbeat = values.removeValue(forKey: DaemonHeartbeat.syncStateKey)
            let deliveries = try await Self.deliveryCounts(connection, logger)
            let quarantined =
                try await connection.value("SELECT count(*) FROM quarantine", as: Int.self, logger) ?? 0
            let firstQuarantined = try await Self.quarantine(limit: 5, connection, logger)
            let leader = try await PostgresLeadership.leader(connection, logger: logger)
            return ArchiveStatus(
                source: .init(
                    released: counter?.counter.released, total: counter?.counter.total,
                    observedAt: counter?.observedAt),
                archive: .init(cables: cables, removed: removed, revisions: revisions),
                lastPoll: poll,
                events: .init(lastSeq: lastSeq, count: Int(lastSeq)),
                health: .init(consecutiveFailures: failures, lastSuccessAt: lastSuccess),
                deliveries: deliveries,
                daemon: StateJSON.decode(DaemonHeartbeat.self, from: heartbeat),
                quarantine: .init(count: quarantined, first: firstQuarantined),
                problems: SourceProblems(syncState: values), leader: leader)
        }
    }

    public func daemonSnapshot(unchangedArchive previous: DaemonSnapshot?) async throws(StoreError)
        -> DaemonSnapshot
    {
        try await read("daemon snapshot") { connection in
            let counter = try await Self.latestCounter(connection, logger)?.counter
            let pending = try await connection.rows(
                """
                SELECT count(*), (SELECT min(e.created_at) FROM event e
                  WHERE e.seq IN (SELECT event_seq FROM delivery WHERE state = 'pending'))
                FROM delivery WHERE state = 'pending'
                """, logger
            ).first
            let (pendingCount, oldestPending) = try pending?.decode((Int, String?).self) ?? (0, nil)
            var snapshot = DaemonSnapshot(
                released: counter?.released, total: counter?.total, archived: previous?.archived ?? 0,
                pendingDeliveries: pendingCount, oldestPendingCreatedAt: oldestPending,
                eventsByType: previous?.eventsByType ?? [:])
            guard previous == nil else { return snapshot }
            snapshot.archived =
                try await connection.value("SELECT count(*) FROM cable WHERE removed_at IS NULL", as: Int.self, logger)
                ?? 0
            for row in try await connection.rows("SELECT type, count(*) FROM event GROUP BY type", logger) {
                let (type, count) = try row.decode((String, Int).self)
                snapshot.eventsByType[type] = count
            }
            return snapshot
        }
    }

    public func list(_ filter: ArchiveStore.ListFilter) async throws(StoreError) -> [CableSummary] {
        try await read("list") { connection in
            // Tags are stored separated by single spaces: pad both ends so that every tag is a whole word. ILIKE, as
            // SQLite's LIKE ignores ASCII case.
            try await connection.rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT reference_id, created, released, classification, origin, subject, tags,
                          current_revision, content_sha256, removed_at
                        FROM cable
                        WHERE ($1 OR removed_at IS NULL) AND ($2::text IS NULL OR released >= $2)
                          AND ($3::text IS NULL OR origin = $3) AND ($4::text IS NULL OR classification = $4)
                          AND ($5::text IS NULL OR ' ' || tags || ' ' ILIKE '% ' || $5 || ' %')
                        ORDER BY released DESC NULLS LAST, reference_id LIMIT $6
                        """,
                    binds: Self.binds(
                        filter.includeRemoved, filter.since, filter.origin, filter.classification, filter.tag,
                        filter.limit)), logger
            ).map { row in
                let (referenceId, created, released, classification, origin, subject, tags, revision, hash, removed) =
                    try row.decode(
                        (String, String, String?, String, String, String, String, Int, String, String?).self)
                return CableSummary(
                    referenceId: referenceId, created: created, released: released, classification: classification,
                    origin: origin, subject: subject, tags: Self.tagList(tags), revision: revision,
                    contentSHA256: hash, removedAt: removed)
            }
        }
    }

    public func detail(referenceId: String, revision: Int?) async throws(StoreError) -> CableDetail? {
        try await read("show") { connection in
            try await connection.rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Self.detailColumns) FROM cable c
                        JOIN revision r ON r.reference_id = c.reference_id
                          AND r.number = coalesce($2::bigint, c.current_revision)
                        WHERE c.reference_id = $1
                        """, binds: Self.binds(referenceId, revision)), logger
            ).first.map(Self.cableDetail)
        }
    }

    public func history(referenceId: String) async throws(StoreError) -> [RevisionSummary] {
        try await read("history") { connection in
            try await connection.rows(
                """
                SELECT number, content_sha256, whitespace_sha256, raw_sha256, released, fetched_at FROM revision
                WHERE reference_id = \(referenceId) ORDER BY number
                """, logger
            ).map { row in
                let (number, content, whitespace, raw, released, fetchedAt) = try row.decode(
                    (Int, String, String, String, String?, String).self)
                return RevisionSummary(
                    number: number, contentSHA256: content, whitespaceSHA256: whitespace, rawSHA256: raw,
                    released: released, fetchedAt: fetchedAt)
            }
        }
    }

    /// Full-text search over each cable's current revision, best first. The query is read as
    /// `websearch_to_tsquery` reads one (words, "a phrase", OR, -word), with cablewatch's words
    /// (`PostgresSearchQuery`); any text is accepted, and one without a word finds nothing.
    public func search(_ query: String, limit: Int) async throws(StoreError) -> [SearchHit] {
        guard let tsquery = PostgresSearchQuery.tsquery(query) else { return [] }
        return try await read("search") { connection in
            try await connection.rows(
                """
                WITH q AS (SELECT \(tsquery)::tsquery AS query)
                SELECT r.reference_id, c.subject,
                  CASE WHEN position('\\x00'::bytea IN r.body) = 0 THEN
                    ts_headline('simple', convert_from(r.body, 'UTF8'), q.query,
                      'StartSel=[, StopSel=], MaxWords=12, MinWords=4, ShortWord=0, MaxFragments=1')
                  ELSE '' END
                FROM q, revision r
                JOIN cable c ON c.reference_id = r.reference_id AND c.current_revision = r.number
                WHERE r.search_vector @@ q.query
                ORDER BY ts_rank(r.search_vector, q.query) DESC, r.id LIMIT \(limit)
                """, logger
            ).map { row in
                let (referenceId, subject, snippet) = try row.decode((String, String, String).self)
                return SearchHit(referenceId: referenceId, subject: subject, snippet: snippet)
            }
        }
    }

    public func lastEventSeq() async throws(StoreError) -> Int64 {
        try await read("events") { connection in
            try await connection.value("SELECT max(seq) FROM event", as: Int64.self, logger) ?? 0
        }
    }

    public func events(afterSeq: Int64, limit: Int) async throws(StoreError) -> [CommittedEvent] {
        try await read("events") { connection in
            try await connection.rows(
                "SELECT seq, id, type, json FROM event WHERE seq > \(afterSeq) ORDER BY seq LIMIT \(limit)", logger
            ).map { row in
                let (seq, id, type, json) = try row.decode((Int64, String, String, String).self)
                return CommittedEvent(seq: seq, id: id, type: type, json: json)
            }
        }
    }

    public func exportCables(
        includeRemoved: Bool, batch: Int, _ visit: @Sendable ([CableDetail]) throws -> Void
    ) async throws(StoreError) {
        var after = ""
        while true {
            let current = after
            let rows = try await read("export") { connection in
                try await connection.rows(
                    """
                    SELECT \(unescaped: Self.detailColumns) FROM cable c
                    JOIN revision r ON r.reference_id = c.reference_id AND r.number = c.current_revision
                    WHERE (\(includeRemoved) OR c.removed_at IS NULL) AND c.reference_id > \(current)
                    ORDER BY c.reference_id LIMIT \(batch)
                    """, logger
                ).map(Self.cableDetail)
            }
            guard let last = rows.last else { return }
            do {
                try visit(rows)
            } catch {
                throw StoreError(kind: .invariant("\(error)"), operation: "export", path: location, message: "\(error)")
            }
            after = last.referenceId
        }
    }

    /// Re-hashes every revision, checks each cable points at its latest revision, walks the event hash chain to
    /// its recorded head, and has the server check its tables and indexes (`integrityCheck`).
    public func verify(hash: @Sendable @escaping (String) -> String) async throws(StoreError) -> VerificationReport {
        var report = try await read("verify") { connection in
            var problems: [String] = []
            var revisions = 0
            for try await (referenceId, number, header, body, content) in try await connection.query(
                "SELECT reference_id, number, header, body, content_sha256 FROM revision ORDER BY id", logger: logger
            ).decode((String, Int, Data, Data, String).self) {
                revisions += 1
                let text = String(decoding: header, as: UTF8.self) + "\n\n" + String(decoding: body, as: UTF8.self)
                if hash(text) != content {
                    problems.append("revision \(number) of \(referenceId): text does not match contentSHA256")
                }
            }
            for row in try await connection.rows(
                """
                SELECT c.reference_id FROM cable c LEFT JOIN revision r
                  ON r.reference_id = c.reference_id AND r.number = c.current_revision
                WHERE r.id IS NULL OR r.content_sha256 != c.content_sha256
                  OR c.current_revision != (SELECT max(number) FROM revision WHERE reference_id = c.reference_id)
                ORDER BY c.reference_id
                """, logger)
            {
                problems.append("cable \(try row.decode(String.self)): current revision missing or inconsistent")
            }
            var expectedSeq: Int64 = 1
            var previous = EventChain.genesis
            var events = 0
            for try await (seq, json, previousHash, eventHash) in try await connection.query(
                "SELECT seq, json, previous_hash, hash FROM event ORDER BY seq", logger: logger
            ).decode((Int64, String, String, String).self) {
                events += 1
                if seq != expectedSeq { problems.append("event chain: expected seq \(expectedSeq), found \(seq)") }
                if previousHash != previous {
                    problems.append("event \(seq): previousHash does not match event \(seq - 1)")
                }
                if EventChain.hash(previous: previousHash, eventJSON: json) != eventHash {
                    problems.append("event \(seq): hash does not match its content")
                }
                previous = eventHash
                expectedSeq = seq + 1
            }
            let head = try await connection.value(
                "SELECT value FROM sync_state WHERE key = \(EventChainHead.syncStateKey)", as: String.self, logger)
            problems += ArchiveStore.chainEndProblems(
                last: events == 0 ? nil : EventChainHead(seq: expectedSeq - 1, hash: previous),
                recorded: head.flatMap(EventChainHead.init(stored:)))
            return VerificationReport(
                revisionsChecked: revisions, eventsChecked: events, problems: problems, integrity: "")
        }
        (report.integrity, report.integrityChecked) = try await integrityCheck()
        return report
    }

    /// PostgreSQL's counterpart of SQLite's `integrity_check`, from the `amcheck` extension when the database has
    /// it: `verify_heapam` on every table of the archive (TOAST included), and `bt_index_check` on every b-tree index,
    /// looking every row up in it. "ok", or what they found; not checked without the extension, or when this user
    /// may not run it.
    private func integrityCheck() async throws(StoreError) -> (text: String, checked: Bool) {
        do {
            return try await read("verify integrity") { connection in
                let installed = try await connection.value(
                    "SELECT count(*) FROM pg_extension WHERE extname = 'amcheck'", as: Int.self, logger)
                guard installed == 1 else {
                    return ("not checked (the amcheck extension is not installed in this database)", false)
                }
                var problems: [String] = []
                for row in try await connection.rows(
                    """
                    SELECT c.relname::text, v.blkno, v.offnum, v.msg
                    FROM pg_class c, LATERAL verify_heapam(c.oid, check_toast => true) v
                    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
                    ORDER BY c.relname, v.blkno, v.offnum
                    """, logger)
                {
                    let (table, block, item, message) = try row.decode((String, Int64, Int32?, String).self)
                    problems.append("\(table) block \(block)\(item.map { " item \($0)" } ?? ""): \(message)")
                }
                // A b-tree that fails its check raises an error (class XX) that names it, handled below.
                try await connection.execute(
                    """
                    SELECT bt_index_check(c.oid::regclass, true) FROM pg_class c JOIN pg_am a ON a.oid = c.relam
                    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'i' AND a.amname = 'btree'
                    ORDER BY c.relname
                    """, logger)
                return (problems.isEmpty ? "ok" : problems.joined(separator: "; "), true)
            }
        } catch {
            // Class XX is corruption that the checks raise; 42501, a user without the right to run them.
            guard case .postgres(let state?) = error.kind else { throw error }
            if state.hasPrefix("XX") { return (error.message, true) }
            if state == "42501" {
                return ("not checked (this user may not run amcheck's functions: \(error.message))", false)
            }
            throw error
        }
    }

    static func tagList(_ tags: String) -> [String] { tags.split(separator: " ").map(String.init) }

    static func cableDetail(_ row: PostgresRow) throws -> CableDetail {
        let (
            referenceId, created, released, classification, origin, subject, tags, reference, url, revision,
            current, content, raw, whitespace, fetchedAt, firstSeen, removed, header, body
        ) = try row.decode(
            (
                String, String, String?, String, String, String, String, String?, String, Int, Int, String, String,
                String, String, String, String?, Data, Data
            ).self)
        return CableDetail(
            referenceId: referenceId, created: created, released: released, classification: classification,
            origin: origin, subject: subject, tags: tagList(tags), reference: reference, url: url, revision: revision,
            currentRevision: current, contentSHA256: content, rawSHA256: raw, whitespaceSHA256: whitespace,
            fetchedAt: fetchedAt, firstSeenAt: firstSeen, removedAt: removed,
            header: String(decoding: header, as: UTF8.self),
            body: String(decoding: body, as: UTF8.self))
    }
}
