// SPDX-License-Identifier: MIT
#pragma once

/// @file aggregate/trimmed.hpp
/// @brief The trimmed mean with exactly `scipy.stats.trim_mean`'s cuts.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

#include "../concepts/sequence.hpp"
#include "../contract.hpp"
#include "common.hpp"

namespace pluralism {

/// Trimmed mean: the mean after removing the `cut = int(proportion * n)` smallest and the `cut` largest
/// values (the product rounded toward zero, exactly as `scipy.stats.trim_mean(a, proportion)`).
/// scipy raises "Proportion too big." when cut > n - cut; we raise the same condition, and also when
/// cut == n - cut (nothing left, where scipy returns NaN with a warning). So any proportion < 0.5 is
/// always valid, and 0.5 with odd n gives the median. Expected O(n) (two selections).
/// @param proportion fraction cut from EACH end, >= 0.
/// @throws precondition_error `[pluralism.aggregate.proportion]` when proportion is negative or NaN, or
///         too big (the cuts cross or leave nothing); `[pluralism.aggregate.empty]`, `[pluralism.aggregate.nan]`.
template <arithmetic_sequence R>
double trimmed_mean(R&& values, double proportion, nan_policy nan = nan_policy::error) {
  PLURALISM_EXPECTS(proportion >= 0.0, "pluralism.aggregate.proportion",
                    "trimmed_mean: proportion must be >= 0, got " + detail::to_text(proportion));
  auto x = detail::collect(values, nan, "trimmed_mean");
  const std::size_t n = x.size();
  // proportion > 1 would overflow the cast; such a cut always crosses, so report it the same way.
  const std::size_t cut = proportion <= 1.0 ? static_cast<std::size_t>(proportion * static_cast<double>(n)) : n;
  PLURALISM_EXPECTS(cut < n - std::min(cut, n), "pluralism.aggregate.proportion",
                    "trimmed_mean: proportion too big: proportion = " + detail::to_text(proportion) + " cuts " +
                        std::to_string(cut) + " values from each end of " + std::to_string(n) +
                        ", leaving none");
  const std::size_t upper = n - cut;  // keep x[cut .. upper) after partial ordering
  auto* d = x.data();
  std::nth_element(d, d + cut, d + n);
  if (upper < n) std::nth_element(d + cut, d + upper - 1, d + n);
  double sum = 0.0;
  for (std::size_t i = cut; i < upper; ++i) sum += d[i];
  return sum / static_cast<double>(upper - cut);
}

}  // namespace pluralism
