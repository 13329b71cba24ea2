import CablewatchCore
import CablewatchStore

/// Cable pages fetched for a walk, a revalidation or a retry, turned into archive writes and events.
extension SyncCycle {
    /// What a batch of cable fetches gave: the writes and events, the failure to report after keeping them, and
    /// whether a page was set aside in quarantine.
    struct FetchedCables {
        var changes = ArchiveChanges()
        var failure: SyncError?
        var setAsideAny = false
    }

    /// Fetches and parses `targets` (`http.concurrency` at once) and plans each cable against `known`
    /// (`FetchedCablePlan`). A page that fails on its own is set aside in quarantine; any other failure is reported
    /// after the others are kept.
    mutating func fetchCables(_ targets: [CableTarget], known: [String: ArchivedCableState]) async -> FetchedCables {
        var fetched = FetchedCables()
        let outcomes = await CableFetchBatch(fetcher: engine.fetcher, concurrency: options.concurrency).run(targets)
        requests += outcomes.filter(\.madeRequest).count
        let announceAdded = baselineDone || options.baselinePerCable
        for outcome in outcomes {
            let target = outcome.target
            switch outcome.result {
            case .failure(let error) where error.isPageProblem:
                setAside(
                    target.url, kind: .cable, referenceId: target.referenceId, listedReleased: target.listedReleased,
                    error: error, into: &fetched.changes)
                fetched.setAsideAny = true
            case .failure(let error):
                fetched.failure = fetched.failure ?? error
            case .success(let cable):
                heal(target.url, referenceId: cable.referenceId, into: &fetched.changes)
                cablesFetched += 1
                fetchedThisCycle.insert(cable.referenceId)
                let state = known[cable.referenceId]
                var previousText: String?
                if FetchedCablePlan.needsPreviousText(cable, known: state) {
                    do {
                        previousText = try await store.currentCanonicalText(referenceId: cable.referenceId)
                    } catch {
                        fetched.failure = fetched.failure ?? SyncError(.store(error))
                        continue
                    }
                }
                let plan = FetchedCablePlan.plan(
                    cable, url: target.url, listedReleased: target.listedReleased, known: state,
                    previousText: previousText, announceAdded: announceAdded)
                fetched.changes.cables.append(plan.write)
                if let event = plan.event { fetched.changes.events.append(event) }
                if plan.joinsArchive { archived += 1 }
            }
        }
        return fetched
    }
}
