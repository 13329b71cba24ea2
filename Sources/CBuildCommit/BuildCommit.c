// Package.swift defines CABLEWATCH_BUILD_COMMIT for this file alone when BUILD_COMMIT is set (scripts/test.sh,
// scripts/build-release.sh), so a new commit recompiles one C file instead of every module.
#include "CBuildCommit.h"

#ifndef CABLEWATCH_BUILD_COMMIT
#define CABLEWATCH_BUILD_COMMIT "unknown commit"
#endif

const char *cablewatch_build_commit(void) { return CABLEWATCH_BUILD_COMMIT; }
