import CablewatchPostgres
import CablewatchStore
import Foundation
import PostgresNIO
import Testing

/// The leadership of a PostgreSQL archive and its fencing token, without a daemon: one holder of the lock at a
/// time, an epoch per term, and writes refused to a leader whose term is over or to a standby.
@Suite(.serialized) struct PostgresLeadershipTests {
    @Test(.enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"))
    func oneHolderAtATimeAndEachTermHasTheNextEpoch() async throws {
        try await PostgresTestServer.withDatabase { server in
            let first = try await PostgresLeadership.connect(
                server, node: "node-a", fence: PostgresFence(), logger: quietLogger)
            let second = try await PostgresLeadership.connect(
                server, node: "node-b", fence: PostgresFence(), logger: quietLogger)
            let term = try #require(try await first.tryTake())
            #expect(term.epoch == 1 && term.node == "node-a" && term.pid == getpid() && term.active)
            #expect(first.fence.epoch == 1)
            #expect(try await second.tryTake() == nil, "the lock is held")
            #expect(second.fence.epoch == nil)
            await first.close()
            #expect(first.fence.epoch == nil, "closing ends the term")
            let next = try #require(try await Self.take(second), "the lock was not free 30 s after its holder closed")
            #expect(next.epoch == 2 && next.node == "node-b")
            let store = try await PostgresArchive.open(server, mode: .readOnly, logger: quietLogger)
            let leader = try await store.status().leader
            await store.close()
            #expect(
                leader?.epoch == 2 && leader?.node == "node-b" && leader?.active == true,
                "\(String(describing: leader))")
            await second.close()
        }
    }

    @Test(.enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"))
    func aLeaderCutOffCannotWriteAfterAnotherTookOver() async throws {
        try await PostgresTestServer.withDatabase { server in
            let old = try await PostgresLeadership.connect(
                server, node: "old", fence: PostgresFence(), logger: quietLogger)
            #expect(try await old.tryTake()?.epoch == 1)
            let store = try await PostgresArchive.open(server, mode: .readWrite, fence: old.fence, logger: quietLogger)
            try await store.setSyncValue("1", forKey: "before")
            // The partition: the server ends every session of the old leader (its lock and its archive's), while
            // the old leader itself has not noticed yet, so its fence still carries epoch 1.
            try await Self.terminateSessions(of: server)
            let new = try await PostgresLeadership.connect(
                server, node: "new", fence: PostgresFence(), logger: quietLogger)
            #expect(try await Self.take(new)?.epoch == 2)
            #expect(old.fence.epoch == 1)
            do {
                try await store.setSyncValue("2", forKey: "after")
                Issue.record("a write under the stale epoch 1 succeeded")
            } catch {
                #expect((error as? StoreError)?.kind == .lostLeadership(term: 1, current: 2), "\(error)")
                #expect("\(error)".contains("lost leadership"), "\(error)")
            }
            #expect(try await store.syncValues()["after"] == nil, "nothing was written")
            // The old leader's watch finds its session gone and ends its term.
            let reason = try await old.watch(every: .milliseconds(10), timeout: .seconds(5))
            #expect(!reason.isEmpty)
            #expect(old.fence.epoch == nil)
            await store.close()
            await old.close()
            await new.close()
        }
    }

    @Test(.enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"))
    func aStandbyWritesNothingAndUnfencedCommandsStillMayWrite() async throws {
        try await PostgresTestServer.withDatabase { server in
            let fence = PostgresFence()
            let standby = try await PostgresArchive.open(server, mode: .readWrite, fence: fence, logger: quietLogger)
            do {
                try await standby.setSyncValue("1", forKey: "standby")
                Issue.record("a standby wrote")
            } catch {
                #expect((error as? StoreError)?.kind == .lostLeadership(term: nil, current: nil), "\(error)")
            }
            // `redeliver` and `webhook` write without leading: their requeues are for the leader to deliver.
            let command = try await PostgresArchive.open(server, mode: .readWrite, logger: quietLogger)
            try await command.setSyncValue("1", forKey: "command")
            #expect(try await standby.syncValues()["command"] == "1")
            #expect(try await standby.syncValues()["standby"] == nil)
            await command.close()
            await standby.close()
        }
    }

    /// `leadership.tryTake()` until it takes the lock or `limit` passes. The server drops a lock when the backend
    /// of the session that held it exits, which is moments after the client closed the session or
    /// `pg_terminate_backend` signalled the backend, not at once.
    static func take(_ leadership: PostgresLeadership, within limit: Duration = .seconds(30)) async throws
        -> ArchiveLeader?
    {
        let deadline = ContinuousClock.now + limit
        while true {
            if let term = try await leadership.tryTake() { return term }
            if ContinuousClock.now >= deadline { return nil }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Ends every session on the archive's database, as `pg_terminate_backend` by an operator or a cut would.
    static func terminateSessions(of server: PostgresServer) async throws {
        let admin = try await server.testConnection(database: "postgres")
        do {
            try await admin.query(
                """
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = \(server.database) AND pid <> pg_backend_pid()
                """, logger: quietLogger)
        } catch {
            try? await admin.close()
            throw error
        }
        try await admin.close()
    }
}
