// SPDX-License-Identifier: MIT
// Binomial intervals through Boost.Math: the core Wilson interval against Boost's, Clopper-Pearson against
// its defining binomial tail equations (summed independently here), Jeffreys against the beta CDF, exact
// coverage, and bad input.
#include <pluralism/aggregate/interval.hpp>
#include <pluralism/interop/boost_math.hpp>

#include <boost/math/distributions/beta.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "catch.hpp"

using namespace pluralism;

namespace {

/// P(X = i) for X ~ Binomial(n, p), from log-gamma in long double.
long double binomial_pmf(std::uint64_t n, std::uint64_t i, long double p) {
  if (p <= 0) return i == 0 ? 1.0L : 0.0L;
  if (p >= 1) return i == n ? 1.0L : 0.0L;
  const auto nn = static_cast<long double>(n), ii = static_cast<long double>(i);
  return std::exp(std::lgamma(nn + 1) - std::lgamma(ii + 1) - std::lgamma(nn - ii + 1) + ii * std::log(p) +
                  (nn - ii) * std::log1p(-p));
}

/// P(lo <= X <= hi).
long double binomial_range(std::uint64_t n, std::uint64_t lo, std::uint64_t hi, long double p) {
  long double s = 0;
  for (std::uint64_t i = lo; i <= hi; ++i) s += binomial_pmf(n, i, p);
  return s;
}

/// Exact coverage P(lower(X) <= p <= upper(X)) of a method at true proportion p.
double coverage(std::uint64_t n, double p, interval_method method) {
  long double c = 0;
  for (std::uint64_t k = 0; k <= n; ++k) {
    const auto iv = binomial_interval(k, n, 0.95, method);
    if (iv.lower <= p && p <= iv.upper) c += binomial_pmf(n, k, p);
  }
  return static_cast<double>(c);
}

template <class F>
std::string error_id(F f) {
  try {
    f();
  } catch (const error& e) {
    return e.id();
  }
  return "no error";
}

}  // namespace

TEST_CASE("the core wilson_interval equals Boost's Wilson to 1e-12", "[boost_math][interval]") {
  for (double confidence : {0.5, 0.8, 0.9, 0.95, 0.99, 0.999999})
    for (std::uint64_t n : {1u, 2u, 3u, 10u, 57u, 101u, 1000u, 123457u})
      for (std::uint64_t k = 0; k <= n; k += 1 + n / 23) {
        const auto core = wilson_interval(k, n, confidence);
        const auto boost = binomial_interval(k, n, confidence, interval_method::wilson);
        REQUIRE_THAT(core.lower, Catch::Matchers::WithinAbs(boost.lower, 1e-12));
        REQUIRE_THAT(core.upper, Catch::Matchers::WithinAbs(boost.upper, 1e-12));
      }
}

TEST_CASE("Clopper-Pearson bounds solve the exact binomial tail equations", "[boost_math][interval]") {
  // Definition: lower p_L solves P(X >= k | p_L) = alpha/2 (p_L = 0 at k = 0); upper p_U solves
  // P(X <= k | p_U) = alpha/2 (p_U = 1 at k = n). The tails are summed here term by term in long double.
  for (double confidence : {0.9, 0.95, 0.99})
    for (std::uint64_t n : {1u, 2u, 5u, 20u, 64u, 150u})
      for (std::uint64_t k = 0; k <= n; ++k) {
        const double half_alpha = (1 - confidence) / 2;
        const auto iv = binomial_interval(k, n, confidence, interval_method::clopper_pearson);
        if (k == 0) CHECK(iv.lower == 0.0);
        else REQUIRE_THAT(static_cast<double>(binomial_range(n, k, n, iv.lower)), Catch::Matchers::WithinRel(half_alpha, 1e-9));
        if (k == n) CHECK(iv.upper == 1.0);
        else REQUIRE_THAT(static_cast<double>(binomial_range(n, 0, k, iv.upper)), Catch::Matchers::WithinRel(half_alpha, 1e-9));
        REQUIRE(iv.lower < iv.upper);
      }
  // A published value: 0 successes in 10 trials, 95%: upper = 1 - 0.025^(1/10) = 0.30849710...
  REQUIRE_THAT(binomial_interval(0, 10, 0.95, interval_method::clopper_pearson).upper,
               Catch::Matchers::WithinRel(1 - std::pow(0.025, 0.1), 1e-12));
}

