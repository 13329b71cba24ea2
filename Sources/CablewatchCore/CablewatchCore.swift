/// Namespace for the `CablewatchCore` module.
public enum CablewatchCoreModule {
    /// The module's name, for diagnostics.
    public static let name = "CablewatchCore"
}
