import CablewatchCore
import Foundation
import GRDB

/// What the sync engine reads from and writes to the archive.
extension ArchiveStore {
    /// All sync checkpoints and flags.
    public func syncValues() async throws(StoreError) -> [String: String] {
        try await read("read syncState") { db in
            Dictionary(try SyncStateRow.fetchAll(db).map { ($0.key, $0.value) }) { _, last in last }
        }
    }

    /// The walked state of every release day seen so far.
    public func releaseDayStates() async throws(StoreError) -> [String: ReleaseDayState] {
        try await read("read releaseDay") { db in
            Dictionary(try ReleaseDayRow.fetchAll(db).map { ($0.key, $0.state) }) { _, last in last }
        }
    }

    /// The latest counter observation.
    public func latestCounter() async throws(StoreError) -> ReleaseCounter? {
        try await read("read counter") { db in try CounterObservationRow.latest(db)?.counter }
    }

    /// The archived state of the given cables (those the archive does not know are absent from the result).
    public func cableStates(_ referenceIds: [String]) async throws(StoreError) -> [String: ArchivedCableState] {
        try await read("read cable states") { db in
            var states: [String: ArchivedCableState] = [:]
            var start = 0
            while start < referenceIds.count {
                let chunk = Array(referenceIds[start..<min(start + 500, referenceIds.count)])
                start += chunk.count
                for row in try CableStateRow.request(chunk).fetchAll(db) {
                    states[row.cable.referenceId] = row.state
                }
            }
            return states
        }
    }

    /// Reference IDs of every archived cable that is not removed.
    public func activeReferenceIds() async throws(StoreError) -> Set<String> {
        try await read("read active cables") { db in
            try CableRow.active.select(CableRow.Columns.referenceId, as: String.self).fetchSet(db)
        }
    }

    /// Number of archived cables that are not removed.
    public func activeCableCount() async throws(StoreError) -> Int {
        try await read("count cables") { db in try CableRow.active.fetchCount(db) }
    }

    /// Active cables last fetched before `fetchedBefore` (a timestamp), oldest first.
    public func cablesDueForRevalidation(fetchedBefore: String, limit: Int) async throws(StoreError)
        -> [(referenceId: String, url: String, listedReleased: String?)]
    {
        try await read("read revalidation due") { db in
            try CableRow.dueForRevalidation(fetchedBefore: fetchedBefore)
                .order(CableRow.Columns.lastFetchedAt).limit(limit).fetchAll(db)
                .map { (referenceId: $0.referenceId, url: $0.url, listedReleased: $0.listedReleased) }
        }
    }

    /// Whether any active cable was last fetched before `fetchedBefore`.
    public func anyDueForRevalidation(fetchedBefore: String) async throws(StoreError) -> Bool {
        try await read("read revalidation due") { db in
            try !CableRow.dueForRevalidation(fetchedBefore: fetchedBefore).isEmpty(db)
        }
    }

    /// The conditional-GET validators remembered for `url`.
    public func fetchCacheEntry(url: String) async throws(StoreError) -> FetchCacheEntry? {
        try await read("read fetchCache") { db in try FetchCacheRow.fetchOne(db, key: url)?.entry }
    }

    /// The canonical text (`header + "\n\n" + body`) of a cable's current revision.
    public func currentCanonicalText(referenceId: String) async throws(StoreError) -> String? {
        try await read("read revision text") { db in
            try CableRevisionRow.request(CableRow.filter(key: referenceId)).fetchOne(db)?.revision.canonicalText
        }
    }

    /// Starts a poll record (outcome `running`) and returns its id.
    ///
    /// Poll records are bookkeeping for `status`, committed without their own fsync (`synchronous = NORMAL`):
    /// atomic and safe against a crash of the process, and synced by the next durable commit or checkpoint; a power
    /// cut can only make `status` show the poll before. That spares an idle poll the fdatasyncs of its own record.
    public func beginPoll(at now: Date) async throws(StoreError) -> Int64 {
        try await write("begin poll", relaxedDurability: true) { db in
            try PollRunRow(startedAt: Timestamp.string(from: now)).insert(db)
            return db.lastInsertedRowID
        }
    }

