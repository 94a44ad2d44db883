# SPDX-License-Identifier: BSL-1.0
# vcpkg overlay port for pgdsl, built from the checkout this port lives in (ports/pgdsl), so it
# needs no download and no SHA512: `vcpkg install pgdsl --overlay-ports=<checkout>/ports`.
# For a registry, replace SOURCE_PATH by vcpkg_from_github(OUT_SOURCE_PATH SOURCE_PATH REPO ...
# REF v${VERSION} SHA512 ...). docs/building.md has the usage.
get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
if(NOT EXISTS "${SOURCE_PATH}/include/pgdsl/pgdsl.hpp")
  message(FATAL_ERROR "the pgdsl overlay port must stay in ports/pgdsl of a pgdsl checkout")
endif()

# Header-only: one (release) configuration is all there is to install.
set(VCPKG_BUILD_TYPE release)

vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS
    -DPGDSL_BUILD_TESTS=OFF
    -DPGDSL_BUILD_EXAMPLES=OFF
    -DPGDSL_BUILD_BENCH=OFF
    -DPGDSL_INSTALL=ON
)
vcpkg_cmake_install()
# pgdsl installs its package into share/cmake/pgdsl; vcpkg wants it in share/pgdsl.
vcpkg_cmake_config_fixup(PACKAGE_NAME pgdsl CONFIG_PATH share/cmake/pgdsl)
vcpkg_fixup_pkgconfig()

# Nothing is architecture dependent; the licence goes where vcpkg expects it.
file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/lib" "${CURRENT_PACKAGES_DIR}/debug"
     "${CURRENT_PACKAGES_DIR}/share/doc")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
