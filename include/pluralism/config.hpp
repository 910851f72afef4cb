// SPDX-License-Identifier: MIT
#pragma once

/// @file config.hpp
/// @brief Compiler and platform switches shared by every header.
///
/// `PLURALISM_HD` marks functions that run on host and device. Under nvcc it is `__host__ __device__`;
/// everywhere else it is empty, so the same code is the CPU reference and the GPU kernel body. That is how
/// sampled juries are bitwise identical on every back end (DESIGN section 3).

#include "version.hpp"

#if defined(__CUDACC__) || defined(__HIPCC__)
#define PLURALISM_HD __host__ __device__
#define PLURALISM_DEVICE_COMPILER 1
#else
#define PLURALISM_HD
#define PLURALISM_DEVICE_COMPILER 0
#endif

// True only in the device pass of a CUDA compile: device code never throws.
#if defined(__CUDA_ARCH__)
#define PLURALISM_DEVICE_PASS 1
#else
#define PLURALISM_DEVICE_PASS 0
#endif

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#define PLURALISM_HAS_EXCEPTIONS 1
#else
#define PLURALISM_HAS_EXCEPTIONS 0
#endif
