// SPDX-License-Identifier: MIT
#pragma once

/// @file divergence/pair.hpp
/// @brief Divergences between two answer distributions: a model's and a population's.
///
/// Inputs are any two `arithmetic_sequence`s of equal length (std containers, spans, Eigen vectors, xtensor
/// 1-D), or two keyed distributions (`std::map<std::string, double>`, `std::unordered_map`, a vector of
/// pairs) aligned over the union of their labels, a label missing on one side counting as 0.
/// Everything is computed in double. Inputs are used as stored unless `normalize` says otherwise.
///
/// Relation to scipy (`pluralism-metrics.md` section 11):
///   - `js_distance(p, q, {.normalize = normalization::renormalize})` is `scipy.spatial.distance.jensenshannon(p, q)`
///     (scipy always renormalises and returns the square root of the divergence, natural log by default);
///     `{.base = 2}` is `jensenshannon(p, q, 2.0)`. Unlike scipy, near-identical inputs give 0, not NaN
///     (gh-20083: the divergence is clamped at 0 before the square root), and a subnormal entry gives a finite
///     value, not inf (gh-19436).
///   - `kl_divergence(p, q, {.normalize = renormalize})` is `scipy.stats.entropy(p, q)`; as stored it is
///     `scipy.special.rel_entr(p, q).sum()`.
///   - `wasserstein1(p, q, {.positions = x, .normalize = renormalize})` is
///     `scipy.stats.wasserstein_distance(x, x, p, q)`.
///   - `similarity` is GlobalOpinionQA's 1 - JS distance; its base is yours to choose: base 2 keeps it in
///     [0, 1], scipy's default e in [1 - sqrt(ln 2), 1] (community code uses e; jfisher52 uses 2).
///
/// Signs and rounding. Jensen-Shannon is >= 0 for any non-negative inputs (each option's term is), so a
/// rounding-negative sum is clamped to 0. KL and Renyi are not clamped: they are >= 0 only when both inputs have
/// the same total, so on rows that sum to 1 only up to rounding the exact value itself can be a few 1e-16 below 0
/// (scipy's can be too); it is returned as computed. Take max(0, d) before a square root or a logarithm. Hellinger is computed as ||sqrt p - sqrt q||_2 / sqrt 2, which
/// is sqrt(1 - sum sqrt(p q)) for normalised inputs but is 0 for identical rows and never the root of a
/// rounding-negative number; for unnormalised inputs used as stored the two forms differ, and this is the one
/// returned.

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../aggregate/common.hpp"
#include "../concepts/sequence.hpp"
#include "../contract.hpp"
#include "kernels.hpp"
#include "options.hpp"

namespace pluralism {

/// A distribution keyed by answer label: a range of pair-like elements `(label, value)` whose value is a
/// number and whose labels are totally ordered by `<` (`std::map<std::string, double>`, `std::unordered_map`,
/// `std::vector<std::pair<std::string, double>>`). Semantic requirement: each label appears once.
template <class R>
concept keyed_distribution =
    requires(R& r) {
      detail::sequence_begin(r);
      detail::sequence_end(r);
    } &&
    requires(decltype(detail::sequence_begin(std::declval<R&>())) it) {
      (*it).first;
      (*it).second;
      { (*it).first < (*it).first } -> std::convertible_to<bool>;
    } && std::is_arithmetic_v<std::remove_cvref_t<decltype((*detail::sequence_begin(std::declval<R&>())).second)>>;

/// What every divergence accepts: a sequence of numbers or a keyed distribution.
template <class R>
concept distribution_input = arithmetic_sequence<R> || keyed_distribution<R>;

/// Two keyed distributions aligned over the union of their labels (sorted), missing labels as 0.
template <class Key>
struct aligned_distributions {
  std::vector<Key> labels;
  std::vector<double> p;
  std::vector<double> q;
};

namespace detail {


template <class R>
using keyed_label_t = std::remove_cvref_t<decltype((*sequence_begin(std::declval<R&>())).first)>;

/// The (label, value) pairs sorted by label. @throws precondition_error on a repeated label.
template <class R>
std::vector<std::pair<keyed_label_t<R>, double>> read_keyed(R& r, const char* fn, const char* arg) {
  using value_type = std::remove_cvref_t<decltype((*sequence_begin(r)).second)>;
  std::vector<std::pair<keyed_label_t<R>, double>> out;
  for (auto it = sequence_begin(r), last = sequence_end(r); it != last; ++it)
    out.emplace_back((*it).first, static_cast<double>(static_cast<value_type>((*it).second)));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 1; i < out.size(); ++i)
    PLURALISM_EXPECTS(out[i - 1].first < out[i].first, "pluralism.divergence.duplicate_label",
                      std::string(fn) + ": " + arg + " lists one label twice (entries " + std::to_string(i - 1) +
                          " and " + std::to_string(i) + " after sorting by label)");
  return out;
}

}  // namespace detail

