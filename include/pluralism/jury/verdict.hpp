// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/verdict.hpp
/// @brief What a convened set of parallel juries decided, with its uncertainty, and the talk's sentences.

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include "../aggregate/interval.hpp"

namespace pluralism {

/// How the J jury verdicts become the final verdict.
enum class final_rule : std::uint8_t {
  median,           ///< default: the median of the jury means (Gordon et al.'s median-of-means, one jury = one block)
  median_of_means,  ///< the median of the means of `blocks` contiguous blocks of juries (classic MoM)
  mean,             ///< the mean of the jury means (estimates the expected jury mean)
};

/// One sheet's part in the verdict, averaged over the juries.
struct sheet_contribution {
  std::string label;
  std::uint32_t seats = 0;
  double mean_rating = 0;   ///< the mean prediction of this sheet's jurors, over all juries
  double contribution = 0;  ///< seats / total seats x mean_rating: the contributions add up to `mean_of_juries`
};

/// Counts of jury verdicts in equal-width bins over the rating scale [lo, hi]; the last bin is closed.
struct verdict_histogram {
  double lo = 0, hi = 0;
  std::vector<std::uint32_t> counts;
};

/// The verdict of J parallel juries on one item.
struct verdict {
  std::size_t item = 0;
  std::string item_id;
  std::string composition;  ///< readable form of the composition that judged
  std::size_t rule = 0;     ///< conditional juries: the rule that chose the composition (rules.size() = default)

  bool ok = true;       ///< false when the item could not be judged (batch calls only; see `problem`)
  std::string problem;  ///< why not, e.g. a sheet with too few raters of this item
  std::vector<std::string> warnings;  ///< e.g. small pools under `small_pool_policy::warn`

  std::vector<double> jury_means;  ///< one per jury, in jury order (jury j drew from stream (seed, item, j))
  double value = 0;                ///< the final verdict (see `final_rule`)
  double mean_of_juries = 0;
  double threshold = 0;
  std::uint32_t at_or_above = 0;   ///< juries whose mean is at or above the threshold
  interval share_interval{};       ///< Wilson interval of that share at `confidence`
  double confidence = 0.95;
  std::vector<double> quantile_levels, quantiles;
  verdict_histogram histogram;
  std::vector<sheet_contribution> sheets;

  std::uint32_t median_jury = 0;   ///< index of the jury whose mean is the (lower) median
  std::uint32_t median_jury_yes = 0, median_jury_no = 0;  ///< its jurors at or above / below the threshold
  double scale_lo = 0, scale_hi = 0;
  std::string yes_label = "at or above", no_label = "below";

  [[nodiscard]] std::uint32_t juries() const noexcept { return static_cast<std::uint32_t>(jury_means.size()); }
  /// The share of juries at or above the threshold. With J odd and the median rule, `value >= threshold`
  /// holds exactly when this is above one half.
  [[nodiscard]] double share() const noexcept {
    return jury_means.empty() ? 0.0 : static_cast<double>(at_or_above) / static_cast<double>(jury_means.size());
  }
  /// Whether the final verdict is at or above the threshold.
  [[nodiscard]] bool outcome() const noexcept { return value >= threshold; }
  [[nodiscard]] const std::string& outcome_label() const noexcept { return outcome() ? yes_label : no_label; }

  /// The median jury's jurors on the outcome's side of the threshold (at or above it when the verdict is, below
  /// it when not), and those on the other side. The two can disagree with the outcome: the verdict compares jury
  /// means with the threshold, not votes, so a jury can have most jurors above the threshold and a mean below it.
  [[nodiscard]] std::uint32_t median_jury_for() const noexcept { return outcome() ? median_jury_yes : median_jury_no; }
  [[nodiscard]] std::uint32_t median_jury_against() const noexcept {
    return outcome() ? median_jury_no : median_jury_yes;
  }
  /// "7 to 5: toxic", read as the talk reads a vote: the median jury's jurors for the outcome, to those against,
  /// then the outcome ("5 to 7: not toxic" when seven jurors rate at or above the threshold but the mean is below).
  [[nodiscard]] std::string votes_sentence() const {
    return std::to_string(median_jury_for()) + " to " + std::to_string(median_jury_against()) + ": " + outcome_label();
  }
  /// "58% of this jury agree": the share of the median jury's jurors on the outcome's side.
  [[nodiscard]] std::string agreement_sentence() const {
    const std::uint32_t seated = median_jury_for() + median_jury_against();
    return percent(seated == 0 ? 0.0 : static_cast<double>(median_jury_for()) / seated) + " of this jury agree";
  }
  /// "0.99 / 4.00": the verdict on the rating scale.
  [[nodiscard]] std::string scale_sentence() const { return fixed(value) + " / " + fixed(scale_hi); }
  /// "56% of juries at or above 1.00 [46%, 66%]".
  [[nodiscard]] std::string share_sentence() const {
    return percent(share()) + " of juries at or above " + fixed(threshold) + " [" + percent(share_interval.lower) +
           ", " + percent(share_interval.upper) + "]";
  }
  /// The four together, separated by " | ": "7 to 5: toxic | 1.57 / 4.00 | 58% of this jury agree | 71% of juries
  /// at or above 1.50 [62%, 79%]".
  [[nodiscard]] std::string sentence() const {
    if (!ok) return "not judged: " + problem;
    return votes_sentence() + " | " + scale_sentence() + " | " + agreement_sentence() + " | " + share_sentence();
  }

 private:
  static std::string fixed(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", v);
    return b;
  }
  static std::string percent(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.0f%%", 100.0 * v);
    return b;
  }
};

inline std::ostream& operator<<(std::ostream& os, const verdict& v) { return os << v.sentence(); }

}  // namespace pluralism
