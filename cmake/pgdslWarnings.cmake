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

# Targets that instantiate Boost.Asio 1.18's coroutines and use_future (the async layer's tests,
# example and benchmark). Under the sanitizers g++ 12 reports false positives inside Asio itself:
# -Wtsan (TSan cannot see the atomic_thread_fence of Asio's fenced blocks; its scheduler hands work
# between threads under mutexes, which TSan does see), and with ASan -Wmaybe-uninitialized in
# use_future's promise_handler and -Wmismatched-new-delete on the sized operator delete of Asio's
# awaitable frames. Builds without sanitizers keep every warning. Call after
# pgdsl_target_warnings (pgdsl_add_test and pgdsl_add_example call it).
function(pgdsl_quiet_asio_sanitizer_warnings target)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    if(CMAKE_CXX_FLAGS MATCHES "-fsanitize=thread")
      target_compile_options(${target} PRIVATE -Wno-tsan)
    endif()
    if(CMAKE_CXX_FLAGS MATCHES "-fsanitize=address")
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized -Wno-mismatched-new-delete)
    endif()
  endif()
endfunction()