/// Aligns two keyed distributions over the union of their labels (sorted by `<`); a label missing on one side
/// gets 0 there. O((n + m) log(n + m)).
/// @throws precondition_error `[pluralism.divergence.duplicate_label]` when a label appears twice on one side.
template <keyed_distribution P, keyed_distribution Q>
auto align(P&& p, Q&& q, const char* fn = "align") {
  auto a = detail::read_keyed(p, fn, "p");
  auto b = detail::read_keyed(q, fn, "q");
  using key = detail::keyed_label_t<P>;
  aligned_distributions<key> out;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
      out.labels.push_back(a[i].first);
      out.p.push_back(a[i++].second);
      out.q.push_back(0.0);
    } else if (i == a.size() || b[j].first < a[i].first) {
      out.labels.push_back(key(b[j].first));
      out.p.push_back(0.0);
      out.q.push_back(b[j++].second);
    } else {
      out.labels.push_back(a[i].first);
      out.p.push_back(a[i++].second);
      out.q.push_back(b[j++].second);
    }
  }
  return out;
}

namespace detail {
template <class P, class Q>
std::pair<std::vector<double>, std::vector<double>> read_pair(P& p, Q& q, const char* fn) {
  if constexpr (keyed_distribution<P> && keyed_distribution<Q>) {
    auto al = align(p, q, fn);
    return {std::move(al.p), std::move(al.q)};
  } else {
    static_assert(arithmetic_sequence<P> && arithmetic_sequence<Q>,
                  "pass two sequences of numbers or two keyed distributions, not one of each");
    auto a = detail::collect_all(p);
    auto b = detail::collect_all(q);
    PLURALISM_EXPECTS(a.size() == b.size(), "pluralism.divergence.size",
                      std::string(fn) + ": p has " + std::to_string(a.size()) + " options but q has " +
                          std::to_string(b.size()));
    return {std::move(a), std::move(b)};
  }
}
}  // namespace detail

/// The divergence `metric` between p and q (see `divergence_metric` for each formula, `divergence_options` for
/// the base, normalisation, zero and invalid-entry policies).
/// Preconditions: p and q have the same, non-zero number of options (sequences), options are valid.
/// @throws precondition_error `[pluralism.divergence.size]`, `.empty`, `.base`, `.order`, `.smoothing`,
///         `.positions`, `.duplicate_label`.
/// @throws data_error `[pluralism.divergence.nan]`, `.negative`, `.not_finite` (invalid entries, unless
///         `invalid_policy::nan`), `.zero_mass` (all-zero vector under `renormalize`), `.not_normalized`
///         (`require`), `.zero_support` (`zero_policy::error`), `.zero_range` (representativeness on equal
///         positions).
template <distribution_input P, distribution_input Q>
double divergence(divergence_metric metric, P&& p, Q&& q, const divergence_options& options = {}) {
  const char* fn = "divergence";
  // Named references, not a structured binding: Clang before 16 cannot capture bindings in the lambda below.
  auto ab = detail::read_pair(p, q, fn);
  std::vector<double>& a = ab.first;
  std::vector<double>& b = ab.second;
  PLURALISM_EXPECTS(!a.empty(), "pluralism.divergence.empty", std::string(fn) + ": p and q have no options");
  detail::check_options(metric, options, fn);
  const double divisor = detail::log_divisor(options.base, fn);
  const bool ordinal = metric == divergence_metric::wasserstein1 || metric == divergence_metric::representativeness;
  const auto scale = ordinal ? detail::make_ordinal_scale(options.positions, a.size(), fn) : detail::ordinal_scale{};
  return detail::with_metric(metric, [&]<divergence_metric M>() {
    return detail::evaluate_in_place<M>(a.data(), b.data(), a.size(), options, divisor, scale, {fn});
  });
}

