import CablewatchService

/// The exit codes `cablewatch` gives besides 0 and 1 (DESIGN.md §6; `status` has its own 0/1/2), from sysexits.h
/// where one fits, so scripts and systemd can tell a refusal to start from a failure.
enum ExitStatus {
    /// A command line or option value that cannot be used (EX_USAGE, as for ArgumentParser's own errors).
    static let usage: Int32 = 64
    /// Another `run` or `poll` holds the archive's writer lock (EX_TEMPFAIL: try again once it is done).
    static let archiveBusy: Int32 = 75
}

extension ArchiveWriterLockError {
    /// The one-line reason with its exit code: `archiveBusy` when another writer holds the lock.
    var commandFailure: CommandFailure {
        CommandFailure(description, exitCode: isHeld ? ExitStatus.archiveBusy : 1)
    }
}
