// SPDX-License-Identifier: MIT
#pragma once

/// @file aggregate/interval.hpp
/// @brief The Wilson score interval for a binomial proportion, dependency-free (the jury verdict reports
/// "share of juries at or above the threshold" with it). Clopper-Pearson and Jeffreys intervals, which
/// need beta quantiles, are in interop/boost_math.hpp.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "../contract.hpp"

namespace pluralism {

/// A two-sided interval [lower, upper].
struct interval {
  double lower = 0.0;
  double upper = 0.0;
};

/// The standard normal quantile Phi^-1(p) for p in (0, 1): Acklam's rational approximation (relative
/// error 1.15e-9) refined by one Halley step on erfc, which brings it to about 1e-15.
/// @throws precondition_error `[pluralism.interval.probability]` unless 0 < p < 1.
inline double normal_quantile(double p) {
  PLURALISM_EXPECTS(p > 0.0 && p < 1.0, "pluralism.interval.probability",
                    "normal_quantile: p must lie in (0, 1), got " + detail::to_text(p));
  constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                          1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                          6.680131188771972e+01,  -1.328068155288572e+01};
  constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                          -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double low = 0.02425;
  double x;
  if (p < low) {
    const double q = std::sqrt(-2.0 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  } else if (p <= 1.0 - low) {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  } else {
    const double q = std::sqrt(-2.0 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  // Halley refinement: e = Phi(x) - p with Phi(x) = erfc(-x / sqrt 2) / 2.
  const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  const double u = e * std::sqrt(2.0 * 3.14159265358979323846) * std::exp(x * x / 2.0);
  return x - u / (1.0 + x * u / 2.0);
}

/// Wilson score interval (E. B. Wilson, JASA 1927) for `successes` out of `trials` at two-sided
/// `confidence`: centre (k + z^2/2) / (n + z^2), half-width z sqrt(k(n-k)/n + z^2/4) / (n + z^2).
/// @throws precondition_error `[pluralism.interval.trials]` when trials == 0 or successes > trials,
///         `[pluralism.interval.confidence]` unless 0 < confidence < 1.
inline interval wilson_interval(std::uint64_t successes, std::uint64_t trials, double confidence = 0.95) {
  PLURALISM_EXPECTS(trials > 0 && successes <= trials, "pluralism.interval.trials",
                    "wilson_interval: need 0 <= successes <= trials and trials > 0, got successes = " +
                        std::to_string(successes) + ", trials = " + std::to_string(trials));
  PLURALISM_EXPECTS(confidence > 0.0 && confidence < 1.0, "pluralism.interval.confidence",
                    "wilson_interval: confidence must lie in (0, 1), got " + detail::to_text(confidence));
  const double z = normal_quantile(0.5 + confidence / 2.0);
  const auto n = static_cast<double>(trials), k = static_cast<double>(successes);
  const double z2 = z * z, denom = n + z2;
  const double centre = (k + z2 / 2.0) / denom;
  const double half = z * std::sqrt(k * (n - k) / n + z2 / 4.0) / denom;
  // At k = 0 or k = n the exact bound is 0 or 1; rounding must not move it.
  return {successes == 0 ? 0.0 : std::max(0.0, centre - half), successes == trials ? 1.0 : std::min(1.0, centre + half)};
}

}  // namespace pluralism
