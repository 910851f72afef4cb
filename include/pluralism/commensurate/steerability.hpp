// SPDX-License-Identifier: MIT
#pragma once

/// @file commensurate/steerability.hpp
/// @brief Trade-off steerable benchmarks (Sorensen et al. 2024, "A Roadmap to Pluralistic Alignment",
/// section 4.2): does the model steered to each commensurating function maximise that function, with what
/// regret; and which model each function selects from a set (after a Pareto prefilter).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "../contract.hpp"
#include "../matrix_view.hpp"
#include "../pareto/filter.hpp"
#include "concept.hpp"
#include "detail/weighted_sum_kernel.hpp"

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

namespace detail::commensurate {
/// `best_by_weighted_sums` with a chosen lane implementation (tests run both).
template <class Lanes, matrix_like M, matrix_like W>
std::vector<std::size_t> best_by_weighted_sums_with(const M& models, const W& weights) {
  const auto y = as_matrix(models);
  const auto w = as_matrix(weights);
  PLURALISM_EXPECTS(y.cols == w.cols && y.rows > 0, "pluralism.commensurate.size",
                    "best_by_weighted_sums: models have " + std::to_string(y.cols) + " columns and weights " +
                        std::to_string(w.cols) + " (and there must be at least one model)");
  const std::size_t n = y.rows, m = y.cols, kf = w.rows;
  if (m == 0) return std::vector<std::size_t>(kf, 0);  // every score is the empty sum 0: all tie
  // Weights: each function's m weights, each repeated in every lane (wv[(k * m + j) * lanes + l]), so the
  // kernel reads whole vectors and never broadcasts; padding functions up to a whole group are all zero.
  constexpr std::size_t F = group_functions, lanes = Lanes::lanes;
  const std::size_t groups = (kf + F - 1) / F;
  std::vector<double> wv(groups * F * m * lanes, 0.0);
  for (std::size_t k = 0; k < kf; ++k)
    for (std::size_t j = 0; j < m; ++j) {
      const double v = static_cast<double>(w(k, j));
      PLURALISM_EXPECTS(std::isfinite(v), "pluralism.commensurate.value",
                        "best_by_weighted_sums: weight (" + std::to_string(k) + ", " + std::to_string(j) + ") is " +
                            std::to_string(v));
      for (std::size_t l = 0; l < lanes; ++l) wv[(k * m + j) * lanes + l] = v;
    }
  // Running best per function and lane: -inf and index 0, so the result is exactly that of the sequential
  // loop "best = -inf, at = 0; for each model i: if (s_i > best) best = s_i, at = i" (NaN scores, possible
  // only through overflow, never win).
  std::vector<double> best(groups * F * lanes, -std::numeric_limits<double>::infinity());
  std::vector<std::int64_t> at(groups * F * lanes, 0);
  // Model blocks of ~16 KiB, packed objective-major in groups of `lanes` models (q[(t * m + j) * lanes + l]
  // is objective j of model t * lanes + l; lanes past the last model are NaN, whose scores never win), stay
  // in L1 while every function group passes over them.
  const std::size_t step = lanes * tile_vectors;
  const std::size_t block = std::max(step, 16384 / (m * sizeof(double)) / step * step);
  std::vector<double> q(block * m);
  for (std::size_t b0 = 0; b0 < n; b0 += block) {
    const std::size_t bn = std::min(block, n - b0), nvec = (bn + lanes - 1) / lanes;
    for (std::size_t i = 0; i < nvec * lanes; ++i)
      for (std::size_t j = 0; j < m; ++j) {
        double v = std::numeric_limits<double>::quiet_NaN();
        if (i < bn) {
          v = static_cast<double>(y(b0 + i, j));
          PLURALISM_EXPECTS(std::isfinite(v), "pluralism.commensurate.value",
                            "best_by_weighted_sums: model " + std::to_string(b0 + i) + ", objective " +
                                std::to_string(j) + " is " + std::to_string(v));
        }
        q[((i / lanes) * m + j) * lanes + i % lanes] = v;
      }
    scan_all_groups<Lanes>(q.data(), nvec, m, static_cast<std::int64_t>(b0), wv.data(), groups, best.data(),
                           at.data());
  }
  // Lanes to one answer per function: the largest value, the lowest index among equal ones.
  std::vector<std::size_t> out(kf);
  for (std::size_t k = 0; k < kf; ++k) {
    double bv = best[k * lanes];
    std::int64_t bi = at[k * lanes];
    for (std::size_t l = 1; l < lanes; ++l) {
      const double v = best[k * lanes + l];
      const std::int64_t i = at[k * lanes + l];
      if (v > bv || (v == bv && i < bi)) bv = v, bi = i;
    }
    out[k] = static_cast<std::size_t>(bi);
  }
  return out;
}
}  // namespace detail::commensurate

/// Batched selection for weighted sums, the hot path of steerability sweeps (K functions x N models is a
/// (K x m)(m x N) product followed by a row argmax): for each row of `weights` (K x m), the model maximising
/// sum_j w_j y_j (lowest index on ties). No prefilter: a register-blocked kernel over all models
/// (commensurate/detail/weighted_sum_kernel.hpp), computing each sum exactly as `weighted_sum` does
/// (`mul_add` over j = 0..m-1), so the two always agree. A score that overflows to NaN never wins; when no
/// score exceeds -inf the answer is model 0. Zero weight rows give an empty result.
/// @throws precondition_error `[pluralism.commensurate.size]` when the column counts differ or no models,
///   `[pluralism.commensurate.value]` for non-finite values (naming the model or weight and objective).
template <matrix_like M, matrix_like W>
std::vector<std::size_t> best_by_weighted_sums(const M& models, const W& weights) {
  return detail::commensurate::best_by_weighted_sums_with<detail::commensurate::default_lanes>(models,
                                                                                               weights);
}

}  // namespace pluralism
