// SPDX-License-Identifier: MIT
// Pareto ranks of two and three objectives (the lexicographic sweep with a staircase per front) and of four
// and more (the divide-and-conquer engine) against brute-force references: peeling (the rank-k rows are the
// non-dominated rows once ranks < k are removed) and the definition (1 + the largest rank of a dominator),
// on random inputs with heavy ties, duplicates, infinities, NaN and mixed senses, and on orders built to
// stress the staircase blocks.
#include <pluralism/pareto.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <span>
#include <utility>

#include "catch.hpp"
#include "support/pareto_tables.hpp"

using namespace pluralism;
namespace dp = pluralism::detail::pareto;

namespace {
using pluralism_test::minimisation_key;
using pluralism_test::random_senses;
using pluralism_test::random_table;
using pluralism_test::table;

// Peeling over every row.
std::vector<std::size_t> ref_peel(const table& t, const senses& s) {
  return pluralism_test::ref_peel(t, s, std::vector<bool>(t.n, true));
}

// The definition, O(n^2): rows in order of their key sum (exact for small integers and ordinary values;
// a dominator's sum is strictly smaller), rank = 1 + max rank of a dominator.
std::vector<std::size_t> ref_define(const table& t, const senses& s) {
  const std::size_t n = t.n, d = t.d;
  std::vector<double> kx(n * d), sum(n, 0.0);  // minimisation keys, computed once
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j) sum[i] += kx[i * d + j] = minimisation_key(t(i, j), !s.empty() && s[j] == sense::maximize);
  std::vector<std::size_t> o(n);
  std::iota(o.begin(), o.end(), std::size_t{0});
  std::stable_sort(o.begin(), o.end(), [&](std::size_t a, std::size_t b) { return sum[a] < sum[b]; });
  std::vector<std::size_t> r(n, 0);
  for (std::size_t a = 0; a < n; ++a) {
    const double* p = kx.data() + o[a] * d;
    for (std::size_t b = 0; b < a; ++b) {
      const double* q = kx.data() + o[b] * d;
      bool le = true, lt = false;  // q dominates p
      for (std::size_t j = 0; j < d && le; ++j) {
        le = q[j] <= p[j];
        lt = lt || q[j] < p[j];
      }
      if (le && lt) r[o[a]] = std::max(r[o[a]], r[o[b]] + 1);
    }
  }
  return r;
}

// The sweep on its own, on all-minimised points (no constant column dropped, so d stays 2 or 3).
std::vector<std::size_t> sweep_of(const table& t) {
  dp::point_set<double> ps;
  ps.x = t.v;
  ps.n = t.n;
  ps.d = t.d;
  return dp::sweep_ranks(ps);
}
}  // namespace

TEST_CASE("ranks, 2 and 3 objectives: the sweep equals peeling with heavy ties", "[pareto][ranks]") {
  std::mt19937_64 g(20261129);
  for (std::size_t d : {2u, 3u}) {
    for (int rep = 0; rep < 12; ++rep) {
      for (std::size_t n : {0u, 1u, 2u, 5u, 13u, 64u, 200u}) {
        for (int levels : {1, 2, 3, 7, 1000}) {
          const auto t = random_table(g, n, d, levels, false);
          INFO("d=" << d << " rep=" << rep << " n=" << n << " levels=" << levels);
          const auto want = ref_peel(t, {});
          REQUIRE(sweep_of(t) == want);
          REQUIRE(ref_define(t, {}) == want);  // the two references agree
          // Through the front door, under both duplicate policies (ranks always tie identical rows).
          for (auto dup : {duplicate_policy::keep_all, duplicate_policy::keep_first})
            REQUIRE(pareto_ranks(as_matrix(t.v, d), {.duplicates = dup}) == want);
        }
      }
    }
  }
}

TEST_CASE("ranks: mixed senses, constant columns, NaN and infinities in 1..6 objectives", "[pareto][ranks]") {
  std::mt19937_64 g(99);
  const double inf = std::numeric_limits<double>::infinity();
  for (std::size_t d = 1; d <= 6; ++d) {
    for (int rep = 0; rep < (d <= 3 ? 16 : 4); ++rep) {
      for (std::size_t n : {3u, 30u, 150u}) {
        for (int levels : {2, 3, 5}) {
          auto t = random_table(g, n, d, levels, true);
          // Sprinkle infinities and NaN (NaN = worst = the worst infinity of its column).
          std::uniform_int_distribution<std::size_t> cell(0, t.v.size() - 1);
          for (std::size_t k = 0; k < n / 10; ++k) {
            t.v[cell(g)] = inf;
            t.v[cell(g)] = -inf;
            t.v[cell(g)] = std::nan("");
          }
          pareto_options o{.objectives = random_senses(g, d), .nans = objective_nan_policy::worst};
          INFO("d=" << d << " rep=" << rep << " n=" << n << " levels=" << levels);
          const auto want = ref_peel(t, o.objectives);
          for (auto dup : {duplicate_policy::keep_all, duplicate_policy::keep_first}) {
            o.duplicates = dup;
            REQUIRE(pareto_ranks(as_matrix(t.v, d), o) == want);
          }
        }
      }
    }
  }
}

