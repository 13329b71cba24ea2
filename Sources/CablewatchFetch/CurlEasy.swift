import CCurl
import CablewatchCore
import Foundation

/// One libcurl easy handle, owned by one worker thread and reused across transfers for keep-alive.
final class CurlEasy {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Creates the handle; nil when libcurl cannot allocate one.
    init?() {
        guard CurlGlobal.ensureInitialized() == nil, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Runs one transfer to completion on the calling thread (blocking).
    func perform(_ spec: TransferSpec, cancellation: TransferCancellation) -> Result<TransferResult, FetchError> {
        let context = TransferContext(bodyLimit: spec.bodyLimit, cancellation: cancellation)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for line in spec.headerLines { headerList = curl_slist_append(headerList, line) }
        if case .post = spec.method { headerList = curl_slist_append(headerList, "Expect:") }

        curl_easy_reset(handle)  // options only: live connections and the DNS cache survive
        errorBuffer[0] = 0
        let setupFailure = configure(spec, context: context, headerList: headerList)
        if let setupFailure {
            return .failure(error(for: setupFailure, spec: spec, context: context))
        }
        let clock = ContinuousClock()
        let started = clock.now
        let code = withExtendedLifetime(context) { curl_easy_perform(handle) }
        let elapsed = clock.now - started
        guard code == CURLE_OK else {
            return .failure(error(for: code, spec: spec, context: context, elapsed: elapsed))
        }

        var status = 0
        var headerBytes = 0
        var bodyBytes: curl_off_t = 0
        var redirect: UnsafeMutablePointer<CChar>?
        _ = cw_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        _ = cw_easy_getinfo_long(handle, CURLINFO_HEADER_SIZE, &headerBytes)
        _ = cw_easy_getinfo_off_t(handle, CURLINFO_SIZE_DOWNLOAD_T, &bodyBytes)
        _ = cw_easy_getinfo_string(handle, CURLINFO_REDIRECT_URL, &redirect)
        return .success(
            TransferResult(
                status: status, headers: context.headers, body: context.body,
                redirectURL: redirect.map { String(cString: $0) }, bytesOnWire: headerBytes + Int(bodyBytes),
                elapsed: elapsed,
                retryAfterSeconds: RetryAfterHeader.seconds(
                    from: context.headers["retry-after"], nowEpochSeconds: Int64(Date().timeIntervalSince1970))))
    }

    /// Bytes received by the last transfer, also when it failed (for statistics).
    var bytesReceivedByLastTransfer: Int {
        var headerBytes = 0
        var bodyBytes: curl_off_t = 0
        _ = cw_easy_getinfo_long(handle, CURLINFO_HEADER_SIZE, &headerBytes)
        _ = cw_easy_getinfo_off_t(handle, CURLINFO_SIZE_DOWNLOAD_T, &bodyBytes)
        return headerBytes + Int(bodyBytes)
    }

    /// Sets every option for this transfer; returns the first failing option's code.
    private func configure(
        _ spec: TransferSpec, context: TransferContext, headerList: UnsafeMutablePointer<curl_slist>?
    ) -> CURLcode? {
        let contextPointer = Unmanaged.passUnretained(context).toOpaque()
        var codes: [CURLcode] = [
            cw_easy_setopt_string(handle, CURLOPT_URL, spec.url),
            cw_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            cw_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"),
            cw_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"),
            cw_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0),
            cw_easy_setopt_string(handle, CURLOPT_USERAGENT, spec.userAgent),
            cw_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.timeoutMilliseconds(spec.connectTimeout)),
            cw_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.timeoutMilliseconds(spec.timeout)),
            cw_easy_setopt_string(handle, CURLOPT_PROXY, spec.proxy ?? ""),
            cw_easy_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1),
            cw_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList),
            cw_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
            cw_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                guard let data, let context else { return 0 }
                let chunk = UnsafeRawBufferPointer(start: data, count: size * count)
                return Unmanaged<TransferContext>.fromOpaque(context).takeUnretainedValue().receiveBody(chunk)
            },
            cw_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, contextPointer),
            cw_easy_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                guard let data, let context else { return 0 }
                let line = UnsafeRawBufferPointer(start: data, count: size * count)
                Unmanaged<TransferContext>.fromOpaque(context).takeUnretainedValue().receiveHeaderLine(line)
                return size * count
            },
            cw_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, contextPointer),
            cw_easy_setopt_xferinfo_callback(handle, CURLOPT_XFERINFOFUNCTION) { context, _, _, _, _ in
                guard let context else { return 0 }
                return Unmanaged<TransferContext>.fromOpaque(context).takeUnretainedValue().cancellation.isCancelled
                    ? 1 : 0
            },
            cw_easy_setopt_pointer(handle, CURLOPT_XFERINFODATA, contextPointer),
            cw_easy_setopt_long(handle, CURLOPT_NOPROGRESS, 0),
        ]
        switch spec.method {
        case .get:
            codes.append(cw_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
            if case .abortAbove(let limit) = spec.bodyLimit {
                codes.append(cw_easy_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limit)))
            }
        case .post(let body):
            codes.append(cw_easy_setopt_long(handle, CURLOPT_POST, 1))
            codes.append(cw_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            codes.append(
                body.withUnsafeBytes { bytes in
                    // COPYPOSTFIELDS copies the bytes, so the buffer need not outlive this call.
                    cw_easy_setopt_pointer(
                        handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                })
        }
        return codes.first { $0 != CURLE_OK }
    }

    /// A timeout in whole milliseconds, at least 1 (libcurl reads 0 as "no timeout").
    static func timeoutMilliseconds(_ limit: Duration) -> Int {
        max(1, Int(limit.wholeMilliseconds))
    }

    /// Which of the two limits libcurl enforced. libcurl applies the smaller one to the connect phase, and its
    /// millisecond timer can fire a little before our clock sees the limit pass, so the limit nearest to the time
    /// the transfer took is the one that fired.
    static func timeoutThatFired(spec: TransferSpec, elapsed: Duration) -> Duration {
        guard spec.connectTimeout < spec.timeout else { return spec.timeout }
        let pastConnectLimit = abs((elapsed - spec.connectTimeout) / .milliseconds(1))
        let pastTotalLimit = abs((elapsed - spec.timeout) / .milliseconds(1))
        return pastTotalLimit <= pastConnectLimit ? spec.timeout : spec.connectTimeout
    }

    /// Classifies a libcurl failure into the module's error kinds.
    private func error(
        for code: CURLcode, spec: TransferSpec, context: TransferContext, elapsed: Duration = .zero
    ) -> FetchError {
        let message = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        let kind: FetchError.Kind
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            kind = .timeout(after: Self.timeoutThatFired(spec: spec, elapsed: elapsed))
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_PROXY,
            CURLE_SSL_CONNECT_ERROR:
            kind = .connectionFailed
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING:
            kind = .connectionReset
        case CURLE_PARTIAL_FILE:
            kind = .truncatedBody
        case CURLE_FILESIZE_EXCEEDED:
            kind = .tooLarge(limit: spec.bodyLimit.bytes)
        case CURLE_WRITE_ERROR where context.exceededLimit:
            kind = .tooLarge(limit: spec.bodyLimit.bytes)
        case CURLE_ABORTED_BY_CALLBACK where context.cancellation.isCancelled:
            kind = .cancelled
        case CURLE_UNSUPPORTED_PROTOCOL:
            kind = .unsupportedScheme
        default:
            kind = .curl(code: Int32(bitPattern: code.rawValue), message: message)
        }
        let detail: String? = if case .curl = kind { nil } else { message }
        return FetchError(kind, method: spec.method.name, url: spec.url, detail: detail)
    }
}
