import Foundation
import Testing

@testable import CablewatchStore

/// The wording of storage errors the system caused, for every refusal, whatever the user running the tests (root
/// is refused by neither permission bits nor, outside a namespace, a read-only mount: StorageAccessTests makes the
/// system refuse for real where it can).
@Test func eachRefusalSaysReadOnlyOrPermissionDeniedWithThePath() throws {
    let path = "/var/lib/cablewatch/archive.sqlite3"
    #expect(
        StorageAccessProblem(path: path, errno: EROFS)?.description
            == "/var/lib/cablewatch/archive.sqlite3 is read-only (read-only file system)")
    #expect(
        StorageAccessProblem(path: path, errno: EPERM)?.description
            == "/var/lib/cablewatch/archive.sqlite3 is read-only (marked immutable: see lsattr)")
    #expect(
        StorageAccessProblem(path: path, errno: EACCES)?.description
            == "permission denied on /var/lib/cablewatch/archive.sqlite3 (for uid \(geteuid()))")
    #expect(StorageAccessProblem(path: path, errno: ENOSPC) == nil, "not about access")

    let refused = StorageAccessProblem(path: "/var/lib/cablewatch", reason: .readOnlyFileSystem)
    let open = StoreError(
        kind: .cannotOpen, operation: "open", path: path, message: "SQLite error 14: unable to open database file",
        access: refused)
    #expect(open.description == "cannot open archive \(path): /var/lib/cablewatch is read-only (read-only file system)")
    let write = StoreError(
        kind: .sqlite(code: 8), operation: "commit sync step", path: path,
        message: "attempt to write a readonly database",
        access: StorageAccessProblem(path: path, reason: .permissionDenied(uid: 998)))
    #expect(
        write.description == "commit sync step \(path): permission denied on \(path) (for uid 998) (SQLite error 8)")
    // SQLITE_READONLY (8) and its extended codes, when the system says nothing more.
    for code: Int32 in [8, 264, 520, 776, 1032, 1288, 1544] {
        let bare = StoreError(kind: .sqlite(code: code), operation: "commit", path: path, message: "readonly")
        #expect(bare.description == "commit \(path): the archive is read-only (SQLite error \(code): readonly)")
    }
}

@Test func theDiagnosisNamesTheFirstPathTheSystemRefuses() throws {
    let directory = NSTemporaryDirectory() + "cablewatch-diagnosis-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let archive = directory + "/archive.sqlite3"
    #expect(StorageAccessProblem.diagnose(archivePath: archive, writing: true) == nil, "a writable directory")
    #expect(
        StorageAccessProblem.diagnose(archivePath: directory + "/not/yet/archive.sqlite3", writing: true) == nil,
        "directories still to be made are made in the nearest one that exists")
    #expect(StorageAccessProblem.diagnose(archivePath: "", writing: true) == nil)
}
