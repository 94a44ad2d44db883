# SPDX-License-Identifier: BSL-1.0
# Self-test of the must-not-compile harness (cmake -P): runs the real driver exactly as a
# tests/rules case runs it and passes only if the driver REJECTS the case for the stated reason.
# This is how the suite proves the harness can fail (a compiling case, a wrong message).
#
#   cmake <the driver's -D arguments> -DPGDSL_DRIVER=<driver.cmake> -DPGDSL_REJECTION=<regex>
#         -P pgdslExpectDriverRejects.cmake
cmake_minimum_required(VERSION 3.21)

set(args "")
foreach(var IN ITEMS PGDSL_BUILD_DIR PGDSL_TARGET PGDSL_CONFIG PGDSL_SOURCE PGDSL_COMPILER_ID PGDSL_NINJA)
  list(APPEND args "-D${var}=${${var}}")
endforeach()
execute_process(COMMAND "${CMAKE_COMMAND}" ${args} -P "${PGDSL_DRIVER}"
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(result EQUAL 0)
  message(FATAL_ERROR "the must-not-compile driver ACCEPTED ${PGDSL_SOURCE}, which it must reject "
                      "(expected rejection: ${PGDSL_REJECTION})\nDriver output:\n${output}")
endif()
if(NOT output MATCHES "${PGDSL_REJECTION}")
  message(FATAL_ERROR "the driver rejected ${PGDSL_SOURCE}, but not for the expected reason "
                      "`${PGDSL_REJECTION}`\nDriver output:\n${output}")
endif()
message(STATUS "the driver rejected ${PGDSL_SOURCE} as it must: ${CMAKE_MATCH_0}")
