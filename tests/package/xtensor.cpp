// SPDX-License-Identifier: MIT
// Uses the xtensor component: the xtensor headers must be reachable through pluralism::xtensor alone.
#if __has_include(<xtensor/containers/xtensor.hpp>)
#include <xtensor/containers/xtensor.hpp>
#else
#include <xtensor/xtensor.hpp>
#endif
#include <pluralism/random.hpp>

#include <cstdio>

int main() {
  xt::xtensor<double, 1> v = xt::zeros<double>({3});
  pluralism::philox_stream stream({.seed = 1});
  for (std::size_t i = 0; i < 3; ++i) v(i) = pluralism::uniform_double(stream);
  const bool ok = v(0) >= 0.0 && v(2) < 1.0;
  std::printf("xtensor consumer: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
