// The commit is a define given at build time (BEIAN_COMMIT in the environment, read by
// Package.swift, set by scripts/release), not a generated file: a plain `swift build` of a clean
// clone needs no step before it, the binary never runs git, and the same commit always yields
// the same bytes. C is used because its defines carry a value (Swift's -D flags are true/false).
#include "beian_build_info.h"

#define BEIAN_STRING_(x) #x
#define BEIAN_STRING(x) BEIAN_STRING_(x)

const char *beian_build_commit(void) {
#ifdef BEIAN_COMMIT
    return BEIAN_STRING(BEIAN_COMMIT);
#else
    return "";
#endif
}
