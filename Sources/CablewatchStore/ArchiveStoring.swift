import CablewatchCore
import Foundation

/// What the sync engine, the daemon, webhook delivery and the read commands need from an archive, whichever
/// database holds it: `ArchiveStore` (SQLite) and the PostgreSQL archive give the same answers to the same calls.
///
/// Every method that writes commits one transaction; a sync step's state changes and the events they cause commit
/// together (`commit`), and so do a delivery attempt's state change and its operational events
/// (`recordDeliveryAttempt`).
public protocol ArchiveStoring: Sendable {
    // MARK: The sync engine

    /// All sync checkpoints and flags.
    func syncValues() async throws(StoreError) -> [String: String]
    /// The walked state of every release day seen so far.
    func releaseDayStates() async throws(StoreError) -> [String: ReleaseDayState]
    /// The latest counter observation.
    func latestCounter() async throws(StoreError) -> ReleaseCounter?
    /// The archived state of the given cables (those the archive does not know are absent from the result).
    func cableStates(_ referenceIds: [String]) async throws(StoreError) -> [String: ArchivedCableState]
    /// Reference IDs of every archived cable that is not removed.
    func activeReferenceIds() async throws(StoreError) -> Set<String>
    /// Number of archived cables that are not removed.
    func activeCableCount() async throws(StoreError) -> Int
    /// Active cables last fetched before `fetchedBefore` (a timestamp), oldest first.
    func cablesDueForRevalidation(fetchedBefore: String, limit: Int) async throws(StoreError)
        -> [(referenceId: String, url: String, listedReleased: String?)]
    /// Whether any active cable was last fetched before `fetchedBefore`.
    func anyDueForRevalidation(fetchedBefore: String) async throws(StoreError) -> Bool
    /// The conditional-GET validators remembered for `url`.
    func fetchCacheEntry(url: String) async throws(StoreError) -> FetchCacheEntry?
    /// The canonical text (`header + "\n\n" + body`) of a cable's current revision.
    func currentCanonicalText(referenceId: String) async throws(StoreError) -> String?
    /// Every quarantined page, oldest first.
    func quarantinedPages() async throws(StoreError) -> [QuarantinedPage]
    /// Starts a poll record (outcome `running`) and returns its id.
    func beginPoll(at now: Date) async throws(StoreError) -> Int64
    /// Finishes a poll record.
    func finishPoll(
        id: Int64, at now: Date, outcome: String, error: String?, requests: Int, cablesFetched: Int, events: Int
    ) async throws(StoreError)
    /// Commits one sync step, its state changes and the events it causes, in one transaction; returns the events.
    /// `durable: false` may skip waiting for the commit to reach the disk (a step the next poll redoes by itself).
    @discardableResult
    func commit(_ changes: ArchiveChanges, at now: Date, source: String, durable: Bool) async throws(StoreError)
        -> [EventEnvelope]
    /// Sets one sync-state value outside a sync step (bookkeeping that causes no event).
    func setSyncValue(_ value: String, forKey key: String) async throws(StoreError)
    /// Brings the search index up to date; returns the revisions considered.
    @discardableResult
    func catchUpSearchIndex() async throws(StoreError) -> Int64
    /// Runs a listing walk's commits with whatever background maintenance the database wants between them
    /// (SQLite's WAL checkpoints); a database that needs none hands `body` an inactive checkpointer.
    func withBackgroundCheckpoints<T: Sendable>(_ body: (WALCheckpointer) async -> T) async
        -> (T, WALCheckpointer.Failures)

    // MARK: The daemon's report

    /// The daemon's report figures in one snapshot; `unchangedArchive` keeps the counts that an unchanged poll
    /// cannot have moved.
    func daemonSnapshot(unchangedArchive previous: DaemonSnapshot?) async throws(StoreError) -> DaemonSnapshot

    // MARK: Webhook delivery (the outbox)

