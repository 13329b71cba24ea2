import GRDB

/// The archive's versioned migrations (DESIGN.md §3). Shipped migrations are never edited: add a new one.
enum ArchiveSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE cable (
                        referenceId TEXT PRIMARY KEY NOT NULL,
                        created TEXT NOT NULL,
                        released TEXT,
                        listedReleased TEXT,
                        classification TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        tags TEXT NOT NULL,
                        reference TEXT,
                        url TEXT NOT NULL,
                        currentRevision INTEGER NOT NULL CHECK (currentRevision >= 1),
                        contentSHA256 TEXT NOT NULL CHECK (length(contentSHA256) = 64),
                        firstSeenAt TEXT NOT NULL,
                        lastSeenAt TEXT NOT NULL,
                        lastFetchedAt TEXT NOT NULL,
                        removedAt TEXT
                    ) STRICT;
                    CREATE INDEX cable_origin ON cable(origin);
                    CREATE INDEX cable_classification ON cable(classification);
                    CREATE INDEX cable_released ON cable(released);
                    CREATE INDEX cable_lastFetchedAt ON cable(lastFetchedAt) WHERE removedAt IS NULL;

                    CREATE TABLE revision (
                        id INTEGER PRIMARY KEY,
                        referenceId TEXT NOT NULL REFERENCES cable(referenceId) ON DELETE RESTRICT,
                        number INTEGER NOT NULL CHECK (number >= 1),
                        header TEXT NOT NULL,
                        body TEXT NOT NULL,
                        contentSHA256 TEXT NOT NULL CHECK (length(contentSHA256) = 64),
                        rawSHA256 TEXT NOT NULL CHECK (length(rawSHA256) = 64),
                        whitespaceSHA256 TEXT NOT NULL CHECK (length(whitespaceSHA256) = 64),
                        released TEXT,
                        fetchedAt TEXT NOT NULL,
                        sourceBuild TEXT,
                        UNIQUE (referenceId, number)
                    ) STRICT;

                    CREATE TABLE counterObservation (
                        id INTEGER PRIMARY KEY,
                        observedAt TEXT NOT NULL,
                        released INTEGER NOT NULL CHECK (released >= 0),
                        total INTEGER NOT NULL CHECK (total >= 0)
                    ) STRICT;

                    CREATE TABLE event (
                        seq INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        type TEXT NOT NULL,
                        json TEXT NOT NULL,
                        createdAt TEXT NOT NULL,
                        previousHash TEXT NOT NULL CHECK (length(previousHash) = 64),
                        hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
                    ) STRICT;
                    CREATE INDEX event_type ON event(type);

                    CREATE TABLE delivery (
                        eventSeq INTEGER NOT NULL REFERENCES event(seq),
                        endpoint TEXT NOT NULL,
                        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
                        enqueuedAt TEXT NOT NULL,
                        enqueuePass INTEGER NOT NULL DEFAULT 0,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        nextAttemptAt TEXT,
                        lastAttemptAt TEXT,
                        lastStatus INTEGER,
                        lastError TEXT,
                        deliveredAt TEXT,
                        failedAt TEXT,
                        PRIMARY KEY (eventSeq, endpoint)
                    ) STRICT;
                    CREATE INDEX delivery_pending ON delivery(endpoint, eventSeq) WHERE state = 'pending';
                    CREATE INDEX delivery_failed ON delivery(failedAt) WHERE state = 'failed';

                    CREATE TABLE deliveryAttempt (
                        id INTEGER PRIMARY KEY,
                        eventSeq INTEGER NOT NULL REFERENCES event(seq),
                        endpoint TEXT NOT NULL,
                        attempt INTEGER NOT NULL CHECK (attempt >= 1),
                        attemptedAt TEXT NOT NULL,
                        status INTEGER,
                        latencyMs INTEGER NOT NULL,
                        error TEXT,
                        response TEXT
                    ) STRICT;
                    CREATE INDEX deliveryAttempt_delivery ON deliveryAttempt(endpoint, eventSeq);

                    CREATE TABLE endpointState (
                        endpoint TEXT PRIMARY KEY NOT NULL,
                        cursorSeq INTEGER NOT NULL DEFAULT 0,
                        enqueuePasses INTEGER NOT NULL DEFAULT 0,
                        disabledAt TEXT,
                        disabledReason TEXT
                    ) STRICT;

                    CREATE TABLE fetchCache (
                        url TEXT PRIMARY KEY NOT NULL,
                        etag TEXT,
                        lastModified TEXT,
                        bodySHA256 TEXT,
                        fetchedAt TEXT NOT NULL
                    ) STRICT;

                    CREATE TABLE releaseDay (
                        key TEXT PRIMARY KEY NOT NULL,
                        lastPage INTEGER NOT NULL,
                        rows INTEGER NOT NULL,
                        complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
                        walkedAt TEXT NOT NULL
                    ) STRICT;

                    CREATE TABLE syncState (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    ) STRICT;

                    CREATE TABLE pollRun (
                        id INTEGER PRIMARY KEY,
                        startedAt TEXT NOT NULL,
                        finishedAt TEXT,
                        outcome TEXT NOT NULL CHECK (outcome IN ('running', 'ok', 'unchanged', 'failed')),
                        error TEXT,
                        requests INTEGER NOT NULL DEFAULT 0,
                        cablesFetched INTEGER NOT NULL DEFAULT 0,
                        eventsEmitted INTEGER NOT NULL DEFAULT 0
                    ) STRICT;

                    CREATE VIRTUAL TABLE cableText USING fts5(
                        referenceId UNINDEXED, subject, body, tokenize = 'unicode61'
                    );
                    """
            )
        }
        migrator.registerMigration("v2-search-over-revisions") { db in
            // The v1 index kept its own copy of every body and deleted by an unindexed column (a full scan per
            // changed cable). v2 indexes the current revisions as external content: the text lives once, in
            // `revision`, an entry is addressed by the revision's id, and the index catches up behind a watermark
            // (ArchiveStore+SearchIndex.swift).
            try db.execute(
                sql: """
                    DROP TABLE cableText;
                    ALTER TABLE revision ADD COLUMN subject TEXT NOT NULL DEFAULT '';
                    UPDATE revision SET subject = (SELECT c.subject FROM cable c WHERE c.referenceId = revision.referenceId);
                    CREATE VIRTUAL TABLE revisionText USING fts5(
                        subject, body, content = 'revision', content_rowid = 'id', tokenize = 'unicode61'
                    );
                    INSERT INTO revisionText (rowid, subject, body)
                        SELECT r.id, r.subject, r.body FROM cable c JOIN revision r
                          ON r.referenceId = c.referenceId AND r.number = c.currentRevision;
                    INSERT INTO syncState (key, value)
                        SELECT 'search.indexedThrough', CAST(max(id) AS TEXT) FROM revision HAVING max(id) IS NOT NULL
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value;
                    """
            )
        }
        migrator.registerMigration("v3-search-merges-sixteen-segments") { db in
            // FTS5 merges a level's segments once 4 of them exist (its default): every commit's new segment is then
            // rewritten about log4(commits) times during a backfill. Merging 16 at a time rewrites it about half as
            // often, for at most 15 segments per level to read at query time. The setting is stored in the index
            // itself.
            try db.execute(sql: "INSERT INTO revisionText (revisionText, rank) VALUES ('automerge', 16)")
        }
        migrator.registerMigration("v4-search-crisis-merges-at-sixty-four") { db in
            // With `crisismerge` at its default of 16, equal to `automerge`, a level that reaches 16 segments is
            // merged whole inside the commit that filled it, instead of a little at every commit: that one commit
            // rewrites much of the index, grows the WAL and holds the walk up. At 64 the merges stay incremental
            // (the same work, spread over the commits), and the extra segments do not slow `search`.
            try db.execute(sql: "INSERT INTO revisionText (revisionText, rank) VALUES ('crisismerge', 64)")
        }
        migrator.registerMigration("v5-quarantine-and-partial-polls") { db in
            // A page that cannot be fetched or parsed is set aside instead of stopping the archive, and a poll
            // that left pages aside is recorded as partial.
            try db.execute(
                sql: """
                    CREATE TABLE quarantine (
                        url TEXT PRIMARY KEY NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('listing', 'cable')),
                        referenceId TEXT,
                        listedReleased TEXT,
                        problem TEXT NOT NULL CHECK (problem IN ('unfetchable', 'unparseable')),
                        reason TEXT NOT NULL,
                        firstSeenAt TEXT NOT NULL,
                        lastSeenAt TEXT NOT NULL,
                        attempts INTEGER NOT NULL CHECK (attempts >= 1),
                        nextAttemptAt TEXT NOT NULL
                    ) STRICT;

                    CREATE TABLE pollRunV5 (
                        id INTEGER PRIMARY KEY,
                        startedAt TEXT NOT NULL,
                        finishedAt TEXT,
                        outcome TEXT NOT NULL
                          CHECK (outcome IN ('running', 'ok', 'unchanged', 'partial', 'failed')),
                        error TEXT,
                        requests INTEGER NOT NULL DEFAULT 0,
                        cablesFetched INTEGER NOT NULL DEFAULT 0,
                        eventsEmitted INTEGER NOT NULL DEFAULT 0
                    ) STRICT;
                    INSERT INTO pollRunV5 SELECT * FROM pollRun;
                    DROP TABLE pollRun;
                    ALTER TABLE pollRunV5 RENAME TO pollRun;
                    """)
        }
        migrator.registerMigration("v6-event-chain-head") { db in
            // Every event commit records the chain's head (EventChainHead); an archive that has events starts from
            // its last one.
            try db.execute(
                sql: """
                    INSERT INTO syncState (key, value)
                        SELECT 'eventChain.head', seq || ' ' || hash FROM event ORDER BY seq DESC LIMIT 1;
                    """)
        }
        migrator.registerMigration("v7-search-larger-segments-and-leaves") { db in
            // FTS5 writes its pending terms out as a new segment whenever they pass `hashsize` (1 MiB by default):
            // a search batch of long cables made many small segments, which the merges then read and rewrote. At
            // 4 MiB a batch makes a quarter as many, for about 4 MiB more memory while it is indexed.
            try db.execute(sql: "INSERT INTO revisionText (revisionText, rank) VALUES ('hashsize', 4194304)")
            // Its leaves are rows of at most `pgsz` bytes (4,050 by default, sized for 4 KiB pages): 16,000 fills one
            // 16 KiB page of the archive with one row instead of four.
            try db.execute(sql: "INSERT INTO revisionText (revisionText, rank) VALUES ('pgsz', 16000)")
        }
        return migrator
    }
}
