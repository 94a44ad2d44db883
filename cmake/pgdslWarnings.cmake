# SPDX-License-Identifier: BSL-1.0
# Warning flags for pgdsl's own targets (tests, examples, benchmarks). They are never put on the
# pgdsl::pgdsl interface target: a consumer's warning policy is the consumer's business.
include_guard(GLOBAL)

function(pgdsl_target_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      # The optimizer-driven checks (on by -Wall or by default, but only effective at -O2 and up):
      # spelled out so a build at -O2/-O3 is known to run them (tools/test.sh gcc-o2, gcc-o3).
      target_compile_options(${target} PRIVATE -Wrestrict -Wstringop-overflow -Warray-bounds)
    endif()
    if(PGDSL_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4 /permissive-)
    if(PGDSL_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE /WX)
    endif()
  endif()
endfunction()
