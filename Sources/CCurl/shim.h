#ifndef CABLEWATCH_CCURL_SHIM_H
#define CABLEWATCH_CCURL_SHIM_H
#include <curl/curl.h>
#endif
