/// Namespace for the `CablewatchService` module.
public enum CablewatchServiceModule {
    /// The module's name, for diagnostics.
    public static let name = "CablewatchService"
}
