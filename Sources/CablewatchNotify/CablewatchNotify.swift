/// Namespace for the `CablewatchNotify` module.
public enum CablewatchNotifyModule {
    /// The module's name, for diagnostics.
    public static let name = "CablewatchNotify"
}
