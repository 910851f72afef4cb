// SPDX-License-Identifier: MIT
#pragma once

/// @file aggregate/median_of_means.hpp
/// @brief Median-of-means (MoM) with a confidence-driven number of blocks and its deviation bound, and the
/// median of randomized means (MoRM).
///
/// MoM: split the n values into k disjoint blocks, average each block, return the median of the k block
/// means. Guarantee (Lugosi and Mendelson, "Mean estimation and regression under heavy-tailed
/// distributions: a survey", FoCM 2019, Theorem 2; Rigollet, "High-dimensional statistics", Problem 1.8):
/// if the values are i.i.d. with finite variance sigma^2 and every block has at least b values, Chebyshev
/// gives P(|block mean - mu| > 2 sigma / sqrt(b)) <= 1/4, the median is that far off only if at least k/2
/// blocks are, and Hoeffding bounds that by exp(-k/8). With k = ceil(8 ln(1/delta)) and b = n/k:
///     P(|MoM - mu| > sigma sqrt(32 ln(1/delta) / n)) <= delta.
/// MoRM (Laforgue, Clemencon, Bertail, "On medians of (randomized) pairwise means", ICML 2019): K blocks of
/// size b, each an independent draw without replacement; the blocks may overlap. It is the jury estimator's
/// shape (each jury is one block).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <ranges>
#include <string>
#include <utility>
#include <vector>

#include "../concepts/sequence.hpp"
#include "../contract.hpp"
#include "../random.hpp"
#include "common.hpp"

