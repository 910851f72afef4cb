// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/holdout.hpp
/// @brief Held-out evaluation of juror models: a seeded split of the ratings, the mean baselines (global,
/// item, annotator) and the mean absolute error of any `juror_model` on held-out ratings.

#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "../concepts/models.hpp"
#include "../contract.hpp"
#include "../random.hpp"
#include "annotations.hpp"

namespace pluralism {

/// Training annotations (same annotator and item tables, a subset of the ratings) and the held-out ratings.
struct holdout_split {
  annotations train;
  std::vector<rating_entry> test;
};

/// Splits the ratings at random: exactly `round(test_share * N)` ratings are held out, chosen by a
/// Fisher-Yates shuffle of the entries (item-major storage order) driven by Philox stream (seed, 0, 0), so
/// the split is a pure function of the data and the seed. The tables are copied unchanged into `train`.
/// @throws precondition_error `[pluralism.holdout.share]` unless 0 <= test_share <= 1.
inline holdout_split split_ratings(const annotations& data, double test_share, std::uint64_t seed) {
  PLURALISM_EXPECTS(test_share >= 0.0 && test_share <= 1.0, "pluralism.holdout.share",
                    "split_ratings: test_share must be in [0, 1], got " + detail::to_text(test_share));
  auto entries = data.ratings.entries();
  PLURALISM_EXPECTS(entries.size() < 0xFFFFFFFFu, "pluralism.holdout.size", "split_ratings: too many ratings");
  philox_stream stream({.seed = seed});
  for (std::size_t n = entries.size(); n > 1; --n) {  // Fisher-Yates, exactly unbiased indices
    const std::size_t j = bounded(stream, static_cast<std::uint32_t>(n));
    std::swap(entries[n - 1], entries[j]);
  }
  const auto n_test = static_cast<std::size_t>(std::llround(test_share * static_cast<double>(entries.size())));
  holdout_split out;
  out.test.assign(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(n_test));
  std::vector<rating_entry> train(entries.begin() + static_cast<std::ptrdiff_t>(n_test), entries.end());
  out.train = annotations{data.annotators, data.items,
                          rating_store(data.ratings.items(), data.ratings.annotators(), std::move(train))};
  return out;
}

/// Which mean a `mean_baseline` predicts.
enum class baseline_kind { global_mean, item_mean, annotator_mean };

/// The simplest juror models: the training mean of everything, of the item, or of the annotator. An item
/// (annotator) without training ratings gets the global mean. Models `juror_model`.
class mean_baseline {
 public:
  /// @throws precondition_error `[pluralism.holdout.empty]` when `ratings` is empty.
  mean_baseline(const rating_store& ratings, baseline_kind kind) : kind_(kind) {
    PLURALISM_EXPECTS(ratings.size() > 0, "pluralism.holdout.empty", "mean_baseline: no ratings");
    std::vector<double> sum_i(ratings.items(), 0.0), sum_a(ratings.annotators(), 0.0);
    std::vector<double> n_i(ratings.items(), 0.0), n_a(ratings.annotators(), 0.0);
    double total = 0.0;
    for (std::size_t i = 0; i < ratings.items(); ++i) {
      const auto who = ratings.raters(i);
      const auto r = ratings.ratings(i);
      for (std::size_t k = 0; k < who.size(); ++k) {
        sum_i[i] += r[k];
        n_i[i] += 1.0;
        sum_a[who[k]] += r[k];
        n_a[who[k]] += 1.0;
        total += r[k];
      }
    }
    global_ = total / static_cast<double>(ratings.size());
    auto finish = [this](std::vector<double>& s, const std::vector<double>& n) {
      for (std::size_t k = 0; k < s.size(); ++k) s[k] = n[k] > 0.0 ? s[k] / n[k] : global_;
      return std::move(s);
    };
    item_ = finish(sum_i, n_i);
    annotator_ = finish(sum_a, n_a);
  }
  /// The baseline prediction; pure and thread-safe.
  /// @throws precondition_error `[pluralism.holdout.out_of_range]` for an index outside the training store.
  [[nodiscard]] double predict(std::size_t item, std::size_t annotator) const {
    PLURALISM_EXPECTS(item < item_.size() && annotator < annotator_.size(), "pluralism.holdout.out_of_range",
                      "mean_baseline: (item " + std::to_string(item) + ", annotator " + std::to_string(annotator) +
                          ") outside " + std::to_string(item_.size()) + " x " + std::to_string(annotator_.size()));
    switch (kind_) {
      case baseline_kind::item_mean: return item_[item];
      case baseline_kind::annotator_mean: return annotator_[annotator];
      case baseline_kind::global_mean: break;
    }
    return global_;
  }

 private:
  baseline_kind kind_;
  double global_ = 0.0;
  std::vector<double> item_, annotator_;
};
static_assert(juror_model<mean_baseline>);

/// Mean absolute error of a juror model over held-out ratings: (1/n) sum |predict(i, a) - r|.
/// @throws precondition_error `[pluralism.holdout.empty]` when `test` is empty or
///         `[pluralism.holdout.nan_prediction]` when the model answers NaN for a held-out pair.
template <juror_model M>
double mean_absolute_error(const M& model, std::span<const rating_entry> test) {
  PLURALISM_EXPECTS(!test.empty(), "pluralism.holdout.empty", "mean_absolute_error: no held-out ratings");
  double sum = 0.0;
  for (const auto& e : test) {
    const double p = static_cast<double>(model.predict(e.item, e.annotator));
    PLURALISM_EXPECTS(!std::isnan(p), "pluralism.holdout.nan_prediction",
                      "mean_absolute_error: NaN prediction for item " + std::to_string(e.item) + ", annotator " +
                          std::to_string(e.annotator));
    sum += std::abs(p - e.rating);
  }
  return sum / static_cast<double>(test.size());
}

}  // namespace pluralism
