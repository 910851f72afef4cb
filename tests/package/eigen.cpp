// SPDX-License-Identifier: MIT
// Uses the eigen component: the Eigen headers must be reachable through pluralism::eigen alone.
#include <Eigen/Core>
#include <pluralism/random.hpp>

#include <cstdio>

int main() {
  Eigen::VectorXd v(3);
  pluralism::philox_stream stream({.seed = 1});
  for (int i = 0; i < 3; ++i) v[i] = pluralism::uniform_double(stream);
  const bool ok = v.minCoeff() >= 0.0 && v.maxCoeff() < 1.0;
  std::printf("eigen consumer: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
