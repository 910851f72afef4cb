// SPDX-License-Identifier: MIT
#pragma once

/// @file interop/boost_math.hpp
/// @brief Binomial confidence intervals through Boost.Math: Wilson, Clopper-Pearson (exact) and Jeffreys.
/// Part of the component target `pluralism::boost_math`. The dependency-free `wilson_interval` of
/// aggregate/interval.hpp agrees with the Wilson interval here to about 1e-15 (tested to 1e-12).
///
/// References: E. B. Wilson, JASA 1927; C. J. Clopper, E. S. Pearson, Biometrika 1934; L. D. Brown,
/// T. T. Cai, A. DasGupta, "Interval estimation for a binomial proportion", Statistical Science 2001
/// (Jeffreys interval: the equal-tailed Beta(k + 1/2, n - k + 1/2) posterior interval, with lower bound 0
/// at k = 0 and upper bound 1 at k = n).

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "../aggregate/interval.hpp"
#include "../contract.hpp"

namespace pluralism {

/// Which binomial interval `binomial_interval` computes.
enum class interval_method {
  wilson,           ///< default: Wilson score interval (good coverage, never outside [0, 1])
  clopper_pearson,  ///< exact: coverage at least `confidence` for every p (conservative)
  jeffreys,         ///< Bayesian equal-tailed interval under the Jeffreys prior Beta(1/2, 1/2)
};

/// A two-sided binomial confidence interval for `successes` out of `trials` at `confidence`.
/// Clopper-Pearson: lower = the alpha/2 quantile of Beta(k, n - k + 1), upper = the 1 - alpha/2 quantile
/// of Beta(k + 1, n - k), with lower 0 at k = 0 and upper 1 at k = n (Boost's
/// `binomial_distribution<>::find_lower_bound_on_p` / `find_upper_bound_on_p`). Wilson uses Boost's normal
/// quantile in the closed form of `wilson_interval`.
/// @throws precondition_error `[pluralism.interval.trials]` when trials == 0 or successes > trials,
///         `[pluralism.interval.confidence]` unless 0 < confidence < 1.
inline interval binomial_interval(std::uint64_t successes, std::uint64_t trials, double confidence = 0.95,
                                  interval_method method = interval_method::wilson) {
  PLURALISM_EXPECTS(trials > 0 && successes <= trials, "pluralism.interval.trials",
                    "binomial_interval: need 0 <= successes <= trials and trials > 0, got successes = " +
                        std::to_string(successes) + ", trials = " + std::to_string(trials));
  PLURALISM_EXPECTS(confidence > 0.0 && confidence < 1.0, "pluralism.interval.confidence",
                    "binomial_interval: confidence must lie in (0, 1), got " + detail::to_text(confidence));
  const double alpha = 1.0 - confidence;
  const auto n = static_cast<double>(trials), k = static_cast<double>(successes);
  if (method == interval_method::wilson) {
    const double z = boost::math::quantile(boost::math::normal_distribution<double>(), 1.0 - alpha / 2.0);
    const double z2 = z * z, denom = n + z2;
    const double centre = (k + z2 / 2.0) / denom;
    const double half = z * std::sqrt(k * (n - k) / n + z2 / 4.0) / denom;
    return {successes == 0 ? 0.0 : std::max(0.0, centre - half), successes == trials ? 1.0 : std::min(1.0, centre + half)};
  }
  using binomial = boost::math::binomial_distribution<double>;
  const auto type = method == interval_method::clopper_pearson ? binomial::clopper_pearson_exact_interval
                                                                : binomial::jeffreys_prior_interval;
  return {binomial::find_lower_bound_on_p(n, k, alpha / 2.0, type),
          binomial::find_upper_bound_on_p(n, k, alpha / 2.0, type)};
}

}  // namespace pluralism
