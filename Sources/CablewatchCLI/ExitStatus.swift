import CablewatchService

/// The exit codes `cablewatch` gives besides 0 and 1 (DESIGN.md §6; `status` has its own 0/1/2; ArgumentParser's
/// usage errors are 64), from sysexits.h, so scripts and systemd can tell a refusal to start from a failure.
enum ExitStatus {
    /// Another `run` or `poll` holds the archive's writer lock (EX_TEMPFAIL: try again once it is done).
    static let archiveBusy: Int32 = 75
}

extension ArchiveWriterLockError {
    /// The one-line reason with its exit code: `archiveBusy` when another writer holds the lock.
    var commandFailure: CommandFailure {
        CommandFailure(description, exitCode: isHeld ? ExitStatus.archiveBusy : 1)
    }
}