TEST_CASE("ranks, 3 objectives: larger random inputs equal the definition", "[pareto][ranks]") {
  std::mt19937_64 g(5);
  for (int levels : {2, 3, 10, 60, 1000000}) {
    const auto t = random_table(g, 1500, 3, levels, false);
    INFO("levels=" << levels);
    REQUIRE(sweep_of(t) == ref_define(t, {}));
  }
  // float input computes in float.
  const auto t = random_table(g, 800, 3, 4, false);
  std::vector<float> f(t.v.begin(), t.v.end());
  REQUIRE(pareto_ranks(as_matrix(f, 3)) == ref_define(t, {}));
}

TEST_CASE("ranks, 3 objectives: staircases larger than a block, filled in every order", "[pareto][ranks]") {
  // Layers of mutually non-dominated points whose (y, z) arrive in descending y (inserted at the front of
  // the staircase), ascending y (at the back) or shuffled; each layer is a shifted copy of the one before,
  // so layer k has rank k; some layers' points are duplicated and some cover a block of earlier pairs.
  std::mt19937_64 g(17);
  const std::size_t per = 2 * dp::staircase<double>::max_block + 7;
  for (int order = 0; order < 3; ++order) {
    // order 2: x is a random permutation of i, so the sweep meets each layer's (y, z) in random order.
    std::vector<std::size_t> perm(per);
    std::iota(perm.begin(), perm.end(), std::size_t{0});
    if (order == 2) std::shuffle(perm.begin(), perm.end(), g);
    table t{{}, 0, 3};
    for (std::size_t layer = 0; layer < 3; ++layer) {
      const double s = static_cast<double>(layer);
      for (std::size_t i = 0; i < per; ++i) {
        const double c = static_cast<double>(i), x = static_cast<double>(perm[i]);
        // (y, z) an antichain: y descending, z ascending in i (orders 0, 2), or the reverse (order 1).
        const double y = order == 1 ? c : -c, z = order == 1 ? -c : c;
        t.v.insert(t.v.end(), {x + s, y + s, z + s});
        if (i % 97 == 0) t.v.insert(t.v.end(), {x + s, y + s, z + s});
      }
    }
    t.n = t.v.size() / 3;
    INFO("order=" << order);
    REQUIRE(sweep_of(t) == ref_define(t, {}));
  }
  // A point that covers a long run of the staircase across blocks: an antichain, then a point below all of it.
  table t{{}, 0, 3};
  for (std::size_t i = 0; i < per; ++i) {
    const double c = static_cast<double>(i);
    t.v.insert(t.v.end(), {0.0, -c, c});
  }
  t.v.insert(t.v.end(), {1.0, -static_cast<double>(per), -1.0});                   // covers all (y, z) so far
  t.v.insert(t.v.end(), {2.0, -static_cast<double>(per) / 2, 0.5});               // covered by the last point
  t.v.insert(t.v.end(), {3.0, -static_cast<double>(per) - 1, 1e9});               // new minimum y
  t.n = t.v.size() / 3;
  REQUIRE(sweep_of(t) == ref_define(t, {}));
}

TEST_CASE("staircase: covers equals brute force after every insertion", "[pareto][ranks]") {
  std::mt19937_64 g(23);
  for (int levels : {4, 40, 4000}) {
    for (int rep = 0; rep < 3; ++rep) {
      dp::staircase<double> st;
      std::vector<std::pair<double, double>> all;  // every pair offered so far (inserted or not)
      std::uniform_int_distribution<int> u(0, levels - 1);
      auto covered = [&](double y, double z) {
        return std::any_of(all.begin(), all.end(), [&](const auto& p) { return p.first <= y && p.second <= z; });
      };
      for (int k = 0; k < 3000; ++k) {
        // Drift downwards so that later points often cover earlier ones.
        const double y = u(g) - k / 2, z = u(g) - k / 3;
        REQUIRE(st.covers(y, z) == covered(y, z));
        if (!covered(y, z)) st.insert(y, z);
        all.emplace_back(y, z);
        if (k % 50 == 0) {
          std::size_t minimal = 0;  // distinct minimal pairs
          std::vector<std::pair<double, double>> s = all;
          std::sort(s.begin(), s.end());
          s.erase(std::unique(s.begin(), s.end()), s.end());
          for (const auto& p : s)
            minimal += std::none_of(s.begin(), s.end(), [&](const auto& q) {
              return q != p && q.first <= p.first && q.second <= p.second;
            });
          REQUIRE(st.size() == minimal);
          for (int q = 0; q < 50; ++q) {
            const double qy = u(g) - k / 2, qz = u(g) - k / 3;
            REQUIRE(st.covers(qy, qz) == covered(qy, qz));
          }
        }
      }
    }
  }
}

