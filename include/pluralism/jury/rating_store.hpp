// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/rating_store.hpp
/// @brief A sparse items x annotators rating matrix, stored by item (compressed rows).
///
/// Row `i` lists the annotators who rated item `i`, sorted by annotator index, with their ratings. This is
/// the layout jury sampling needs: "who rated this item" is one contiguous, sorted range (the
/// `sheet_pool` members of an observed-ratings jury are a sub-range filter of it).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "../contract.hpp"
#include "../error.hpp"

namespace pluralism {

/// One observed rating.
struct rating_entry {
  std::uint32_t item;
  std::uint32_t annotator;
  double rating;
};

/// Sparse ratings by item; immutable once built.
class rating_store {
 public:
  rating_store() = default;

  /// Builds from entries in any order.
  /// @throws precondition_error `[pluralism.ratings.out_of_range]` for an index >= the given counts,
  ///         `[pluralism.ratings.nan]` for a NaN rating.
  /// @throws data_error `[pluralism.ratings.duplicate]` when an (item, annotator) pair occurs twice.
  rating_store(std::size_t items, std::size_t annotators, std::vector<rating_entry> entries)
      : annotators_(annotators) {
    for (const auto& e : entries) {
      PLURALISM_EXPECTS(e.item < items && e.annotator < annotators, "pluralism.ratings.out_of_range",
                        "rating for item " + std::to_string(e.item) + ", annotator " + std::to_string(e.annotator) +
                            " outside " + std::to_string(items) + " x " + std::to_string(annotators));
      PLURALISM_EXPECTS(!std::isnan(e.rating), "pluralism.ratings.nan",
                        "rating for item " + std::to_string(e.item) + ", annotator " + std::to_string(e.annotator) + " is NaN");
    }
    const auto by_item_then_annotator = [](const rating_entry& a, const rating_entry& b) {
      return a.item != b.item ? a.item < b.item : a.annotator < b.annotator;
    };
    // Loaders hand over sorted entries: one linear check instead of an O(n log n) sort.
    if (!std::is_sorted(entries.begin(), entries.end(), by_item_then_annotator))
      std::sort(entries.begin(), entries.end(), by_item_then_annotator);
    offsets_.assign(items + 1, 0);
    annotator_.reserve(entries.size());
    rating_.reserve(entries.size());
    for (std::size_t k = 0; k < entries.size(); ++k) {
      if (k > 0 && entries[k].item == entries[k - 1].item && entries[k].annotator == entries[k - 1].annotator)
        PLURALISM_THROW(data_error, "pluralism.ratings.duplicate",
                        "item " + std::to_string(entries[k].item) + " rated twice by annotator " +
                            std::to_string(entries[k].annotator));
      ++offsets_[entries[k].item + 1];
      annotator_.push_back(entries[k].annotator);
      rating_.push_back(entries[k].rating);
    }
    std::partial_sum(offsets_.begin(), offsets_.end(), offsets_.begin());
  }

  [[nodiscard]] std::size_t items() const noexcept { return offsets_.empty() ? 0 : offsets_.size() - 1; }
  [[nodiscard]] std::size_t annotators() const noexcept { return annotators_; }
  [[nodiscard]] std::size_t size() const noexcept { return rating_.size(); }

  /// Annotators who rated `item`, sorted ascending.
  [[nodiscard]] std::span<const std::uint32_t> raters(std::size_t item) const {
    return {annotator_.data() + offsets_.at(item), offsets_[item + 1] - offsets_[item]};
  }
  /// Their ratings, aligned with `raters(item)`.
  [[nodiscard]] std::span<const double> ratings(std::size_t item) const {
    return {rating_.data() + offsets_.at(item), offsets_[item + 1] - offsets_[item]};
  }
  /// The rating of `annotator` for `item`, if observed. O(log raters).
  [[nodiscard]] std::optional<double> find(std::size_t item, std::size_t annotator) const {
    const auto r = raters(item);
    const auto it = std::lower_bound(r.begin(), r.end(), static_cast<std::uint32_t>(annotator));
    if (it == r.end() || *it != annotator) return std::nullopt;
    return rating_[offsets_[item] + static_cast<std::size_t>(it - r.begin())];
  }
  /// Every entry, item-major, in storage order.
  [[nodiscard]] std::vector<rating_entry> entries() const {
    std::vector<rating_entry> out;
    out.reserve(size());
    for (std::size_t i = 0; i < items(); ++i)
      for (std::size_t k = offsets_[i]; k < offsets_[i + 1]; ++k)
        out.push_back({static_cast<std::uint32_t>(i), annotator_[k], rating_[k]});
    return out;
  }

 private:
  std::size_t annotators_ = 0;
  std::vector<std::size_t> offsets_;
  std::vector<std::uint32_t> annotator_;
  std::vector<double> rating_;
};

}  // namespace pluralism
