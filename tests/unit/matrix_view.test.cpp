// SPDX-License-Identifier: MIT
#include <pluralism/interop/eigen.hpp>
#include <pluralism/interop/xtensor.hpp>
#include <pluralism/matrix_view.hpp>

#include "catch.hpp"

using namespace pluralism;

namespace {
// Every element of the view equals the reference element (i, j).
template <class V, class F>
void check_view(const V& v, std::size_t rows, std::size_t cols, F ref) {
  REQUIRE(v.rows == rows);
  REQUIRE(v.cols == cols);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) REQUIRE(v(i, j) == ref(i, j));
}
double value(std::size_t i, std::size_t j) { return static_cast<double>(10 * i + j); }
}  // namespace

TEST_CASE("as_matrix views std containers, flat spans and itself", "[matrix]") {
  std::vector<std::array<double, 3>> pts{{0, 1, 2}, {10, 11, 12}};
  check_view(as_matrix(pts), 2, 3, value);
  check_view(as_matrix(std::span<const std::array<double, 3>>(pts)), 2, 3, value);
  std::vector<double> flat{0, 1, 10, 11, 20, 21};
  check_view(as_matrix(flat, 2), 3, 2, value);
  check_view(as_matrix(as_matrix(flat, 2)), 3, 2, value);
  REQUIRE_THROWS_AS(as_matrix(flat, 4), precondition_error);
  check_view(as_matrix(std::vector<double>{}, 3), 0, 3, value);
  STATIC_REQUIRE(matrix_like<std::vector<std::array<float, 2>>>);
  STATIC_REQUIRE(!matrix_like<std::vector<double>>);
}

TEST_CASE("as_matrix views Eigen matrices in either storage order, maps and blocks", "[matrix][eigen]") {
  Eigen::MatrixXd col(3, 4);
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> row(3, 4);
  for (Eigen::Index i = 0; i < 3; ++i)
    for (Eigen::Index j = 0; j < 4; ++j) col(i, j) = row(i, j) = value(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
  check_view(as_matrix(col), 3, 4, value);
  check_view(as_matrix(row), 3, 4, value);
  const Eigen::Block<Eigen::MatrixXd> block = col.block(1, 1, 2, 2);
  check_view(as_matrix(block), 2, 2, [](std::size_t i, std::size_t j) { return value(i + 1, j + 1); });
  Eigen::Map<const Eigen::MatrixXf> map(nullptr, 0, 5);
  CHECK(as_matrix(map).rows == 0);
  STATIC_REQUIRE(matrix_like<Eigen::MatrixXd>);
}

TEST_CASE("as_matrix views xtensor 2-D containers and rejects other dimensions", "[matrix][xtensor]") {
  xt::xtensor<double, 2> t = xt::zeros<double>({3, 2});
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 2; ++j) t(i, j) = value(i, j);
  check_view(as_matrix(t), 3, 2, value);
  xt::xarray<double> a = t;
  check_view(as_matrix(a), 3, 2, value);
  xt::xarray<double> cube = xt::zeros<double>({2, 2, 2});
  REQUIRE_THROWS_AS(as_matrix(cube), precondition_error);
}
