// SPDX-License-Identifier: MIT
#pragma once

/// @file aggregate.hpp
/// @brief Aggregation of one item's ratings or votes: mean, median (with an explicit even-count rule),
/// quantiles, weighted forms, the trimmed mean, median-of-means with its deviation bound, the median of
/// randomized means, vote counts and the plurality label with a tie policy, and the Wilson interval.
///
/// @code
/// std::vector<double> ratings{0, 1, 1, 2, 4};
/// double m = pluralism::median(ratings);                     // 1
/// auto mom = pluralism::median_of_means(big_sample, {.delta = 0.01});   // mom.estimate, mom.bound
/// auto winner = pluralism::plurality(std::vector<int>{0, 2, 2, 1}).label();   // 2
/// @endcode
/// Clopper-Pearson and Jeffreys intervals need Boost.Math: interop/boost_math.hpp.

// IWYU pragma: begin_exports
#include "aggregate/basic.hpp"
#include "aggregate/common.hpp"
#include "aggregate/interval.hpp"
#include "aggregate/median_of_means.hpp"
#include "aggregate/trimmed.hpp"
#include "aggregate/votes.hpp"
// IWYU pragma: end_exports
