# Builds and runs tests/package/consumer the way a user would (cmake -P, driven by CTest).
#   PGDSL_MODE=find_package:     install this build tree into a fresh prefix, find_package() it
#   PGDSL_MODE=add_subdirectory: add_subdirectory() of the source tree
cmake_minimum_required(VERSION 3.21)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT result EQUAL 0)
    string(REPLACE ";" " " command "${ARGN}")
    message(FATAL_ERROR "failed (${result}): ${command}\n${output}")
  endif()
  set(output "${output}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${PGDSL_WORK_DIR}")
set(consumer_args "")
if(PGDSL_MODE STREQUAL "find_package")
  set(prefix "${PGDSL_WORK_DIR}/prefix")
  set(config_args "")
  if(NOT PGDSL_CONFIG STREQUAL "")
    set(config_args --config "${PGDSL_CONFIG}")
  endif()
  run("${CMAKE_COMMAND}" --install "${PGDSL_BUILD_DIR}" --prefix "${prefix}" ${config_args})
  # Only the installed copy: the consumer must not reach the source tree.
  list(APPEND consumer_args "-DCMAKE_PREFIX_PATH=${prefix}" -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON)
elseif(PGDSL_MODE STREQUAL "add_subdirectory")
  list(APPEND consumer_args "-DPGDSL_SOURCE_DIR=${PGDSL_SOURCE_DIR}")
else()
  message(FATAL_ERROR "PGDSL_MODE must be find_package or add_subdirectory")
endif()

set(build "${PGDSL_WORK_DIR}/build")
set(config "${PGDSL_CONFIG}")
if(config STREQUAL "")
  set(config Debug)
endif()
run("${CMAKE_COMMAND}" -S "${PGDSL_CONSUMER_DIR}" -B "${build}" -G "${PGDSL_GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${PGDSL_CXX_COMPILER}" "-DCMAKE_BUILD_TYPE=${config}" ${consumer_args})
message(STATUS "configured the consumer (${PGDSL_MODE}):\n${output}")
run("${CMAKE_COMMAND}" --build "${build}" --config "${config}")

find_program(consumer NAMES consumer PATHS "${build}" "${build}/${config}" NO_DEFAULT_PATH REQUIRED)
run("${consumer}")
string(REPLACE "." "\\." version_regex "${PGDSL_EXPECTED_VERSION}")
if(NOT output MATCHES "pgdsl ${version_regex} consumer")
  message(FATAL_ERROR "the consumer ran but did not report pgdsl ${PGDSL_EXPECTED_VERSION}:\n${output}")
endif()
message(STATUS "consumer (${PGDSL_MODE}) says: ${output}")
