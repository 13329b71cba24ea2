import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL archive's schema as versioned migrations, applied in order and recorded in `schema_migration`,
/// as GRDB's migrator does for SQLite. Shipped migrations are never edited; a change is a new one.
///
/// Text columns that are ordered or compared use the "C" collation, so that `list`, `export` and the delivery queue
/// order rows byte by byte as SQLite does, whatever the database's locale. Revision texts are `bytea`: a cable's
/// text may hold a NUL, which `text` refuses.
enum PostgresArchiveSchema {
    /// One named step of the schema: statements separated by semicolons (none holds one inside), run one by one,
    /// since the extended query protocol takes one statement at a time.
    struct Migration: Sendable {
        var name: String
        var sql: String
        /// A query answering whether the server can take this step; when it answers false, the step is recorded
        /// as applied without running (a server that lacks a feature keeps what it has).
        var onlyIf: String?
        /// Work done in Swift after the statements, in the same transaction (rows rewritten by cablewatch's code).
        var rewrite: (@Sendable (PostgresConnection, Logger) async throws -> Void)?

        init(
            name: String, sql: String, onlyIf: String? = nil,
            rewrite: (@Sendable (PostgresConnection, Logger) async throws -> Void)? = nil
        ) {
            self.name = name
            self.sql = sql
            self.onlyIf = onlyIf
            self.rewrite = rewrite
        }

        var statements: [String] {
            sql.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }
    }

    /// A key for `pg_advisory_xact_lock`, so that two processes opening a new database migrate it one after the
    /// other.
    static let migrationLockKey: Int64 = 0x6361_626c_6577_01

    static let migrations: [Migration] = [
        Migration(
            name: "v1-archive",
            sql: """
                CREATE TABLE cable (
                  reference_id text COLLATE "C" PRIMARY KEY,
                  created text NOT NULL,
                  released text COLLATE "C",
                  listed_released text,
                  classification text NOT NULL,
                  origin text NOT NULL,
                  subject text NOT NULL,
                  tags text NOT NULL,
                  reference text,
                  url text NOT NULL,
                  current_revision bigint NOT NULL,
                  content_sha256 text NOT NULL,
                  first_seen_at text COLLATE "C" NOT NULL,
                  last_seen_at text COLLATE "C" NOT NULL,
                  last_fetched_at text COLLATE "C" NOT NULL,
                  removed_at text COLLATE "C"
                );
                CREATE INDEX cable_by_released ON cable (released DESC NULLS LAST, reference_id);
                CREATE INDEX cable_by_last_fetched ON cable (last_fetched_at) WHERE removed_at IS NULL;
                CREATE TABLE revision (
                  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  reference_id text COLLATE "C" NOT NULL REFERENCES cable (reference_id),
                  number bigint NOT NULL,
                  header bytea NOT NULL,
                  body bytea NOT NULL,
                  subject bytea NOT NULL,
                  content_sha256 text NOT NULL,
                  raw_sha256 text NOT NULL,
                  whitespace_sha256 text NOT NULL,
                  released text,
                  fetched_at text NOT NULL,
                  source_build text,
                  search_vector tsvector NOT NULL,
                  UNIQUE (reference_id, number)
                );
                CREATE INDEX revision_search ON revision USING gin (search_vector);
                CREATE TABLE counter_observation (
                  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  observed_at text NOT NULL,
                  released bigint NOT NULL,
                  total bigint NOT NULL
                );
                CREATE TABLE event (
                  seq bigint PRIMARY KEY CHECK (seq > 0),
                  id text NOT NULL UNIQUE,
                  type text COLLATE "C" NOT NULL,
                  json text NOT NULL,
                  created_at text COLLATE "C" NOT NULL,
                  previous_hash text NOT NULL,
                  hash text NOT NULL
                );
                CREATE TABLE endpoint_state (
                  endpoint text COLLATE "C" PRIMARY KEY,
                  cursor_seq bigint NOT NULL,
                  enqueue_passes bigint NOT NULL,
                  disabled_at text,
                  disabled_reason text
                );
                CREATE TABLE delivery (
                  event_seq bigint NOT NULL REFERENCES event (seq),
                  endpoint text COLLATE "C" NOT NULL,
                  state text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
                  enqueued_at text COLLATE "C" NOT NULL,
                  enqueue_pass bigint NOT NULL,
                  attempts bigint NOT NULL,
                  next_attempt_at text COLLATE "C",
                  last_attempt_at text,
                  last_status bigint,
                  last_error text,
                  delivered_at text,
                  failed_at text COLLATE "C",
                  PRIMARY KEY (event_seq, endpoint)
                );
                CREATE INDEX delivery_queue ON delivery (endpoint, event_seq) WHERE state = 'pending';
                CREATE INDEX delivery_by_state ON delivery (state);
                CREATE TABLE delivery_attempt (
                  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  event_seq bigint NOT NULL,
                  endpoint text COLLATE "C" NOT NULL,
                  attempt bigint NOT NULL,
                  attempted_at text NOT NULL,
                  status bigint,
                  latency_ms bigint NOT NULL,
                  error text,
                  response text,
                  FOREIGN KEY (event_seq, endpoint) REFERENCES delivery (event_seq, endpoint)
                );
                CREATE INDEX delivery_attempt_by_delivery ON delivery_attempt (endpoint, event_seq);
                CREATE TABLE fetch_cache (
                  url text PRIMARY KEY,
                  etag text,
                  last_modified text,
                  body_sha256 text,
                  fetched_at text NOT NULL
                );
                CREATE TABLE release_day (
                  key text PRIMARY KEY,
                  last_page bigint NOT NULL,
                  rows bigint NOT NULL,
                  complete boolean NOT NULL,
                  walked_at text NOT NULL
                );
                CREATE TABLE sync_state (
                  key text PRIMARY KEY,
                  value text NOT NULL
                );
                CREATE TABLE quarantine (
                  url text COLLATE "C" PRIMARY KEY,
                  kind text NOT NULL,
                  reference_id text,
                  listed_released text,
                  problem text NOT NULL,
                  reason text NOT NULL,
                  first_seen_at text COLLATE "C" NOT NULL,
                  last_seen_at text NOT NULL,
                  attempts bigint NOT NULL,
                  next_attempt_at text NOT NULL
                );
                CREATE TABLE poll_run (
                  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  started_at text NOT NULL,
                  finished_at text COLLATE "C",
                  outcome text NOT NULL,
                  error text,
                  requests bigint NOT NULL,
                  cables_fetched bigint NOT NULL,
                  events_emitted bigint NOT NULL
                );
                """),
        // The fencing token (DESIGN.md, leadership): one row, its epoch incremented by every leader when it takes
        // over, under the advisory lock. Epoch 0 is no leader yet.
        Migration(
            name: "v2-leadership",
            sql: """
                CREATE TABLE leadership (
                  id integer PRIMARY KEY CHECK (id = 1),
                  epoch bigint NOT NULL,
                  node text NOT NULL,
                  pid bigint NOT NULL,
                  since timestamptz NOT NULL
                );
                INSERT INTO leadership (id, epoch, node, pid, since) VALUES (1, 0, '', 0, now())
                """),
        // A revision's search vector is about as large as its body and barely compresses: stored out of line but
        // uncompressed (EXTERNAL), the server no longer tries to compress it with pglz at every insert, which cost
        // about as much as the insert without its indexes. The search index's pending list, 4 MB by default, is
        // merged into the index when full; at 16 MB a backfill merges less often (a GIN index costs less per
        // merged entry in larger merges); a search also reads the pending list (2 ms with 2 MB pending over 20,000
        // revisions).
        // Values and pending entries written before keep their form; all read the same.
        Migration(
            name: "v3-search-vector-uncompressed",
            sql: """
                ALTER TABLE revision ALTER COLUMN search_vector SET STORAGE EXTERNAL;
                ALTER INDEX revision_search SET (gin_pending_list_limit = 16384)
                """),
        // Revision texts are compressed with LZ4, far cheaper to compress than the default pglz, where the server
        // has it (PostgreSQL 14 or later, built with LZ4, as Debian's is: then `default_toast_compression` offers
        // it); elsewhere they stay pglz. Texts written before keep their compression.
        Migration(
            name: "v4-revision-text-lz4",
            sql: """
                ALTER TABLE revision ALTER COLUMN header SET COMPRESSION lz4, ALTER COLUMN body SET COMPRESSION lz4,
                  ALTER COLUMN subject SET COMPRESSION lz4
                """,
            onlyIf: """
                SELECT coalesce(bool_or('lz4' = ANY (enumvals)), false) FROM pg_settings
                WHERE name = 'default_toast_compression'
                """),
        // Search vectors are computed by cablewatch from its own words (`PostgresSearchVector`), no longer by
        // `to_tsvector`: the vectors written before are computed again, so that queries find the same words in old
        // and new revisions.
        Migration(name: "v5-search-vectors-of-cablewatch-words", sql: "", rewrite: recomputeSearchVectors),
    ]

