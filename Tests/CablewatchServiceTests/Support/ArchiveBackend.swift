import CablewatchCore
import CablewatchPostgres
import CablewatchStore
import Crypto
import Foundation
import Logging
import Testing

/// The archive backends the archive-semantics suite runs against: the same calls, the same answers expected.
enum ArchiveBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    /// The backends this machine can run: PostgreSQL only where its server is installed (the skip is reported by
    /// `postgresqlServerIsInstalled`, never a silent pass).
    static let available: [ArchiveBackend] = PostgresTestServer.isInstalled ? [.sqlite, .postgresql] : [.sqlite]

    var testDescription: String { rawValue }

    /// Runs `body` with a new, empty archive of this backend, removed afterwards.
    func withArchive<T: Sendable>(_ body: (any ArchiveStoring) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let directory = NSTemporaryDirectory() + "cablewatch-backend-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let store = try ArchiveStore(path: directory + "/archive.sqlite3")
            return try await body(store)
        case .postgresql:
            return try await PostgresTestServer.withDatabase { server in
                let store = try await PostgresArchive.open(server, mode: .readWrite, logger: quietLogger)
                do {
                    let result = try await body(store)
                    await store.close()
                    return result
                } catch {
                    await store.close()
                    throw error
                }
            }
        }
    }
}

/// A logger that drops everything, for stores under test.
let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

/// Test fixtures for archive contents.
enum ArchiveFixture {
    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A cable page with `body`, hashed as the parser would.
    static func cable(_ referenceId: String, body: String, released: String = "2011-04-28 00:00") -> CablePage {
        let header = "VZCZCXYZ0008\nO 260810Z MAY 06"
        let squeezed = (header + "\n\n" + body).split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(
            separator: " ")
        return CablePage(
            referenceId: referenceId, created: "2006-05-26 08:10", released: released,
            classification: "CONFIDENTIAL", origin: "Embassy Seoul", headline: "TEST SUBJECT", articles: [],
            header: header, body: body, isPartialExtract: false,
            fields: CableTextFields(tags: ["PREL", "KS"], subject: "TEST SUBJECT"),
            hashes: ContentHashes(
                contentSHA256: sha256(header + "\n\n" + body), whitespaceInsensitiveSHA256: sha256(squeezed),
                rawSHA256: sha256("raw " + body)))
    }

    /// One sync step writing `page` as `kind`, with its event.
    static func write(_ page: CablePage, _ kind: CableWrite.Kind) -> ArchiveChanges {
        var changes = ArchiveChanges()
        let url = "http://x/cable/\(page.referenceId).html"
        changes.cables = [CableWrite(kind: kind, page: page, url: url, listedReleased: "2011-04-28", readded: false)]
        changes.events = [PendingEvent(.cableAdded, CableAddedData(cable: page, url: url, readded: false))]
        return changes
    }
}
