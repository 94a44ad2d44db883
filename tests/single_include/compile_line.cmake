# SPDX-License-Identifier: BSL-1.0
# The single header's documented compile line, run as written: reads the line that follows
# `<!-- single-header compile line -->` in docs/building.md, puts this test's compiler for `c++`,
# the test program for `app.cpp` and a path in the build tree for `-o app`, runs it with sh from
# the source directory (so `-I single_include` is the repository's), then runs the program.
#   cmake -DPGDSL_SOURCE_DIR=<src> -DPGDSL_CXX_COMPILER=<c++> -DPGDSL_PROGRAM=<cpp>
#         -DPGDSL_WORK_DIR=<dir> -DPGDSL_EXPECTED_VERSION=<x.y.z> -P compile_line.cmake
cmake_minimum_required(VERSION 3.21)

file(STRINGS "${PGDSL_SOURCE_DIR}/docs/building.md" doc_lines)
set(line "")
set(after_marker FALSE)
foreach(doc_line IN LISTS doc_lines)
  if(after_marker AND doc_line MATCHES "^c\\+\\+ ")
    set(line "${doc_line}")
    break()
  endif()
  if(doc_line MATCHES "<!-- single-header compile line -->")
    set(after_marker TRUE)
  endif()
endforeach()
if(line STREQUAL "" OR NOT line MATCHES " app\\.cpp " OR NOT line MATCHES " -o app ")
  message(FATAL_ERROR "docs/building.md: no `c++ ... app.cpp -o app ...` line after the marker "
                      "`<!-- single-header compile line -->`")
endif()
message(STATUS "documented: ${line}")

file(MAKE_DIRECTORY "${PGDSL_WORK_DIR}")
string(REGEX REPLACE "^c\\+\\+ " "\"${PGDSL_CXX_COMPILER}\" " command "${line}")
string(REPLACE " app.cpp " " \"${PGDSL_PROGRAM}\" " command "${command}")
string(REPLACE " -o app " " -o \"${PGDSL_WORK_DIR}/app\" " command "${command}")
message(STATUS "running: ${command}")
execute_process(COMMAND sh -c "${command}" WORKING_DIRECTORY "${PGDSL_SOURCE_DIR}"
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the documented single-header compile line failed (${result}):\n${output}")
endif()
execute_process(COMMAND "${PGDSL_WORK_DIR}/app" RESULT_VARIABLE result OUTPUT_VARIABLE output
                ERROR_VARIABLE output)
string(REPLACE "." "\\." version_regex "${PGDSL_EXPECTED_VERSION}")
if(NOT result EQUAL 0 OR NOT output MATCHES "pgdsl ${version_regex} ")
  message(FATAL_ERROR "the program built by the documented line did not run as expected "
                      "(${result}):\n${output}")
endif()
message(STATUS "built and ran: ${output}")
