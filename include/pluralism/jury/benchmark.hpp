// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/benchmark.hpp
/// @brief Jury-pluralistic benchmarks (Sorensen et al., "A Roadmap to Pluralistic Alignment", ICML 2024,
/// section 4.3): score a model's outputs by the verdicts of a jury of rater models, so a benchmark says
/// which population it aligns to, and compare two models before the same juries.
///
/// The panel is an `annotations` whose annotators are the raters (with their attributes) and whose items are
/// the prompts; a rater model is a `juror_model` whose `predict(prompt, rater)` is that rater's score of the
/// model's output for the prompt (for example a reward model conditioned on the rater's profile, or real
/// ratings through `models::observed`). Comparisons use common random numbers: prompt i is judged by the
/// same J juries for both models (streams (seed, i, j)), so a difference comes from the outputs alone.
/// @code
/// auto liberal_panel = pl::composition{pl::sheet{pl::attr("politics") == "liberal", 12}};
/// auto score = pl::score_outputs(liberal_panel, ratings_of_model_a, panel, {.threshold = 3.0});
/// auto duel  = pl::compare_outputs(liberal_panel, ratings_of_model_a, ratings_of_model_b, panel, {.threshold = 3.0});
/// // duel.wins_a, duel.mean_difference +- duel.difference_interval
/// @endcode

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../aggregate/interval.hpp"
#include "convene.hpp"

namespace pluralism {

/// A model's outputs judged by one jury composition.
struct jury_score {
  std::string composition;        ///< who judged
  std::vector<verdict> verdicts;  ///< one per prompt, in prompt order
  std::size_t judged = 0;         ///< prompts whose juries could be filled
  double mean_verdict = 0;        ///< mean of the final verdicts over judged prompts
  std::size_t accepted = 0;       ///< judged prompts whose verdict is at or above the threshold
  interval acceptance_interval{}; ///< Wilson interval of accepted / judged
  [[nodiscard]] double acceptance() const noexcept {
    return judged == 0 ? 0.0 : static_cast<double>(accepted) / static_cast<double>(judged);
  }
};

/// Two models' outputs judged by the same juries, prompt by prompt.
struct jury_comparison {
  jury_score a, b;
  std::vector<double> differences;  ///< a's verdict - b's verdict, per prompt judged for both (NaN otherwise)
  std::size_t paired = 0;           ///< prompts judged for both
  std::size_t wins_a = 0, wins_b = 0, ties = 0;
  double mean_difference = 0;
  /// Normal-approximation interval of the mean difference at `confidence` (mean +- z s / sqrt(n), s the
  /// sample standard deviation of the paired differences); the mean itself when n < 2.
  interval difference_interval{};
};

namespace detail {
inline jury_score summarize_score(std::vector<verdict> verdicts, const std::string& text, double confidence) {
  jury_score s{text, std::move(verdicts), 0, 0, 0, {}};
  double sum = 0;
  for (const auto& v : s.verdicts) {
    if (!v.ok) continue;
    ++s.judged;
    sum += v.value;
    s.accepted += v.outcome() ? 1u : 0u;
  }
  if (s.judged > 0) {
    s.mean_verdict = sum / static_cast<double>(s.judged);
    s.acceptance_interval = wilson_interval(s.accepted, s.judged, confidence);
  }
  return s;
}
}  // namespace detail

/// Judges every prompt of `panel` (or `prompts`) with `options.juries` juries of composition `jury`, the
/// raters' scores coming from `ratings`, and summarizes: mean verdict, and share of prompts at or above the
/// threshold with its Wilson interval. Prompts that cannot be judged are kept with `ok = false` and left
/// out of the summary. Throws as `convene_items`.
template <juror_model M>
jury_score score_outputs(const composition& jury, const M& ratings, const annotations& panel, const jury_options& options = {},
                         std::optional<std::vector<std::size_t>> prompts = {}) {
  return detail::summarize_score(convene_items(jury, ratings, panel, options, std::move(prompts)), jury.to_string(),
                                 options.confidence);
}

/// Judges model a's and model b's outputs with the same juries (common random numbers) and compares them
/// prompt by prompt: wins, ties, the mean difference of verdicts and its interval. Throws as `convene_items`.
template <juror_model MA, juror_model MB>
jury_comparison compare_outputs(const composition& jury, const MA& ratings_a, const MB& ratings_b, const annotations& panel,
                                const jury_options& options = {}, std::optional<std::vector<std::size_t>> prompts = {}) {
  jury_comparison c{score_outputs(jury, ratings_a, panel, options, prompts),
                    score_outputs(jury, ratings_b, panel, options, prompts), {}, 0, 0, 0, 0, 0, {}};
  double sum = 0, sum_sq = 0;
  for (std::size_t k = 0; k < c.a.verdicts.size(); ++k) {
    const verdict &x = c.a.verdicts[k], &y = c.b.verdicts[k];
    if (!x.ok || !y.ok) {
      c.differences.push_back(std::nan(""));
      continue;
    }
    const double d = x.value - y.value;
    c.differences.push_back(d);
    ++c.paired;
    (d > 0 ? c.wins_a : d < 0 ? c.wins_b : c.ties) += 1;
    sum += d;
  }
  if (c.paired == 0) return c;
  const double n = static_cast<double>(c.paired);
  c.mean_difference = sum / n;
  for (double d : c.differences)
    if (!std::isnan(d)) sum_sq += (d - c.mean_difference) * (d - c.mean_difference);
  const double half = c.paired < 2 ? 0.0
                                   : normal_quantile(0.5 + 0.5 * options.confidence) * std::sqrt(sum_sq / (n - 1)) / std::sqrt(n);
  c.difference_interval = {c.mean_difference - half, c.mean_difference + half};
  return c;
}

}  // namespace pluralism
