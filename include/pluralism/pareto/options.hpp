// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto/options.hpp
/// @brief `pareto_options`: the senses and the NaN and duplicate policies every Pareto algorithm takes.

#include "objectives.hpp"

namespace pluralism {

/// Options shared by the Pareto algorithms (filter, ranks, hypervolume, leaderboard, crowding).
///
/// Defaults: minimise every objective, NaN is an error, identical points are tied (all kept).
/// @code
/// pluralism::pareto_options o{.objectives = {pluralism::sense::minimize, pluralism::sense::maximize}};
/// @endcode
struct pareto_options {
  /// One sense per column, or empty for "minimise every column".
  senses objectives = {};
  /// NaN handling; `worst` makes a NaN compare equal to the worst infinity of its column
  /// (+inf when minimising, -inf when maximising) and worse than every finite value.
  objective_nan_policy nans = objective_nan_policy::error;
  /// Identical points: all kept tied (default) or only the first. Ranks always tie identical points.
  duplicate_policy duplicates = duplicate_policy::keep_all;
};

}  // namespace pluralism
