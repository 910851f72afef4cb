// SPDX-License-Identifier: MIT
#pragma once

/// @file divergence/population.hpp
/// @brief Which population a model is aligned to: answer distributions of groups from individual annotations
/// with annotator weights, mixtures of groups, and post-stratification to target group shares.
///
/// Distributional pluralism compares a model with "a population" (Sorensen et al. 2024); a survey sample is
/// rarely that population. OpinionQA weights each respondent (`WEIGHT_W{wave}`); post-stratification instead
/// fixes each group's share to a target (a census, or the population a benchmark author chooses): the
/// population distribution is sum_g share_g x (weighted answer distribution of group g).
/// @code
/// // answers[i] in 0..4, groups[i] in 0..2, survey weights w[i]
/// auto by_group = pl::group_distributions(answers, groups, w, {.options = 5, .groups = 3});
/// auto us = pl::post_stratify(answers, groups, w, std::vector{0.3, 0.3, 0.4}, 5);   // mixture with shares
/// double js = pl::js_distance(model, us, {.base = 2});
/// @endcode

#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "../concepts/sequence.hpp"
#include "../contract.hpp"
#include "../error.hpp"
#include "../matrix_view.hpp"
#include "pair.hpp"

namespace pluralism {

/// Sizes of a grouped answer table.
struct group_shape {
  std::size_t options = 0;  ///< answer options 0..options-1
  std::size_t groups = 0;   ///< groups 0..groups-1
};

/// Weighted answer distributions per group, row-major groups x options, each row summing to 1 (or all zero for
/// a group with no weight), and each group's total weight.
struct grouped_distributions {
  std::size_t groups = 0;
  std::size_t options = 0;
  std::vector<double> values;  ///< groups x options, row-major
  std::vector<double> mass;    ///< total annotator weight of each group
  /// Group g's distribution.
  [[nodiscard]] std::span<const double> row(std::size_t g) const { return {values.data() + g * options, options}; }
  /// The table as a matrix (for `divergence_rows` or `mixture`).
  [[nodiscard]] matrix_view<const double> matrix() const {
    return {values.data(), groups, options, static_cast<std::ptrdiff_t>(options), 1};
  }
};

namespace detail {
inline std::size_t checked_index(double v, std::size_t bound, const char* fn, const char* arg, std::size_t i) {
  PLURALISM_EXPECTS(v >= 0.0 && v < static_cast<double>(bound) && v == std::floor(v), "pluralism.divergence.index",
                    std::string(fn) + ": " + arg + "[" + std::to_string(i) + "] = " + to_text(v) +
                        " is not an index in [0, " + std::to_string(bound) + ")");
  return static_cast<std::size_t>(v);
}
inline double checked_weight(double w, const char* fn, const char* arg, std::size_t i) {
  if (!(w >= 0.0) || !std::isfinite(w))
    PLURALISM_THROW(data_error, "pluralism.divergence.weight",
                    std::string(fn) + ": " + arg + "[" + std::to_string(i) + "] = " + to_text(w) +
                        " is not a finite weight >= 0");
  return w;
}
}  // namespace detail

/// Per-group answer distributions: group g's row is sum of weights of its annotations per option, divided by
/// the group's total weight. Each annotation i is (answers[i], groups[i], weights[i]).
/// @throws precondition_error `[pluralism.divergence.size]` when the three sequences differ in length,
///         `[pluralism.divergence.index]` for an answer or group outside its range.
/// @throws data_error `[pluralism.divergence.weight]` for a negative, NaN or infinite weight.
template <arithmetic_sequence A, arithmetic_sequence G, arithmetic_sequence W>
grouped_distributions group_distributions(A&& answers, G&& groups, W&& weights, group_shape shape) {
  const char* fn = "group_distributions";
  const auto a = detail::collect_all(answers);
  const auto g = detail::collect_all(groups);
  const auto w = detail::collect_all(weights);
  PLURALISM_EXPECTS(a.size() == g.size() && a.size() == w.size(), "pluralism.divergence.size",
                    std::string(fn) + ": " + std::to_string(a.size()) + " answers, " + std::to_string(g.size()) +
                        " groups and " + std::to_string(w.size()) + " weights");
  grouped_distributions out{shape.groups, shape.options, std::vector<double>(shape.groups * shape.options, 0.0),
                            std::vector<double>(shape.groups, 0.0)};
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto opt = detail::checked_index(a[i], shape.options, fn, "answers", i);
    const auto grp = detail::checked_index(g[i], shape.groups, fn, "groups", i);
    const double wi = detail::checked_weight(w[i], fn, "weights", i);
    out.values[grp * shape.options + opt] += wi;
    out.mass[grp] += wi;
  }
  for (std::size_t k = 0; k < shape.groups; ++k)
    if (out.mass[k] > 0.0)
      for (std::size_t j = 0; j < shape.options; ++j) out.values[k * shape.options + j] /= out.mass[k];
  return out;
}

