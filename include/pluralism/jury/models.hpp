// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/models.hpp
/// @brief Built-in juror models, so a jury runs end to end without a learned model:
/// `observed` (real people's real ratings), `group_mean` (the item's mean rating among the annotator's
/// group, shrunk towards the item mean) and `dense_predictions` (a precomputed items x annotators matrix).
/// The Eigen factor model lives in `jury/factor_model.hpp` (component `pluralism::eigen`).
///
/// Every model here keeps a pointer to the data it was built from: the data must outlive the model.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "../concepts/models.hpp"
#include "../contract.hpp"
#include "../matrix_view.hpp"
#include "annotations.hpp"

namespace pluralism::models {

namespace detail {
[[noreturn]] inline void out_of_range(std::size_t item, std::size_t items, std::size_t annotator, std::size_t annotators,
                                      const char* model) {
  pluralism::detail::contract_violation("pluralism.model.out_of_range",
                                        std::string(model) + ": (item " + std::to_string(item) + ", annotator " +
                                            std::to_string(annotator) + ") outside " + std::to_string(items) + " x " +
                                            std::to_string(annotators));
}
/// The bounds check of every `predict`: inline and branch-predicted, the message built only on failure.
inline void expect_pair(std::size_t item, std::size_t items, std::size_t annotator, std::size_t annotators,
                        const char* model) {
#if PLURALISM_CONTRACTS != PLURALISM_CONTRACTS_OFF
  if (item >= items || annotator >= annotators) [[unlikely]] out_of_range(item, items, annotator, annotators, model);
#else
  (void)item, (void)items, (void)annotator, (void)annotators, (void)model;
#endif
}
}  // namespace detail

/// Observed ratings, no model: `predict(i, a)` is annotator a's own rating of item i, NaN when a did not
/// rate i. It models `sparse_juror_model`: juries of item i are drawn among the matching people who rated
/// i, so a sparse table gives per-item pools and a complete matrix gives everyone.
class observed {
 public:
  explicit observed(const annotations& data) : ratings_(&data.ratings) {}

  /// @throws precondition_error `[pluralism.model.out_of_range]` for an index outside the data.
  [[nodiscard]] double predict(std::size_t item, std::size_t annotator) const {
    detail::expect_pair(item, ratings_->items(), annotator, ratings_->annotators(), "observed");
    return ratings_->find(item, annotator).value_or(std::numeric_limits<double>::quiet_NaN());
  }
  /// Who rated `item`, sorted ascending.
  [[nodiscard]] std::span<const std::uint32_t> raters(std::size_t item) const { return ratings_->raters(item); }

 private:
  const rating_store* ratings_;
};

/// Options of `group_mean`.
struct group_mean_options {
  /// Annotator attributes that define a group (their combination); empty = every categorical attribute.
  /// A missing value is a level of its own.
  std::vector<std::string> by;
  /// Pseudo-count k of the shrinkage: a group with n ratings of the item gets weight n / (n + k) on its own
  /// mean and k / (n + k) on the item mean; the item mean is shrunk towards the global mean the same way.
  double strength = 2.0;
};

/// The mean rating of the item among the annotator's group, shrunk towards the item mean (a
/// partial-pooling estimate): with S_ig, n_ig the sum and count of group g's ratings of item i, S_i, n_i the
/// item's, mu the global mean and k the strength,
///     m_i = (S_i + k mu) / (n_i + k),    predict(i, a) = (S_ig(a) + k m_i) / (n_ig(a) + k).
/// An item nobody rated predicts mu; a group that did not rate the item predicts m_i.
class group_mean {
 public:
  /// @throws precondition_error `[pluralism.model.strength]` unless strength is finite and > 0,
  ///         `[pluralism.model.no_ratings]` when the data has no ratings.
  /// @throws unknown_name_error for an unknown attribute in `options.by`; `[pluralism.model.not_categorical]`
  ///         (precondition_error) for a numeric one.
  explicit group_mean(const annotations& data, group_mean_options options = {})
      : strength_(options.strength), annotators_(data.annotators.size()) {
    PLURALISM_EXPECTS(std::isfinite(strength_) && strength_ > 0, "pluralism.model.strength",
                      std::string("group_mean: strength must be finite and positive, got ") + pluralism::detail::to_text(strength_));
    PLURALISM_EXPECTS(data.ratings.size() > 0, "pluralism.model.no_ratings", "group_mean: the data has no ratings");
    const auto cols = data.annotators.categorical_columns(options.by, "pluralism.model.not_categorical", "group_mean",
                                                          "groups need categorical attributes");
    // Group id of each annotator: mixed radix over (code + 1), so "missing" is level 0 of each attribute.
    group_.assign(annotators_, 0);
    for (std::size_t a = 0; a < annotators_; ++a) {
      std::uint64_t g = 0;
      for (const auto* c : cols) g = g * (c->levels.size() + 1) + static_cast<std::uint64_t>(c->codes[a] + 1);
      group_[a] = g;
    }
    double total = 0;
    for (std::size_t i = 0; i < data.ratings.items(); ++i)
      for (double r : data.ratings.ratings(i)) total += r;
    global_ = total / static_cast<double>(data.ratings.size());
    // Per item: (group, sum, count) sorted by group.
    offsets_.assign(data.ratings.items() + 1, 0);
    item_mean_.resize(data.ratings.items());
    std::vector<cell> scratch;
    for (std::size_t i = 0; i < data.ratings.items(); ++i) {
      const auto who = data.ratings.raters(i);
      const auto rating = data.ratings.ratings(i);
      scratch.clear();
      double sum = 0;
      for (std::size_t k = 0; k < who.size(); ++k) {
        scratch.push_back({group_[who[k]], rating[k], 1});
        sum += rating[k];
      }
      item_mean_[i] = (sum + strength_ * global_) / (static_cast<double>(who.size()) + strength_);
      std::sort(scratch.begin(), scratch.end(), [](const cell& x, const cell& y) { return x.group < y.group; });
      for (const auto& c : scratch) {
        if (!cells_.empty() && cells_.size() > offsets_[i] && cells_.back().group == c.group) {
          cells_.back().sum += c.sum;
          cells_.back().count += 1;
        } else {
          cells_.push_back(c);
        }
      }
      offsets_[i + 1] = cells_.size();
    }
  }

