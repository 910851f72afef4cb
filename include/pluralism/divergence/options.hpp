// SPDX-License-Identifier: MIT
#pragma once

/// @file divergence/options.hpp
/// @brief The vocabulary of every divergence: which metric, the logarithm base, whether inputs are
/// normalised, what happens at zeros, NaN and negative entries. Every numeric edge is an explicit policy with
/// a documented default (DESIGN section 5).

#include <cstddef>
#include <numbers>
#include <span>
#include <string>
#include <string_view>

#include "../contract.hpp"
#include "../error.hpp"

namespace pluralism {

/// The metrics of distributional pluralism (Sorensen et al. 2024, section 3; notes `pluralism-metrics.md`).
enum class divergence_metric {
  kl,                  ///< Kullback-Leibler D(p || q) = sum p log(p / q) (scipy `entropy(p, q)` / `rel_entr`)
  js_divergence,       ///< Jensen-Shannon divergence (D(p || m) + D(q || m)) / 2, m = (p + q) / 2
  js_distance,         ///< its square root: scipy's `jensenshannon` returns this
  total_variation,     ///< 0.5 sum |p - q| (Meister et al. 2024 score the stored vectors this way)
  hellinger,           ///< ||sqrt p - sqrt q||_2 / sqrt 2 = sqrt(1 - sum sqrt(p q)) for distributions, in [0, 1]
  chi_square,          ///< Pearson chi-square sum (p - q)^2 / q
  renyi,               ///< Renyi divergence of order `divergence_options::order`
  wasserstein1,        ///< 1-Wasserstein distance on an ordinal scale with given positions
  representativeness,  ///< OpinionQA: 1 - W1 / (largest W1 on that scale) (Santurkar et al. 2023)
  similarity,          ///< GlobalOpinionQA: 1 - Jensen-Shannon distance (Durmus et al. 2023)
};

/// The metric's name as the CLI spells it (`kl`, `js-divergence`, `js-distance`, `tv`, `hellinger`, `chi2`,
/// `renyi`, `w1`, `representativeness`, `similarity`).
constexpr std::string_view name(divergence_metric m) noexcept {
  switch (m) {
    case divergence_metric::kl: return "kl";
    case divergence_metric::js_divergence: return "js-divergence";
    case divergence_metric::js_distance: return "js-distance";
    case divergence_metric::total_variation: return "tv";
    case divergence_metric::hellinger: return "hellinger";
    case divergence_metric::chi_square: return "chi2";
    case divergence_metric::renyi: return "renyi";
    case divergence_metric::wasserstein1: return "w1";
    case divergence_metric::representativeness: return "representativeness";
    case divergence_metric::similarity: return "similarity";
  }
  return "?";
}

/// Parses a metric name (as `name` spells it).
/// @throws unknown_name_error `[pluralism.divergence.unknown_metric]` naming the text.
inline divergence_metric parse_divergence_metric(std::string_view text) {
  for (auto m : {divergence_metric::kl, divergence_metric::js_divergence, divergence_metric::js_distance,
                 divergence_metric::total_variation, divergence_metric::hellinger, divergence_metric::chi_square,
                 divergence_metric::renyi, divergence_metric::wasserstein1, divergence_metric::representativeness,
                 divergence_metric::similarity})
    if (name(m) == text) return m;
  PLURALISM_THROW(unknown_name_error, "pluralism.divergence.unknown_metric",
                  "unknown divergence metric '" + std::string(text) +
                      "' (expected kl, js-divergence, js-distance, tv, hellinger, chi2, renyi, w1, representativeness "
                      "or similarity)");
}

/// Whether inputs are normalised before the metric is computed.
enum class normalization {
  as_stored,    ///< default: use the vectors as given (reproduces published scores on unnormalised rows)
  renormalize,  ///< divide each vector by its sum, as scipy's `jensenshannon`, `entropy` and `wasserstein_distance`
  require,      ///< check |sum - 1| <= tolerance and throw `[pluralism.divergence.not_normalized]` otherwise
};

/// What KL, chi-square and Renyi (order >= 1) do where q_k = 0 < p_k (the divergence is infinite there).
enum class zero_policy {
  infinite,  ///< default: return +inf, as scipy's `rel_entr`
  error,     ///< throw `data_error` `[pluralism.divergence.zero_support]` naming the option
  smooth,    ///< additive smoothing: x_k <- (x_k + smoothing) / (sum x + K smoothing) for both p and q
};

/// What a NaN, infinite or negative entry does.
enum class invalid_policy {
  error,  ///< default: throw `data_error` `[pluralism.divergence.nan]` / `.negative` / `.not_finite` naming it
  nan,    ///< the result (of that row) is NaN; as do zero-mass rows under `renormalize` and 0/0 scales
};

/// The largest W1 that OpinionQA's representativeness divides by.
enum class representativeness_scale {
  position_range,  ///< default: max(position) - min(position), as `opinions_qa/helpers.py get_max_wd`
  option_count,    ///< N - 1 for N options, the paper's formula (equal to the above only for positions 1..N)
};

/// Options shared by every divergence; designated initializers pick what differs from the defaults:
/// `pl::js_distance(p, q, {.base = 2})`.
struct divergence_options {
  /// Logarithm base of KL, JS and Renyi (e by default, as scipy). Base 2 bounds the JS distance by 1.
  double base = std::numbers::e;
  normalization normalize = normalization::as_stored;
  /// Tolerance of `normalization::require`.
  double tolerance = 1e-9;
  zero_policy zeros = zero_policy::infinite;
  /// Additive smoothing constant of `zero_policy::smooth` (must be > 0 then).
  double smoothing = 0.0;
  /// Order alpha >= 0 of the Renyi divergence (1 is KL, +inf the max-divergence).
  double order = 2.0;
  /// Ordinal positions of the options for W1 and representativeness; empty means 0, 1, ..., K-1. Need not be
  /// sorted (OpinionQA lists [1, 2, 1.5]), may repeat.
  std::span<const double> positions = {};
  representativeness_scale scale = representativeness_scale::position_range;
  invalid_policy invalid = invalid_policy::error;
  /// Worker threads of the batch functions (`divergence_rows`), 0 for the hardware's concurrency. Rows are
  /// shared out in contiguous chunks; results, and which bad row an error names, do not depend on it.
  unsigned threads = 1;
};

}  // namespace pluralism
