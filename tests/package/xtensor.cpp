// SPDX-License-Identifier: MIT
// Uses the xtensor component: an xtensor matrix through interop/xtensor.hpp, an expression through aggregate.hpp.
#include <pluralism/aggregate.hpp>
#include <pluralism/interop/xtensor.hpp>

#include <cstdio>

int main() {
  xt::xtensor<double, 2> m = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}};
  const auto view = pluralism::as_matrix(m);
  xt::xtensor<double, 1> r = {1.0, 5.0, 2.0};
  const double med = pluralism::median(r + r);  // an xtensor expression, not a std::ranges range in 0.24
  const bool ok = view.rows == 2 && view.cols == 3 && view(1, 0) == 4.0 && med == 4.0;
  std::printf("xtensor consumer: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