  /// @throws precondition_error `[pluralism.model.out_of_range]` for an index outside the data.
  [[nodiscard]] double predict(std::size_t item, std::size_t annotator) const {
    detail::expect_pair(item, item_mean_.size(), annotator, annotators_, "group_mean");
    const std::uint64_t g = group_[annotator];
    const auto first = cells_.begin() + static_cast<std::ptrdiff_t>(offsets_[item]);
    const auto last = cells_.begin() + static_cast<std::ptrdiff_t>(offsets_[item + 1]);
    const auto it = std::lower_bound(first, last, g, [](const cell& c, std::uint64_t v) { return c.group < v; });
    const double m = item_mean_[item];
    if (it == last || it->group != g) return m;
    return (it->sum + strength_ * m) / (static_cast<double>(it->count) + strength_);
  }
  /// The global mean rating mu.
  [[nodiscard]] double global_mean() const noexcept { return global_; }

 private:
  struct cell {
    std::uint64_t group;
    double sum;
    std::uint32_t count;
  };
  double strength_;
  std::size_t annotators_;
  double global_ = 0;
  std::vector<std::uint64_t> group_;
  std::vector<double> item_mean_;
  std::vector<std::size_t> offsets_;
  std::vector<cell> cells_;
};

/// A dense items x annotators matrix of predictions (float or double, any strides), e.g. the output of a
/// model run elsewhere. Non-owning: the matrix must outlive the model.
template <class T>
class dense_predictions {
 public:
  explicit dense_predictions(matrix_view<const T> m) : m_(m) {}
  template <matrix_like M>
  explicit dense_predictions(const M& m) : m_(as_matrix(m)) {}

  /// @throws precondition_error `[pluralism.model.out_of_range]` for an index outside the matrix.
  [[nodiscard]] double predict(std::size_t item, std::size_t annotator) const {
    detail::expect_pair(item, m_.rows, annotator, m_.cols, "dense_predictions");
    return static_cast<double>(m_(item, annotator));
  }
  /// `out[k] = predict(item, annotators[k])`, with one bounds check for the block (its largest annotator),
  /// so that the loads vectorise.
  /// @throws precondition_error `[pluralism.model.block_size]` when the spans differ in size;
  ///         `[pluralism.model.out_of_range]` when the item or an annotator is outside the matrix.
  void predict_block(std::size_t item, std::span<const std::uint32_t> annotators, std::span<double> out) const {
    PLURALISM_EXPECTS(annotators.size() == out.size(), "pluralism.model.block_size",
                      "dense_predictions::predict_block: " + std::to_string(annotators.size()) + " annotators but " +
                          std::to_string(out.size()) + " outputs");
    if (annotators.empty()) return;
    std::uint32_t top = 0;
    for (const std::uint32_t a : annotators) top = std::max(top, a);
    detail::expect_pair(item, m_.rows, top, m_.cols, "dense_predictions");
    const T* row = m_.data + static_cast<std::ptrdiff_t>(item) * m_.row_stride;
    const std::ptrdiff_t step = m_.col_stride;
    const std::size_t n = annotators.size();
    if (step == 1)
      for (std::size_t k = 0; k < n; ++k) out[k] = static_cast<double>(row[annotators[k]]);
    else
      for (std::size_t k = 0; k < n; ++k) out[k] = static_cast<double>(row[static_cast<std::ptrdiff_t>(annotators[k]) * step]);
  }
  /// Asks the processor to load the item's row, because juries read it at random places, which defeats the
  /// hardware's own prefetching. Only contiguous rows of at most 256 KiB (a core's L2 cache; a wider row
  /// would evict itself); a no-op otherwise or out of range.
  void prefetch(std::size_t item) const noexcept {
#if defined(__GNUC__) || defined(__clang__)
    if (item >= m_.rows || m_.col_stride != 1 || m_.cols * sizeof(T) > 256 * 1024) return;
    const char* row = reinterpret_cast<const char*>(m_.row(item).data());
    for (std::size_t b = 0; b < m_.cols * sizeof(T); b += 64) __builtin_prefetch(row + b);
#else
    (void)item;
#endif
  }
  [[nodiscard]] std::size_t items() const noexcept { return m_.rows; }
  [[nodiscard]] std::size_t annotators() const noexcept { return m_.cols; }

 private:
  matrix_view<const T> m_;
};
template <matrix_like M>
dense_predictions(const M& m) -> dense_predictions<typename decltype(as_matrix(m))::value_type>;

}  // namespace pluralism::models
