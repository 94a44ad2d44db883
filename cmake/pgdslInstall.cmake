# Install rules: the headers, the exported pgdsl::pgdsl target, and a package configuration so
# that `find_package(pgdsl CONFIG REQUIRED)` works from the install prefix.
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
        DESTINATION "${PGDSL_INSTALL_CMAKEDIR}")
