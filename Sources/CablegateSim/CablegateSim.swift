/// Namespace for the `CablegateSim` module.
public enum CablegateSimModule {
    /// The module's name, for diagnostics.
    public static let name = "CablegateSim"
}
