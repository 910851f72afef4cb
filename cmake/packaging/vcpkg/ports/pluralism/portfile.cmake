# SPDX-License-Identifier: MIT
# vcpkg overlay port: vcpkg install --overlay-ports=cmake/packaging/vcpkg/ports pluralism[eigen,xtensor,boost-math]
# Header-only: one release configure, no debug tree. Features only pull dependencies; the installed headers
# and config are the same, and components are resolved by find_package(pluralism COMPONENTS ...).
set(VCPKG_BUILD_TYPE release)

vcpkg_from_github(
  OUT_SOURCE_PATH SOURCE_PATH
  REPO pluralism/pluralism
  REF "v${VERSION}"
  SHA512 0  # filled in at release time
  HEAD_REF main
)

vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS
    -DPLURALISM_BUILD_TESTS=OFF
    -DPLURALISM_BUILD_EXAMPLES=OFF
    -DPLURALISM_BUILD_BENCH=OFF
    -DPLURALISM_INSTALL=ON
)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(PACKAGE_NAME pluralism CONFIG_PATH share/cmake/pluralism)
file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/share/doc")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
