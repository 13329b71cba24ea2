/// Namespace for the `CablewatchStore` module.
public enum CablewatchStoreModule {
    /// The module's name, for diagnostics.
    public static let name = "CablewatchStore"
}
