// SPDX-License-Identifier: MIT
// Uses the boost_math component: Boost.Math must be reachable through pluralism::boost_math alone.
#include <boost/math/distributions/binomial.hpp>
#include <pluralism/random.hpp>

#include <cstdio>

int main() {
  const double upper = boost::math::binomial_distribution<>::find_upper_bound_on_p(10, 5, 0.025);
  const bool ok = upper > 0.5 && upper < 1.0;
  std::printf("boost_math consumer: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
