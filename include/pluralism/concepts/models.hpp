// SPDX-License-Identifier: MIT
#pragma once

/// @file concepts/models.hpp
/// @brief Juror models: "what rating would annotator `a` give item `x`".

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>

namespace pluralism {

/// A juror model predicts one annotator's rating of one item.
///
/// Syntactic requirements, for a `const M& m`, item row `i` and annotator row `a` (indices into the
/// `annotations` the model was built for):
///   1. `m.predict(i, a)` is convertible to `double`.
/// Semantic requirements (not checked by the compiler):
///   - `predict` is a pure function of (i, a): the same arguments give the same value (deterministic, no
///     hidden random state), and it may be called concurrently from several threads;
///   - it returns a finite value on the rating scale, or NaN to say "no prediction" (the observed-ratings
///     model does so for unrated pairs; samplers then draw only among annotators with a prediction).
/// Complexity: expected O(1) or O(latent dimension) per call.
///
/// Minimal model:
/// @code
/// struct constant_model { double predict(std::size_t, std::size_t) const { return 2.0; } };
/// static_assert(pluralism::juror_model<constant_model>);
/// @endcode
/// @see batched_juror_model
template <class M>
concept juror_model = requires(const M& m, std::size_t item, std::size_t annotator) {
  { m.predict(item, annotator) } -> std::convertible_to<double>;
};

/// A juror model that also fills a block: `m.predict_block(item, annotators, out)` writes
/// `out[k] = m.predict(item, annotators[k])` for every k, faster than one call each (vectorised, cached
/// item factors). Semantic requirement: identical values to `predict`.
template <class M>
concept batched_juror_model =
    juror_model<M> && requires(const M& m, std::size_t item, std::span<const std::uint32_t> annotators, std::span<double> out) {
      m.predict_block(item, annotators, out);
    };

/// A juror model that can warm the cache for an item before its juries are drawn: `m.prefetch(item)` is a
/// hint with no effect on any result (it must accept any item, in range or not). `convene_items` calls it one
/// item ahead, so that a large dense matrix is read from memory while the previous item is judged.
template <class M>
concept prefetching_juror_model = juror_model<M> && requires(const M& m, std::size_t item) { m.prefetch(item); };

/// A juror model that predicts only for some annotators of each item (the observed-ratings model predicts
/// exactly the people who rated the item). `m.raters(item)` is a sorted range of the annotator rows it
/// predicts for that item; samplers draw each item's jurors among the matching annotators in it.
/// Semantic requirement: `predict(item, a)` is a number for every `a` in `raters(item)`.
template <class M>
concept sparse_juror_model = juror_model<M> && requires(const M& m, std::size_t item) {
  { m.raters(item) } -> std::convertible_to<std::span<const std::uint32_t>>;
};

}  // namespace pluralism
