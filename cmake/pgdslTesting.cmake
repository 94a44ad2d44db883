# SPDX-License-Identifier: BSL-1.0
# Test helpers for pgdsl's own test tree. Every directory under tests/ calls these instead of
# raw CMake, so a test's kind (runtime, compile-time, must-not-compile) is one word at its call.
#
#   pgdsl_add_test(<name> SOURCES <files...> [INTEGRATION | CLUSTER])
#       A Catch2 (v3 or v2) executable, run by CTest. INTEGRATION: it needs the database (label
#       `integration`; run it under tools/with-postgres.sh or with DATABASE_URL set). CLUSTER: it
#       runs in a throwaway primary + two replicas + PgBouncer of its own, started for it by
#       tools/with-cluster.sh (label `cluster`; see that script for the PGDSL_* variables).
#   pgdsl_add_compile_test(<name> SOURCES <files...>)
#       static_assert-only translation units: compiling them (part of the normal build) is passing.
#   pgdsl_add_must_not_compile(<name> SOURCE <file> [HARNESS_MUST_REJECT <regex>])
#       A case that must FAIL to compile with the message given by its `// expect:` comment line
#       (`// expect-gcc:` / `// expect-clang:` override it per compiler). Every tests/rules/**/*.cpp
#       carrying such a line is registered automatically by pgdsl_add_must_not_compile_dir().
#       HARNESS_MUST_REJECT is for the harness's own self-test only.
include_guard(GLOBAL)
include("${CMAKE_CURRENT_LIST_DIR}/pgdslWarnings.cmake")

# Catch2 v3 (its CMake package) first, else v2 (Debian 12's catch2). The tests include
# tests/support/catch.hpp, which picks the headers from PGDSL_CATCH2_MAJOR.
if(NOT DEFINED PGDSL_CATCH2_MAJOR)
  find_package(Catch2 3 QUIET)
  if(Catch2_FOUND)
    set(PGDSL_CATCH2_MAJOR 3)
  else()
    find_package(Catch2 2 QUIET)
    if(Catch2_FOUND)
      set(PGDSL_CATCH2_MAJOR 2)
    endif()
  endif()
  if(PGDSL_CATCH2_MAJOR)
    message(STATUS "pgdsl tests: Catch2 ${Catch2_VERSION}")
  endif()
endif()

option(PGDSL_MUST_NOT_COMPILE_TESTS "Register the must-not-compile cases (tests/rules) with CTest" ON)

set(PGDSL_EXPECT_BUILD_FAILURE_DRIVER "${CMAKE_CURRENT_LIST_DIR}/pgdslExpectBuildFailure.cmake")
set(PGDSL_EXPECT_DRIVER_REJECTS "${CMAKE_CURRENT_LIST_DIR}/pgdslExpectDriverRejects.cmake")

function(pgdsl_add_test name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "INTEGRATION;CLUSTER" "" "SOURCES")
  if(NOT arg_SOURCES OR arg_UNPARSED_ARGUMENTS OR (arg_INTEGRATION AND arg_CLUSTER))
    message(FATAL_ERROR "usage: pgdsl_add_test(<name> SOURCES <files...> [INTEGRATION | CLUSTER])")
  endif()
  add_executable(${name} ${arg_SOURCES})
  # Catch2WithMain: compiling a CATCH_CONFIG_MAIN translation unit per test costs ~9 s.
  target_link_libraries(${name} PRIVATE pgdsl::pgdsl Catch2::Catch2WithMain)
  # tests/ on the path for "support/catch.hpp" (Catch2 v3 or v2).
  target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}/tests")
  target_compile_definitions(${name} PRIVATE PGDSL_CATCH2_MAJOR=${PGDSL_CATCH2_MAJOR})
  pgdsl_target_warnings(${name})
  # One CTest test per executable: discovering each TEST_CASE would run every binary at build time.
  if(arg_CLUSTER)
    # Its own servers, never the one the other tests share: each node can be stopped or promoted.
    add_test(NAME ${name} COMMAND "${PROJECT_SOURCE_DIR}/tools/with-cluster.sh" $<TARGET_FILE:${name}>)
    set_tests_properties(${name} PROPERTIES LABELS cluster)
  else()
    add_test(NAME ${name} COMMAND ${name})
  endif()
  if(arg_INTEGRATION)
    set_tests_properties(${name} PROPERTIES LABELS integration)
  endif()
