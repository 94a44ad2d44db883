# SPDX-License-Identifier: BSL-1.0
# Install rules: the headers (modular and single), the exported pgdsl::pgdsl target, a package
# configuration so that `find_package(pgdsl CONFIG REQUIRED)` works from the install prefix, a
# pkg-config file (`pkg-config --cflags --libs pgdsl`), and the licence.
include_guard(GLOBAL)
include(CMakePackageConfigHelpers)

# Header-only: the package files are architecture independent, so they go under share/.
set(PGDSL_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/pgdsl"
    CACHE STRING "Where pgdslConfig.cmake is installed, relative to the prefix")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/pgdsl" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        FILES_MATCHING PATTERN "*.hpp")
install(TARGETS pgdsl EXPORT pgdslTargets)
install(EXPORT pgdslTargets NAMESPACE pgdsl:: DESTINATION "${PGDSL_INSTALL_CMAKEDIR}")

configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/pgdslConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/pgdslConfig.cmake" INSTALL_DESTINATION "${PGDSL_INSTALL_CMAKEDIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/pgdslConfigVersion.cmake"
  COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT)
install(FILES "${PROJECT_BINARY_DIR}/pgdslConfig.cmake" "${PROJECT_BINARY_DIR}/pgdslConfigVersion.cmake"
              "${CMAKE_CURRENT_LIST_DIR}/pgdslEmbedMigrations.cmake"
              "${CMAKE_CURRENT_LIST_DIR}/pgdslEmbedMigrationFiles.cmake"
        DESTINATION "${PGDSL_INSTALL_CMAKEDIR}")

# The single header, as <pgdsl.hpp> beside <pgdsl/...>.
install(FILES "${PROJECT_SOURCE_DIR}/single_include/pgdsl.hpp" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

# pgdsl.pc next to the CMake package (both under share/: nothing in them depends on the
# architecture). Its prefix is found from the file's own place (${pcfiledir}), so the install
# can be moved or made with `cmake --install --prefix`.
set(PGDSL_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_DATADIR}/pkgconfig"
    CACHE STRING "Where pgdsl.pc is installed, relative to the prefix")
if(IS_ABSOLUTE "${PGDSL_INSTALL_PKGCONFIGDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(PGDSL_PC_PREFIX_FROM_PCFILEDIR ".")
  set(PGDSL_PC_INCLUDEDIR "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
else()
  file(RELATIVE_PATH PGDSL_PC_PREFIX_FROM_PCFILEDIR "/prefix/${PGDSL_INSTALL_PKGCONFIGDIR}" "/prefix")
  string(REGEX REPLACE "/$" "" PGDSL_PC_PREFIX_FROM_PCFILEDIR "${PGDSL_PC_PREFIX_FROM_PCFILEDIR}")
  set(PGDSL_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/pgdsl.pc.in" "${PROJECT_BINARY_DIR}/pgdsl.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/pgdsl.pc" DESTINATION "${PGDSL_INSTALL_PKGCONFIGDIR}")

install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/pgdsl")
