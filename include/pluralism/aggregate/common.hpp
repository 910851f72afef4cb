// SPDX-License-Identifier: MIT
#pragma once

/// @file aggregate/common.hpp
/// @brief Policies shared by every estimator (NaN handling, the median's rule for an even count) and the
/// internal helpers that read an `arithmetic_sequence` into doubles with those policies applied.
///
/// All estimators compute and return `double`: integer ratings, floats and doubles alike are converted
/// (a `long double` input is rounded to double).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <string>
#include <type_traits>
#include <vector>

#include "../concepts/sequence.hpp"
#include "../contract.hpp"

namespace pluralism {

/// What an estimator does with a NaN in its input.
enum class nan_policy {
  error,  ///< default: throw `precondition_error` `[pluralism.aggregate.nan]` naming the first NaN's index
  skip,   ///< drop NaNs (as NumPy's nan-functions do); all-NaN input is then empty input
};

/// Which value the median of an even count returns (the two middle values are a <= b).
enum class median_rule {
  average,  ///< default: 0.5 * (a + b), as NumPy, R and Boost.Math
  lower,    ///< a, as torch.median
  upper,    ///< b
};

namespace detail {

/// `fn: ` prefix for messages.
inline std::string where(const char* fn, const char* what) { return std::string(fn) + ": " + what; }

template <class T>
constexpr bool is_nan_value(T x) noexcept {
  if constexpr (std::is_floating_point_v<T>) return std::isnan(x);
  else return false;
}

[[noreturn]] inline void nan_error(const char* fn, const char* arg, std::size_t index) {
  contract_violation("pluralism.aggregate.nan",
                     where(fn, arg) + "[" + std::to_string(index) +
                         "] is NaN (nan_policy::error is the default; pass nan_policy::skip to ignore NaNs)");
}

inline void expect_nonempty(std::size_t n, const char* fn, const char* arg) {
  PLURALISM_EXPECTS(n > 0, "pluralism.aggregate.empty",
                    where(fn, arg) + " is empty (after skipping NaNs, if nan_policy::skip)");
}

/// Reads `values` into doubles, applying the NaN policy; throws on empty results.
template <class R>
std::vector<double> collect(R& values, nan_policy nan, const char* fn, const char* arg = "values") {
  using value_type = sequence_value_t<R>;
  if constexpr (requires { std::size(values); }) {
    // Sized: write in place (a plain loop the compiler can vectorise), then handle NaNs if any were seen.
    std::vector<double> out(static_cast<std::size_t>(std::size(values)));
    std::size_t i = 0;
    bool any_nan = false;
    for (auto it = sequence_begin(values), last = sequence_end(values); it != last && i < out.size(); ++it, ++i) {
      const auto v = static_cast<value_type>(*it);
      any_nan = any_nan || is_nan_value(v);
      out[i] = static_cast<double>(v);
    }
    out.resize(i);
    if (any_nan) {
      if (nan == nan_policy::error) {
        const auto at = std::find_if(out.begin(), out.end(), [](double x) { return std::isnan(x); });
        nan_error(fn, arg, static_cast<std::size_t>(at - out.begin()));
      }
      out.erase(std::remove_if(out.begin(), out.end(), [](double x) { return std::isnan(x); }), out.end());
    }
    expect_nonempty(out.size(), fn, arg);
    return out;
  } else {
    std::vector<double> out;
    std::size_t i = 0;
    for (auto it = sequence_begin(values), last = sequence_end(values); it != last; ++it, ++i) {
      const auto v = static_cast<value_type>(*it);
      if (is_nan_value(v)) {
        if (nan == nan_policy::error) nan_error(fn, arg, i);
        continue;
      }
      out.push_back(static_cast<double>(v));
    }
    expect_nonempty(out.size(), fn, arg);
    return out;
  }
}

/// Every value of `values` as a double, NaNs included, in order (no checks).
template <class R>
std::vector<double> collect_all(R& values) {
  using value_type = sequence_value_t<R>;
  std::vector<double> out;
  if constexpr (requires { std::size(values); }) out.reserve(static_cast<std::size_t>(std::size(values)));
  for (auto it = sequence_begin(values), last = sequence_end(values); it != last; ++it)
    out.push_back(static_cast<double>(static_cast<value_type>(*it)));
  return out;
}

/// Median of x[0..n) (n > 0) by selection; reorders x. O(n) expected.
inline double median_inplace(double* x, std::size_t n, median_rule rule) {
  const std::size_t mid = n / 2;
  std::nth_element(x, x + mid, x + n);
  const double b = x[mid];
  if (n % 2 == 1 || rule == median_rule::upper) return b;
  const double a = *std::max_element(x, x + mid);  // the lower middle: largest of the lower half
  return rule == median_rule::lower ? a : 0.5 * (a + b);
}

}  // namespace detail
}  // namespace pluralism
