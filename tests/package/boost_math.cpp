// SPDX-License-Identifier: MIT
// Uses the boost_math component: a Clopper-Pearson interval through interop/boost_math.hpp.
#include <pluralism/interop/boost_math.hpp>

#include <cmath>
#include <cstdio>

int main() {
  // 0 of 10, 95%: the exact upper bound is 1 - 0.025^(1/10).
  const auto iv = pluralism::binomial_interval(0, 10, 0.95, pluralism::interval_method::clopper_pearson);
  const bool ok = iv.lower == 0.0 && std::abs(iv.upper - (1.0 - std::pow(0.025, 0.1))) < 1e-12;
  std::printf("boost_math consumer: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
