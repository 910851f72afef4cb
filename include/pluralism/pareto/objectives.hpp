// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto/objectives.hpp
/// @brief Vocabulary shared by the Pareto algorithms: objective senses and the NaN and duplicate policies.

#include <cstdint>
#include <vector>

namespace pluralism {

/// Whether an objective is better when smaller or when larger.
enum class sense : std::uint8_t { minimize, maximize };

/// What to do with NaN objectives. Default everywhere: `error`.
enum class objective_nan_policy : std::uint8_t {
  error,  ///< throw `precondition_error` naming the row and column
  worst,  ///< a NaN counts as worse than every number in that objective
  drop,   ///< rows with a NaN take no part (never on the front, rank = none)
};

/// What to do with identical points. Default: `keep_all` (tied points are all non-dominated together).
enum class duplicate_policy : std::uint8_t {
  keep_all,   ///< identical points are tied: all or none of them are on the front
  keep_first, ///< of identical points only the first (lowest index) is kept
};

/// One sense per objective; an empty vector means "minimise every objective".
using senses = std::vector<sense>;

}  // namespace pluralism
