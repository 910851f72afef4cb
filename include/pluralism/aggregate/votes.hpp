// SPDX-License-Identifier: MIT
#pragma once

/// @file aggregate/votes.hpp
/// @brief Categorical votes: counts, shares and the plurality (majority-vote) label with an explicit tie policy.
///
/// Labels are codes 0, 1, ..., L-1 given as any arithmetic sequence (an int vector, or doubles holding whole
/// numbers, e.g. ratings 0..4). Map string labels to codes first (io/ does so for annotation tables).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "../concepts/sequence.hpp"
#include "../contract.hpp"
#include "../error.hpp"
#include "../random.hpp"
#include "common.hpp"

namespace pluralism {

/// How `plurality` breaks a tie for the most votes.
enum class tie_policy {
  lowest,  ///< default: the lowest tied label (crowd-kit's MajorityVote: first label in sorted order)
  all,     ///< every tied label, ascending
  random,  ///< one tied label uniformly at random from stream (seed, item, 0): reproducible
  error,   ///< throw `data_error` `[pluralism.aggregate.tie]` naming the tied labels
};

namespace detail {
/// Counts of labels 0..L-1; L = label_count, or max label + 1 when label_count is 0.
template <class R>
std::vector<std::size_t> count_labels(R& labels, std::size_t label_count, nan_policy nan, const char* fn) {
  const std::vector<double> x = collect_all(labels);
  std::vector<std::size_t> codes;
  codes.reserve(x.size());
  std::size_t top = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double v = x[i];
    if (std::isnan(v)) {
      if (nan == nan_policy::error) nan_error(fn, "labels", i);
      continue;
    }
    const double limit = label_count > 0 ? static_cast<double>(label_count) : 4294967296.0;
    PLURALISM_EXPECTS(v >= 0.0 && v < limit && v == std::floor(v), "pluralism.aggregate.label",
                      where(fn, "labels") + "[" + std::to_string(i) + "] = " + to_text(v) +
                          " is not a label code (a whole number in [0, " +
                          (label_count > 0 ? std::to_string(label_count) : std::string("2^32")) + "))");
    codes.push_back(static_cast<std::size_t>(v));
    top = std::max(top, codes.back() + 1);
  }
  expect_nonempty(codes.size(), fn, "labels");
  std::vector<std::size_t> counts(label_count > 0 ? label_count : top, 0);
  for (std::size_t c : codes) ++counts[c];
  return counts;
}
}  // namespace detail

/// Number of votes for each label 0..L-1, where L = `label_count`, or the largest label + 1 when it is 0.
/// @throws precondition_error `[pluralism.aggregate.label]` for a label that is negative, not whole or
///         >= label_count (the message names its index), `[pluralism.aggregate.empty]`, `[pluralism.aggregate.nan]`.
template <arithmetic_sequence R>
std::vector<std::size_t> vote_counts(R&& labels, std::size_t label_count = 0, nan_policy nan = nan_policy::error) {
  return detail::count_labels(labels, label_count, nan, "vote_counts");
}

/// Share of the votes for each label (counts / number of votes); the shares sum to 1.
/// @throws as `vote_counts`.
template <arithmetic_sequence R>
std::vector<double> vote_shares(R&& labels, std::size_t label_count = 0, nan_policy nan = nan_policy::error) {
  const auto counts = detail::count_labels(labels, label_count, nan, "vote_shares");
  std::size_t total = 0;
  for (std::size_t c : counts) total += c;
  std::vector<double> shares(counts.size());
  for (std::size_t j = 0; j < counts.size(); ++j) shares[j] = static_cast<double>(counts[j]) / static_cast<double>(total);
  return shares;
}

/// Options of `plurality`.
struct plurality_options {
  tie_policy ties = tie_policy::lowest;
  std::uint64_t seed = 0;  ///< tie_policy::random: stream (seed, item, 0)
  std::uint64_t item = 0;  ///< tie_policy::random: pass the item index so items break ties independently
  std::size_t label_count = 0;  ///< as in `vote_counts` (ignored by `plurality_of_counts`)
  nan_policy nan = nan_policy::error;
};

/// The label(s) with the most votes.
struct plurality_result {
  std::vector<std::size_t> winners;  ///< one label, or every tied label under tie_policy::all (ascending)
  double votes = 0.0;                ///< votes of each winner
  double total = 0.0;                ///< all votes
  double share = 0.0;                ///< votes / total
  bool tied = false;                 ///< more than one label had the most votes (whatever the policy)
  /// The (first) winning label.
  [[nodiscard]] std::size_t label() const { return winners.front(); }
};

/// The plurality from vote counts (or weighted vote totals) per label, with the tie policy of `options`.
/// @throws precondition_error `[pluralism.aggregate.counts]` for a negative, infinite or NaN count or a zero
///         total, `[pluralism.aggregate.empty]` for no labels; data_error `[pluralism.aggregate.tie]` on a
///         tie under tie_policy::error.
template <arithmetic_sequence R>
plurality_result plurality_of_counts(R&& counts, const plurality_options& options = {}) {
  const std::vector<double> c = detail::collect_all(counts);
  detail::expect_nonempty(c.size(), "plurality_of_counts", "counts");
  double best = 0.0, total = 0.0;
  for (std::size_t j = 0; j < c.size(); ++j) {
    PLURALISM_EXPECTS(c[j] >= 0.0 && std::isfinite(c[j]), "pluralism.aggregate.counts",
                      "plurality_of_counts: counts[" + std::to_string(j) + "] = " + detail::to_text(c[j]) +
                          " (counts must be finite and non-negative)");
    best = std::max(best, c[j]);
    total += c[j];
  }
  PLURALISM_EXPECTS(total > 0.0, "pluralism.aggregate.counts", "plurality_of_counts: counts sum to zero (no votes)");
  std::vector<std::size_t> top;
  for (std::size_t j = 0; j < c.size(); ++j)
    if (c[j] == best) top.push_back(j);
  plurality_result r;
  r.votes = best;
  r.total = total;
  r.share = best / total;
  r.tied = top.size() > 1;
  if (!r.tied || options.ties == tie_policy::all) {
    r.winners = std::move(top);
  } else if (options.ties == tie_policy::lowest) {
    r.winners = {top.front()};
  } else if (options.ties == tie_policy::random) {
    philox_stream stream({.seed = options.seed, .item = options.item, .jury = 0});
    r.winners = {top[bounded(stream, static_cast<std::uint32_t>(top.size()))]};
  } else {
    std::string labels;
    for (std::size_t j : top) labels += (labels.empty() ? "" : ", ") + std::to_string(j);
    PLURALISM_THROW(data_error, "pluralism.aggregate.tie",
                    "plurality: labels " + labels + " tie with " + detail::to_text(best) +
                        " votes each (tie_policy::error; choose lowest, all or random to break ties)");
  }
  return r;
}

/// The plurality (majority-vote) label of a list of votes, with the tie policy of `options`
/// (default: the lowest tied label, as crowd-kit's MajorityVote).
/// @throws as `vote_counts`, and data_error `[pluralism.aggregate.tie]` under tie_policy::error.
template <arithmetic_sequence R>
plurality_result plurality(R&& labels, const plurality_options& options = {}) {
  const auto counts = detail::count_labels(labels, options.label_count, options.nan, "plurality");
  return plurality_of_counts(counts, options);
}

}  // namespace pluralism
