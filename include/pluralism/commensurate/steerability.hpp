// SPDX-License-Identifier: MIT
#pragma once

/// @file commensurate/steerability.hpp
/// @brief Trade-off steerable benchmarks (Sorensen et al. 2024, "A Roadmap to Pluralistic Alignment",
/// section 4.2): does the model steered to each commensurating function maximise that function, with what
/// regret; and which model each function selects from a set (after a Pareto prefilter).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "../contract.hpp"
#include "../matrix_view.hpp"
#include "../pareto/filter.hpp"
#include "concept.hpp"

namespace pluralism {

/// One function's line of a steerability report.
struct steerability_entry {
  std::size_t best_model = 0;      ///< argmax_j f_i(M_j) (lowest index on ties)
  bool steered_is_best = false;    ///< f_i(M_i) >= max_j f_i(M_j) - tolerance
  double regret = 0;               ///< max_j f_i(M_j) - f_i(M_i), >= 0
  double normalized_regret = 0;    ///< regret / (max_j - min_j f_i(M_j)); 0 when the range is 0
};

/// The report of `trade_off_steerability`.
struct trade_off_report {
  std::vector<steerability_entry> functions;
  double steered_share = 0;    ///< share of functions whose steered model is the best under it
  double mean_regret = 0;      ///< mean normalized regret
  double max_regret = 0;       ///< largest normalized regret
};

/// Given `scores(i, j) = f_i(M_j)`, the value under function i of the model steered to function j (a square
/// K x K matrix), reports for each function whether the model steered to it is the best under it, its regret
/// (Zintgraf et al. 2015 style utility loss) and a summary.
/// @throws precondition_error `[pluralism.commensurate.size]` when not square or empty,
///   `[pluralism.commensurate.value]` for a non-finite score, `[pluralism.commensurate.tolerance]` for a negative
///   or NaN tolerance.
template <matrix_like M>
trade_off_report trade_off_steerability(const M& scores, double tolerance = 0.0) {
  const auto s = as_matrix(scores);
  PLURALISM_EXPECTS(s.rows == s.cols && s.rows > 0, "pluralism.commensurate.size",
                    "trade_off_steerability: scores are " + std::to_string(s.rows) + " x " + std::to_string(s.cols) +
                        " (need K x K: function i on the model steered to function j)");
  PLURALISM_EXPECTS(tolerance >= 0, "pluralism.commensurate.tolerance",
                    "trade_off_steerability: tolerance is " + std::to_string(tolerance));
  trade_off_report r;
  const std::size_t k = s.rows;
  for (std::size_t i = 0; i < k; ++i) {
    steerability_entry e;
    double hi = -std::numeric_limits<double>::infinity(), lo = std::numeric_limits<double>::infinity();
    for (std::size_t j = 0; j < k; ++j) {
      const double v = static_cast<double>(s(i, j));
      PLURALISM_EXPECTS(std::isfinite(v), "pluralism.commensurate.value",
                        "trade_off_steerability: score (" + std::to_string(i) + ", " + std::to_string(j) + ") is " +
                            std::to_string(v));
      if (v > hi) hi = v, e.best_model = j;
      lo = std::min(lo, v);
    }
    const double own = static_cast<double>(s(i, i));
    e.regret = hi - own;
    e.steered_is_best = own >= hi - tolerance;
    e.normalized_regret = hi > lo ? e.regret / (hi - lo) : 0.0;
    r.steered_share += e.steered_is_best ? 1.0 : 0.0;
    r.mean_regret += e.normalized_regret;
    r.max_regret = std::max(r.max_regret, e.normalized_regret);
    r.functions.push_back(e);
  }
  r.steered_share /= static_cast<double>(k);
  r.mean_regret /= static_cast<double>(k);
  return r;
}

/// For each function, the model (row of `models`, scores higher-is-better in every column) it selects: the
/// argmax of f over the rows. When every function declares itself monotone the search runs over the
/// non-dominated rows only (a monotone function always has a non-dominated maximiser); ties go to the lowest
/// index among the non-dominated maximisers, so a dominated model is never picked over an equally good
/// non-dominated one. Returns one row index per function (empty models: precondition error).
/// @throws precondition_error `[pluralism.commensurate.size]` for no models or a function of another size; as
///   the functions themselves for values outside their domain; `[pluralism.pareto.nan]` for NaN scores.
template <matrix_like M, class Functions>
  requires commensurating_function<typename Functions::value_type>
std::vector<std::size_t> select_models(const M& models, const Functions& functions) {
  const auto m = as_matrix(models);
  PLURALISM_EXPECTS(m.rows > 0, "pluralism.commensurate.size", "select_models: no models");
  bool all_monotone = true;
  for (const auto& f : functions) {
    PLURALISM_EXPECTS(f.size() == 0 || f.size() == m.cols, "pluralism.commensurate.size",
                      "select_models: a function expects " + std::to_string(f.size()) + " objectives, the models have " +
                          std::to_string(m.cols));
    all_monotone = all_monotone && f.properties().monotone;
  }
  // Candidates: the front (maximising every column) first, then, unless all are monotone, everyone else.
  const senses maxi(m.cols, sense::maximize);
  const auto front_mask = nondominated_mask(m, {.objectives = maxi});
  std::vector<std::size_t> cand;
  for (std::size_t i = 0; i < m.rows; ++i)
    if (front_mask[i]) cand.push_back(i);
  if (!all_monotone)
    for (std::size_t i = 0; i < m.rows; ++i)
      if (!front_mask[i]) cand.push_back(i);
  std::vector<double> rows(cand.size() * m.cols);
  for (std::size_t k = 0; k < cand.size(); ++k)
    for (std::size_t j = 0; j < m.cols; ++j) rows[k * m.cols + j] = static_cast<double>(m(cand[k], j));
  std::vector<std::size_t> out;
  for (const auto& f : functions) {
    std::size_t best = cand[0];
    double bv = -std::numeric_limits<double>::infinity();
    bool first = true;
    for (std::size_t k = 0; k < cand.size(); ++k) {
      const double v = static_cast<double>(f(std::span<const double>(rows.data() + k * m.cols, m.cols)));
      // Strictly better wins; on a tie a front row beats a dominated one, then the lower index.
      const bool better = first || v > bv ||
                          (v == bv && front_mask[cand[k]] == front_mask[best] && cand[k] < best) ||
                          (v == bv && front_mask[cand[k]] && !front_mask[best]);
      if (better) best = cand[k], bv = v, first = false;
    }
    out.push_back(best);
  }
  return out;
}

/// Batched selection for weighted sums, the hot path of steerability sweeps (K functions x N models is a
/// (N x m)(m x K) product followed by a column argmax): for each row of `weights` (K x m), the model maximising
/// sum_j w_j y_j (lowest index on ties). No prefilter: a blocked kernel over all models.
/// @throws precondition_error `[pluralism.commensurate.size]` when the column counts differ or no models,
///   `[pluralism.commensurate.value]` for non-finite values.
template <matrix_like M, matrix_like W>
std::vector<std::size_t> best_by_weighted_sums(const M& models, const W& weights) {
  const auto y = as_matrix(models);
  const auto w = as_matrix(weights);
  PLURALISM_EXPECTS(y.cols == w.cols && y.rows > 0, "pluralism.commensurate.size",
                    "best_by_weighted_sums: models have " + std::to_string(y.cols) + " columns and weights " +
                        std::to_string(w.cols) + " (and there must be at least one model)");
  const std::size_t n = y.rows, m = y.cols, kf = w.rows;
  constexpr std::size_t block = 512;
  // Objective-major copy of the models so the inner loop runs over contiguous models.
  std::vector<double> yt(m * n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < m; ++j) {
      const double v = static_cast<double>(y(i, j));
      PLURALISM_EXPECTS(std::isfinite(v), "pluralism.commensurate.value",
                        "best_by_weighted_sums: model " + std::to_string(i) + ", objective " + std::to_string(j) +
                            " is " + std::to_string(v));
      yt[j * n + i] = v;
    }
  std::vector<double> wv(kf * m);
  for (std::size_t k = 0; k < kf; ++k)
    for (std::size_t j = 0; j < m; ++j) {
      wv[k * m + j] = static_cast<double>(w(k, j));
      PLURALISM_EXPECTS(std::isfinite(wv[k * m + j]), "pluralism.commensurate.value",
                        "best_by_weighted_sums: weight (" + std::to_string(k) + ", " + std::to_string(j) + ") is " +
                            std::to_string(wv[k * m + j]));
    }
  std::vector<double> best_v(kf, -std::numeric_limits<double>::infinity());
  std::vector<std::size_t> best_i(kf, 0);
  alignas(64) double acc[block];
  for (std::size_t b0 = 0; b0 < n; b0 += block) {
    const std::size_t bn = std::min(block, n - b0);
    for (std::size_t k = 0; k < kf; ++k) {
      const double* wk = wv.data() + k * m;
      for (std::size_t t = 0; t < bn; ++t) acc[t] = 0.0;
      for (std::size_t j = 0; j < m; ++j) {
        const double c = wk[j];
        const double* col = yt.data() + j * n + b0;
        for (std::size_t t = 0; t < bn; ++t) acc[t] += c * col[t];
      }
      double bv = best_v[k];
      std::size_t bi = best_i[k];
      for (std::size_t t = 0; t < bn; ++t)
        if (acc[t] > bv) bv = acc[t], bi = b0 + t;
      best_v[k] = bv;
      best_i[k] = bi;
    }
  }
  return best_i;
}

}  // namespace pluralism
