/// Namespace for the `CablewatchFetch` module.
public enum CablewatchFetchModule {
    /// The module's name, for diagnostics.
    public static let name = "CablewatchFetch"
}