namespace pluralism {

/// How values are assigned to MoM blocks.
enum class block_layout {
  random,      ///< default: a uniformly random permutation from `seed` (philox_stream), then cut into blocks
  contiguous,  ///< in input order: block 0 is the first values, and so on
};

/// What happens when the number of values n is not a multiple of the number of blocks k.
enum class remainder_rule {
  spread,  ///< default: no value is dropped; the first n mod k blocks get floor(n/k) + 1 values, the rest floor(n/k)
  drop,    ///< every block gets floor(n/k) values; n mod k values are not used (the last ones under the
          ///< contiguous layout, a random choice under the random layout)
};

/// Options of `median_of_means`; designated initializers read well: `{.delta = 0.01, .seed = 7}`.
struct median_of_means_options {
  /// Target failure probability in (0, 1): the number of blocks is k = ceil(8 ln(1/delta)) when `blocks` is 0.
  double delta = 0.05;
  /// The number of blocks k; 0 (default) chooses it from `delta`.
  std::size_t blocks = 0;
  /// The standard deviation of the distribution if known; NaN (default) estimates it by the sample
  /// standard deviation (divisor n - 1), which voids the guarantee (see `median_of_means_result::bound`).
  double sigma = std::numeric_limits<double>::quiet_NaN();
  block_layout layout = block_layout::random;
  remainder_rule remainder = remainder_rule::spread;
  /// Rule for an even number of blocks.
  median_rule rule = median_rule::average;
  /// Seed of the random permutation (layout::random): stream (seed, item 0, jury 0).
  std::uint64_t seed = 0;
  nan_policy nan = nan_policy::error;
};

/// The estimate with its deviation bound.
struct median_of_means_result {
  double estimate = 0.0;
  /// 2 sigma / sqrt(smallest_block): when sigma is the true standard deviation, |estimate - mu| <= bound with
  /// probability at least 1 - failure_probability. It is never smaller than sigma sqrt(32 ln(1/delta) / n)
  /// and equals it when 8 ln(1/delta) is a whole number that divides n; the rounding of k and of the block
  /// sizes is what makes the guarantee hold exactly. With an estimated sigma it is only indicative.
  double bound = 0.0;
  /// exp(-blocks / 8), at most delta when the blocks were chosen from delta.
  double failure_probability = 0.0;
  double sigma = 0.0;            ///< the sigma used in `bound`
  bool sigma_estimated = false;  ///< true when sigma was the sample standard deviation
  std::size_t blocks = 0;
  std::size_t smallest_block = 0;
  std::size_t used = 0;  ///< values used (n, minus the remainder under remainder_rule::drop)
};

/// k = ceil(8 ln(1/delta)), the number of MoM blocks for failure probability delta.
/// @throws precondition_error `[pluralism.aggregate.delta]` unless 0 < delta < 1.
inline std::size_t blocks_for_delta(double delta) {
  PLURALISM_EXPECTS(delta > 0.0 && delta < 1.0, "pluralism.aggregate.delta",
                    "blocks_for_delta: delta must lie in (0, 1), got " + detail::to_text(delta));
  return static_cast<std::size_t>(std::ceil(8.0 * std::log(1.0 / delta)));
}

/// The textbook MoM deviation sigma sqrt(32 ln(1/delta) / n).
/// @throws precondition_error `[pluralism.aggregate.delta]` unless 0 < delta < 1.
inline double median_of_means_deviation(double sigma, std::size_t n, double delta) {
  PLURALISM_EXPECTS(delta > 0.0 && delta < 1.0, "pluralism.aggregate.delta",
                    "median_of_means_deviation: delta must lie in (0, 1), got " + detail::to_text(delta));
  return sigma * std::sqrt(32.0 * std::log(1.0 / delta) / static_cast<double>(n));
}

namespace detail {

/// Calls visit(i, block) for each value i = 0..n-1 with its block in [0, k), or block == k for a dropped
/// value. The random layout is a uniformly random permutation in disguise: value i goes to a uniformly
/// chosen free slot among the n - i left, and slots are cut into blocks as in the contiguous layout. Only
/// the block of the slot matters, so we draw the block with probability (its free slots) / (all free slots),
/// found in a Fenwick tree over the k + 1 capacities: one bounded draw per value, O(n log k), sequential.
template <class Visit>
void assign_blocks(std::size_t n, std::size_t k, block_layout layout, remainder_rule remainder, std::uint64_t seed,
                   Visit visit) {
  const std::size_t base = n / k, extra = n % k;
  // Capacity of block j; index k is the bin of dropped values.
  const auto capacity = [&](std::size_t j) -> std::size_t {
    if (j == k) return remainder == remainder_rule::drop ? extra : 0;
    return base + (remainder == remainder_rule::spread && j < extra ? 1 : 0);
  };
  if (layout == block_layout::contiguous) {
    std::size_t i = 0;
    for (std::size_t j = 0; j <= k; ++j)
      for (std::size_t c = capacity(j); c > 0; --c) visit(i++, j);
    return;
  }
  const std::size_t bins = k + 1;
  std::vector<std::size_t> tree(bins + 1, 0);  // 1-based Fenwick tree of free slots per bin
  const auto add = [&](std::size_t j, std::size_t delta, bool subtract) {
    for (std::size_t p = j + 1; p <= bins; p += p & (~p + 1)) tree[p] = subtract ? tree[p] - delta : tree[p] + delta;
  };
  for (std::size_t j = 0; j < bins; ++j) add(j, capacity(j), false);
  std::size_t top = 1;
  while (top * 2 <= bins) top *= 2;
  philox_stream stream({.seed = seed, .item = 0, .jury = 0});
  for (std::size_t i = 0; i < n; ++i) {
    // Uniform free slot u in [0, n - i); find the bin whose cumulative free slots first exceed u.
    std::size_t u = bounded(stream, static_cast<std::uint32_t>(n - i)), pos = 0;
    for (std::size_t step = top; step > 0; step /= 2)
      if (pos + step <= bins && tree[pos + step] <= u) {
        pos += step;
        u -= tree[pos];
      }
    add(pos, 1, true);  // pos is the 0-based bin
    visit(i, pos);
  }
}

}  // namespace detail

/// Median-of-means with the confidence-driven number of blocks and its deviation bound (see the file
/// comment for the guarantee and its assumptions: i.i.d. values, finite variance, sigma known).
/// @param values any sequence of numbers (NaNs per `options.nan`; the blocks are formed after skipping).
/// @param options blocks or delta, sigma, layout, remainder rule, median rule, seed (defaults: delta 0.05,
///        so 24 blocks; random layout; spread remainder; average rule).
/// @returns the estimate, the bound, the failure probability and the block counts.
/// @throws precondition_error `[pluralism.aggregate.delta]` unless 0 < delta < 1 (when blocks == 0),
///         `[pluralism.aggregate.blocks]` when there are more blocks than values,
///         `[pluralism.aggregate.sigma]` when a given sigma is negative or infinite,
///         `[pluralism.aggregate.too_many]` for more than 2^31 values with the random layout,
///         `[pluralism.aggregate.empty]`, `[pluralism.aggregate.nan]`.
namespace detail {

/// The k block sums of the n values get(0), ..., get(n - 1) (1 <= k <= n), and in entry k the sum of the
/// values the remainder rule drops. A NaN among the values makes some entry NaN.
template <class Get>
std::vector<double> block_sums(Get get, std::size_t n, std::size_t k, const median_of_means_options& options) {
  PLURALISM_EXPECTS(options.layout == block_layout::contiguous || n <= (std::size_t{1} << 31),
                    "pluralism.aggregate.too_many",
                    "median_of_means: the random layout takes at most 2^31 values, got " + std::to_string(n));
  std::vector<double> sums(k + 1, 0.0);
  const std::size_t base = n / k, extra = n % k;
  const bool spread = options.remainder == remainder_rule::spread;
  if (options.layout == block_layout::contiguous) {
    // Four interleaved partial sums per block: four independent addition chains (about 4x the throughput
    // of one chain) and a smaller rounding error than a single running sum.
    std::size_t i = 0;
    for (std::size_t j = 0; j < k; ++j) {
      const std::size_t end = i + base + (spread && j < extra ? 1 : 0);
      double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
      for (; i + 4 <= end; i += 4) {
        s0 += get(i);
        s1 += get(i + 1);
        s2 += get(i + 2);
        s3 += get(i + 3);
      }
      for (; i < end; ++i) s0 += get(i);
      sums[j] = (s0 + s1) + (s2 + s3);
    }
    for (; i < n; ++i) sums[k] += get(i);  // dropped values
  } else {
    assign_blocks(n, k, options.layout, options.remainder, options.seed,
                  [&](std::size_t i, std::size_t block) { sums[block] += get(i); });
  }
  return sums;
}

/// MoM from `block_sums` (no NaNs among the n values get(i), 1 <= k <= n).
template <class Get>
median_of_means_result median_of_means_from_sums(std::vector<double> sums, Get get, std::size_t n, std::size_t k,
                                                 const median_of_means_options& options) {
  const std::size_t base = n / k, extra = n % k;
  const bool spread = options.remainder == remainder_rule::spread;
  for (std::size_t j = 0; j < k; ++j) sums[j] /= static_cast<double>(base + (spread && j < extra ? 1 : 0));

  median_of_means_result r;
  r.estimate = median_inplace(sums.data(), k, options.rule);
  r.blocks = k;
  r.smallest_block = base;
  r.used = spread ? n : base * k;
  r.failure_probability = std::exp(-static_cast<double>(k) / 8.0);
  if (std::isnan(options.sigma)) {
    r.sigma_estimated = true;
    if (n < 2) {
      r.sigma = std::numeric_limits<double>::quiet_NaN();
    } else {
      double m = 0.0;
      for (std::size_t i = 0; i < n; ++i) m += get(i);
      m /= static_cast<double>(n);
      double ss = 0.0;
      for (std::size_t i = 0; i < n; ++i) ss += (get(i) - m) * (get(i) - m);
      r.sigma = std::sqrt(ss / static_cast<double>(n - 1));
    }
  } else {
    r.sigma = options.sigma;
  }
  r.bound = 2.0 * r.sigma / std::sqrt(static_cast<double>(base));
  return r;
}

inline void expect_blocks_fit(std::size_t k, std::size_t n, const median_of_means_options& options) {
  PLURALISM_EXPECTS(k <= n, "pluralism.aggregate.blocks",
                    "median_of_means: " + std::to_string(k) + " blocks need at least as many values, got n = " +
                        std::to_string(n) +
                        (options.blocks == 0 ? " (blocks = ceil(8 ln(1/delta)) for delta = " +
                                                   to_text(options.delta) + ")"
                                             : std::string()));
}

}  // namespace detail

/// Median-of-means with the confidence-driven number of blocks and its deviation bound (see the file
/// comment for the guarantee and its assumptions: i.i.d. values, finite variance, sigma known).
/// @param values any sequence of numbers (NaNs per `options.nan`; the blocks are formed after skipping).
///        A contiguous sized range (std::vector, std::array, std::span, a raw array) without NaNs is read
///        in place; anything else is first copied into doubles. The result is the same either way.
/// @param options blocks or delta, sigma, layout, remainder rule, median rule, seed (defaults: delta 0.05,
///        so 24 blocks; random layout; spread remainder; average rule).
/// @returns the estimate, the bound, the failure probability and the block counts.
/// @throws precondition_error `[pluralism.aggregate.delta]` unless 0 < delta < 1 (when blocks == 0),
///         `[pluralism.aggregate.blocks]` when there are more blocks than values,
///         `[pluralism.aggregate.sigma]` when a given sigma is negative or infinite,
///         `[pluralism.aggregate.too_many]` for more than 2^31 values with the random layout,
///         `[pluralism.aggregate.empty]`, `[pluralism.aggregate.nan]`.
template <arithmetic_sequence R>
median_of_means_result median_of_means(R&& values, const median_of_means_options& options = {}) {
  std::size_t k = options.blocks;
  if (k == 0) {
    PLURALISM_EXPECTS(options.delta > 0.0 && options.delta < 1.0, "pluralism.aggregate.delta",
                      "median_of_means: delta must lie in (0, 1), got " + detail::to_text(options.delta));
    k = blocks_for_delta(options.delta);
  }
  PLURALISM_EXPECTS(std::isnan(options.sigma) || (options.sigma >= 0.0 && std::isfinite(options.sigma)),
                    "pluralism.aggregate.sigma",
                    "median_of_means: sigma must be finite and >= 0 (or NaN to estimate it), got " +
                        detail::to_text(options.sigma));
  if constexpr (std::ranges::contiguous_range<R> && std::ranges::sized_range<R>) {
    // Read in place (a 10^7-value copy costs more than the blocks themselves), in one pass: a NaN in the
    // values makes a block sum NaN, and then (or for inf - inf) the copying path below applies the NaN policy.
    const auto* p = std::ranges::data(values);
    const auto n = static_cast<std::size_t>(std::ranges::size(values));
    if (n > 0 && k <= n) {
      const auto get = [p](std::size_t i) { return static_cast<double>(p[i]); };
      auto sums = detail::block_sums(get, n, k, options);
      bool any_nan = false;
      for (double v : sums) any_nan |= std::isnan(v);
      if (!any_nan) return detail::median_of_means_from_sums(std::move(sums), get, n, k, options);
    }
  }
  auto x = detail::collect(values, options.nan, "median_of_means");
  detail::expect_blocks_fit(k, x.size(), options);
  const auto get = [&x](std::size_t i) { return x[i]; };
  return detail::median_of_means_from_sums(detail::block_sums(get, x.size(), k, options), get, x.size(), k, options);
}

/// Options of `median_of_randomized_means`.
struct randomized_means_options {
  median_rule rule = median_rule::average;
  /// Block j is drawn from stream (seed, item 0, jury j), so any block can be re-drawn on its own.
  std::uint64_t seed = 0;
  nan_policy nan = nan_policy::error;
};

/// Median of randomized means (Laforgue, Clemencon, Bertail, ICML 2019, "MoRM" with sampling without
/// replacement): K blocks, block j the mean of `block_size` values drawn without replacement (Floyd's
/// algorithm, `floyd_sample`) from stream (seed, 0, j), summed in draw order; returns the median of the K
/// means by `rule`. The blocks are independent of each other and may share values. O(K b) draws.
/// @throws precondition_error `[pluralism.aggregate.blocks]` when blocks == 0 or blocks >= 2^32,
///         `[pluralism.aggregate.block_size]` unless 1 <= block_size <= n, `[pluralism.aggregate.too_many]`
///         for 2^32 values or more, `[pluralism.aggregate.empty]`, `[pluralism.aggregate.nan]`.
template <arithmetic_sequence R>
double median_of_randomized_means(R&& values, std::size_t blocks, std::size_t block_size,
                                  const randomized_means_options& options = {}) {
  PLURALISM_EXPECTS(blocks > 0 && blocks <= 0xFFFFFFFFu, "pluralism.aggregate.blocks",
                    "median_of_randomized_means: blocks must lie in [1, 2^32), got " + std::to_string(blocks));
  auto x = detail::collect(values, options.nan, "median_of_randomized_means");
  const std::size_t n = x.size();
  PLURALISM_EXPECTS(n <= 0xFFFFFFFFu, "pluralism.aggregate.too_many",
                    "median_of_randomized_means: at most 2^32 - 1 values, got " + std::to_string(n));
  PLURALISM_EXPECTS(block_size >= 1 && block_size <= n, "pluralism.aggregate.block_size",
                    "median_of_randomized_means: block_size must lie in [1, n] = [1, " + std::to_string(n) +
                        "], got " + std::to_string(block_size));
  std::vector<double> means(blocks);
  std::vector<std::uint32_t> picked(block_size);
  for (std::size_t j = 0; j < blocks; ++j) {
    philox_stream stream({.seed = options.seed, .item = 0, .jury = static_cast<std::uint32_t>(j)});
    floyd_sample(stream, static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(block_size), picked.data());
    double sum = 0.0;
    for (std::uint32_t p : picked) sum += x[p];
    means[j] = sum / static_cast<double>(block_size);
  }
  return detail::median_inplace(means.data(), blocks, options.rule);
}

}  // namespace pluralism
