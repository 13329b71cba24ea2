import CablewatchCore
import CablewatchStore
import Foundation
import PostgresNIO
import Testing

@testable import CablewatchPostgres

/// The PostgreSQL archive's search vectors and queries, made by cablewatch from its own words: checked as values,
/// and against the server's own `to_tsvector` and `websearch_to_tsquery` where those read words the same way.
@Suite(.serialized) struct PostgresSearchTests {
    @Test func queriesReadAsWebsearchReadsThem() {
        #expect(PostgresSearchQuery.tsquery("NATO") == "'nato'")
        #expect(PostgresSearchQuery.tsquery("nato envoy") == "'nato' & 'envoy'")
        #expect(PostgresSearchQuery.tsquery("nato OR envoy rice") == "'nato' | 'envoy' & 'rice'")
        #expect(PostgresSearchQuery.tsquery("nato or -rice") == "'nato' | !'rice'")
        #expect(
            PostgresSearchQuery.tsquery("\"the envoy\" -\"rice harvest\"")
                == "('the' <-> 'envoy') & !('rice' <-> 'harvest')")
        #expect(PostgresSearchQuery.tsquery("\"unterminated phrase") == "('unterminated' <-> 'phrase')")
        #expect(PostgresSearchQuery.tsquery("e-mail DS/DSS") == "('e' <-> 'mail') & ('ds' <-> 'dss')")
        #expect(PostgresSearchQuery.tsquery("CAFÉ") == "'cafe'")
        #expect(PostgresSearchQuery.tsquery("it's") == "('it' <-> 's')")
        #expect(PostgresSearchQuery.tsquery("- or OR -- ... \"\"") == nil, "no word: nothing to look for")
        #expect(PostgresSearchQuery.tsquery("") == nil)
        #expect(PostgresSearchQuery.tsquery("or nato or") == "'nato'", "an OR without two sides is dropped")
        let long = String(repeating: "x", count: 2048)
        #expect(PostgresSearchQuery.tsquery("\"a \(long) b\"") == "('a' <2> 'b')", "a word too long keeps its place")
        #expect(PostgresSearchQuery.tsquery(long) == nil)
    }

    @Test func vectorsKeepWithinTheLimitsOfATSVector() {
        let vector = PostgresSearchVector(of: "b a B c a")
        #expect(vector.words.map(\.word) == ["a", "b", "c"])
        #expect(vector.words.map(\.positions) == [[2, 5], [1, 3], [4]])

        let repeated = PostgresSearchVector(of: Array(repeating: "nato", count: 300).joined(separator: " "))
        #expect(repeated.words.map(\.positions.count) == [255])
        #expect(repeated.words.first?.positions.prefix(3) == [1, 2, 3])

        // Past position 16,383 every word is at 16,383, once.
        let long = (1...16_390).map { "w\($0 % 7)" }.joined(separator: " ") + " last"
        let clamped = PostgresSearchVector(of: long)
        #expect(clamped.words.first { $0.word == "last" }?.positions == [16_383])

        let tooLong = String(repeating: "y", count: 2048)
        #expect(PostgresSearchVector(of: "a \(tooLong) b").words.map(\.positions) == [[1], [3]])

        // Byte order: a prefix first, and "ø" (0xC3 0xB8) after every ASCII letter.
        #expect(PostgresSearchVector(of: "ab a abc zz ø").words.map(\.word) == ["a", "ab", "abc", "zz", "ø"])
        #expect(
            PostgresSearchVector(of: "aaaaaaaab aaaaaaaa aaaaaaaaa").words.map(\.word) == [
                "aaaaaaaa", "aaaaaaaaa", "aaaaaaaab",
            ])
        #expect(PostgresSearchVector(of: " ... ").words.isEmpty)
    }

    /// Where the server's parser reads the same words (lowercase words and numbers between spaces), cablewatch's
    /// vector is exactly `to_tsvector('simple', …)`, limits included, and its queries are `websearch_to_tsquery`'s.
    @Test(.enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"))
    func vectorsAndQueriesEqualTheServersOwnWherePostgreSQLReadsTheSameWords() async throws {
        try await PostgresTestServer.withDatabase { server in
            let connection = try await server.testConnection()
            do {
                let vocabulary = ["nato", "envoy", "rice", "harvest", "the", "a", "2004", "x1", "minister", "seoul"]
                var texts = ["", "nato", "b a b c a"]
                for length in [10, 400, 3_000, 17_000] {
                    // Generated texts: words repeat past 255 positions, and the longest passes position 16,383.
                    texts.append(
                        (0..<length).map { vocabulary[($0 * 7 + $0 / 3 + $0 % 5) % vocabulary.count] }
                            .joined(separator: " "))
                }
                for text in texts {
                    let equal = try await connection.query(
                        "SELECT \(PostgresSearchVector(of: text)) = to_tsvector('simple', \(text))", logger: quietLogger
                    ).collect().first?.decode(Bool.self)
                    #expect(equal == true, "a text of \(text.count) characters")
                }
                for query in [
                    "nato", "nato envoy", "nato OR envoy rice", "nato or -rice", "\"the envoy\" -\"rice harvest\"",
                ] {
                    let tsquery = try #require(PostgresSearchQuery.tsquery(query))
                    let equal = try await connection.query(
                        "SELECT \(tsquery)::tsquery = websearch_to_tsquery('simple', \(query))", logger: quietLogger
                    ).collect().first?.decode(Bool.self)
                    #expect(equal == true, "\(query) → \(tsquery)")
                }
            } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
        }
    }

    /// An archive whose vectors PostgreSQL's parser made (before `v5`) gets them made again when it is opened, so
    /// that old and new revisions are found by the same words.
    @Test(.enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"))
    func openingAnOlderArchiveComputesItsSearchVectorsAgain() async throws {
        try await PostgresTestServer.withDatabase { server in
            var store = try await PostgresArchive.open(server, mode: .readWrite, logger: quietLogger)
            var changes = ArchiveFixture.write(
                ArchiveFixture.cable("06SEOUL1789", body: "1. (C) DS/DSS met the CAFÉ owner."), .insert)
            // More revisions than one of the migration's statements takes (500).
            for number in 0..<620 {
                let page = ArchiveFixture.cable(String(format: "07BULK%05d", number), body: "bulk/item\(number)")
                changes.cables.append(
                    CableWrite(
                        kind: .insert, page: page, url: "http://x/cable/\(page.referenceId).html", listedReleased: nil,
                        readded: false))
            }
            try await store.commit(changes, at: Date(), source: "s")
            await store.close()
            let connection = try await server.testConnection()
            do {
                // What the archive held before v5: the server's own vectors, in which "DS/DSS" is one word.
                try await connection.query(
                    """
                    UPDATE revision SET search_vector =
                      to_tsvector('simple', convert_from(subject, 'UTF8') || ' ' || convert_from(body, 'UTF8'))
                    """, logger: quietLogger)
                try await connection.query(
                    "DELETE FROM schema_migration WHERE name = 'v5-search-vectors-of-cablewatch-words'",
                    logger: quietLogger)
            } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
            await #expect(throws: StoreError.self, "a read command refuses the older schema") {
                let readOnly = try await PostgresArchive.open(server, mode: .readOnly, logger: quietLogger)
                await readOnly.close()
            }

            store = try await PostgresArchive.open(server, mode: .readWrite, logger: quietLogger)
            #expect(try await store.search("dss", limit: 10).map(\.referenceId) == ["06SEOUL1789"])
            #expect(try await store.search("cafe", limit: 10).map(\.referenceId) == ["06SEOUL1789"])
            #expect(try await store.search("item619", limit: 10).map(\.referenceId) == ["07BULK00619"])
            #expect(try await store.search("bulk", limit: 1_000).count == 620)
            await store.close()
        }
    }
}
