import CablewatchCore
import GRDB

/// The read-side queries behind the CLI (`status`, `list`, `show`, `history`, `search`, `events`, `export`, `verify`).
extension ArchiveStore {
    /// Filters for `list`.
    public struct ListFilter: Sendable {
        public var since: String?
        public var origin: String?
        public var classification: String?
        public var tag: String?
        public var includeRemoved: Bool
        public var limit: Int

        public init(
            since: String? = nil, origin: String? = nil, classification: String? = nil, tag: String? = nil,
            includeRemoved: Bool = false, limit: Int = 50
        ) {
            self.since = since
            self.origin = origin
            self.classification = classification
            self.tag = tag
            self.includeRemoved = includeRemoved
            self.limit = limit
        }
    }

    public func status() async throws(StoreError) -> ArchiveStatus {
        try await read("status") { db in
            let counter = try Row.fetchOne(
                db, sql: "SELECT released, total, observedAt FROM counterObservation ORDER BY id DESC LIMIT 1")
            let cables = try Int.fetchOne(db, sql: "SELECT count(*) FROM cable WHERE removedAt IS NULL") ?? 0
            let removed = try Int.fetchOne(db, sql: "SELECT count(*) FROM cable WHERE removedAt IS NOT NULL") ?? 0
            let revisions = try Int.fetchOne(db, sql: "SELECT max(id) FROM revision") ?? 0
            let poll = try Row.fetchOne(db, sql: "SELECT * FROM pollRun ORDER BY id DESC LIMIT 1")
            let lastSeq = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM event") ?? 0
            let heartbeat = try String.fetchOne(
                db, sql: "SELECT value FROM syncState WHERE key = ?", arguments: [DaemonHeartbeat.syncStateKey])
            let problemKeys = [SourceProblems.unrecognisedMarkupKey, SourceProblems.countAboveListingsKey]
            let problemValues = try Row.fetchAll(
                db, sql: "SELECT key, value FROM syncState WHERE key IN (?, ?)",
                arguments: StatementArguments(problemKeys))
            let lastSuccess = try String.fetchOne(
                db, sql: "SELECT max(finishedAt) FROM pollRun WHERE outcome IN ('ok', 'unchanged', 'partial')")
            let failures =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM pollRun WHERE outcome = 'failed'
                          AND id > coalesce((SELECT max(id) FROM pollRun WHERE outcome IN ('ok', 'unchanged', 'partial')), 0)
                        """) ?? 0
            let deliveries = try Self.deliveryCounts(db)
            let quarantined = try Int.fetchOne(db, sql: "SELECT count(*) FROM quarantine") ?? 0
            let firstQuarantined = try Row.fetchAll(
                db, sql: "SELECT * FROM quarantine ORDER BY firstSeenAt, url LIMIT 5"
            ).map(Self.quarantinedPage)
            return ArchiveStatus(
                source: .init(
                    released: counter?["released"], total: counter?["total"], observedAt: counter?["observedAt"]),
                archive: .init(cables: cables, removed: removed, revisions: revisions),
                lastPoll: poll.map {
                    .init(
                        startedAt: $0["startedAt"], finishedAt: $0["finishedAt"], outcome: $0["outcome"],
                        error: $0["error"], requests: $0["requests"], cablesFetched: $0["cablesFetched"])
                },
                events: .init(lastSeq: lastSeq, count: Int(lastSeq)),
                health: .init(consecutiveFailures: failures, lastSuccessAt: lastSuccess),
                deliveries: deliveries,
                daemon: StateJSON.decode(DaemonHeartbeat.self, from: heartbeat),
                quarantine: .init(count: quarantined, first: firstQuarantined),
                problems: SourceProblems(
                    syncState: Dictionary(problemValues.map { ($0["key"], $0["value"]) }) { _, last in last }))
        }
    }

    public func list(_ filter: ListFilter) async throws(StoreError) -> [CableSummary] {
        try await read("list") { db in
            var clauses: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if !filter.includeRemoved { clauses.append("removedAt IS NULL") }
            if let since = filter.since {
                clauses.append("released >= ?")
                arguments.append(since)
            }
            if let origin = filter.origin {
                clauses.append("origin = ?")
                arguments.append(origin)
            }
            if let classification = filter.classification {
                clauses.append("classification = ?")
                arguments.append(classification)
            }
            if let tag = filter.tag {
                clauses.append("(' ' || tags || ' ') LIKE ?")
                arguments.append("% \(tag) %")
            }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            arguments.append(filter.limit)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT referenceId, created, released, classification, origin, subject, tags, currentRevision,
                      contentSHA256, removedAt
                    FROM cable \(whereClause) ORDER BY released DESC, referenceId LIMIT ?
                    """, arguments: StatementArguments(arguments)
            ).map(Self.summary)
        }
    }

    public func detail(referenceId: String, revision: Int? = nil) async throws(StoreError) -> CableDetail? {
        try await read("show") { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT c.*, r.number, CAST(r.header AS BLOB) AS header, CAST(r.body AS BLOB) AS body,
                      r.contentSHA256 AS revisionSHA256, r.rawSHA256, r.whitespaceSHA256, r.fetchedAt
                    FROM cable c JOIN revision r ON r.referenceId = c.referenceId
                    WHERE c.referenceId = ? AND r.number = coalesce(?, c.currentRevision)
                    """, arguments: [referenceId, revision]
            ).map(Self.detail)
        }
    }

    public func history(referenceId: String) async throws(StoreError) -> [RevisionSummary] {
        try await read("history") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT number, contentSHA256, whitespaceSHA256, rawSHA256, released, fetchedAt
                    FROM revision WHERE referenceId = ? ORDER BY number
                    """, arguments: [referenceId]
            ).map {
                RevisionSummary(
                    number: $0["number"], contentSHA256: $0["contentSHA256"], whitespaceSHA256: $0["whitespaceSHA256"],
                    rawSHA256: $0["rawSHA256"], released: $0["released"], fetchedAt: $0["fetchedAt"])
            }
        }
    }

    /// Full-text search; a query FTS5 cannot parse throws `.invalidQuery`.
    public func search(_ query: String, limit: Int = 50) async throws(StoreError) -> [SearchHit] {
        do {
            return try await read("search") { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT r.referenceId, r.subject, snippet(revisionText, 1, '[', ']', '…', 12) AS snippet
                        FROM revisionText JOIN revision r ON r.id = revisionText.rowid
                        WHERE revisionText MATCH ? ORDER BY rank LIMIT ?
                        """, arguments: [query, limit]
                ).map { SearchHit(referenceId: $0["referenceId"], subject: $0["subject"], snippet: $0["snippet"]) }
            }
        } catch {
            // The statement is fixed, so a plain SQLITE_ERROR is FTS5 refusing the query (syntax, an unknown column
            // filter, an unterminated phrase).
            if case .sqlite(let code) = error.kind, code & 0xFF == 1 {
                throw StoreError(kind: .invalidQuery(query), operation: "search", path: path, message: error.message)
            }
            throw error
        }
    }

    /// The `seq` of the last committed event (0 when there is none).
    public func lastEventSeq() async throws(StoreError) -> Int64 {
        try await read("events") { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM event") ?? 0 }
    }

    public func events(afterSeq: Int64, limit: Int = 1000) async throws(StoreError) -> [CommittedEvent] {
        try await read("events") { db in
            try Row.fetchAll(
                db, sql: "SELECT seq, id, type, json FROM event WHERE seq > ? ORDER BY seq LIMIT ?",
                arguments: [afterSeq, limit]
            ).map { CommittedEvent(seq: $0["seq"], id: $0["id"], type: $0["type"], json: $0["json"]) }
        }
    }

    /// Visits every archived cable's current revision in reference-ID order, `batch` rows at a time.
    public func exportCables(
        includeRemoved: Bool, batch: Int = 500, _ visit: @Sendable ([CableDetail]) throws -> Void
    ) async throws(StoreError) {
        var after = ""
        while true {
            let current = after
            let rows = try await read("export") { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT c.*, r.number, CAST(r.header AS BLOB) AS header, CAST(r.body AS BLOB) AS body,
                          r.contentSHA256 AS revisionSHA256, r.rawSHA256, r.whitespaceSHA256, r.fetchedAt
                        FROM cable c JOIN revision r
                          ON r.referenceId = c.referenceId AND r.number = c.currentRevision
                        WHERE c.referenceId > ? \(includeRemoved ? "" : "AND c.removedAt IS NULL")
                        ORDER BY c.referenceId LIMIT ?
                        """, arguments: [current, batch]
                ).map(Self.detail)
            }
            guard let last = rows.last else { return }
            do {
                try visit(rows)
            } catch {
                throw StoreError.wrap(error, operation: "export", path: path)
            }
            after = last.referenceId
        }
    }

    /// Re-hashes every revision, checks each cable points at its latest revision, walks the event hash chain, and
    /// runs `PRAGMA integrity_check`.
    public func verify(hash: @Sendable @escaping (String) -> String) async throws(StoreError) -> VerificationReport {
        try await read("verify") { db in
            var problems: [String] = []
            var revisions = 0
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT referenceId, number, CAST(header AS BLOB) AS header, CAST(body AS BLOB) AS body,
                      contentSHA256
                    FROM revision ORDER BY id
                    """)
            while let row = try cursor.next() {
                revisions += 1
                let header = ExactText.read(row, "header")
                let body = ExactText.read(row, "body")
                let stored: String = row["contentSHA256"]
                if hash(header + "\n\n" + body) != stored {
                    let referenceId: String = row["referenceId"]
                    let number: Int = row["number"]
                    problems.append("revision \(number) of \(referenceId): text does not match contentSHA256")
                }
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.referenceId FROM cable c LEFT JOIN revision r
                      ON r.referenceId = c.referenceId AND r.number = c.currentRevision
                    WHERE r.id IS NULL OR r.contentSHA256 != c.contentSHA256
                      OR c.currentRevision != (SELECT max(number) FROM revision WHERE referenceId = c.referenceId)
                    """)
            {
                let referenceId: String = row["referenceId"]
                problems.append("cable \(referenceId): current revision missing or inconsistent")
            }
            var expectedSeq: Int64 = 1
            var previous = EventChain.genesis
            var events = 0
            let chain = try Row.fetchCursor(db, sql: "SELECT seq, json, previousHash, hash FROM event ORDER BY seq")
            while let row = try chain.next() {
                events += 1
                let seq: Int64 = row["seq"]
                let json: String = row["json"]
                let previousHash: String = row["previousHash"]
                let stored: String = row["hash"]
                if seq != expectedSeq { problems.append("event chain: expected seq \(expectedSeq), found \(seq)") }
                if previousHash != previous {
                    problems.append("event \(seq): previousHash does not match event \(seq - 1)")
                }
                if EventChain.hash(previous: previousHash, eventJSON: json) != stored {
                    problems.append("event \(seq): hash does not match its content")
                }
                previous = stored
                expectedSeq = seq + 1
            }
            let head = try String.fetchOne(
                db, sql: "SELECT value FROM syncState WHERE key = ?", arguments: [EventChainHead.syncStateKey])
            problems += Self.chainEndProblems(
                last: events == 0 ? nil : EventChainHead(seq: expectedSeq - 1, hash: previous),
                recorded: head.flatMap(EventChainHead.init(stored:)))
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            return VerificationReport(
                revisionsChecked: revisions, eventsChecked: events, problems: problems, integrity: integrity)
        }
    }

    /// Compares the chain's last event with the head recorded at its commit: events deleted from the end leave a
    /// chain that still links up, and only the recorded head tells.
    static func chainEndProblems(last: EventChainHead?, recorded: EventChainHead?) -> [String] {
        switch (last, recorded) {
        case (nil, nil): return []
        case (let last?, nil): return ["event chain: ends at event \(last.seq), but no head was recorded"]
        case (nil, let recorded?):
            return ["event chain: the archive recorded event \(recorded.seq) as its last, but holds no events"]
        case (let last?, let recorded?):
            if last.seq < recorded.seq {
                return [
                    "event chain: ends at event \(last.seq), but the archive recorded event \(recorded.seq) as its "
                        + "last: events \(last.seq + 1)…\(recorded.seq) are missing"
                ]
            }
            if last.seq > recorded.seq {
                return ["event chain: goes on to event \(last.seq) past its recorded head, event \(recorded.seq)"]
            }
            if last.hash != recorded.hash {
                return ["event \(last.seq): hash does not match the recorded chain head"]
            }
            return []
        }
    }

    static func summary(_ row: Row) -> CableSummary {
        let tags: String = row["tags"]
        return CableSummary(
            referenceId: row["referenceId"], created: row["created"], released: row["released"],
            classification: row["classification"], origin: row["origin"], subject: row["subject"],
            tags: tags.split(separator: " ").map(String.init), revision: row["currentRevision"],
            contentSHA256: row["contentSHA256"], removedAt: row["removedAt"])
    }

    static func detail(_ row: Row) -> CableDetail {
        let tags: String = row["tags"]
        return CableDetail(
            referenceId: row["referenceId"], created: row["created"], released: row["released"],
            classification: row["classification"], origin: row["origin"], subject: row["subject"],
            tags: tags.split(separator: " ").map(String.init), reference: row["reference"], url: row["url"],
            revision: row["number"], currentRevision: row["currentRevision"], contentSHA256: row["revisionSHA256"],
            rawSHA256: row["rawSHA256"], whitespaceSHA256: row["whitespaceSHA256"], fetchedAt: row["fetchedAt"],
            firstSeenAt: row["firstSeenAt"], removedAt: row["removedAt"], header: ExactText.read(row, "header"),
            body: ExactText.read(row, "body"))
    }
}
