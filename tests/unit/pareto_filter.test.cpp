// SPDX-License-Identifier: MIT
// Non-dominated filter and ranks against brute-force O(n^2) references on random inputs with ties,
// duplicates and constant columns, in 1 to 8 objectives; every internal path (window, sweeps, divide and
// conquer) is checked on its own as well as through the adaptive front door.
#include <pluralism/interop/eigen.hpp>
#include <pluralism/interop/xtensor.hpp>
#include <pluralism/pareto.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <utility>

#include "catch.hpp"
#include "support/pareto_tables.hpp"

using namespace pluralism;
namespace dp = pluralism::detail::pareto;

namespace {
using pluralism_test::random_senses;
using pluralism_test::ref_dominates;
using pluralism_test::random_table;
using pluralism_test::table;

bool ref_equal(const table& t, std::size_t a, std::size_t b) {
  for (std::size_t j = 0; j < t.d; ++j)
    if (!(t(a, j) == t(b, j)) && !(std::isnan(t(a, j)) && std::isnan(t(b, j)))) return false;
  return true;
}
bool has_nan(const table& t, std::size_t i) {
  for (std::size_t j = 0; j < t.d; ++j)
    if (std::isnan(t(i, j))) return true;
  return false;
}

std::vector<bool> ref_mask(const table& t, const pareto_options& o) {
  std::vector<bool> in(t.n, true), keep(t.n, false);
  if (o.nans == objective_nan_policy::drop)
    for (std::size_t i = 0; i < t.n; ++i) in[i] = !has_nan(t, i);
  for (std::size_t i = 0; i < t.n; ++i) {
    if (!in[i]) continue;
    bool dom = false;
    for (std::size_t j = 0; j < t.n && !dom; ++j) dom = in[j] && ref_dominates(t, j, i, o.objectives);
    keep[i] = !dom;
  }
  if (o.duplicates == duplicate_policy::keep_first)
    for (std::size_t i = 0; i < t.n; ++i)
      for (std::size_t j = 0; j < i && keep[i]; ++j)
        if (keep[j] && ref_equal(t, i, j)) keep[i] = false;
  return keep;
}

// Peeling, without the NaN rows when the policy drops them.
std::vector<std::size_t> ref_ranks(const table& t, const pareto_options& o) {
  std::vector<bool> left(t.n, true);
  if (o.nans == objective_nan_policy::drop)
    for (std::size_t i = 0; i < t.n; ++i) left[i] = !has_nan(t, i);
  return pluralism_test::ref_peel(t, o.objectives, std::move(left));
}

// True when f throws a pluralism::error whose message contains `what`.
template <class F>
bool throws_with(F f, const std::string& what) {
  try {
    f();
  } catch (const pluralism::error& e) {
    return std::string(e.what()).find(what) != std::string::npos;
  }
  return false;
}

std::vector<bool> to_bool(const std::vector<std::uint8_t>& k) { return {k.begin(), k.end()}; }
}  // namespace

TEST_CASE("non-dominated mask and ranks equal brute force in 1..8 objectives", "[pareto][filter]") {
  std::mt19937_64 g(20261128);
  for (std::size_t d = 1; d <= 8; ++d) {
    for (std::size_t n : {0u, 1u, 2u, 3u, 9u, 40u, 150u}) {
      for (int levels : {2, 4, 50}) {
        const auto t = random_table(g, n, d, levels);
        pareto_options o;
        o.objectives = random_senses(g, d);
        if (n % 2 == 1) o.objectives.clear();
        for (auto dup : {duplicate_policy::keep_all, duplicate_policy::keep_first}) {
          o.duplicates = dup;
          const auto m = as_matrix(t.v, d);
          INFO("d=" << d << " n=" << n << " levels=" << levels);
          REQUIRE(nondominated_mask(m, o) == ref_mask(t, o));
        }
        o.duplicates = duplicate_policy::keep_all;
        REQUIRE(pareto_ranks(as_matrix(t.v, d), o) == ref_ranks(t, o));
      }
    }
  }
}

