// SPDX-License-Identifier: MIT
// The worst-case kernels of the non-dominated filter (detail/maxima.hpp): the multidimensional divide and
// conquer (4..8 objectives, also run in 2 and 3) and the radix 2-D sweep, against a brute-force O(n^2)
// reference, called directly and through the public filter, on heavy ties, duplicates, constant columns and
// all-non-dominated (simplex) sets, n from 0 to a few thousand, under both duplicate policies.
#include <pluralism/pareto.hpp>

#include <cmath>
#include <limits>
#include <random>

#include "catch.hpp"

using namespace pluralism;
namespace dp = pluralism::detail::pareto;

namespace {
// Brute force, minimisation: i is kept iff no j has x_j <= x_i everywhere and x_j < x_i somewhere.
template <class T>
std::vector<std::uint8_t> brute(const std::vector<T>& x, std::size_t n, std::size_t d) {
  std::vector<std::uint8_t> keep(n, 1);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n && keep[i]; ++j) {
      bool le = true, lt = false;
      for (std::size_t c = 0; c < d && le; ++c) {
        le = x[j * d + c] <= x[i * d + c];
        lt = lt || x[j * d + c] < x[i * d + c];
      }
      if (le && lt) keep[i] = 0;
    }
  return keep;
}
// keep_first on top of a keep_all mask: drop a kept row equal to an earlier kept row.
template <class T>
std::vector<bool> first_only(const std::vector<T>& x, std::size_t d, std::vector<std::uint8_t> keep) {
  for (std::size_t i = 0; i < keep.size(); ++i)
    for (std::size_t j = 0; j < i && keep[i]; ++j) {
      if (!keep[j]) continue;
      std::size_t c = 0;
      while (c < d && x[i * d + c] == x[j * d + c]) ++c;
      if (c == d) keep[i] = 0;
    }
  return {keep.begin(), keep.end()};
}

enum class shape { ties, grid, continuous, simplex, simplex_ties };

// n x d points of the given shape; then some constant columns and copied rows (duplicates) on request.
std::vector<double> make(std::mt19937_64& g, std::size_t n, std::size_t d, shape s, bool constant, bool dups) {
  std::vector<double> x(n * d);
  std::uniform_int_distribution<int> three(0, 2), grid(0, 9);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (std::size_t i = 0; i < n; ++i) {
    double* p = x.data() + i * d;
    switch (s) {
      case shape::ties: for (std::size_t j = 0; j < d; ++j) p[j] = three(g); break;
      case shape::grid: for (std::size_t j = 0; j < d; ++j) p[j] = grid(g); break;
      case shape::continuous: for (std::size_t j = 0; j < d; ++j) p[j] = u(g); break;
      case shape::simplex: {  // x_1 + ... + x_d = 1: mutually non-dominated (up to rounding, which brute sees too)
        double sum = 0;
        for (std::size_t j = 0; j < d; ++j) sum += (p[j] = -std::log(1.0 - u(g)));
        for (std::size_t j = 0; j < d; ++j) p[j] /= sum;
        break;
      }
      case shape::simplex_ties: {  // integer points with sum 12: exactly non-dominated, many equal coordinates
        int left = 12;
        for (std::size_t j = 0; j + 1 < d; ++j) {
          const int v = std::uniform_int_distribution<int>(0, std::min(left, 4))(g);
          p[j] = v;
          left -= v;
        }
        p[d - 1] = left;
        break;
      }
    }
  }
  if (constant && d > 0)
    for (std::size_t i = 0; i < n; ++i) x[i * d + d / 2] = 5.0;
  if (dups && n > 1) {
    std::uniform_int_distribution<std::size_t> pick(0, n - 1);
    for (std::size_t k = 0; k < n / 6; ++k) {
      const auto a = pick(g), b = pick(g);
      std::copy_n(x.begin() + static_cast<std::ptrdiff_t>(b * d), d, x.begin() + static_cast<std::ptrdiff_t>(a * d));
    }
  }
  return x;
}
}  // namespace

