#if canImport(Glibc)
    import Glibc
#endif

extension ArchiveStore {
    /// The permission bits of a new archive: its owner writes, its group (an operators' group) reads, others nothing.
    public static let fileMode: mode_t = 0o640

    /// Creates the archive file empty with `fileMode` when there is none. SQLite itself would create it 0644 minus
    /// the umask, and it gives the WAL and shared-memory files the database file's own mode, so setting it here, with
    /// `fchmod` rather than through the umask, covers all three. When the file cannot be created here, SQLite's own
    /// attempt that follows reports why.
    static func createFileIfMissing(atPath path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        // A failed fchmod leaves the file at 0600, stricter still.
        _ = fchmod(descriptor, fileMode)
        Glibc.close(descriptor)
    }
}
