# SPDX-License-Identifier: BSL-1.0
# Must-not-compile driver (cmake -P): builds one EXCLUDE_FROM_ALL target and passes only if the
# build FAILS and the compiler's output matches the case's expected message. A bare "it failed"
# check would pass on any typo in the case, so the message is part of the verdict.
#
#   cmake -DPGDSL_BUILD_DIR=<tree> -DPGDSL_TARGET=<target> -DPGDSL_SOURCE=<case.cpp>
#         -DPGDSL_COMPILER_ID=<GNU|Clang> [-DPGDSL_CONFIG=<config>] [-DPGDSL_NINJA=<ninja>]
#         -P pgdslExpectBuildFailure.cmake
#
# With PGDSL_NINJA (a single-config Ninja tree) the driver asks Ninja for the target's compile
# command (`ninja -t commands`, which only reads the tree) and runs that command itself, so cases
# run in parallel; otherwise it builds the target with `cmake --build`, one case at a time.
#
# The expectation lives in the case's leading comment lines: `// expect: <regex>`, overridden by
# `// expect-gcc: <regex>` or `// expect-clang: <regex>` for that compiler. CMake regex syntax.
cmake_minimum_required(VERSION 3.21)

foreach(var IN ITEMS PGDSL_BUILD_DIR PGDSL_TARGET PGDSL_SOURCE PGDSL_COMPILER_ID)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "must-not-compile driver: ${var} is not set")
  endif()
endforeach()

if(PGDSL_COMPILER_ID STREQUAL "GNU")
  set(own_key "gcc")
elseif(PGDSL_COMPILER_ID MATCHES "Clang")
  set(own_key "clang")
else()
  set(own_key "${PGDSL_COMPILER_ID}")
endif()

file(READ "${PGDSL_SOURCE}" rest)
set(expect "")
set(own_expect "")
# Line by line by hand: CMake lists would split a regex at ';' and merge lines at a lone '['.
while(NOT rest STREQUAL "")
  string(FIND "${rest}" "\n" eol)
  if(eol EQUAL -1)
    set(line "${rest}")
    set(rest "")
  else()
    string(SUBSTRING "${rest}" 0 ${eol} line)
    math(EXPR eol "${eol} + 1")
    string(SUBSTRING "${rest}" ${eol} -1 rest)
  endif()
  if(line MATCHES "^[ \t]*//[ \t]*expect(-[a-z]+)?:[ \t]*(.*[^ \t\r])[ \t\r]*$")
    if("${CMAKE_MATCH_1}" STREQUAL "")
      set(expect "${CMAKE_MATCH_2}")
    elseif("${CMAKE_MATCH_1}" STREQUAL "-${own_key}")
      set(own_expect "${CMAKE_MATCH_2}")
    endif()
  elseif(NOT line MATCHES "^[ \t\r]*(//.*)?$")
    break()  # past the leading comment block
  endif()
endwhile()
if(NOT own_expect STREQUAL "")
  set(expect "${own_expect}")
endif()
if(expect STREQUAL "")
  message(FATAL_ERROR "${PGDSL_SOURCE}: no `// expect: <regex>` line (nor `// expect-${own_key}:`) "
                      "in its leading comments")
endif()

if(DEFINED PGDSL_NINJA AND NOT PGDSL_NINJA STREQUAL "")
  # The exact command the build would run for this object (the last one: it has no other step).
  execute_process(COMMAND "${PGDSL_NINJA}" -C "${PGDSL_BUILD_DIR}" -t commands "${PGDSL_TARGET}"
                  RESULT_VARIABLE result OUTPUT_VARIABLE commands ERROR_VARIABLE commands)
  string(STRIP "${commands}" commands)
  string(REGEX REPLACE "^.*\n" "" command "${commands}")
  if(NOT result EQUAL 0 OR command STREQUAL "")
    message(FATAL_ERROR "must-not-compile driver: `ninja -t commands ${PGDSL_TARGET}` gave no "
                        "compile command:\n${commands}")
  endif()
  # Ninja creates an object's directory before compiling it; running the command alone, so must we.
  if(command MATCHES " -o ([^ ]+)")
    get_filename_component(object_dir "${CMAKE_MATCH_1}" DIRECTORY)
    file(MAKE_DIRECTORY "${PGDSL_BUILD_DIR}/${object_dir}")
  endif()
  # LC_ALL=C: plain ASCII quotes in the compiler's messages, so expectations need no Unicode.
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -E env LC_ALL=C sh -c "${command}"
    WORKING_DIRECTORY "${PGDSL_BUILD_DIR}"
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
else()
  set(config_args "")
  if(DEFINED PGDSL_CONFIG AND NOT PGDSL_CONFIG STREQUAL "")
    set(config_args --config "${PGDSL_CONFIG}")
  endif()
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -E env LC_ALL=C
            "${CMAKE_COMMAND}" --build "${PGDSL_BUILD_DIR}" --target "${PGDSL_TARGET}" ${config_args}
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
endif()

if(result EQUAL 0)
  message(FATAL_ERROR "must-not-compile case COMPILED: ${PGDSL_SOURCE}\n"
                      "It was expected to fail with a message matching: ${expect}\n${output}")
endif()
if(NOT output MATCHES "${expect}")
  message(FATAL_ERROR "must-not-compile case failed, but with a different message: ${PGDSL_SOURCE}\n"
                      "No compiler output matched: ${expect}\nCompiler output:\n${output}")
endif()
message(STATUS "failed to compile as expected, matching `${expect}`: ${CMAKE_MATCH_0}")
