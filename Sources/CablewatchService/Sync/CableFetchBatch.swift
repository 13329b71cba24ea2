import CablewatchCore

/// Fetches and parses a batch of cable pages in the child tasks of one task group, and checks each is the cable its
/// listing named. At most `concurrency` transfers run at once (the fetcher has that many threads); as many fetches
/// again wait queued behind them.
struct CableFetchBatch: Sendable {
    /// How fetching one cable page ended: the parsed cable or the error, and whether the source answered at all.
    struct Outcome: Sendable {
        var target: CableTarget
        var result: Result<CablePage, SyncError>
        var responded: Bool

        /// Whether the attempt went out to the source (it answered, or the transport failed on the way).
        var madeRequest: Bool {
            if responded { return true }
            if case .failure(let error) = result, case .fetch = error.kind { return true }
            return false
        }
    }

    let fetcher: any PageFetching
    let concurrency: Int

    /// Fetches outstanding per transfer: one transferring and one queued behind it, so a transfer thread whose
    /// page is being parsed finds its next page waiting, instead of sleeping until its task asks for one.
    static let fetchesPerTransfer = 2

    /// The outcomes of fetching `targets`, in target order. Each child keeps only the parsed cable (or the error):
    /// page bytes are dropped as soon as they are parsed, so memory is bounded by the batch, not by page sizes.
    func run(_ targets: [CableTarget]) async -> [Outcome] {
        guard !targets.isEmpty else { return [] }
        let fetcher = fetcher
        return await withTaskGroup(of: (Int, Outcome).self) { group in
            var outcomes: [Outcome?] = Array(repeating: nil, count: targets.count)
            var next = 0
            func launch() {
                let index = next
                let target = targets[index]
                next += 1
                group.addTask { (index, await Self.outcome(of: target, with: fetcher)) }
            }
            // Start `fetchesPerTransfer` fetches per transfer, then one more each time one ends.
            while next < min(targets.count, max(1, concurrency) * Self.fetchesPerTransfer) { launch() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                if next < targets.count { launch() }
            }
            return outcomes.compactMap { $0 }
        }
    }

    /// Fetches and parses one cable page.
    static func outcome(of target: CableTarget, with fetcher: any PageFetching) async -> Outcome {
        switch await fetch(target.url, with: fetcher) {
        case .failure(let error):
            return Outcome(target: target, result: .failure(error), responded: false)
        case .success(let response):
            return Outcome(target: target, result: cable(from: response, target: target), responded: true)
        }
    }

    /// Fetches one page from a child task (which cannot touch the cycle's request count).
    static func fetch(_ url: String, with fetcher: any PageFetching) async -> Result<FetchResponse, SyncError> {
        do {
            return .success(try await fetcher.fetch(FetchRequest(url: url)))
        } catch {
            return .failure(SyncError(.fetch(error), url: url))
        }
    }

    /// Parses a fetched cable page and checks it is the cable the listing named.
    static func cable(from response: FetchResponse, target: CableTarget) -> Result<CablePage, SyncError> {
        // Only the cable is read: the sidebar's release days (most of the page's bytes) are not needed here.
        let cable: CablePage
        do {
            cable = try PageParser.parseCable(response.body)
        } catch {
            return .failure(SyncError(.parse(error), url: target.url))
        }
        guard cable.referenceId == target.referenceId else {
            return .failure(
                SyncError(.referenceMismatch(expected: target.referenceId, found: cable.referenceId), url: target.url))
        }
        return .success(cable)
    }
}
