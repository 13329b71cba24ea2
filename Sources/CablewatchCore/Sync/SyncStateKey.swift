/// Sync-state keys the cycle keeps in the archive for its own bookkeeping.
public enum SyncStateKey {
    public static let baselineDone = "baselineDone"
    public static let cycleComplete = "cycleComplete"
    public static let lastAnomaly = "lastAnomaly"
}
