// SPDX-License-Identifier: MIT
#pragma once

/// @file device/error.hpp
/// @brief Errors of the Thrust path: the exception type, CUDA status checks and the name of the back end.
///
/// Device code never throws (DESIGN section 5). The host wrappers check the CUDA status after every launch
/// and copy, and turn Thrust's exceptions and allocation failures into `pluralism::device::device_error`
/// with a stable id, so a caller sees one exception type with a message that says what failed.

#include <cstddef>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

#include "../error.hpp"

// Thrust's configuration header (present in Thrust 1.x and CCCL) settles THRUST_DEVICE_SYSTEM: the command
// line's choice, or CUDA by default.
#include <thrust/detail/config.h>

#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
#define PLURALISM_DEVICE_CUDA 1
#else
#define PLURALISM_DEVICE_CUDA 0
#endif

#if PLURALISM_DEVICE_CUDA
#include <cuda_runtime_api.h>
#endif

namespace pluralism::device {

/// A failure of the device or its runtime: out of memory (`[pluralism.device.out_of_memory]`), a failed
/// CUDA call or kernel launch (`[pluralism.device.cuda]`).
class device_error : public pluralism::error {
 public:
  using pluralism::error::error;
};

namespace detail {

[[noreturn]] inline void throw_out_of_memory(std::string_view what, std::size_t bytes) {
  throw device_error("pluralism.device.out_of_memory",
                     "could not allocate " + std::to_string(bytes) + " bytes of device memory for " + std::string(what));
}

#if PLURALISM_DEVICE_CUDA
/// Throws `device_error` naming `what` when `status` is not `cudaSuccess`.
inline void check_cuda(cudaError_t status, std::string_view what) {
  if (status == cudaSuccess) return;
  if (status == cudaErrorMemoryAllocation) {
    static_cast<void>(cudaGetLastError());  // clear the sticky-free error so later calls work
    throw device_error("pluralism.device.out_of_memory", std::string(what) + ": " + cudaGetErrorString(status));
  }
  throw device_error("pluralism.device.cuda", std::string(what) + " failed: " + cudaGetErrorName(status) + " (" +
                                                 cudaGetErrorString(status) + ")");
}
#endif

}  // namespace detail

/// The Thrust device system this translation unit was compiled for: "cuda", "omp", "tbb" or "cpp".
/// Tests assert it, so a build that silently fell back to another back end fails.
constexpr std::string_view backend_name() noexcept {
#if PLURALISM_DEVICE_CUDA
  return "cuda";
#elif THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_OMP
  return "omp";
#elif THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_TBB
  return "tbb";
#else
  return "cpp";
#endif
}

}  // namespace pluralism::device
