// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/summary.hpp
/// @brief The summary statistics of J jury verdicts, computed from the sorted verdicts with a fixed sequence
/// of floating-point operations, so the CPU path and every Thrust back end produce the same bits.
///
/// Sorting is the only step whose algorithm may differ between back ends; its result does not (equal values
/// are interchangeable). The interpolation of a quantile uses an explicit fused multiply-add, because a
/// compiler may or may not contract `a + t * (b - a)` (nvcc does by default, GCC does under -march=native),
/// which would change the last bit between builds.

#include <cmath>
#include <cstdint>

#include "../config.hpp"

namespace pluralism {

/// Median of ascending x[0..n), n > 0: the middle value, or the average of the two middle values for even n
/// (the same rule as `median(values)` with `median_rule::average`).
PLURALISM_HD inline double sorted_median(const double* x, std::uint32_t n) noexcept {
  const std::uint32_t mid = n / 2;
  return (n % 2 == 1) ? x[mid] : 0.5 * (x[mid - 1] + x[mid]);
}

/// The q-quantile (0 <= q <= 1) of ascending x[0..n), n > 0, by NumPy's default linear rule (Hyndman-Fan
/// type 7, as `quantile(values, q)`): h = (n - 1) q, lo = floor(h), result x[lo] + (h - lo)(x[lo+1] - x[lo]).
PLURALISM_HD inline double sorted_quantile(const double* x, std::uint32_t n, double q) noexcept {
  const double h = static_cast<double>(n - 1) * q;
  auto lo = static_cast<std::uint32_t>(h);  // h >= 0, so truncation is floor
  if (lo >= n - 1) return x[n - 1];
  const double t = h - static_cast<double>(lo);
  if (t == 0.0) return x[lo];
#if PLURALISM_DEVICE_PASS
  return ::fma(t, x[lo + 1] - x[lo], x[lo]);
#else
  return std::fma(t, x[lo + 1] - x[lo], x[lo]);
#endif
}

/// How many of x[0..n) (any order) are at or above `threshold`. NaN counts as below.
PLURALISM_HD inline std::uint32_t count_at_or_above(const double* x, std::uint32_t n, double threshold) noexcept {
  std::uint32_t c = 0;
  for (std::uint32_t i = 0; i < n; ++i) c += (x[i] >= threshold) ? 1u : 0u;
  return c;
}

}  // namespace pluralism
