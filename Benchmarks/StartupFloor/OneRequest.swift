// The second reference point of Benchmarks/startup-floor.sh: a Swift program, linked like the installed
// cablewatch, that makes one conditional GET with Debian's libcurl (through cablewatch's own CCurl shim) and
// nothing else. Its CPU is the floor for any one-shot Swift poller built on that libcurl.
//
// Usage: one-request URL ETAG. Prints the HTTP status; exits 0 when the transfer completed.
import CCurl

#if canImport(Glibc)
    import Glibc
#endif

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    fputs("usage: one-request URL ETAG\n", stderr)
    exit(2)
}
guard cw_global_init() == CURLE_OK, let handle = curl_easy_init() else {
    fputs("one-request: libcurl did not start\n", stderr)
    exit(1)
}
let headers = curl_slist_append(nil, "If-None-Match: \(arguments[2])")
_ = cw_easy_setopt_string(handle, CURLOPT_URL, arguments[1])
_ = cw_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headers)
_ = cw_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION) { _, size, count, _ in size * count }
let result = curl_easy_perform(handle)
var status = 0
_ = cw_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
curl_slist_free_all(headers)
curl_easy_cleanup(handle)
print(status)
exit(result == CURLE_OK ? 0 : 1)
