// SPDX-License-Identifier: MIT
#pragma once

/// @file aggregate/basic.hpp
/// @brief Mean, median (with an explicit rule for even counts), quantiles (NumPy's default linear rule),
/// and their weighted forms.
///
/// Every function takes any `arithmetic_sequence` (std containers, spans, raw arrays, Eigen vectors,
/// xtensor containers and expressions), computes in double and returns double. Bad input is an error that
/// names the function and the argument: empty input `[pluralism.aggregate.empty]`, NaN under the default
/// `nan_policy::error` `[pluralism.aggregate.nan]`.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "../concepts/sequence.hpp"
#include "../contract.hpp"
#include "common.hpp"

namespace pluralism {

/// Arithmetic mean, accumulated in double in input order.
/// @param values any sequence of numbers.
/// @param nan what to do with NaN values (default: error).
/// @throws precondition_error `[pluralism.aggregate.empty]` on empty input, `[pluralism.aggregate.nan]` on NaN.
template <arithmetic_sequence R>
double mean(R&& values, nan_policy nan = nan_policy::error) {
  using value_type = sequence_value_t<R>;
  double sum = 0.0;
  std::size_t count = 0, index = 0;
  for (auto it = detail::sequence_begin(values), last = detail::sequence_end(values); it != last; ++it, ++index) {
    const auto v = static_cast<value_type>(*it);
    if (detail::is_nan_value(v)) {
      if (nan == nan_policy::error) detail::nan_error("mean", "values", index);
      continue;
    }
    sum += static_cast<double>(v);
    ++count;
  }
  detail::expect_nonempty(count, "mean", "values");
  return sum / static_cast<double>(count);
}

/// Median. For an even count the two middle values a <= b give `rule`: average 0.5 * (a + b) (default,
/// NumPy/R/Boost.Math), lower a (torch.median) or upper b. Expected O(n) (selection, not a sort).
/// @throws precondition_error `[pluralism.aggregate.empty]`, `[pluralism.aggregate.nan]`.
template <arithmetic_sequence R>
double median(R&& values, median_rule rule = median_rule::average, nan_policy nan = nan_policy::error) {
  auto x = detail::collect(values, nan, "median");
  return detail::median_inplace(x.data(), x.size(), rule);
}

namespace detail {
inline void expect_probability(double q, const char* fn, const char* arg) {
  PLURALISM_EXPECTS(q >= 0.0 && q <= 1.0, "pluralism.aggregate.quantile",
                    where(fn, arg) + " must lie in [0, 1], got " + to_text(q));
}
/// Linear-rule quantile of sorted-by-selection x[0..n): h = (n - 1) q, lo = floor(h), hi = min(lo + 1, n - 1),
/// x[lo] + (h - lo) (x[hi] - x[lo]). Reorders x.
inline double quantile_inplace(double* x, std::size_t n, double q) {
  const double h = static_cast<double>(n - 1) * q;
  const auto lo = std::min(static_cast<std::size_t>(std::floor(h)), n - 1);
  const std::size_t hi = std::min(lo + 1, n - 1);
  std::nth_element(x, x + lo, x + n);
  const double a = x[lo];
  if (hi == lo) return a;
  const double b = *std::min_element(x + lo + 1, x + n);  // the next order statistic
  return a + (h - static_cast<double>(lo)) * (b - a);
}
}  // namespace detail

/// The q-quantile with NumPy's default ("linear", Hyndman-Fan type 7) rule: with the values sorted as
/// x[0] <= ... <= x[n-1], h = (n - 1) q, lo = floor(h), hi = min(lo + 1, n - 1), the result is
/// x[lo] + (h - lo) (x[hi] - x[lo]). q = 0.5 gives the average-rule median up to rounding.
/// @throws precondition_error `[pluralism.aggregate.quantile]` unless 0 <= q <= 1,
///         `[pluralism.aggregate.empty]`, `[pluralism.aggregate.nan]`.
template <arithmetic_sequence R>
double quantile(R&& values, double q, nan_policy nan = nan_policy::error) {
  detail::expect_probability(q, "quantile", "q");
  auto x = detail::collect(values, nan, "quantile");
  return detail::quantile_inplace(x.data(), x.size(), q);
}

/// Several quantiles of one sample (sorts once), each by the rule of `quantile`.
/// @throws as `quantile`; `[pluralism.aggregate.quantile]` names the offending entry of `qs`.
template <arithmetic_sequence R, arithmetic_sequence Q>
std::vector<double> quantiles(R&& values, Q&& qs, nan_policy nan = nan_policy::error) {
  std::vector<double> probs = detail::collect(qs, nan_policy::error, "quantiles", "qs");
  for (std::size_t i = 0; i < probs.size(); ++i)
    detail::expect_probability(probs[i], "quantiles", ("qs[" + std::to_string(i) + "]").c_str());
  auto x = detail::collect(values, nan, "quantiles");
  std::sort(x.begin(), x.end());
  const std::size_t n = x.size();
  std::vector<double> out;
  out.reserve(probs.size());
  for (double q : probs) {
    const double h = static_cast<double>(n - 1) * q;
    const auto lo = std::min(static_cast<std::size_t>(std::floor(h)), n - 1);
    const std::size_t hi = std::min(lo + 1, n - 1);
    out.push_back(hi == lo ? x[lo] : x[lo] + (h - static_cast<double>(lo)) * (x[hi] - x[lo]));
  }
  return out;
}

/// `quantiles` with a braced list: `quantiles(v, {0.1, 0.5, 0.9})`.
template <arithmetic_sequence R>
std::vector<double> quantiles(R&& values, std::initializer_list<double> qs, nan_policy nan = nan_policy::error) {
  return quantiles(std::forward<R>(values), std::vector<double>(qs), nan);
}

namespace detail {
/// (value, weight) pairs with the weights checked (finite, >= 0, sizes equal, positive sum); NaN values
/// follow `nan` (a skipped value drops its weight too). Zero-weight pairs are dropped.
template <class R, class W>
std::vector<std::pair<double, double>> collect_weighted(R& values, W& weights, nan_policy nan, const char* fn) {
  const std::vector<double> x = collect_all(values), w = collect_all(weights);
  PLURALISM_EXPECTS(x.size() == w.size(), "pluralism.aggregate.weights",
                    where(fn, "weights") + " has " + std::to_string(w.size()) + " entries but values has " +
                        std::to_string(x.size()));
  std::vector<std::pair<double, double>> out;
  out.reserve(x.size());
  double total = 0.0;
  std::size_t used = 0;  // non-NaN values, whatever their weight
  for (std::size_t i = 0; i < x.size(); ++i) {
    PLURALISM_EXPECTS(std::isfinite(w[i]) && w[i] >= 0.0, "pluralism.aggregate.weights",
                      where(fn, "weights") + "[" + std::to_string(i) + "] = " + to_text(w[i]) +
                          " (weights must be finite and non-negative)");
    if (std::isnan(x[i])) {
      if (nan == nan_policy::error) nan_error(fn, "values", i);
      continue;
    }
    ++used;
    if (w[i] == 0.0) continue;
    out.emplace_back(x[i], w[i]);
    total += w[i];
  }
  expect_nonempty(used, fn, "values");
  PLURALISM_EXPECTS(total > 0.0, "pluralism.aggregate.weights",
                    where(fn, "weights") + " sum to zero over the values used (need a positive total weight)");
  return out;
}
}  // namespace detail

/// Weighted mean sum(w_i x_i) / sum(w_i). Zero weights are allowed (the value is ignored).
/// @param weights one finite, non-negative weight per value, with a positive sum.
/// @throws precondition_error `[pluralism.aggregate.weights]` (size mismatch, a negative, infinite or NaN
///         weight, zero total), `[pluralism.aggregate.empty]`, `[pluralism.aggregate.nan]`.
template <arithmetic_sequence R, arithmetic_sequence W>
double weighted_mean(R&& values, W&& weights, nan_policy nan = nan_policy::error) {
  const auto pairs = detail::collect_weighted(values, weights, nan, "weighted_mean");
  double sum = 0.0, total = 0.0;
  for (const auto& [x, w] : pairs) {
    sum += w * x;
    total += w;
  }
  return sum / total;
}

/// Weighted median. Sort the values with positive weight ascending; let L(i) be the total weight of
/// x_(1..i) and R(i) that of x_(i+1..n). The lower weighted median is the first x_(i) with L(i) >= R(i),
/// the upper one the first x_(i) with L(i) > R(i); they differ only when some L(i) == R(i) exactly (the
/// mass splits in half), and `rule` picks lower, upper or their average. With equal weights this is exactly
/// `median(values, rule)`: L and R are both summed from the ends, so equal masses compare equal bitwise.
/// Zero-weight values are ignored. O(n log n).
/// @throws as `weighted_mean`.
template <arithmetic_sequence R, arithmetic_sequence W>
double weighted_median(R&& values, W&& weights, median_rule rule = median_rule::average,
                       nan_policy nan = nan_policy::error) {
  auto pairs = detail::collect_weighted(values, weights, nan, "weighted_median");
  std::sort(pairs.begin(), pairs.end());
  const std::size_t n = pairs.size();
  // right[i] = total weight of pairs[i..n), summed from the right end.
  std::vector<double> right(n + 1, 0.0);
  for (std::size_t i = n; i-- > 0;) right[i] = right[i + 1] + pairs[i].second;
  double left = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    left += pairs[i].second;  // L(i): weight of pairs[0..i]
    if (left > right[i + 1]) return pairs[i].first;  // lower == upper
    if (left == right[i + 1]) {
      // Exact half: lower is pairs[i]; upper is the next value (weights are positive, so L > R there).
      const double a = pairs[i].first, b = pairs[std::min(i + 1, n - 1)].first;
      return rule == median_rule::lower ? a : rule == median_rule::upper ? b : 0.5 * (a + b);
    }
  }
  return pairs[n - 1].first;  // unreachable with positive weights; kept so every path returns
}

}  // namespace pluralism
