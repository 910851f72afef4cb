# SPDX-License-Identifier: MIT
# The installed version file: architecture independent (a header-only package suits a 32-bit consumer
# too) and SameMinorVersion (0.1.x accepts a request for 0.1, refuses 0.2 and 0.0).
cmake_minimum_required(VERSION 3.25)  # policies as in a consumer project (CMP0012: if("TRUE") is true)
# Run as: cmake -DVERSION_FILE=<stage>/share/cmake/pluralism/pluralism-config-version.cmake -DVERSION=x.y.z -P
if(NOT EXISTS "${VERSION_FILE}")
  message(FATAL_ERROR "no version file at ${VERSION_FILE}")
endif()

# Asks the version file about `request` as find_package would, from a consumer with `pointer_size`.
function(ask request pointer_size expect_compatible)
  set(CMAKE_SIZEOF_VOID_P ${pointer_size})
  set(PACKAGE_FIND_VERSION ${request})
  string(REPLACE "." ";" _parts "${request}.0.0")
  list(GET _parts 0 PACKAGE_FIND_VERSION_MAJOR)
  list(GET _parts 1 PACKAGE_FIND_VERSION_MINOR)
  list(GET _parts 2 PACKAGE_FIND_VERSION_PATCH)
  include("${VERSION_FILE}")
  if(PACKAGE_VERSION_UNSUITABLE)
    message(FATAL_ERROR "version file marks the package unsuitable for a ${pointer_size}-byte-pointer consumer "
                        "(PACKAGE_VERSION = ${PACKAGE_VERSION}); it must be ARCH_INDEPENDENT")
  endif()
  if(NOT PACKAGE_VERSION STREQUAL VERSION)
    message(FATAL_ERROR "version file says ${PACKAGE_VERSION}, the project is ${VERSION}")
  endif()
  if((PACKAGE_VERSION_COMPATIBLE AND NOT expect_compatible) OR (NOT PACKAGE_VERSION_COMPATIBLE AND expect_compatible))
    message(FATAL_ERROR "request ${request}: compatible = '${PACKAGE_VERSION_COMPATIBLE}', expected ${expect_compatible}")
  endif()
  message(STATUS "request ${request}, ${pointer_size}-byte pointers: compatible = ${expect_compatible}, as expected")
endfunction()

string(REPLACE "." ";" _v "${VERSION}")
list(GET _v 0 _major)
list(GET _v 1 _minor)
math(EXPR _next_minor "${_minor} + 1")
math(EXPR _next_major "${_major} + 1")
foreach(_bytes 8 4)
  ask("${VERSION}" ${_bytes} TRUE)
  ask("${_major}.${_minor}" ${_bytes} TRUE)
  ask("${_major}.${_next_minor}" ${_bytes} FALSE)
  ask("${_next_major}.0" ${_bytes} FALSE)
endforeach()
if(_minor GREATER 0)
  math(EXPR _prev_minor "${_minor} - 1")
  ask("${_major}.${_prev_minor}" 8 FALSE)  # SameMinorVersion: an older minor is not accepted
endif()
