#ifndef CABLEWATCH_CZLIB_SHIM_H
#define CABLEWATCH_CZLIB_SHIM_H
#include <zlib.h>
#endif