TEST_CASE("every internal filter path equals brute force", "[pareto][filter]") {
  std::mt19937_64 g(7);
  for (std::size_t d = 2; d <= 6; ++d) {
    for (std::size_t n : {2u, 17u, 60u, 400u}) {
      for (int levels : {2, 3, 8, 1000}) {
        const auto t = random_table(g, n, d, levels);
        pareto_options o;
        const auto expect = ref_mask(t, o);
        auto ps = dp::prepare<double>(as_matrix(t.v, d), o, "test", false);
        std::vector<std::uint8_t> keep;
        INFO("d=" << d << " n=" << n << " levels=" << levels);
        REQUIRE(dp::bnl_filter(ps, n + 1, std::numeric_limits<std::size_t>::max(), keep));
        REQUIRE(to_bool(keep) == expect);
        if (d == 2) {
          dp::sweep2_filter(ps, keep);
          REQUIRE(to_bool(keep) == expect);
        }
        if (d == 3) {
          dp::sweep3_filter(ps, keep);
          REQUIRE(to_bool(keep) == expect);
        }
        const auto u = dp::make_unique(ps);
        dp::rank_engine<double, true> eng(u.ux.data(), u.m, d);
        const auto& r = eng.run();
        std::vector<bool> got(n);
        for (std::size_t i = 0; i < n; ++i) got[i] = r[u.of[i]] == 0;
        REQUIRE(got == expect);
        // A window that is too small gives up instead of answering wrongly.
        if (std::count(expect.begin(), expect.end(), true) > 2) REQUIRE_FALSE(dp::bnl_filter(ps, 1, 1000000, keep));
      }
    }
  }
}

TEST_CASE("the adaptive filter falls back on large all-non-dominated inputs", "[pareto][filter]") {
  std::mt19937_64 g(11);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (std::size_t d : {2u, 3u, 4u}) {
    // Points on the simplex x_1 + ... + x_d = 1 are mutually non-dominated; add a few dominated ones.
    const std::size_t n = 1500;
    table t{std::vector<double>(n * d), n, d};
    for (std::size_t i = 0; i < n; ++i) {
      double s = 0;
      for (std::size_t j = 0; j < d; ++j) s += (t.v[i * d + j] = -std::log(1.0 - u(g)));
      for (std::size_t j = 0; j < d; ++j) t.v[i * d + j] = t.v[i * d + j] / s + (i % 10 == 0 ? 0.5 : 0.0);
    }
    const auto got = nondominated_mask(as_matrix(t.v, d));
    REQUIRE(got == ref_mask(t, {}));
  }
}

TEST_CASE("ranks: every internal rank path equals peeling", "[pareto][ranks]") {
  std::mt19937_64 g(3);
  for (std::size_t d = 2; d <= 5; ++d)
    for (std::size_t n : {30u, 300u})
      for (int levels : {3, 20, 100000}) {
        const auto t = random_table(g, n, d, levels);
        INFO("d=" << d << " n=" << n << " levels=" << levels);
        REQUIRE(pareto_ranks(as_matrix(t.v, d)) == ref_ranks(t, {}));
      }
}

TEST_CASE("NaN policies", "[pareto][nan]") {
  std::vector<double> v{1, 2, std::nan(""), 0, 2, 1, 0.5, std::nan(""), 3, 3};
  const auto m = as_matrix(v, 2);
  REQUIRE(throws_with([&] { (void)nondominated_mask(m); }, "row 1, column 0 is NaN"));
  REQUIRE_THROWS_AS(pareto_ranks(m), precondition_error);
  table t{v, 5, 2};
  for (auto p : {objective_nan_policy::worst, objective_nan_policy::drop}) {
    pareto_options o{.nans = p};
    REQUIRE(nondominated_mask(m, o) == ref_mask(t, o));
    REQUIRE(pareto_ranks(m, o) == ref_ranks(t, o));
  }
  pareto_options drop{.nans = objective_nan_policy::drop};
  REQUIRE(pareto_ranks(m, drop)[1] == no_rank);
  // worst: (NaN, 0) is worst in column 0 but best in column 1, so it stays; (3, 3) is dominated by (1, 2).
  REQUIRE(nondominated_mask(m, {.nans = objective_nan_policy::worst}) == std::vector<bool>{true, true, true, true, false});
  std::vector<double> w{std::nan(""), 1, 5, 1};
  REQUIRE(nondominated_mask(as_matrix(w, 2), {.nans = objective_nan_policy::worst}) == std::vector<bool>{false, true});
}

TEST_CASE("edge shapes: zero and one objective, empty input, wrong senses", "[pareto][edge]") {
  std::vector<double> none;
  REQUIRE(nondominated_mask(as_matrix(none, 3)).empty());
  REQUIRE(pareto_ranks(as_matrix(none, 3)).empty());
  // Zero objectives: every row is equal, so all are kept (or the first).
  matrix_view<const double> zero{nullptr, 4, 0, 0, 1};
  REQUIRE(nondominated_mask(zero) == std::vector<bool>(4, true));
  REQUIRE(nondominated_indices(zero, {.duplicates = duplicate_policy::keep_first}) == std::vector<std::size_t>{0});
  REQUIRE(pareto_ranks(zero) == std::vector<std::size_t>(4, 0));
  // One objective: the best value(s), dense ranks.
  std::vector<double> one{3, 1, 2, 1, 5};
  REQUIRE(nondominated_indices(as_matrix(one, 1)) == std::vector<std::size_t>{1, 3});
  REQUIRE(nondominated_indices(as_matrix(one, 1), {.objectives = {sense::maximize}}) == std::vector<std::size_t>{4});
  REQUIRE(pareto_ranks(as_matrix(one, 1)) == std::vector<std::size_t>{2, 0, 1, 0, 3});
  REQUIRE(throws_with([&] { (void)nondominated_mask(as_matrix(one, 1), {.objectives = {sense::minimize, sense::maximize}}); },
                     "2 senses given for 1 objective columns"));
}

