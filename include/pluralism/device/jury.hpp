// SPDX-License-Identifier: MIT
#pragma once

/// @file device/jury.hpp
/// @brief Everything of the Thrust path (`pluralism::thrust` component): batched jury sweeps on CUDA,
/// OpenMP or serial C++, chosen by `THRUST_DEVICE_SYSTEM`, with results bitwise equal to the CPU path.

#include "compositions.hpp"
#include "error.hpp"
#include "models.hpp"
#include "sweep.hpp"
