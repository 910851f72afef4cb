# SPDX-License-Identifier: MIT
# The pluralism::thrust component: include/pluralism/device/ on Thrust (the CUDA toolkit's CCCL, or Debian's
# libthrust-dev for the host back ends). Read in two places:
#   - by pluralism's own CMakeLists.txt (build tree): defines the component target when Thrust is found;
#   - by the installed pluralism-config.cmake: pluralism_attach_thrust(pluralism::thrust) finds Thrust for a
#     consumer and sets PLURALISM_THRUST_FOUND.
# Either way, pluralism_thrust_backend(<target> CUDA|OMP|CPP|TBB) picks the device system of one target
# (THRUST_DEVICE_SYSTEM, plus OpenMP for OMP). Without it, Thrust's default applies: CUDA.

# Finds Thrust: the CUDA toolkit's first when CUDA is enabled (nvcc must see its own CCCL), else the default
# search (Debian's /usr/share/cmake/thrust, or a CCCL on CMAKE_PREFIX_PATH).
macro(_pluralism_find_thrust)
  if(NOT TARGET Thrust::Thrust)
    set(_pl_thrust_hints "")
    if(CMAKE_CUDA_COMPILER)
      get_filename_component(_pl_cuda_bin "${CMAKE_CUDA_COMPILER}" DIRECTORY)
      list(APPEND _pl_thrust_hints "${_pl_cuda_bin}/../lib/cmake/thrust" "${_pl_cuda_bin}/../lib64/cmake/thrust")
      find_package(Thrust CONFIG QUIET NO_DEFAULT_PATH HINTS ${_pl_thrust_hints})
    endif()
    if(NOT TARGET Thrust::Thrust)
      find_package(Thrust CONFIG QUIET)
    endif()
  endif()
endmacro()

function(pluralism_attach_thrust target)
  _pluralism_find_thrust()
  if(TARGET Thrust::Thrust)
    set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_LIBRARIES Thrust::Thrust)
    set(PLURALISM_THRUST_FOUND TRUE PARENT_SCOPE)
  else()
    set(PLURALISM_THRUST_FOUND FALSE PARENT_SCOPE)
  endif()
endfunction()

function(pluralism_thrust_backend target system)
  string(TOUPPER "${system}" _sys)
  if(NOT _sys MATCHES "^(CUDA|OMP|CPP|TBB)$")
    message(FATAL_ERROR "pluralism_thrust_backend: unknown device system '${system}' (CUDA, OMP, CPP or TBB)")
  endif()
  target_compile_definitions(${target} PRIVATE THRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_${_sys})
  set_property(TARGET ${target} PROPERTY PLURALISM_THRUST_BACKEND ${_sys})
  if(_sys STREQUAL "OMP")
    find_package(OpenMP REQUIRED COMPONENTS CXX)
    target_link_libraries(${target} PRIVATE OpenMP::OpenMP_CXX)
  elseif(_sys STREQUAL "TBB")
    find_package(TBB REQUIRED)
    target_link_libraries(${target} PRIVATE TBB::tbb)
  endif()
endfunction()

# Build tree of pluralism itself: the component target, its headers, and header-set verification. The
# verification compiles each header with g++, so targets that did not pick a device system get the serial one
# there (the generator expression reads the consuming target's PLURALISM_THRUST_BACKEND).
if(PROJECT_NAME STREQUAL "pluralism" AND DEFINED _pl_targets AND NOT TARGET pluralism_thrust)
  # PLURALISM_CUDA=ON also builds the device tests and benchmarks with nvcc (compile-only in CI).
  option(PLURALISM_CUDA "Build the CUDA back end of the device tests and benchmarks (needs nvcc)" OFF)
  if(PLURALISM_CUDA)
    include(CheckLanguage)
    check_language(CUDA)
    if(NOT CMAKE_CUDA_COMPILER)
      message(FATAL_ERROR "PLURALISM_CUDA=ON but no CUDA compiler was found (put nvcc on PATH or set CMAKE_CUDA_COMPILER)")
    endif()
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      set(CMAKE_CUDA_ARCHITECTURES 90)
    endif()
    enable_language(CUDA)
  endif()
  _pluralism_find_thrust()
  if(TARGET Thrust::Thrust)
    add_library(pluralism_thrust_build_dep INTERFACE)
    target_link_libraries(pluralism_thrust_build_dep INTERFACE Thrust::Thrust)
    # Thrust's own headers are third-party: -isystem, so our warnings-as-errors apply to our code only.
    get_target_property(_pl_thrust_inc Thrust::Thrust INTERFACE_INCLUDE_DIRECTORIES)
    if(_pl_thrust_inc)
      target_include_directories(pluralism_thrust_build_dep SYSTEM INTERFACE ${_pl_thrust_inc})
    endif()
    target_compile_definitions(pluralism_thrust_build_dep INTERFACE
      $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<NOT:$<BOOL:$<TARGET_PROPERTY:PLURALISM_THRUST_BACKEND>>>>:THRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_CPP>)
    _pl_component(thrust pluralism_thrust_build_dep ${_pl_device})
    set(PLURALISM_THRUST_FOUND TRUE)
    message(STATUS "pluralism: component thrust with Thrust ${Thrust_VERSION} (${Thrust_DIR})")
  else()
    message(STATUS "pluralism: Thrust not found, component thrust disabled")
  endif()
endif()