TEST_CASE("maxima divide and conquer equals brute force in 2..8 objectives", "[pareto][maxima]") {
  std::mt19937_64 g(20261129);
  const shape shapes[] = {shape::ties, shape::grid, shape::continuous, shape::simplex, shape::simplex_ties};
  for (std::size_t d = 2; d <= 8; ++d)
    for (std::size_t n : {0u, 1u, 2u, 3u, 17u, 33u, 200u, 700u})
      for (auto s : shapes)
        for (int variant = 0; variant < 2; ++variant) {
          const auto x = make(g, n, d, s, variant == 1, variant == 1 || s == shape::continuous);
          INFO("d=" << d << " n=" << n << " shape=" << static_cast<int>(s) << " variant=" << variant);
          std::vector<std::uint8_t> keep;
          dp::maxima_filter(x.data(), n, d, keep);
          REQUIRE(keep == brute(x, n, d));
        }
}

TEST_CASE("maxima divide and conquer on a few thousand points", "[pareto][maxima]") {
  std::mt19937_64 g(99);
  for (std::size_t d : {4u, 5u, 8u})
    for (auto s : {shape::simplex, shape::ties, shape::simplex_ties}) {
      const std::size_t n = s == shape::simplex ? 2000 : 1000;
      const auto x = make(g, n, d, s, false, true);
      INFO("d=" << d << " shape=" << static_cast<int>(s));
      std::vector<std::uint8_t> keep;
      dp::maxima_filter(x.data(), n, d, keep);
      const auto expect = brute(x, n, d);
      REQUIRE(keep == expect);
      // The same points through the public filter, both duplicate policies.
      REQUIRE(nondominated_mask(as_matrix(x, d)) == std::vector<bool>(expect.begin(), expect.end()));
      REQUIRE(nondominated_mask(as_matrix(x, d), {.duplicates = duplicate_policy::keep_first}) == first_only(x, d, expect));
    }
}

TEST_CASE("the filter's divide-and-conquer path equals brute force under both duplicate policies", "[pareto][maxima]") {
  std::mt19937_64 g(4);
  const shape shapes[] = {shape::ties, shape::continuous, shape::simplex, shape::simplex_ties};
  for (std::size_t d = 4; d <= 8; ++d)
    for (std::size_t n : {0u, 1u, 5u, 60u, 400u})
      for (auto s : shapes)
        for (bool constant : {false, true}) {
          const auto x = make(g, n, d, s, constant, true);
          const auto expect = brute(x, n, d);
          INFO("d=" << d << " n=" << n << " shape=" << static_cast<int>(s) << " constant=" << constant);
          // The dispatcher with the window skipped: d >= 4 (after constant columns go) reaches the D&C.
          const auto ps = dp::prepare<double>(as_matrix(x, d), {}, "test", true);
          REQUIRE(dp::nondominated_points(ps, false) == expect);
          // And the public entry points (window first, then the D&C when it gives up).
          REQUIRE(nondominated_mask(as_matrix(x, d)) == std::vector<bool>(expect.begin(), expect.end()));
          const auto first = first_only(x, d, expect);
          REQUIRE(nondominated_mask(as_matrix(x, d), {.duplicates = duplicate_policy::keep_first}) == first);
          std::vector<std::size_t> idx;
          for (std::size_t i = 0; i < n; ++i)
            if (first[i]) idx.push_back(i);
          REQUIRE(nondominated_indices(as_matrix(x, d), {.duplicates = duplicate_policy::keep_first}) == idx);
        }
}

