// SPDX-License-Identifier: BSL-1.0
// version: the library's version as macros, so code can test it in #if and CMake can read it.
// This file is the single source of the version number: CMakeLists.txt and tools/amalgamate.py
// parse the three numbers below, so change them here only.
#pragma once

#define PGDSL_VERSION_MAJOR 0
#define PGDSL_VERSION_MINOR 1
#define PGDSL_VERSION_PATCH 0

#define PGDSL_VERSION_STRING "0.1.0"

/// The version as one integer, 10000 * major + 100 * minor + patch (0.1.0 is 100), for
/// `#if PGDSL_VERSION >= 10203`.
#define PGDSL_VERSION (PGDSL_VERSION_MAJOR * 10000 + PGDSL_VERSION_MINOR * 100 + PGDSL_VERSION_PATCH)
