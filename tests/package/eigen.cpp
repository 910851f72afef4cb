// SPDX-License-Identifier: MIT
// Uses the eigen component: an Eigen matrix through interop/eigen.hpp, an Eigen vector through aggregate.hpp.
#include <Eigen/Core>
#include <pluralism/aggregate.hpp>
#include <pluralism/interop/eigen.hpp>

#include <cstdio>

int main() {
  Eigen::VectorXd v(5);
  v << 4.0, 1.0, 3.0, 0.0, 2.0;
  const double m = pluralism::median(v);  // an Eigen vector is a sequence of numbers
  Eigen::MatrixXd a(2, 3);
  a << 1, 2, 3, 4, 5, 6;
  const auto view = pluralism::as_matrix(a);  // column-major Eigen storage, read through strides
  const bool ok = m == 2.0 && view.rows == 2 && view.cols == 3 && view(1, 2) == 6.0;
  std::printf("eigen consumer: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