endfunction()

function(pgdsl_add_compile_test name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES")
  if(NOT arg_SOURCES OR arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "usage: pgdsl_add_compile_test(<name> SOURCES <files...>)")
  endif()
  add_library(${name} OBJECT ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE pgdsl::pgdsl)
  pgdsl_target_warnings(${name})
endfunction()

function(pgdsl_add_must_not_compile name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "SOURCE;HARNESS_MUST_REJECT" "")
  if(NOT arg_SOURCE OR arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "usage: pgdsl_add_must_not_compile(<name> SOURCE <file>)")
  endif()
  get_filename_component(source "${arg_SOURCE}" ABSOLUTE)
  string(MAKE_C_IDENTIFIER "must_not_compile_${name}" target)
  # Outside ALL: the normal build must not trip over it; only its test builds it.
  add_library(${target} OBJECT EXCLUDE_FROM_ALL "${source}")
  target_link_libraries(${target} PRIVATE pgdsl::pgdsl)
  pgdsl_target_warnings(${target})
  set(driver_args
    "-DPGDSL_BUILD_DIR=${PROJECT_BINARY_DIR}" "-DPGDSL_TARGET=${target}" "-DPGDSL_CONFIG=$<CONFIG>"
    "-DPGDSL_SOURCE=${source}" "-DPGDSL_COMPILER_ID=${CMAKE_CXX_COMPILER_ID}")
  # Single-config Ninja: the driver runs the case's compile command itself, so cases run in
  # parallel; any other generator builds the target, and two builds in one tree would race.
  set(parallel_cases FALSE)
  if(CMAKE_GENERATOR STREQUAL "Ninja")
    set(parallel_cases TRUE)
    list(APPEND driver_args "-DPGDSL_NINJA=${CMAKE_MAKE_PROGRAM}")
  endif()
  if(DEFINED arg_HARNESS_MUST_REJECT)
    add_test(NAME ${name} COMMAND "${CMAKE_COMMAND}" ${driver_args}
             "-DPGDSL_DRIVER=${PGDSL_EXPECT_BUILD_FAILURE_DRIVER}"
             "-DPGDSL_REJECTION=${arg_HARNESS_MUST_REJECT}" -P "${PGDSL_EXPECT_DRIVER_REJECTS}")
  else()
    add_test(NAME ${name} COMMAND "${CMAKE_COMMAND}" ${driver_args}
             -P "${PGDSL_EXPECT_BUILD_FAILURE_DRIVER}")
  endif()
  set_tests_properties(${name} PROPERTIES LABELS must_not_compile)
  if(NOT parallel_cases)
    set_tests_properties(${name} PROPERTIES RESOURCE_LOCK pgdsl_build_tree)
  endif()
  # The expected message is read from the file when the test runs; editing it needs no reconfigure,
  # but adding or removing the `// expect:` line does.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${source}")
endfunction()

# Registers every <dir>/**/*.cpp whose leading comment lines hold `// expect: <regex>` (or the
# per-compiler forms). The CTest name is <prefix>/<path below dir without .cpp>.
function(pgdsl_add_must_not_compile_dir dir prefix)
  if(NOT PGDSL_MUST_NOT_COMPILE_TESTS OR NOT IS_DIRECTORY "${dir}")
    return()
  endif()
  file(GLOB_RECURSE cases CONFIGURE_DEPENDS "${dir}/*.cpp")
  list(SORT cases)
  foreach(case IN LISTS cases)
    file(STRINGS "${case}" lines LIMIT_COUNT 40)
    set(has_expectation FALSE)
    foreach(line IN LISTS lines)
      if(line MATCHES "^[ \t]*//[ \t]*expect(-gcc|-clang)?:")
        set(has_expectation TRUE)
      elseif(NOT line MATCHES "^[ \t]*(//.*)?$")
        break()  # past the leading comment block
      endif()
    endforeach()
    if(has_expectation)
      file(RELATIVE_PATH relative "${dir}" "${case}")
      string(REGEX REPLACE "\\.cpp$" "" relative "${relative}")
      pgdsl_add_must_not_compile("${prefix}/${relative}" SOURCE "${case}")
    endif()
  endforeach()
endfunction()
