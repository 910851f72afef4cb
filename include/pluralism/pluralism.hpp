// SPDX-License-Identifier: MIT
#pragma once

/// @file pluralism.hpp
/// @brief Every host component of the library in one include (not `interop/`, which needs Eigen, xtensor or
/// Boost, and not `device/`, which needs Thrust). Prefer the one header you use; this one is for
/// exploration, and it proves that all of them can live in one translation unit.

// IWYU pragma: begin_exports
#include "aggregate.hpp"
#include "calibration.hpp"
#include "commensurate.hpp"
#include "concepts.hpp"
#include "divergence.hpp"
#include "io.hpp"
#include "jury.hpp"
#include "matrix_view.hpp"
#include "overton.hpp"
#include "pareto.hpp"
#include "random.hpp"
#include "steerable.hpp"
#include "version.hpp"
// IWYU pragma: end_exports
