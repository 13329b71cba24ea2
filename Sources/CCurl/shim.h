#ifndef CABLEWATCH_CCURL_SHIM_H
#define CABLEWATCH_CCURL_SHIM_H

/* Typed, non-variadic wrappers around libcurl's variadic entry points, so Swift can call them.
 * One wrapper per argument type; the option constant chooses what is set. */

#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

/* Constants Swift cannot import directly (macros that alias enum values or combine flags). */
static const long cw_global_default = CURL_GLOBAL_DEFAULT;
static const size_t cw_writefunc_error = CURL_WRITEFUNC_ERROR;

static inline CURLcode cw_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }

/* curl_easy_setopt, one per argument type. */
static inline CURLcode cw_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode cw_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode cw_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode cw_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode cw_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
/* CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION share this signature. */
static inline CURLcode cw_easy_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}
/* CURLOPT_XFERINFOFUNCTION. */
static inline CURLcode cw_easy_setopt_xferinfo_callback(CURL *handle, CURLoption option,
                                                        curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

/* curl_easy_getinfo, one per result type. */
static inline CURLcode cw_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode cw_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode cw_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode cw_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

/* curl_multi_setopt, one per argument type. */
static inline CURLMcode cw_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}
static inline CURLMcode cw_multi_setopt_pointer(CURLM *handle, CURLMoption option, void *value) {
    return curl_multi_setopt(handle, option, value);
}
static inline CURLMcode cw_multi_setopt_off_t(CURLM *handle, CURLMoption option, curl_off_t value) {
    return curl_multi_setopt(handle, option, value);
}

#endif
