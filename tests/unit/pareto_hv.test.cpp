// SPDX-License-Identifier: MIT
// Hypervolume, contributions, crowding distance and the leaderboard against brute-force references:
// hypervolume by summing the cells of the coordinate grid (exact for any dimension), contributions as
// differences of such volumes, crowding distance from its definition with neighbours found by scanning.
#include <pluralism/pareto.hpp>

#include <cmath>
#include <limits>
#include <random>

#include "catch.hpp"

using namespace pluralism;

namespace {
// Exact hypervolume (minimisation) by the grid of distinct coordinates: a cell counts when some point
// weakly dominates its lower corner.
double grid_hv(const std::vector<double>& x, std::size_t n, std::size_t d, const std::vector<double>& ref) {
  std::vector<std::vector<double>> axes(d);
  for (std::size_t j = 0; j < d; ++j) {
    axes[j].push_back(ref[j]);
    for (std::size_t i = 0; i < n; ++i)
      if (x[i * d + j] < ref[j]) axes[j].push_back(x[i * d + j]);
    std::sort(axes[j].begin(), axes[j].end());
    axes[j].erase(std::unique(axes[j].begin(), axes[j].end()), axes[j].end());
    if (axes[j].size() < 2) return 0.0;
  }
  std::vector<std::size_t> idx(d, 0);
  double vol = 0;
  while (true) {
    bool covered = false;
    for (std::size_t i = 0; i < n && !covered; ++i) {
      bool le = true;
      for (std::size_t j = 0; j < d && le; ++j) le = x[i * d + j] <= axes[j][idx[j]];
      covered = le;
    }
    if (covered) {
      double c = 1;
      for (std::size_t j = 0; j < d; ++j) c *= axes[j][idx[j] + 1] - axes[j][idx[j]];
      vol += c;
    }
    std::size_t j = 0;
    for (; j < d; ++j) {
      if (++idx[j] + 1 < axes[j].size()) break;
      idx[j] = 0;
    }
    if (j == d) break;
  }
  return vol;
}

std::vector<double> without(const std::vector<double>& x, std::size_t d, std::size_t i) {
  std::vector<double> y;
  for (std::size_t k = 0; k < x.size() / d; ++k)
    if (k != i) y.insert(y.end(), x.begin() + static_cast<std::ptrdiff_t>(k * d), x.begin() + static_cast<std::ptrdiff_t>((k + 1) * d));
  return y;
}

bool dominated_in(const std::vector<double>& x, std::size_t d, std::size_t i) {
  for (std::size_t k = 0; k < x.size() / d; ++k) {
    bool le = true, lt = false;
    for (std::size_t j = 0; j < d; ++j) le = le && x[k * d + j] <= x[i * d + j], lt = lt || x[k * d + j] < x[i * d + j];
    if (le && lt) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("hypervolume equals the grid reference in 1..8 objectives", "[pareto][hv]") {
  std::mt19937_64 g(42);
  for (std::size_t d = 1; d <= 8; ++d) {
    const std::size_t nmax = d <= 3 ? 40 : d <= 5 ? 14 : 6;
    for (int rep = 0; rep < 12; ++rep) {
      const std::size_t n = static_cast<std::size_t>(rep) % (nmax + 1);
      const int levels = rep % 3 == 0 ? 3 : 20;
      std::uniform_int_distribution<int> u(0, levels);
      std::vector<double> x(n * d), ref(d);
      for (auto& v : x) v = u(g);
      for (auto& r : ref) r = levels - 1;  // some points fall outside the box
      if (n > 2) std::copy_n(x.begin(), d, x.begin() + static_cast<std::ptrdiff_t>(d));  // a duplicate
      // Random senses: maximised columns are mirrored, reference included.
      senses s(d, sense::minimize);
      std::vector<double> xs = x, rs = ref;
      for (std::size_t j = 0; j < d; ++j)
        if (u(g) % 2) {
          s[j] = sense::maximize;
          rs[j] = -ref[j];
          for (std::size_t i = 0; i < n; ++i) xs[i * d + j] = -x[i * d + j];
        }
      const double expect = grid_hv(x, n, d, ref);
      INFO("d=" << d << " n=" << n);
      REQUIRE_THAT(hypervolume(as_matrix(xs, d), rs, {.objectives = s}), Catch::Matchers::WithinAbs(expect, 1e-9 * (1 + expect)));
      // Contributions, both bases.
      const auto all = hypervolume_contributions(as_matrix(xs, d), rs, {.objectives = s}, contribution_basis::all_points);
      const auto nd = hypervolume_contributions(as_matrix(xs, d), rs, {.objectives = s});
      std::vector<double> front;
      std::vector<std::size_t> front_rows;
      for (std::size_t i = 0; i < n; ++i)
        if (!dominated_in(x, d, i)) {
          front.insert(front.end(), x.begin() + static_cast<std::ptrdiff_t>(i * d), x.begin() + static_cast<std::ptrdiff_t>((i + 1) * d));
          front_rows.push_back(i);
        }
      const double hv_front = grid_hv(front, front_rows.size(), d, ref);
      for (std::size_t i = 0; i < n; ++i) {
        const auto rest = without(x, d, i);
        const double c = expect - grid_hv(rest, n - 1, d, ref);
        REQUIRE_THAT(all[i], Catch::Matchers::WithinAbs(c, 1e-9 * (1 + expect)));
        double cn = 0;
        const auto pos = std::find(front_rows.begin(), front_rows.end(), i);
        if (pos != front_rows.end()) {
          const auto k = static_cast<std::size_t>(pos - front_rows.begin());
          cn = hv_front - grid_hv(without(front, d, k), front_rows.size() - 1, d, ref);
        }
        REQUIRE_THAT(nd[i], Catch::Matchers::WithinAbs(cn, 1e-9 * (1 + expect)));
      }
    }
  }
}

TEST_CASE("hypervolume on continuous random fronts equals the grid reference", "[pareto][hv]") {
  std::mt19937_64 g(9);
  std::uniform_real_distribution<double> u(0, 1);
  for (std::size_t d = 2; d <= 6; ++d) {
    const std::size_t n = d <= 3 ? 60 : d == 4 ? 16 : 8;
    std::vector<double> x(n * d);
    for (std::size_t i = 0; i < n; ++i) {  // near the simplex: mostly non-dominated
      double s = 0;
      for (std::size_t j = 0; j < d; ++j) s += (x[i * d + j] = u(g) + 1e-3);
      for (std::size_t j = 0; j < d; ++j) x[i * d + j] /= s;
    }
    const std::vector<double> ref(d, 1.0);
    REQUIRE_THAT(hypervolume(as_matrix(x, d), ref), Catch::Matchers::WithinRel(grid_hv(x, n, d, ref), 1e-12));
  }
}

TEST_CASE("hypervolume: reference point validation and closed forms", "[pareto][hv]") {
  std::vector<std::array<double, 2>> pts{{1, 3}, {2, 2}, {3, 1}};
  REQUIRE(hypervolume(pts, std::vector<double>{4, 4}) == Catch::Approx(6.0));
  REQUIRE(hypervolume(pts, std::vector<double>{1, 1}) == 0.0);
  REQUIRE_THROWS_AS(hypervolume(pts, std::vector<double>{4}), precondition_error);
  REQUIRE_THROWS_AS(hypervolume(pts, std::vector<double>{4, std::nan("")}), precondition_error);
  REQUIRE_THROWS_AS(hypervolume(pts, std::vector<double>{4, std::numeric_limits<double>::infinity()}), precondition_error);
  // Maximisation mirrors minimisation.
  std::vector<std::array<double, 2>> neg{{-1, -3}, {-2, -2}, {-3, -1}};
  REQUIRE(hypervolume(neg, std::vector<double>{-4, -4}, {.objectives = {sense::maximize, sense::maximize}}) == Catch::Approx(6.0));
  // NaN: an error by default; under `worst` the point adds nothing.
  std::vector<std::array<double, 2>> withnan{{1, 3}, {std::nan(""), 0}};
  REQUIRE_THROWS_AS(hypervolume(withnan, std::vector<double>{4, 4}), precondition_error);
  REQUIRE(hypervolume(withnan, std::vector<double>{4, 4}, {.nans = objective_nan_policy::worst}) == Catch::Approx(3.0));
  const auto c = hypervolume_contributions(pts, std::vector<double>{4, 4});
  REQUIRE(c == std::vector<double>{1.0, 1.0, 1.0});
  matrix_view<const double> none{nullptr, 0, 2, 2, 1};
  REQUIRE(hypervolume(none, std::vector<double>{1, 1}) == 0.0);
}

TEST_CASE("crowding distance equals its definition", "[pareto][crowding]") {
  std::mt19937_64 g(17);
  for (std::size_t d = 1; d <= 5; ++d)
    for (std::size_t n : {1u, 2u, 3u, 7u, 30u}) {
      std::uniform_int_distribution<int> u(0, 6);
      std::vector<double> x(n * d);
      for (auto& v : x) v = u(g);
      if (d > 1)
        for (std::size_t i = 0; i < n; ++i) x[i * d + 1] = 2.0;  // a constant objective adds nothing
      const auto got = crowding_distance(as_matrix(x, d));
      const double inf = std::numeric_limits<double>::infinity();
      for (std::size_t i = 0; i < n; ++i) {
        double expect = n <= 2 ? inf : 0.0;
        for (std::size_t j = 0; j < d && n > 2; ++j) {
          auto key = [&](std::size_t k) { return std::make_pair(x[k * d + j], k); };
          double lo = inf, hi = -inf;
          for (std::size_t k = 0; k < n; ++k) lo = std::min(lo, x[k * d + j]), hi = std::max(hi, x[k * d + j]);
          if (!(hi > lo)) continue;
          // Neighbours in the (value, row) order, found by scanning.
          std::size_t prev = n, next = n;
          for (std::size_t k = 0; k < n; ++k) {
            if (key(k) < key(i) && (prev == n || key(prev) < key(k))) prev = k;
            if (key(i) < key(k) && (next == n || key(k) < key(next))) next = k;
          }
          if (prev == n || next == n) {
            expect = inf;
          } else {
            expect += (x[next * d + j] - x[prev * d + j]) / (hi - lo);
          }
        }
        INFO("d=" << d << " n=" << n << " i=" << i);
        REQUIRE(got[i] == Catch::Approx(expect));
      }
    }
  std::vector<double> withnan{1, 2, std::nan(""), 1, 3, 0, 0, 5};
  REQUIRE_THROWS_AS(crowding_distance(as_matrix(withnan, 2)), precondition_error);
  const auto dropped = crowding_distance(as_matrix(withnan, 2), {.nans = objective_nan_policy::drop});
  REQUIRE(std::isnan(dropped[1]));
  REQUIRE(dropped[0] == Catch::Approx(2.0));  // (3 - 0) / 3 + (5 - 0) / 5 among the three kept rows
}

TEST_CASE("leaderboard: front, ranks and Pareto improvements", "[pareto][leaderboard]") {
  // Models x (accuracy up, cost down, toxicity down).
  std::vector<std::array<double, 3>> models{{0.9, 10, 0.1}, {0.8, 5, 0.1}, {0.8, 12, 0.2}, {0.9, 10, 0.1}, {0.7, 20, 0.3}};
  const pareto_options o{.objectives = {sense::maximize, sense::minimize, sense::minimize}};
  const auto b = pareto_leaderboard(models, o);
  REQUIRE(b.front == std::vector<std::size_t>{0, 1, 3});
  REQUIRE(b.rank == std::vector<std::size_t>{0, 0, 1, 0, 2});
  REQUIRE(b.improvements[0].empty());
  REQUIRE(b.improvements[3].empty());  // a tie is not an improvement
  REQUIRE(b.improvements[2] == std::vector<std::size_t>{0, 1, 3});
  REQUIRE(b.improvements[4] == std::vector<std::size_t>{0, 1, 2, 3});
  auto o1 = o;
  o1.duplicates = duplicate_policy::keep_first;
  REQUIRE(pareto_leaderboard(models, o1).front == std::vector<std::size_t>{0, 1});
  // Random: improvements are exactly the dominating rows.
  std::mt19937_64 g(23);
  std::uniform_int_distribution<int> u(0, 3);
  for (std::size_t d = 1; d <= 6; ++d) {
    std::vector<double> x(60 * d);
    for (auto& v : x) v = u(g);
    const auto lb = pareto_leaderboard(as_matrix(x, d));
    for (std::size_t i = 0; i < 60; ++i) {
      std::vector<std::size_t> expect;
      for (std::size_t k = 0; k < 60; ++k) {
        bool le = true, lt = false;
        for (std::size_t j = 0; j < d; ++j) le = le && x[k * d + j] <= x[i * d + j], lt = lt || x[k * d + j] < x[i * d + j];
        if (le && lt) expect.push_back(k);
      }
      REQUIRE(lb.improvements[i] == expect);
      REQUIRE((lb.rank[i] == 0) == expect.empty());
    }
  }
}