TEST_CASE("maxima tie rule: identical points and equal coordinates across the split", "[pareto][maxima]") {
  // Identical points never dominate each other: all kept (keep_all) or the first (keep_first); a point equal
  // to a kept one except worse in one coordinate is dominated, whichever half of the split it lands in.
  std::vector<double> x;
  const std::size_t d = 4;
  for (int rep = 0; rep < 20; ++rep) {
    x.insert(x.end(), {1, 1, 1, 1});  // 20 copies of the minimum
    x.insert(x.end(), {1, 1, 1, 2});  // dominated by it (equal in three coordinates)
    x.insert(x.end(), {0, 2, 2, 2});  // better in the first coordinate: kept
    x.insert(x.end(), {0, 2, 2, 3});  // dominated by the previous
  }
  const std::size_t n = x.size() / d;
  std::vector<std::uint8_t> keep;
  dp::maxima_filter(x.data(), n, d, keep);
  for (std::size_t i = 0; i < n; ++i) REQUIRE(keep[i] == (i % 2 == 0 ? 1 : 0));
  REQUIRE(keep == brute(x, n, d));
  const auto ps = dp::prepare<double>(as_matrix(x, d), {}, "test", false);
  REQUIRE(dp::nondominated_points(ps, false) == keep);
  REQUIRE(nondominated_indices(as_matrix(x, d), {.duplicates = duplicate_policy::keep_first}) == std::vector<std::size_t>{0, 2});
  // All points equal in the first coordinate (every split is a tie there), and all equal.
  std::mt19937_64 g(8);
  auto y = make(g, 300, 5, shape::ties, false, true);
  for (std::size_t i = 0; i < 300; ++i) y[i * 5] = 1.0;
  dp::maxima_filter(y.data(), 300, 5, keep);
  REQUIRE(keep == brute(y, 300, 5));
  std::vector<double> same(100 * 6, 3.0);
  dp::maxima_filter(same.data(), 100, 6, keep);
  REQUIRE(keep == std::vector<std::uint8_t>(100, 1));
  // Infinities are ordinary values; -0.0 equals +0.0.
  std::vector<double> z{0.0, 1, 1, 1, -0.0, 1, 1, 1, 0.0, 1, 1, 2, -std::numeric_limits<double>::infinity(), 5, 5, 5,
                        std::numeric_limits<double>::infinity(), 0, 0, 0, 1, 1, 1, std::numeric_limits<double>::infinity()};
  dp::maxima_filter(z.data(), 6, 4, keep);
  REQUIRE(keep == brute(z, 6, 4));
  REQUIRE(keep == std::vector<std::uint8_t>{1, 1, 0, 1, 1, 0});
}

TEST_CASE("radix 2-D sweep equals brute force", "[pareto][maxima]") {
  std::mt19937_64 g(2);
  for (std::size_t n : {0u, 1u, 2u, 5u, 100u, 511u, 512u, 2000u})
    for (auto s : {shape::ties, shape::grid, shape::continuous, shape::simplex, shape::simplex_ties}) {
      auto x = make(g, n, 2, s, false, true);
      INFO("n=" << n << " shape=" << static_cast<int>(s));
      std::vector<std::uint8_t> keep;
      dp::radix_sweep2(x.data(), n, keep);
      const auto expect = brute(x, n, 2);
      REQUIRE(keep == expect);
      std::vector<float> f(x.begin(), x.end());
      dp::radix_sweep2(f.data(), n, keep);
      REQUIRE(keep == brute(f, n, 2));
      // Through the public filter (all-non-dominated sets of 512+ points make the window give up).
      REQUIRE(nondominated_mask(as_matrix(x, 2)) == std::vector<bool>(expect.begin(), expect.end()));
      REQUIRE(nondominated_mask(as_matrix(x, 2), {.duplicates = duplicate_policy::keep_first}) == first_only(x, 2, expect));
    }
  // Signed zeros, infinities and negative values, with a large run of equal first coordinates.
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> x;
  for (int k = 0; k < 300; ++k) x.insert(x.end(), {k % 2 ? -0.0 : 0.0, static_cast<double>(k % 7)});
  for (int k = 0; k < 300; ++k) x.insert(x.end(), {-static_cast<double>(k), static_cast<double>(k)});
  x.insert(x.end(), {-inf, 1000.0, inf, -inf, -inf, inf, 1e300, -1e300});
  const std::size_t n = x.size() / 2;
  std::vector<std::uint8_t> keep;
  dp::radix_sweep2(x.data(), n, keep);
  REQUIRE(keep == brute(x, n, 2));
}