    /// The endpoint's cursor and disabled flag (cursor 0 and enabled when it has never been seen).
    func endpointDeliveryState(_ endpoint: String) async throws(StoreError) -> EndpointDeliveryState
    /// Creates pending rows for `seqs` and moves the endpoint's cursor to `through`; returns the rows created.
    @discardableResult
    func enqueueDeliveries(endpoint: String, seqs: [Int64], through: Int64, at now: Date) async throws(StoreError)
        -> Int
    /// The pending deliveries from the head of the endpoint's queue, or none when the head is not due at `now`.
    func dueDeliveries(endpoint: String, now: Date, limit: Int) async throws(StoreError) -> [DueDelivery]
    /// When the head of the endpoint's queue is next due (nil: nothing pending).
    func nextDeliveryAttempt(endpoint: String) async throws(StoreError) -> Date?
    /// Records one attempt covering `seqs` and applies its resolution, with `events` in the same transaction.
    @discardableResult
    func recordDeliveryAttempt(
        endpoint: String, seqs: [Int64], attempt: DeliveryAttemptRecord, resolution: DeliveryResolution,
        events: [PendingEvent], source: String
    ) async throws(StoreError) -> [EventEnvelope]
    /// Requeues every delivery of one event (to `endpoint`, or to all); `.notFound` for an unknown event.
    @discardableResult
    func requeueDeliveries(eventId: String, endpoint: String?, at now: Date) async throws(StoreError) -> Int
    /// Requeues every failed delivery (failed at or after `since`, to `endpoint` or any).
    @discardableResult
    func requeueFailedDeliveries(since: Date?, endpoint: String?, at now: Date) async throws(StoreError) -> Int
    /// Delivery rows, newest first.
    func deliveries(failedOnly: Bool, endpoint: String?, limit: Int) async throws(StoreError) -> [DeliveryRecord]
    /// The attempt log of one delivery, oldest first.
    func deliveryAttempts(endpoint: String, seq: Int64) async throws(StoreError) -> [DeliveryAttemptLogEntry]
    /// Pending and failed counts, the oldest pending delivery and the disabled endpoints.
    func deliveryCounts() async throws(StoreError) -> DeliveryCounts

    // MARK: The read commands

    /// What `status` shows.
    func status() async throws(StoreError) -> ArchiveStatus
    /// What `list` shows.
    func list(_ filter: ArchiveStore.ListFilter) async throws(StoreError) -> [CableSummary]
    /// One cable with the text of one revision (the current one when `revision` is nil).
    func detail(referenceId: String, revision: Int?) async throws(StoreError) -> CableDetail?
    /// A cable's revisions, oldest first.
    func history(referenceId: String) async throws(StoreError) -> [RevisionSummary]
    /// Full-text search over each cable's current revision; a query the database cannot read throws
    /// `.invalidQuery`.
    func search(_ query: String, limit: Int) async throws(StoreError) -> [SearchHit]
    /// The `seq` of the last committed event (0 when there is none).
    func lastEventSeq() async throws(StoreError) -> Int64
    /// Committed events after `afterSeq`, in `seq` order.
    func events(afterSeq: Int64, limit: Int) async throws(StoreError) -> [CommittedEvent]
    /// Visits every archived cable's current revision in reference-ID order, `batch` rows at a time.
    func exportCables(includeRemoved: Bool, batch: Int, _ visit: @Sendable ([CableDetail]) throws -> Void)
        async throws(StoreError)
    /// Re-hashes every revision, checks each cable's current revision, walks the event chain and the database's
    /// own integrity check.
    func verify(hash: @Sendable @escaping (String) -> String) async throws(StoreError) -> VerificationReport

    /// Releases the archive's connections; the store is not used afterwards.
    func close() async
}

extension ArchiveStoring {
    /// Commits one sync step durably.
    @discardableResult
    public func commit(_ changes: ArchiveChanges, at now: Date, source: String) async throws(StoreError)
        -> [EventEnvelope]
    {
        try await commit(changes, at: now, source: source, durable: true)
    }

    /// The daemon's report figures, every count read afresh.
    public func daemonSnapshot() async throws(StoreError) -> DaemonSnapshot {
        try await daemonSnapshot(unchangedArchive: nil)
    }

    /// Records one attempt that commits no operational event.
    @discardableResult
    public func recordDeliveryAttempt(
        endpoint: String, seqs: [Int64], attempt: DeliveryAttemptRecord, resolution: DeliveryResolution,
        source: String
    ) async throws(StoreError) -> [EventEnvelope] {
        try await recordDeliveryAttempt(
            endpoint: endpoint, seqs: seqs, attempt: attempt, resolution: resolution, events: [], source: source)
    }

    /// Visits every archived cable's current revision, 500 at a time.
    public func exportCables(includeRemoved: Bool, _ visit: @Sendable ([CableDetail]) throws -> Void)
        async throws(StoreError)
    {
        try await exportCables(includeRemoved: includeRemoved, batch: 500, visit)
    }
}

extension ArchiveStore: ArchiveStoring {
    /// SQLite closes its connections when the store is released.
    public func close() async {}
}
