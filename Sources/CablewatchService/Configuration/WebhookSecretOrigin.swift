extension CablewatchConfiguration.WebhookConfiguration {
    /// Where a webhook's signing secrets come from, as `config check` reports it.
    public enum SecretOrigin: Sendable, Equatable {
        /// `secret:` or `secrets:`, written in the configuration file.
        case inline
        /// `secretFile: PATH`.
        case file(path: String)
        /// `secretCredential: NAME`, read from `path` (in `$CREDENTIALS_DIRECTORY`, or beside the configuration);
        /// `path` is nil when the secrets were not read.
        case credential(name: String, path: String?)
    }
}
