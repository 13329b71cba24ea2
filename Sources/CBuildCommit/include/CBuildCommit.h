// The commit the executables were built from, for `--version` (see BuildCommit.c).
#ifndef CBUILDCOMMIT_H
#define CBUILDCOMMIT_H

/// The commit `--version` names: BUILD_COMMIT at build time (Package.swift), else "unknown commit".
const char *cablewatch_build_commit(void);

#endif