TEST_CASE("ranks, 4 and more objectives: the engine equals the definition", "[pareto][ranks]") {
  std::mt19937_64 g(41);
  for (std::size_t d = 4; d <= 7; ++d) {
    for (int levels : {2, 3, 6, 1000000}) {
      for (std::size_t n : {20u, 200u, 1200u}) {
        const auto t = random_table(g, n, d, levels, false);
        INFO("d=" << d << " n=" << n << " levels=" << levels);
        REQUIRE(pareto_ranks(as_matrix(t.v, d)) == ref_define(t, {}));
      }
    }
  }
}

namespace {
// Every path for d >= 4 on its own: the tree sweep (unbounded budget) and the engine, on the unique points.
void require_paths_equal(const table& t) {
  const auto want = ref_define(t, {});
  dp::point_set<double> ps;
  ps.x = t.v;
  ps.n = t.n;
  ps.d = t.d;
  const auto u = dp::make_unique(ps);
  std::vector<std::size_t> r;
  std::size_t work = 0;
  REQUIRE(dp::tree_ranks_fixed<double, 0>(u.ux.data(), u.m, t.d, std::numeric_limits<std::size_t>::max(), r, &work));
  std::vector<std::size_t> got(t.n);
  for (std::size_t i = 0; i < t.n; ++i) got[i] = r[u.of[i]];
  REQUIRE(got == want);
  REQUIRE(dp::tree_ranks(u.ux.data(), u.m, t.d, std::numeric_limits<std::size_t>::max(), r));
  for (std::size_t i = 0; i < t.n; ++i) got[i] = r[u.of[i]];
  REQUIRE(got == want);
  // A budget that is too small gives up instead of answering wrongly.
  if (u.m > 2) REQUIRE_FALSE(dp::tree_ranks(u.ux.data(), u.m, t.d, work / 2, r));
  dp::rank_engine<double, false> eng(u.ux.data(), u.m, t.d);
  const auto& re = eng.run();
  for (std::size_t i = 0; i < t.n; ++i) got[i] = re[u.of[i]];
  REQUIRE(got == want);
}
}  // namespace

TEST_CASE("ranks, 3 to 7 objectives: the tree sweep and the engine each equal the definition", "[pareto][ranks]") {
  std::mt19937_64 g(43);
  for (std::size_t d = 3; d <= 7; ++d) {
    for (int levels : {2, 3, 5, 1000000}) {
      for (std::size_t n : {2u, 25u, 300u, 800u}) {
        const auto t = random_table(g, n, d, levels, false);
        INFO("d=" << d << " n=" << n << " levels=" << levels);
        require_paths_equal(t);
      }
    }
  }
}

TEST_CASE("ranks, 4 and 5 objectives: large fronts split the tree's leaves many times", "[pareto][ranks]") {
  // Integer points with a fixed coordinate sum are mutually non-dominated; shifted copies (+1 everywhere)
  // form the next fronts, and a few random points in between mix the ranks.
  std::mt19937_64 g(47);
  for (std::size_t d : {4u, 5u}) {
    table t{{}, 0, d};
    std::uniform_int_distribution<int> u(0, 12);
    while (t.v.size() < 700 * d) {
      std::vector<double> p(d);
      int s = 0;
      for (std::size_t j = 0; j + 1 < d; ++j) s += static_cast<int>(p[j] = u(g));
      p[d - 1] = 60 - s;
      for (int shift : {0, 0, 1, 3}) {
        for (auto x : p) t.v.push_back(x + shift);
      }
    }
    for (int k = 0; k < 100; ++k)
      for (std::size_t j = 0; j < d; ++j) t.v.push_back(u(g) * 1.5);
    t.n = t.v.size() / d;
    INFO("d=" << d);
    require_paths_equal(t);
    const auto want = ref_define(t, {});
    REQUIRE(pareto_ranks(as_matrix(t.v, d)) == want);
    std::vector<float> f(t.v.begin(), t.v.end());  // small integers and halves: exact in float
    REQUIRE(pareto_ranks(as_matrix(f, d)) == want);
  }
}

TEST_CASE("ranks, 4 objectives: a tree that degenerates into a path exhausts the budget", "[pareto][ranks]") {
  // Rows (i, i, n - i, i): one front, whose k-d tree is never rebalanced and grows as a path in this order.
  // Its depth must count as work (a covers() query stops at the root here), so a linear budget runs out and
  // pareto_ranks falls back to the engine instead of walking a path per point.
  const std::size_t n = 5000;
  std::vector<double> ux;
  for (std::size_t i = 0; i < n; ++i) {
    const auto v = static_cast<double>(i);
    ux.insert(ux.end(), {v, v, static_cast<double>(n) - v, v});
  }
  std::vector<std::size_t> r;
  std::size_t work = 0;
  REQUIRE(dp::tree_ranks_fixed<double, 3>(ux.data(), n, 4, std::numeric_limits<std::size_t>::max(), r, &work));
  CHECK(work > 100 * n);  // the walks are counted: about n^2 / 24 here
  CHECK_FALSE(dp::tree_ranks(ux.data(), n, 4, 100 * n, r));
  const auto ranks = pareto_ranks(as_matrix(std::span<const double>(ux), 4));
  CHECK(std::all_of(ranks.begin(), ranks.end(), [](std::size_t x) { return x == 0; }));
}
