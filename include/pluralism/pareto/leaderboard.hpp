// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto/leaderboard.hpp
/// @brief A Pareto leaderboard for a table of models x objectives: the non-dominated models, every model's
/// rank, and for each model the models that are Pareto improvements over it.

#include <cstddef>
#include <vector>

#include "../matrix_view.hpp"
#include "detail/engine.hpp"
#include "detail/points.hpp"
#include "filter.hpp"
#include "options.hpp"
#include "ranks.hpp"

namespace pluralism {

/// The result of `pareto_leaderboard`.
struct pareto_board {
  std::vector<std::size_t> front;                      ///< non-dominated rows, ascending (duplicate policy applied)
  std::vector<std::size_t> rank;                       ///< Pareto rank of every row (`no_rank` if dropped)
  std::vector<std::vector<std::size_t>> improvements;  ///< rows that dominate row i, ascending
};

/// Builds the leaderboard of `models` (rows = models, columns = objectives).
/// Tied (identical) models are never improvements over each other: with the default
/// `duplicate_policy::keep_all` both stay on the front. Rows dropped by `objective_nan_policy::drop` get `no_rank` and
/// no improvements. Complexity: the filter and ranks as documented there, plus O(n^2 d) for the improvement
/// lists (their total size can be quadratic).
/// @throws precondition_error as `nondominated_mask`.
template <matrix_like M>
pareto_board pareto_leaderboard(const M& models, const pareto_options& opt = {}) {
  namespace dp = detail::pareto;
  const auto m = as_matrix(models);
  using T = dp::real_t<typename decltype(m)::value_type>;
  pareto_board b;
  b.front = nondominated_indices(m, opt);
  b.rank = pareto_ranks(m, opt);
  b.improvements.resize(m.rows);
  const auto ps = dp::prepare<T>(m, opt, "pareto_leaderboard", true);
  for (std::size_t i = 0; i < ps.n; ++i) {
    auto& imp = b.improvements[ps.row[i]];
    if (b.rank[ps.row[i]] == 0) continue;
    for (std::size_t k = 0; k < ps.n; ++k)
      if (dp::row_dominates(ps.p(k), ps.p(i), ps.d)) imp.push_back(ps.row[k]);
  }
  return b;
}

}  // namespace pluralism