TEST_CASE("input types: std arrays, Eigen, xtensor, float", "[pareto][inputs]") {
  std::vector<std::array<double, 3>> a{{1, 2, 3}, {2, 2, 3}, {3, 1, 1}, {1, 2, 3}, {0, 5, 5}};
  const std::vector<std::size_t> expect{0, 2, 3, 4};
  REQUIRE(nondominated_indices(a) == expect);
  std::vector<std::array<float, 3>> af;
  for (auto& r : a) af.push_back({static_cast<float>(r[0]), static_cast<float>(r[1]), static_cast<float>(r[2])});
  REQUIRE(nondominated_indices(af) == expect);
  Eigen::MatrixXd e(5, 3);
  for (Eigen::Index i = 0; i < 5; ++i)
    for (Eigen::Index j = 0; j < 3; ++j) e(i, j) = a[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
  REQUIRE(nondominated_indices(e) == expect);
  REQUIRE(pareto_ranks(e) == pareto_ranks(a));
  xt::xtensor<double, 2> x = xt::zeros<double>({5, 3});
  for (std::size_t i = 0; i < 5; ++i)
    for (std::size_t j = 0; j < 3; ++j) x(i, j) = a[i][j];
  REQUIRE(nondominated_indices(x) == expect);
  REQUIRE(pareto_fronts(a) == std::vector<std::vector<std::size_t>>{{0, 2, 3, 4}, {1}});
}

TEST_CASE("dominance relations with senses and epsilon", "[pareto][dominance]") {
  std::vector<double> a{1, 5}, b{2, 4}, c{1, 5}, d{2, 6};
  REQUIRE(compare(a, b) == dominance::incomparable);
  REQUIRE(compare(a, c) == dominance::equal);
  REQUIRE(compare(a, d) == dominance::dominates);
  REQUIRE(compare(d, a) == dominance::dominated);
  REQUIRE(compare(a, d, {sense::minimize, sense::maximize}) == dominance::incomparable);
  REQUIRE(compare(b, a, {sense::maximize, sense::minimize}) == dominance::dominates);
  REQUIRE(weakly_dominates(a, c));
  REQUIRE_FALSE(dominates(a, c));
  REQUIRE(dominates(b, d));
  REQUIRE(strictly_dominates(std::vector<double>{1, 3}, d));
  REQUIRE_FALSE(strictly_dominates(b, d));
  REQUIRE(epsilon_dominates(a, b, 1.0));
  REQUIRE_FALSE(epsilon_dominates(a, b, 0.99));
  REQUIRE(epsilon_dominates(b, a, 1.0));
  REQUIRE(compare(std::vector<double>{}, std::vector<double>{}) == dominance::equal);
  REQUIRE_THROWS_AS(compare(a, std::vector<double>{1}), precondition_error);
  REQUIRE_THROWS_AS(dominates(a, std::vector<double>{1, std::nan("")}), precondition_error);
  REQUIRE_THROWS_AS(compare(a, b, {sense::minimize}), precondition_error);
  // Random cross-check of the four relations against their definitions.
  std::mt19937_64 g(5);
  std::uniform_int_distribution<int> u(0, 2);
  for (int it = 0; it < 2000; ++it) {
    const std::size_t dd = 1 + static_cast<std::size_t>(it % 5);
    std::vector<double> x(dd), y(dd);
    for (std::size_t j = 0; j < dd; ++j) x[j] = u(g), y[j] = u(g);
    const auto s = random_senses(g, dd);
    bool le = true, ge = true, lt_all = true;
    for (std::size_t j = 0; j < dd; ++j) {
      const double xx = s[j] == sense::maximize ? -x[j] : x[j], yy = s[j] == sense::maximize ? -y[j] : y[j];
      le = le && xx <= yy, ge = ge && xx >= yy, lt_all = lt_all && xx < yy;
    }
    REQUIRE(weakly_dominates(x, y, s) == le);
    REQUIRE(dominates(x, y, s) == (le && !ge));
    REQUIRE(strictly_dominates(x, y, s) == lt_all);
    const auto c2 = compare(x, y, s);
    REQUIRE(c2 == (le && ge ? dominance::equal : le ? dominance::dominates : ge ? dominance::dominated : dominance::incomparable));
  }
}
