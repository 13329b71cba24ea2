#ifndef CABLEWATCH_CMALLOC_SHIM_H
#define CABLEWATCH_CMALLOC_SHIM_H
// glibc's malloc_trim, which the Glibc module leaves out (it does not include <malloc.h>).
#include <malloc.h>
#endif
