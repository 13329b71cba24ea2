import CCurl

/// `curl_global_init`, run exactly once per process (Swift initialises globals lazily and thread-safely).
enum CurlGlobal {
    private static let initialization: CURLcode = cw_global_init()

    /// Initialises libcurl if that has not happened yet; nil on success, else the failure.
    static func ensureInitialized() -> CURLcode? {
        initialization == CURLE_OK ? nil : initialization
    }
}