    /// Writes every revision's search vector again, from its subject and body, 500 revisions per statement.
    static func recomputeSearchVectors(_ connection: PostgresConnection, _ logger: Logger) async throws {
        var after: Int64 = 0
        while true {
            let rows = try await connection.query(
                "SELECT id, subject, body FROM revision WHERE id > \(after) ORDER BY id LIMIT 500", logger: logger
            ).collect()
            guard !rows.isEmpty else { return }
            var bindings = PostgresBindings(capacity: 2 * rows.count)
            var tuples: [String] = []
            for row in rows {
                let (id, subject, body) = try row.decode((Int64, Data, Data).self)
                let text = String(decoding: subject, as: UTF8.self) + " " + String(decoding: body, as: UTF8.self)
                bindings.append(id)
                bindings.append(PostgresSearchVector(of: text))
                tuples.append("($\(bindings.count - 1)::bigint, $\(bindings.count)::tsvector)")
                after = id
            }
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        UPDATE revision SET search_vector = v.vector
                        FROM (VALUES \(tuples.joined(separator: ", "))) AS v (id, vector) WHERE revision.id = v.id
                        """, binds: bindings), logger: logger)
        }
    }

    /// The names of the migrations this archive has applied (none when the table is missing).
    static func applied(_ connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
        let exists =
            try await connection.query(
                "SELECT to_regclass('schema_migration') IS NOT NULL", logger: logger
            ).collect().first?.decode(Bool.self) ?? false
        guard exists else { return [] }
        var names: Set<String> = []
        for try await name in try await connection.query("SELECT name FROM schema_migration", logger: logger)
            .decode(String.self)
        {
            names.insert(name)
        }
        return names
    }

    /// Applies the migrations `connection`'s database lacks, all in the caller's transaction.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLockKey))", logger: logger)
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migration (
              name text PRIMARY KEY,
              applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, logger: logger)
        let done = try await applied(connection, logger: logger)
        for migration in migrations where !done.contains(migration.name) {
            let applicable =
                if let condition = migration.onlyIf {
                    try await connection.query(PostgresQuery(unsafeSQL: condition), logger: logger).collect().first?
                        .decode(Bool.self) ?? false
                } else {
                    true
                }
            for statement in migration.statements where applicable {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            if applicable, let rewrite = migration.rewrite { try await rewrite(connection, logger) }
            try await connection.query(
                "INSERT INTO schema_migration (name) VALUES (\(migration.name))", logger: logger)
        }
    }
}
