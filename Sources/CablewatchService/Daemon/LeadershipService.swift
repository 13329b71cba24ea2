import CablewatchPostgres
import CablewatchStore
import Logging
import ServiceLifecycle

/// The daemon on a PostgreSQL archive that other daemons may share, as a `Service` (DESIGN.md, leadership): a
/// standby retrying the advisory lock on a session of its own, then a leader running the heartbeat, webhook delivery
/// and the poll loop in a term of their own, until a graceful shutdown or until the lock session is lost. A lost
/// session stops the term's services at once (cancelled, not drained: their writes would fail the fence anyway) and
/// the daemon goes back to standby. Each term resumes from the committed state, as a restart does.
struct LeadershipService: Service {
    let server: PostgresServer
    let node: String
    let fence: PostgresFence
    let context: DaemonServices.Context
    /// What `ReloadService` accepts, relayed to the poll loop of the term that runs.
    let configurations: AsyncStream<CablewatchConfiguration>

    /// How a term ended.
    private enum TermEnd: Sendable {
        /// The term's services returned or were stopped (a graceful shutdown); `error` when one failed.
        case servicesEnded(error: (any Error)?)
        /// The lock session was lost, for this reason.
        case lost(String)
    }

    func run() async throws {
        let relay = ConfigurationRelay()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await configuration in configurations { relay.yield(configuration) }
            }
            defer { group.cancelAll() }
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                context.state.update { $0.role = .standby }
                context.notifier.send("READY=1\nSTATUS=standby: waiting to take over the leadership")
                guard let (leadership, term) = await waitForLeadership() else { return }
                let end = await lead(leadership, term: term, relay: relay)
                await leadership.close()
                context.state.update { $0.role = .standby }
                switch end {
                case .lost(let reason):
                    context.logger.error(
                        "lost the leadership; back to standby", metadata: ["reason": "\(reason)", "node": "\(node)"])
                    // A node that just lost its session is the likelier one on the wrong side of a fault: a healthy
                    // standby gets the first chances to take over.
                    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: retryInterval * 3) }
                case .servicesEnded(let error?):
                    if Task.isShuttingDownGracefully || Task.isCancelled { return }
                    if fence.epoch == nil || (error as? StoreError)?.isLostLeadership == true {
                        context.logger.error("lost the leadership; back to standby", metadata: ["error": "\(error)"])
                        continue
                    }
                    throw error
                case .servicesEnded(nil):
                    return
                }
            }
        }
    }

    /// How often a standby tries the lock and a leader probes its session: well under one poll interval, so a
    /// standby takes over within one of the leader's death, and at most a second.
    var retryInterval: Duration {
        min(max(context.state.configuration.poll.interval / 10, .milliseconds(50)), .seconds(1))
    }

    /// Waits as a standby until this process takes the lock; nil when a graceful shutdown comes first. Connection
    /// failures (the database down or unreachable) are logged and retried.
    private func waitForLeadership() async -> (PostgresLeadership, ArchiveLeader)? {
        var session: PostgresLeadership?
        var lastComplaint: ContinuousClock.Instant?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let current: PostgresLeadership
                if let session {
                    current = session
                } else {
                    current = try await PostgresLeadership.connect(
                        server, node: node, fence: fence, logger: context.logger)
                    session = current
                }
                if let term = try await current.tryTake() { return (current, term) }
            } catch {
                if lastComplaint.map({ ContinuousClock.now - $0 > .seconds(30) }) ?? true {
                    context.logger.warning(
                        "standby cannot reach the database; retrying", metadata: ["error": "\(error)"])
                    lastComplaint = .now
                }
                await session?.close()
                session = nil
            }
            // A standby has nothing else to prove alive: its retries are its progress.
            if context.notifier.watchdogInterval != nil { context.notifier.send("WATCHDOG=1") }
            let wait = retryInterval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
        }
        await session?.close()
        return nil
    }

    /// Runs one term: the leader's services in a group of their own, beside a watch of the lock session.
    private func lead(_ leadership: PostgresLeadership, term: ArchiveLeader, relay: ConfigurationRelay) async
        -> TermEnd
    {
        let epoch = term.epoch.map(String.init) ?? "?"
        context.state.update {
            $0.role = .leader
            // The term's scheduler starts now: the wait as a standby, or a term cut short, is not a stall.
            $0.schedulerTick = .now
            $0.sleepingUntil = nil
            $0.pollStartedAt = nil
        }
        context.logger.notice(
            "took the leadership", metadata: ["node": "\(node)", "epoch": "\(epoch)", "since": "\(term.since)"])
        context.notifier.send("STATUS=leader (epoch \(epoch)) since \(term.since)")
        let services: [any Service]
        do {
            services =
                [DaemonServices.heartbeat(context)]
                + (try DaemonServices.leaderWork(
                    context, configurations: relay.attach(),
                    startStatus: "leader (epoch \(epoch)) since \(term.since): first poll starting"))
        } catch {
            relay.detach()
            return .servicesEnded(error: error)
        }
        // No signals of its own: the daemon's group passes its graceful shutdown down to this one.
        var configuration = ServiceGroupConfiguration(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            logger: context.logger)
        configuration.maximumGracefulShutdownDuration = .seconds(8)
        configuration.maximumCancellationDuration = .seconds(1)
        let group = ServiceGroup(configuration: configuration)
        let probe = retryInterval
        let end = await withTaskGroup(of: TermEnd.self) { tasks in
            tasks.addTask {
                do {
                    try await group.run()
                    return .servicesEnded(error: nil)
                } catch {
                    return .servicesEnded(error: error)
                }
            }
            tasks.addTask {
                do {
                    return .lost(try await leadership.watch(every: probe, timeout: .seconds(5)))
                } catch {
                    return .servicesEnded(error: nil)
                }
            }
            let first = await tasks.next() ?? .servicesEnded(error: nil)
            // Lost: the services are cancelled at once. Ended: the watch is no longer needed.
            tasks.cancelAll()
            return first
        }
        relay.detach()
        return end
    }
}
