// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto/crowding.hpp
/// @brief Crowding distance (Deb, Pratap, Agarwal and Meyarivan 2002, NSGA-II, section III-B).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "../contract.hpp"
#include "../matrix_view.hpp"
#include "detail/points.hpp"
#include "options.hpp"

namespace pluralism {

/// The crowding distance of every row of `points` (usually one front): for each objective, sort the rows
/// (ties by row index), give the first and the last +infinity and every other row the gap between its two
/// neighbours divided by the objective's range; sum over objectives.
/// Documented choices: an objective whose values are all equal adds nothing (its range is 0); with one or two
/// rows every distance is +infinity; senses do not matter (the distance is symmetric).
/// NaN: `objective_nan_policy::error` throws; `drop` gives dropped rows NaN and computes the others without them;
/// `worst` is not meaningful for a distance and throws like `error`.
/// @throws precondition_error `[pluralism.pareto.nan]` for NaN (see above), `[pluralism.pareto.senses]`,
///   `[pluralism.pareto.finite]` for an infinite value.
template <matrix_like M>
std::vector<double> crowding_distance(const M& points, const pareto_options& opt = {}) {
  const auto m = as_matrix(points);
  pareto_options o = opt;
  if (o.nans == objective_nan_policy::worst) o.nans = objective_nan_policy::error;
  const auto ps = detail::pareto::prepare<double>(m, o, "crowding_distance", false);
  for (std::size_t i = 0; i < ps.x.size(); ++i)
    PLURALISM_EXPECTS(std::isfinite(ps.x[i]), "pluralism.pareto.finite",
                      "crowding_distance: row " + std::to_string(ps.row[i / ps.d]) + ", column " +
                          std::to_string(i % ps.d) + " is infinite");
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::vector<double> dist(ps.n, ps.n <= 2 ? inf : 0.0);
  std::vector<std::size_t> o2(ps.n);
  for (std::size_t j = 0; j < ps.d && ps.n > 2; ++j) {
    std::iota(o2.begin(), o2.end(), std::size_t{0});
    std::sort(o2.begin(), o2.end(), [&ps, j](std::size_t a, std::size_t b) {
      return ps.p(a)[j] < ps.p(b)[j] || (ps.p(a)[j] == ps.p(b)[j] && a < b);
    });
    const double lo = ps.p(o2.front())[j], hi = ps.p(o2.back())[j];
    if (!(hi > lo)) continue;
    dist[o2.front()] = inf;
    dist[o2.back()] = inf;
    for (std::size_t k = 1; k + 1 < ps.n; ++k) dist[o2[k]] += (ps.p(o2[k + 1])[j] - ps.p(o2[k - 1])[j]) / (hi - lo);
  }
  std::vector<double> out(m.rows, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < ps.n; ++i) out[ps.row[i]] = dist[i];
  return out;
}

}  // namespace pluralism
