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
            let counter = try CounterObservationRow.latest(db)
            let cables = try CableRow.active.fetchCount(db)
            let removed = try CableRow.filter(CableRow.Columns.removedAt != nil).fetchCount(db)
            let revisions = try RevisionRow.lastId(db)
            let poll = try PollRunRow.order(PollRunRow.Columns.id.desc).fetchOne(db)
            let lastSeq = try EventRow.last(db)?.seq ?? 0
            let heartbeat = try SyncStateRow.value(forKey: DaemonHeartbeat.syncStateKey, db)
            let problemKeys = [SourceProblems.unrecognisedMarkupKey, SourceProblems.countAboveListingsKey]
            let problemValues = try SyncStateRow.fetchAll(db, keys: problemKeys)
            let successful = PollRunRow.filter(PollRunRow.successfulOutcomes.contains(PollRunRow.Columns.outcome))
            let lastSuccess = try successful.select(max(PollRunRow.Columns.finishedAt), as: String.self).fetchOne(db)
            let lastSuccessId = try successful.select(max(PollRunRow.Columns.id), as: Int64.self).fetchOne(db) ?? 0
            let failures = try PollRunRow.filter(PollRunRow.Columns.outcome == "failed")
                .filter(PollRunRow.Columns.id > lastSuccessId).fetchCount(db)
            let deliveries = try Self.deliveryCounts(db)
            let quarantined = try QuarantineRow.fetchCount(db)
            let firstQuarantined = try QuarantineRow.oldestFirst.limit(5).fetchAll(db).map(\.page)
            let daemon = StateJSON.decode(DaemonHeartbeat.self, from: heartbeat)
            return ArchiveStatus(
                source: .init(released: counter?.released, total: counter?.total, observedAt: counter?.observedAt),
                archive: .init(cables: cables, removed: removed, revisions: Int(revisions)),
                lastPoll: poll?.lastPoll,
                events: .init(lastSeq: lastSeq, count: Int(lastSeq)),
                health: .init(consecutiveFailures: failures, lastSuccessAt: lastSuccess),
                deliveries: deliveries,
                daemon: daemon,
                quarantine: .init(count: quarantined, first: firstQuarantined),
                problems: SourceProblems(
                    syncState: Dictionary(problemValues.map { ($0.key, $0.value) }) { _, last in last }),
                leader: daemon.map { ArchiveLeader(soleWriter: $0) })
        }
    }

    public func list(_ filter: ListFilter) async throws(StoreError) -> [CableSummary] {
        try await read("list") { db in
            typealias Columns = CableRow.Columns
            var cables = filter.includeRemoved ? CableRow.all() : CableRow.active
            if let since = filter.since { cables = cables.filter(Columns.released >= since) }
            if let origin = filter.origin { cables = cables.filter(Columns.origin == origin) }
            if let classification = filter.classification {
                cables = cables.filter(Columns.classification == classification)
            }
            if let tag = filter.tag {
                // Tags are stored separated by single spaces: pad both ends so that every tag is a whole word.
                cables = cables.filter(
                    [" ".sqlExpression, Columns.tags.sqlExpression, " ".sqlExpression].joined(operator: .concat).like(
                        "% \(tag) %"))
            }
            return try cables.order(Columns.released.desc, Columns.referenceId).limit(filter.limit).fetchAll(db)
                .map(\.summary)
        }
    }

    public func detail(referenceId: String, revision: Int? = nil) async throws(StoreError) -> CableDetail? {
        try await read("show") { db in
            try CableRevisionRow.request(CableRow.filter(key: referenceId), revision: revision).fetchOne(db)?.detail
        }
    }

    public func history(referenceId: String) async throws(StoreError) -> [RevisionSummary] {
        try await read("history") { db in
            try RevisionRow.filter(RevisionRow.Columns.referenceId == referenceId).order(RevisionRow.Columns.number)
                .fetchAll(db).map(\.summary)
        }
    }

    /// Full-text search; a query FTS5 cannot parse throws `.invalidQuery`.
    public func search(_ query: String, limit: Int = 50) async throws(StoreError) -> [SearchHit] {
        do {
            return try await read("search") { db in
                // FTS5's MATCH, rank and snippet() have no query-interface form.
                try SearchHitRow.fetchAll(
                    db,
                    sql: """
                        SELECT r.referenceId, r.subject, snippet(revisionText, 1, '[', ']', '…', 12) AS snippet
                        FROM revisionText JOIN revision r ON r.id = revisionText.rowid
                        WHERE revisionText MATCH ? ORDER BY rank LIMIT ?
                        """, arguments: [query, limit]
                ).map(\.hit)
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
        try await read("events") { db in try EventRow.last(db)?.seq ?? 0 }
    }

    public func events(afterSeq: Int64, limit: Int = 1000) async throws(StoreError) -> [CommittedEvent] {
        try await read("events") { db in
            try EventRow.filter(EventRow.Columns.seq > afterSeq).order(EventRow.Columns.seq).limit(limit).fetchAll(db)
                .map(\.committed)
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
                let cables = (includeRemoved ? CableRow.all() : CableRow.active)
                    .filter(CableRow.Columns.referenceId > current).order(CableRow.Columns.referenceId).limit(batch)
                return try CableRevisionRow.request(cables).fetchAll(db).map(\.detail)
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
            let allRevisions = try RevisionRow.order(RevisionRow.Columns.id).fetchCursor(db)
            while let revision = try allRevisions.next() {
                revisions += 1
                if hash(revision.canonicalText) != revision.contentSHA256 {
                    problems.append(
                        "revision \(revision.number) of \(revision.referenceId): text does not match contentSHA256")
                }
            }
            // A correlated subquery per cable: clearer in SQL than in the query interface.
            for referenceId in try String.fetchAll(
                db,
                sql: """
                    SELECT c.referenceId FROM cable c LEFT JOIN revision r
                      ON r.referenceId = c.referenceId AND r.number = c.currentRevision
                    WHERE r.id IS NULL OR r.contentSHA256 != c.contentSHA256
                      OR c.currentRevision != (SELECT max(number) FROM revision WHERE referenceId = c.referenceId)
                    """)
            {
                problems.append("cable \(referenceId): current revision missing or inconsistent")
            }
            var expectedSeq: Int64 = 1
            var previous = EventChain.genesis
            var events = 0
            let chain = try EventRow.order(EventRow.Columns.seq).fetchCursor(db)
            while let event = try chain.next() {
                events += 1
                let seq = event.seq
                if seq != expectedSeq { problems.append("event chain: expected seq \(expectedSeq), found \(seq)") }
                if event.previousHash != previous {
                    problems.append("event \(seq): previousHash does not match event \(seq - 1)")
                }
                if EventChain.hash(previous: event.previousHash, eventJSON: event.json) != event.hash {
                    problems.append("event \(seq): hash does not match its content")
                }
                previous = event.hash
                expectedSeq = seq + 1
            }
            let head = try SyncStateRow.value(forKey: EventChainHead.syncStateKey, db)
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
    package static func chainEndProblems(last: EventChainHead?, recorded: EventChainHead?) -> [String] {
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
}
