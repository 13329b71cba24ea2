import CablewatchStore
import Synchronization

/// The archives a command opened, closed when the command ends (`Output.run`): a PostgreSQL archive's connections
/// are closed, never dropped mid-protocol.
enum CommandArchives {
    private static let opened = Mutex<[any ArchiveStoring]>([])

    /// Keeps `store` for closing at the end of the command and returns it.
    static func keep(_ store: any ArchiveStoring) -> any ArchiveStoring {
        opened.withLock { $0.append(store) }
        return store
    }

    /// Closes every archive the command opened.
    static func closeAll() async {
        let stores = opened.withLock { stores in
            defer { stores.removeAll() }
            return stores
        }
        for store in stores { await store.close() }
    }
}
