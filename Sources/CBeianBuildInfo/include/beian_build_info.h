#ifndef BEIAN_BUILD_INFO_H
#define BEIAN_BUILD_INFO_H

/// The commit beian was built from (BEIAN_COMMIT at build time, Package.swift), or "" when none
/// was given (a plain `swift build`).
const char *beian_build_commit(void);

#endif