TEST_CASE("Jeffreys bounds are the beta posterior quantiles", "[boost_math][interval]") {
  for (std::uint64_t n : {1u, 7u, 40u, 300u})
    for (std::uint64_t k = 0; k <= n; k += 1 + n / 17) {
      const auto iv = binomial_interval(k, n, 0.95, interval_method::jeffreys);
      const boost::math::beta_distribution<double> posterior(static_cast<double>(k) + 0.5, static_cast<double>(n - k) + 0.5);
      if (k == 0) CHECK(iv.lower == 0.0);
      else REQUIRE_THAT(boost::math::cdf(posterior, iv.lower), Catch::Matchers::WithinRel(0.025, 1e-9));
      if (k == n) CHECK(iv.upper == 1.0);
      else REQUIRE_THAT(boost::math::cdf(posterior, iv.upper), Catch::Matchers::WithinRel(0.975, 1e-9));
    }
}

TEST_CASE("exact coverage: Clopper-Pearson never below nominal, Wilson and Jeffreys near it on average", "[boost_math][coverage]") {
  // Coverage is computed exactly (a sum over all k), so these are deterministic facts. Clopper-Pearson is
  // conservative by construction: coverage >= 0.95 at every p. Wilson and Jeffreys oscillate around 0.95;
  // Brown, Cai and DasGupta (2001, Figures 4-5) show their coverage averaged over p close to nominal
  // for these n. We require the average over p in [0.05, 0.95] to lie within 0.015 of 0.95 and the minimum
  // above 0.85 (Wilson's known dips near the boundary are excluded by the range).
  for (std::uint64_t n : {10u, 30u, 100u}) {
    for (auto method : {interval_method::clopper_pearson, interval_method::wilson, interval_method::jeffreys}) {
      double sum = 0, lowest = 1;
      int points = 0;
      for (double p = 0.05; p <= 0.9500001; p += 0.005, ++points) {
        const double c = coverage(n, p, method);
        sum += c;
        lowest = std::min(lowest, c);
        if (method == interval_method::clopper_pearson) REQUIRE(c >= 0.95 - 1e-12);
      }
      const double average = sum / points;
      INFO("n = " << n << ", method " << static_cast<int>(method) << ": average " << average << ", min " << lowest);
      if (method != interval_method::clopper_pearson) {
        CHECK(std::abs(average - 0.95) < 0.015);
        CHECK(lowest > 0.85);
      }
    }
  }
}

TEST_CASE("binomial_interval: agreement for large n and bad input", "[boost_math][interval]") {
  // With n = 10^6 all three intervals approach the Wald interval: they agree to well under 1e-5.
  const auto w = binomial_interval(300000, 1000000), c = binomial_interval(300000, 1000000, 0.95, interval_method::clopper_pearson),
             j = binomial_interval(300000, 1000000, 0.95, interval_method::jeffreys);
  CHECK(std::abs(w.lower - c.lower) < 1e-5);
  CHECK(std::abs(w.upper - j.upper) < 1e-5);
  CHECK(error_id([] { (void)binomial_interval(3, 2); }) == "pluralism.interval.trials");
  CHECK(error_id([] { (void)binomial_interval(0, 0); }) == "pluralism.interval.trials");
  CHECK(error_id([] { (void)binomial_interval(1, 2, 1.0); }) == "pluralism.interval.confidence");
  CHECK(error_id([] { (void)binomial_interval(1, 2, std::nan(""), interval_method::jeffreys); }) ==
        "pluralism.interval.confidence");
}