/// One weighted answer distribution: sum of weights per option / total weight.
/// @throws as `group_distributions`; data_error `[pluralism.divergence.zero_mass]` when the total weight is 0.
template <arithmetic_sequence A, arithmetic_sequence W>
std::vector<double> answer_distribution(A&& answers, W&& weights, std::size_t options) {
  const auto a = detail::collect_all(answers);
  const std::vector<double> zeros(a.size(), 0.0);
  auto t = group_distributions(a, zeros, weights, {options, 1});
  if (!(t.mass[0] > 0.0))
    PLURALISM_THROW(data_error, "pluralism.divergence.zero_mass", "answer_distribution: the total weight is 0");
  return t.values;
}

/// A mixture of group distributions: sum_g shares[g] x row g / sum shares (shares are normalised).
/// @throws precondition_error `[pluralism.divergence.size]` when shares has another length than the rows.
/// @throws data_error `[pluralism.divergence.weight]` for a negative or non-finite share,
///         `[pluralism.divergence.zero_mass]` when every share is 0.
template <matrix_like M, arithmetic_sequence S>
std::vector<double> mixture(const M& distributions, S&& shares) {
  const char* fn = "mixture";
  const auto d = as_matrix(distributions);
  const auto s = detail::collect_all(shares);
  PLURALISM_EXPECTS(s.size() == d.rows, "pluralism.divergence.size",
                    std::string(fn) + ": " + std::to_string(s.size()) + " shares for " + std::to_string(d.rows) +
                        " distributions");
  double total = 0.0;
  for (std::size_t g = 0; g < s.size(); ++g) total += detail::checked_weight(s[g], fn, "shares", g);
  if (!(total > 0.0)) PLURALISM_THROW(data_error, "pluralism.divergence.zero_mass", std::string(fn) + ": every share is 0");
  std::vector<double> out(d.cols, 0.0);
  for (std::size_t g = 0; g < d.rows; ++g) {
    const double wg = s[g] / total;
    if (wg == 0.0) continue;
    for (std::size_t j = 0; j < d.cols; ++j) out[j] += wg * static_cast<double>(d(g, j));
  }
  return out;
}

/// Post-stratification: the population answer distribution when group g makes up `target_shares[g]` of the
/// population (normalised), each group's distribution weighted by its annotators' weights. Equivalent to
/// reweighting annotation i by weights[i] x share[g] / mass[g] and taking one weighted distribution.
/// @throws data_error `[pluralism.divergence.empty_group]` when a group with a positive target share has no
///         annotations (or zero total weight), and the errors of `group_distributions` and `mixture`.
template <arithmetic_sequence A, arithmetic_sequence G, arithmetic_sequence W, arithmetic_sequence S>
std::vector<double> post_stratify(A&& answers, G&& groups, W&& weights, S&& target_shares, std::size_t options) {
  const auto s = detail::collect_all(target_shares);
  const auto t = group_distributions(answers, groups, weights, {options, s.size()});
  for (std::size_t g = 0; g < s.size(); ++g)
    if (s[g] > 0.0 && !(t.mass[g] > 0.0))
      PLURALISM_THROW(data_error, "pluralism.divergence.empty_group",
                      "post_stratify: group " + std::to_string(g) + " has target share " + detail::to_text(s[g]) +
                          " but no annotation weight");
  return mixture(t.matrix(), s);
}

}  // namespace pluralism