    /// Finishes a poll record (without its own fsync, like `beginPoll`).
    public func finishPoll(
        id: Int64, at now: Date, outcome: String, error: String?, requests: Int, cablesFetched: Int, events: Int
    ) async throws(StoreError) {
        try await write("finish poll", relaxedDurability: true) { db in
            typealias Columns = PollRunRow.Columns
            _ = try PollRunRow.filter(key: id).updateAll(
                db,
                [
                    Columns.finishedAt.set(to: Timestamp.string(from: now)), Columns.outcome.set(to: outcome),
                    Columns.error.set(to: error), Columns.requests.set(to: requests),
                    Columns.cablesFetched.set(to: cablesFetched), Columns.eventsEmitted.set(to: events),
                ])
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
                _ = try CableRow.active.filter(key: referenceId)
                    .updateAll(db, CableRow.Columns.removedAt.set(to: timestamp))
            }
            if let counter = changes.counter {
                try CounterObservationRow(counter, observedAt: timestamp).insert(db)
            }
            for day in changes.days {
                try ReleaseDayRow(day, walkedAt: timestamp).upsert(db)
            }
            for entry in changes.fetchCache {
                try FetchCacheRow(entry, fetchedAt: timestamp).upsert(db)
            }
            for (key, value) in changes.syncState.sorted(by: { $0.key < $1.key }) {
                try SyncStateRow.set(value, forKey: key, db)
            }
            for page in changes.quarantine {
                try QuarantineRow(page).upsertKeepingFirstSeen(db)
            }
            _ = try QuarantineRow.deleteAll(db, keys: changes.healed)
            let committed = try Self.append(changes.events, timestamp: timestamp, source: source, db: db)
            _ = try Self.indexPendingText(limit: Self.searchIndexBatch, onlyAFullBatch: true, db: db)
            return committed
        }
    }

    /// Appends events to the outbox, extending the hash chain, and records its new head.
    static func append(_ events: [PendingEvent], timestamp: String, source: String, db: Database) throws
        -> [EventEnvelope]
    {
        guard !events.isEmpty else { return [] }
        let last = try EventRow.last(db)
        var seq = last?.seq ?? 0
        var previousHash = last?.hash ?? EventChain.genesis
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
            try EventRow(
                seq: seq, id: id, type: event.type.rawValue, json: json, createdAt: timestamp,
                previousHash: previousHash, hash: hash
            ).insert(db)
            previousHash = hash
            committed.append(envelope)
        }
        try SyncStateRow.set(
            EventChainHead(seq: seq, hash: previousHash).stored, forKey: EventChainHead.syncStateKey, db)
        return committed
    }

    static func apply(_ write: CableWrite, timestamp: String, db: Database) throws {
        let page = write.page
        switch write.kind {
        case .insert:
            try CableRow(firstSeen: write, timestamp: timestamp).insert(db)
            try RevisionRow(number: 1, of: write, timestamp: timestamp).insert(db)
        case .newRevision(let number):
            guard var cable = try CableRow.fetchOne(db, key: page.referenceId) else {
                throw StoreError(
                    kind: .invariant("new revision \(number) of unknown cable \(page.referenceId)"),
                    operation: "commit", path: "", message: "")
            }
            try unindexCurrentRevision(of: page.referenceId, db: db)
            try RevisionRow(number: number, of: write, timestamp: timestamp).insert(db)
            cable.advance(to: number, write, timestamp: timestamp)
            try cable.update(db)
        case .touch:
            guard var cable = try CableRow.fetchOne(db, key: page.referenceId),
                cable.contentSHA256 == page.hashes.contentSHA256
            else {
                throw StoreError(
                    kind: .invariant("touch of \(page.referenceId) whose content is not the current revision"),
                    operation: "commit", path: "", message: "")
            }
            cable.touch(write, timestamp: timestamp)
            try cable.update(db)
        }
    }
}

extension ArchiveStore {
    /// Sets one sync-state value outside a sync step (bookkeeping that causes no event, e.g. the event log cursor).
    public func setSyncValue(_ value: String, forKey key: String) async throws(StoreError) {
        try await write("write syncState") { db in try SyncStateRow.set(value, forKey: key, db) }
    }
}
