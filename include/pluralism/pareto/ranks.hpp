// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto/ranks.hpp
/// @brief Non-dominated sorting: the Pareto rank of every row (0 = non-dominated, 1 = non-dominated once
/// rank 0 is removed, ...) and the fronts as index lists.

#include <algorithm>
#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

#include "../matrix_view.hpp"
#include "detail/engine.hpp"
#include "detail/points.hpp"
#include "detail/sweep_ranks.hpp"
#include "detail/tree_ranks.hpp"
#include "options.hpp"

namespace pluralism {

/// The rank given to rows dropped by `objective_nan_policy::drop`.
inline constexpr std::size_t no_rank = std::numeric_limits<std::size_t>::max();

namespace detail::pareto {
template <class T>
std::vector<std::size_t> point_ranks(const point_set<T>& ps) {
  std::vector<std::size_t> rank(ps.n, 0);
  if (ps.n == 0 || ps.d == 0) return rank;
  if (ps.d == 1) {  // dense rank of the value
    std::vector<std::size_t> o(ps.n);
    for (std::size_t i = 0; i < ps.n; ++i) o[i] = i;
    std::sort(o.begin(), o.end(), [&ps](std::size_t a, std::size_t b) { return ps.x[a] < ps.x[b]; });
    std::size_t r = 0;
    for (std::size_t k = 0; k < ps.n; ++k) {
      if (k > 0 && ps.x[o[k - 1]] < ps.x[o[k]]) ++r;
      rank[o[k]] = r;
    }
    return rank;
  }
  if (ps.d <= 3) return sweep_ranks(ps);  // one sweep with per-front staircases
  const auto u = make_unique(ps);
  std::vector<std::size_t> r;
  if (!tree_ranks(u.ux.data(), u.m, ps.d, tree_ranks_budget(u.m), r)) {
    rank_engine<T, false> eng(u.ux.data(), u.m, ps.d);
    r = std::move(eng.run());
  }
  for (std::size_t i = 0; i < ps.n; ++i) rank[i] = r[u.of[i]];
  return rank;
}
}  // namespace detail::pareto

/// The Pareto rank of every row: 0 for the non-dominated rows, and 1 + the largest rank of the rows that
/// dominate it otherwise (the front index of non-dominated sorting, Deb et al. 2002). Identical rows share a
/// rank (the duplicate policy does not apply); rows dropped by `objective_nan_policy::drop` get `no_rank`.
/// Algorithm: constant columns are dropped first; for 2 and 3 objectives one sweep in lexicographic order
/// with a staircase per front and a binary search over the fronts, O(n log n) and O(n log n log R) for R
/// fronts; above, the same sweep with a k-d tree per front (as ENS-NDT, Gustavsson and Syberfeldt 2018), and
/// once that passes a work budget of O(n log n) node visits, divide and conquer over the lexicographic order
/// (Jensen 2003, with ties as in Fortin et al. 2013 and Buzdalov and Shalyto 2014), O(n log^(d-1) n).
/// @throws precondition_error as `nondominated_mask`.
template <matrix_like M>
std::vector<std::size_t> pareto_ranks(const M& points, const pareto_options& opt = {}) {
  const auto m = as_matrix(points);
  using T = detail::pareto::real_t<typename decltype(m)::value_type>;
  const auto ps = detail::pareto::prepare<T>(m, opt, "pareto_ranks", true);
  const auto r = detail::pareto::point_ranks(ps);
  std::vector<std::size_t> out(m.rows, no_rank);
  for (std::size_t i = 0; i < ps.n; ++i) out[ps.row[i]] = r[i];
  return out;
}

/// The fronts: `fronts[k]` lists, ascending, the rows of rank k. Rows with `no_rank` are in no front.
/// @throws precondition_error as `nondominated_mask`.
template <matrix_like M>
std::vector<std::vector<std::size_t>> pareto_fronts(const M& points, const pareto_options& opt = {}) {
  const auto r = pareto_ranks(points, opt);
  std::vector<std::vector<std::size_t>> fronts;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r[i] == no_rank) continue;
    if (r[i] >= fronts.size()) fronts.resize(r[i] + 1);
    fronts[r[i]].push_back(i);
  }
  return fronts;
}

}  // namespace pluralism