/// Kullback-Leibler divergence D(p || q) = sum p log(p / q) / log(base). +inf where q = 0 < p unless
/// `zeros` is `error` (throws) or `smooth` (additive smoothing of both). Not symmetric. See `divergence`.
template <distribution_input P, distribution_input Q>
double kl_divergence(P&& p, Q&& q, const divergence_options& options = {}) {
  return divergence(divergence_metric::kl, p, q, options);
}
/// Jensen-Shannon divergence (D(p || m) + D(q || m)) / 2 with m = (p + q) / 2, in [0, log_base 2] for
/// normalised inputs; clamped at 0 against rounding. See `divergence`.
template <distribution_input P, distribution_input Q>
double js_divergence(P&& p, Q&& q, const divergence_options& options = {}) {
  return divergence(divergence_metric::js_divergence, p, q, options);
}
/// Jensen-Shannon distance sqrt(js_divergence): what scipy's `jensenshannon` returns (which also always
/// renormalises: pass `.normalize = normalization::renormalize` to match it). A metric; in [0, 1] with
/// `.base = 2`, [0, sqrt(ln 2)] with base e. See `divergence`.
template <distribution_input P, distribution_input Q>
double js_distance(P&& p, Q&& q, const divergence_options& options = {}) {
  return divergence(divergence_metric::js_distance, p, q, options);
}
/// Total variation 0.5 sum |p - q| = max over answer sets A of |p(A) - q(A)| (normalised inputs); on the stored
/// vectors by default, as Meister et al. (2024) score model rows that do not sum to 1. See `divergence`.
template <distribution_input P, distribution_input Q>
double total_variation(P&& p, Q&& q, const divergence_options& options = {}) {
  return divergence(divergence_metric::total_variation, p, q, options);
}
/// Hellinger distance ||sqrt p - sqrt q||_2 / sqrt 2 = sqrt(1 - sum sqrt(p q)) for normalised inputs, in [0, 1].
template <distribution_input P, distribution_input Q>
double hellinger_distance(P&& p, Q&& q, const divergence_options& options = {}) {
  return divergence(divergence_metric::hellinger, p, q, options);
}
/// Pearson chi-square divergence sum (p - q)^2 / q; terms with p = q = 0 are 0; q = 0 < p follows `zeros`.
template <distribution_input P, distribution_input Q>
double chi_square_divergence(P&& p, Q&& q, const divergence_options& options = {}) {
  return divergence(divergence_metric::chi_square, p, q, options);
}
/// Renyi divergence of order a = `options.order`: log(sum_{p>0} p^a q^(1-a)) / (a - 1) / log(base); a = 1 is
/// KL, a = 0 is -log q(supp p), a = +inf is log max p / q; q = 0 < p is infinite for a >= 1 (`zeros` applies).
template <distribution_input P, distribution_input Q>
double renyi_divergence(P&& p, Q&& q, const divergence_options& options = {}) {
  return divergence(divergence_metric::renyi, p, q, options);
}
/// 1-Wasserstein distance on an ordinal scale: the integral of |F_p - F_q| over `options.positions`
/// (0, 1, ..., K-1 when empty; unsorted and repeated positions allowed). As stored by default: pass
/// `.normalize = renormalize` for scipy's `wasserstein_distance(x, x, p, q)` on unnormalised inputs.
template <distribution_input P, distribution_input Q>
double wasserstein1(P&& p, Q&& q, const divergence_options& options = {}) {
  return divergence(divergence_metric::wasserstein1, p, q, options);
}
/// OpinionQA representativeness 1 - W1(p, q) / W1max: W1max = max - min position by default (the code of
/// Santurkar et al. 2023), or K - 1 with `.scale = representativeness_scale::option_count` (the paper's
/// formula). Equal positions make W1max 0: `[pluralism.divergence.zero_range]`, or NaN under `invalid_policy::nan`.
template <distribution_input P, distribution_input Q>
double representativeness(P&& p, Q&& q, const divergence_options& options = {}) {
  return divergence(divergence_metric::representativeness, p, q, options);
}
/// GlobalOpinionQA similarity 1 - JS distance (Durmus et al. 2023). Choose the base: 2 keeps it in [0, 1].
template <distribution_input P, distribution_input Q>
double similarity(P&& p, Q&& q, const divergence_options& options = {}) {
  return divergence(divergence_metric::similarity, p, q, options);
}

/// Shannon entropy -sum p log p / log(base) (scipy `entropy(p)`; pass `.normalize = renormalize` to match its
/// normalisation). Same validation as `divergence`.
template <arithmetic_sequence P>
double shannon_entropy(P&& p, const divergence_options& options = {}) {
  const char* fn = "shannon_entropy";
  auto a = detail::collect_all(p);
  PLURALISM_EXPECTS(!a.empty(), "pluralism.divergence.empty", std::string(fn) + ": p has no options");
  const double divisor = detail::log_divisor(options.base, fn);
  if (!detail::check_entries(a.data(), a.size(), options.invalid, {fn}, "p")) return detail::quiet_nan;
  if (!detail::apply_normalization(a.data(), a.size(), options, {fn}, "p")) return detail::quiet_nan;
  double s = 0.0;
  for (double x : a)
    if (x > 0.0) s -= x * std::log(x);
  return s / divisor;
}

}  // namespace pluralism
