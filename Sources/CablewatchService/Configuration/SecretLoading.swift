extension CablewatchConfiguration {
    /// Whether loading the configuration reads the webhooks' secrets: only what signs requests does (`run`, `poll`,
    /// `webhook test`, `config check`); read commands skip them, so they never need access to a secret.
    public enum SecretLoading: Sendable {
        /// Read every secret file and credential, and check their modes.
        case read
        /// Open no secret; the webhooks' `secrets` stay empty.
        case skip
    }
}
