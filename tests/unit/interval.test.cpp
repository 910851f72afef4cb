// SPDX-License-Identifier: MIT
#include <pluralism/aggregate/interval.hpp>

#include <cmath>

#include "catch.hpp"

using namespace pluralism;

TEST_CASE("normal_quantile inverts the normal CDF to near machine precision", "[interval]") {
  // Phi(x) = erfc(-x / sqrt 2) / 2 is the independent reference.
  for (double p : {1e-300, 1e-12, 1e-6, 0.001, 0.02425, 0.025, 0.1, 0.3, 0.5, 0.7, 0.975, 0.97575, 0.999, 1 - 1e-9}) {
    const double x = normal_quantile(p);
    const double back = 0.5 * std::erfc(-x / std::sqrt(2.0));
    REQUIRE_THAT(back, Catch::Matchers::WithinRel(p, 1e-12));
  }
  CHECK(normal_quantile(0.5) == 0.0);
  REQUIRE_THAT(normal_quantile(0.975), Catch::Matchers::WithinAbs(1.959963984540054, 1e-14));  // tabulated
  REQUIRE_THROWS_AS(normal_quantile(0.0), precondition_error);
  REQUIRE_THROWS_AS(normal_quantile(1.0), precondition_error);
  REQUIRE_THROWS_AS(normal_quantile(std::nan("")), precondition_error);
}

TEST_CASE("wilson_interval: the closed form's defining equation holds at both ends", "[interval]") {
  // The Wilson bounds are the two roots p of (k/n - p)^2 = z^2 p (1 - p) / n.
  const double z = normal_quantile(0.975);
  for (std::uint64_t n : {1u, 2u, 5u, 101u, 1000u})
    for (std::uint64_t k = 0; k <= n; k += (n > 10 ? n / 7 : 1)) {
      const auto iv = wilson_interval(k, n, 0.95);
      REQUIRE(0.0 <= iv.lower);
      REQUIRE(iv.lower <= iv.upper);
      REQUIRE(iv.upper <= 1.0);
      const double phat = static_cast<double>(k) / static_cast<double>(n);
      for (double p : {iv.lower, iv.upper}) {
        const double lhs = (phat - p) * (phat - p), rhs = z * z * p * (1 - p) / static_cast<double>(n);
        REQUIRE_THAT(lhs, Catch::Matchers::WithinAbs(rhs, 1e-12));
      }
    }
  CHECK(wilson_interval(0, 10).lower == 0.0);
  CHECK(wilson_interval(10, 10).upper == 1.0);
  REQUIRE_THROWS_AS(wilson_interval(3, 2), precondition_error);
  REQUIRE_THROWS_AS(wilson_interval(0, 0), precondition_error);
  REQUIRE_THROWS_AS(wilson_interval(1, 2, 1.0), precondition_error);
}
