// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/convene.hpp
/// @brief Convene J parallel juries on an item and return their verdict (Gordon et al., CHI 2022).
///
/// For jury j of item i: draw the jurors with `draw_jury` from stream (seed, i, j) (sheets in order, no
/// person twice; DESIGN sections 3-4), predict each juror's rating with the model, and average them in draw
/// order. The final verdict is the median of the J jury means (or median-of-means over blocks of juries,
/// or their mean). Everything is a pure function of (seed, item, jury), so results do not depend on the
/// number of threads, and any jury can be re-drawn later (`explain_jury`).
/// @code
/// auto v = pl::convene(jury, model, data, item, {.juries = 101, .threshold = 1.0, .seed = 42});
/// std::cout << v;   // 7 to 5: toxic | 0.99 / 4.00 | 56% of juries at or above 1.00 [46%, 66%]
/// auto all = pl::convene_items(jury, model, data, {.seed = 42, .threads = 8});   // every item, in parallel
/// @endcode

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "../aggregate/interval.hpp"
#include "../aggregate/median_of_means.hpp"
#include "../concepts/models.hpp"
#include "../contract.hpp"
#include "../detail/small_sort.hpp"
#include "../error.hpp"
#include "../random.hpp"
#include "annotations.hpp"
#include "composition.hpp"
#include "draw.hpp"
#include "draw_batch.hpp"
#include "pools.hpp"
#include "summary.hpp"
#include "verdict.hpp"

namespace pluralism {

/// Options of `convene` and `convene_items`; designated initializers read well.
struct jury_options {
  std::uint32_t juries = 101;  ///< J parallel juries (odd by default, so the median is one jury's mean)
  /// The threshold of "at or above"; NaN (default) means the middle of the data's rating scale.
  double threshold = std::numeric_limits<double>::quiet_NaN();
  std::uint64_t seed = 0;
  final_rule rule = final_rule::median;
  std::uint32_t blocks = 0;  ///< median_of_means: blocks of juries; 0 = ceil(8 ln(1/0.05)) = 24, at most J
  std::vector<double> quantiles{0.05, 0.5, 0.95};  ///< levels of the reported jury-verdict quantiles
  std::uint32_t bins = 10;                         ///< histogram bins over the rating scale
  double confidence = 0.95;                        ///< of the Wilson interval of the share
  std::uint32_t min_pool = 0;  ///< the fewest people a sheet may match (privacy, stability); 0 = no guard
  small_pool_policy small_pool = small_pool_policy::refuse;
  std::string yes = "at or above";  ///< the outcome's name when the verdict is at or above the threshold
  std::string no = "below";
  unsigned threads = 0;  ///< convene_items: worker threads, 0 = std::thread::hardware_concurrency()
};

namespace detail {

/// The rating scale of the data: the smallest and largest observed rating (0..1 when there are none).
inline std::pair<double, double> rating_scale(const annotations& data) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (std::size_t i = 0; i < data.ratings.items(); ++i)
    for (double r : data.ratings.ratings(i)) {
      lo = std::min(lo, r);
      hi = std::max(hi, r);
    }
  return lo <= hi ? std::pair{lo, hi} : std::pair{0.0, 1.0};
}

inline void check_options(const jury_options& o) {
  PLURALISM_EXPECTS(o.juries > 0, "pluralism.jury.juries", "jury_options.juries must be positive, got 0");
  PLURALISM_EXPECTS(o.rule != final_rule::median_of_means || o.blocks <= o.juries, "pluralism.jury.blocks",
                    std::string("jury_options.blocks = ") + std::to_string(o.blocks) + " exceeds juries = " + std::to_string(o.juries));
  PLURALISM_EXPECTS(o.confidence > 0 && o.confidence < 1, "pluralism.jury.confidence",
                    std::string("jury_options.confidence must lie in (0, 1), got ") + to_text(o.confidence));
  PLURALISM_EXPECTS(o.bins > 0, "pluralism.jury.bins", "jury_options.bins must be positive, got 0");
  for (double q : o.quantiles)
    PLURALISM_EXPECTS(q >= 0 && q <= 1, "pluralism.jury.quantile",
                      std::string("jury_options.quantiles must lie in [0, 1], got ") + to_text(q));
}

/// A composition resolved against the annotators once, for every item: pools, labels and text.
struct jury_plan {
  const composition* jury = nullptr;
  sheet_pools pools;
  std::vector<sheet_pool> views;  ///< of `pools`
  /// Sheets that may share people with earlier sheets (`overlap_mask`); it stays valid for every item's
  /// restricted pools, which are subsets.
  std::uint32_t may_overlap = 0;
  std::vector<std::string> labels;
  std::string text;
  std::uint32_t seats = 0;
};
inline jury_plan make_plan(const composition& jury, const attribute_table& annotators) {
  jury_plan p{&jury, resolve_pools(jury, annotators), {}, 0, {}, jury.to_string(), jury.total_seats()};
  p.views = p.pools.views();
  p.may_overlap = overlap_mask(p.views.data(), static_cast<std::uint32_t>(p.views.size()));
  for (const auto& s : jury.sheets()) p.labels.push_back(s.label());
  return p;
}

/// Per-thread buffers of the jury loop.
struct jury_scratch {
  std::vector<std::uint32_t> jurors, excluded, positions;
  std::vector<double> predictions, sheet_sums, sorted;
  // the batched draw (judge_disjoint)
  std::vector<std::uint32_t> words, batch_jurors, seen, redo;
  std::vector<double> batch_predictions, lane_sums;
  std::vector<sheet_pool> views;
  sheet_pools item_pools;
};

/// The predictions of jurors[0..n) for `item` into out[0..n), in one batched call when the model has one.
template <juror_model M>
void predict_jurors(const M& model, std::size_t item, const std::uint32_t* jurors, std::uint32_t n, double* out) {
  if constexpr (batched_juror_model<M>) {
    model.predict_block(item, std::span<const std::uint32_t>(jurors, n), std::span<double>(out, n));
  } else {
    for (std::uint32_t k = 0; k < n; ++k) out[k] = static_cast<double>(model.predict(item, jurors[k]));
  }
}

/// Draws a jury from `stream` into s.jurors and its predictions into s.predictions; returns the draw status.
template <juror_model M, class Stream>
draw_status draw_and_predict(const std::vector<sheet_pool>& views, std::uint32_t may_overlap, const M& model,
                             std::size_t item, Stream& stream, jury_scratch& s) {
  const std::uint32_t n = static_cast<std::uint32_t>(s.jurors.size());
  const draw_status st = draw_jury(views.data(), static_cast<std::uint32_t>(views.size()), stream, s.jurors.data(),
                                   s.excluded.data(), may_overlap);
  if (st.ok) predict_jurors(model, item, s.jurors.data(), n, s.predictions.data());
  return st;
}

/// Draws jury `j` of `item` (stream (seed, item, j)) into s.jurors and its predictions into s.predictions.
template <juror_model M>
draw_status draw_and_predict(const std::vector<sheet_pool>& views, std::uint32_t may_overlap, const M& model,
                             std::size_t item, std::uint32_t j, std::uint64_t seed, jury_scratch& s) {
  philox_stream stream({.seed = seed, .item = item, .jury = j});
  return draw_and_predict(views, may_overlap, model, item, stream, s);
}

/// The jury means of `item` (and s.sheet_sums) for sheets that share nobody, by `draw_disjoint_juries` on
/// chunks of juries: the same bits as drawing each jury with `draw_and_predict` (same jurors, same summation
/// order). Returns false, leaving the work to the one-jury-at-a-time loop, when a jury's sum is not finite.
template <juror_model M>
bool judge_disjoint(const std::vector<sheet_pool>& views, const M& model, std::size_t item, std::uint64_t seed,
                    jury_scratch& s, std::vector<double>& means) {
  const auto J = static_cast<std::uint32_t>(means.size()), n = static_cast<std::uint32_t>(s.jurors.size());
  const std::uint32_t blocks = (n + 3) / 4;
  constexpr std::uint32_t chunk = 128;
  s.words.resize(std::size_t{4} * blocks * chunk);
  s.batch_jurors.resize(std::size_t{n} * chunk);
  s.batch_predictions.resize(std::size_t{n} * chunk);
  s.lane_sums.resize(chunk);
  s.redo.resize(chunk);
  s.seen.resize(chunk);
  std::fill(s.sheet_sums.begin(), s.sheet_sums.end(), 0.0);
  for (std::uint32_t j0 = 0; j0 < J; j0 += chunk) {
    const std::uint32_t c = std::min(chunk, J - j0);
    philox_fill({.seed = seed, .item = item, .jury = j0}, c, blocks, s.words.data());
    draw_disjoint_juries(views.data(), static_cast<std::uint32_t>(views.size()), s.words.data(), c,
                         s.batch_jurors.data(), s.seen.data(), s.redo.data());
    double* pred = s.batch_predictions.data();
    for (std::uint32_t g = 0; g < n; ++g)
      predict_jurors(model, item, s.batch_jurors.data() + std::size_t{g} * c, c, pred + std::size_t{g} * c);
    for (std::uint32_t j = 0; j < c; ++j) {
      if (!s.redo[j]) continue;
      draw_and_predict(views, 0u, model, item, j0 + j, seed, s);  // disjoint pools: never fails
      for (std::uint32_t g = 0; g < n; ++g) pred[std::size_t{g} * c + j] = s.predictions[g];
    }
    // Per jury, sum in draw order from 0.0 as `jury_mean` does; lanes vectorise.
    double* sum = s.lane_sums.data();
    std::fill(sum, sum + c, 0.0);
    for (std::uint32_t g = 0; g < n; ++g)
      for (std::uint32_t j = 0; j < c; ++j) sum[j] += pred[std::size_t{g} * c + j];
    // A NaN or infinite prediction makes its jury's sum NaN or infinite (so does an overflow, which the
    // one-jury loop then accepts).
    bool finite = true;
    for (std::uint32_t j = 0; j < c; ++j) finite &= std::isfinite(sum[j]);
    if (!finite) return false;
    for (std::uint32_t j = 0; j < c; ++j) means[j0 + j] = sum[j] / static_cast<double>(n);
    // Per sheet: each jury's sum of its seats, added to the running total in jury order.
    std::uint32_t g0 = 0;
    for (std::size_t sh = 0; sh < views.size(); ++sh) {
      std::fill(sum, sum + c, 0.0);
      for (std::uint32_t g = g0; g < g0 + views[sh].seats; ++g)
        for (std::uint32_t j = 0; j < c; ++j) sum[j] += pred[std::size_t{g} * c + j];
      for (std::uint32_t j = 0; j < c; ++j) s.sheet_sums[sh] += sum[j];
      g0 += views[sh].seats;
    }
  }
  return true;
}

/// Judges one item with resolved pools. On a data problem returns a verdict with ok = false (batch) or
/// throws (single call), as `throw_problems` says.
template <juror_model M>
verdict judge(const jury_plan& plan, const sheet_pools& pools, const M& model, const annotations& data,
              std::size_t item, const jury_options& o, std::pair<double, double> scale, bool throw_problems,
              jury_scratch& s) {
  verdict v;
  v.item = item;
  v.item_id = item < data.items.size() ? data.items.id(item) : std::to_string(item);
  v.composition = plan.text;
  v.threshold = std::isnan(o.threshold) ? 0.5 * (scale.first + scale.second) : o.threshold;
  v.scale_lo = scale.first;
  v.scale_hi = scale.second;
  v.confidence = o.confidence;
  v.yes_label = o.yes;
  v.no_label = o.no;
  const auto fail = [&](const char* id, const std::string& what) -> verdict {
    if (throw_problems) PLURALISM_THROW(data_error, id, what);
    v.ok = false;
    v.problem = what;
    return v;
  };

  for (std::size_t k = 0; k < pools.members.size(); ++k) {
    const auto size = pools.members[k].size();
    if (size < pools.seats[k])
      return fail("pluralism.jury.unfillable_sheet",
                  "item '" + v.item_id + "': sheet " + std::to_string(k + 1) + " '" + plan.labels[k] + "' matches " +
                      std::to_string(size) + " people for " + std::to_string(pools.seats[k]) + " seats");
    if (size < o.min_pool) {
      const std::string what = "item '" + v.item_id + "': sheet " + std::to_string(k + 1) + " '" + plan.labels[k] +
                               "' matches only " + std::to_string(size) + " people (min_pool " +
                               std::to_string(o.min_pool) + ")";
      if (o.small_pool == small_pool_policy::refuse) return fail("pluralism.jury.small_pool", what);
      v.warnings.push_back(what);
    }
  }

  const std::uint32_t n = plan.seats;
  s.jurors.assign(n, 0);
  s.excluded.assign(n, 0);
  s.predictions.assign(n, 0.0);
  s.positions.resize(n);
  std::iota(s.positions.begin(), s.positions.end(), 0u);
  s.sheet_sums.assign(pools.members.size(), 0.0);
  if (&pools != &plan.pools) s.views = pools.views();
  const std::vector<sheet_pool>& views = &pools == &plan.pools ? plan.views : s.views;
  v.jury_means.resize(o.juries);
  // Sheets that share nobody (the common case) take the batched draw, which gives the same juries.
  const bool disjoint = views.size() <= 32 && plan.may_overlap == 0;
  if (!(disjoint && judge_disjoint(views, model, item, o.seed, s, v.jury_means))) {
    std::fill(s.sheet_sums.begin(), s.sheet_sums.end(), 0.0);
    for (std::uint32_t j = 0; j < o.juries; ++j) {
      const draw_status st = draw_and_predict(views, plan.may_overlap, model, item, j, o.seed, s);
      if (!st.ok)
        return fail("pluralism.jury.unfillable_sheet",
                    "item '" + v.item_id + "', jury " + std::to_string(j) + ": sheet " +
                        std::to_string(st.failed_sheet + 1) + " '" + plan.labels[st.failed_sheet] + "' has " +
                        std::to_string(st.available) + " people left for " +
                        std::to_string(pools.seats[st.failed_sheet]) + " seats after earlier sheets seated theirs");
      for (std::uint32_t k = 0; k < n; ++k)
        if (!std::isfinite(s.predictions[k]))
          return fail("pluralism.jury.no_prediction",
                      "item '" + v.item_id + "': the model gave " +
                          (std::isnan(s.predictions[k]) ? "NaN" : s.predictions[k] > 0 ? "+inf" : "-inf") +
                          " for annotator '" + data.annotators.id(s.jurors[k]) + "'");
      // jury_mean over positions 0..n-1: the same summation (draw order, double) as the device path.
      v.jury_means[j] = jury_mean(s.positions.data(), n, [&](std::uint32_t k) { return s.predictions[k]; });
      std::uint32_t k = 0;
      for (std::size_t sh = 0; sh < pools.seats.size(); ++sh) {
        double sum = 0;
        for (std::uint32_t e = 0; e < pools.seats[sh]; ++e) sum += s.predictions[k++];
        s.sheet_sums[sh] += sum;
      }
    }
  }

  // Summaries from the sorted means (jury/summary.hpp: the same bits on every back end).
  const std::uint32_t J = o.juries;
  std::vector<double>& sorted = s.sorted;
  sorted.assign(v.jury_means.begin(), v.jury_means.end());
  detail::small_sort(sorted.data(), sorted.data() + sorted.size());  // branch-free: std::sort mispredicts
  double total = 0;
  for (double m : v.jury_means) total += m;
  v.mean_of_juries = total / J;
  switch (o.rule) {
    case final_rule::median: v.value = sorted_median(sorted.data(), J); break;
    case final_rule::mean: v.value = v.mean_of_juries; break;
    case final_rule::median_of_means:
      v.value = median_of_means(v.jury_means, {.blocks = o.blocks == 0 ? std::min<std::size_t>(24, J) : o.blocks,
                                               .layout = block_layout::contiguous})
                    .estimate;
      break;
  }
  v.at_or_above = count_at_or_above(sorted.data(), J, v.threshold);
  v.share_interval = wilson_interval(v.at_or_above, J, o.confidence);
  v.quantile_levels = o.quantiles;
  for (double q : o.quantiles) v.quantiles.push_back(sorted_quantile(sorted.data(), J, q));
  v.histogram.lo = scale.first;
  v.histogram.hi = scale.second;
  v.histogram.counts.assign(o.bins, 0);
  const double width = (scale.second - scale.first) / o.bins;
  for (double m : sorted) {
    auto b = width > 0 ? static_cast<std::int64_t>(std::floor((m - scale.first) / width)) : 0;
    b = std::clamp<std::int64_t>(b, 0, static_cast<std::int64_t>(o.bins) - 1);
    ++v.histogram.counts[static_cast<std::size_t>(b)];
  }
  for (std::size_t sh = 0; sh < pools.seats.size(); ++sh) {
    sheet_contribution c{plan.labels[sh], pools.seats[sh], 0, 0};
    if (pools.seats[sh] > 0) c.mean_rating = s.sheet_sums[sh] / (static_cast<double>(pools.seats[sh]) * J);
    c.contribution = static_cast<double>(pools.seats[sh]) / n * c.mean_rating;
    v.sheets.push_back(std::move(c));
  }
  // The median jury (the lower middle for even J, ties in jury order), re-drawn to count its votes: the
  // (rank - below)-th jury, in jury order, whose mean equals the middle sorted value.
  {
    const std::uint32_t rank = (J - 1) / 2;
    const double middle = sorted[rank];
    const auto below = static_cast<std::uint32_t>(std::lower_bound(sorted.begin(), sorted.end(), middle) - sorted.begin());
    std::uint32_t skip = rank - below, j = 0;
    for (; j + 1 < J; ++j)  // the means are not NaN (every prediction was finite), so the search stops in range
      if (v.jury_means[j] == middle && skip-- == 0) break;
    v.median_jury = j;
  }
  draw_and_predict(views, plan.may_overlap, model, item, v.median_jury, o.seed, s);
  for (std::uint32_t k = 0; k < n; ++k) (s.predictions[k] >= v.threshold ? v.median_jury_yes : v.median_jury_no) += 1;
  return v;
}

/// Pools of `item`: the base pools, or for a sparse model their intersection with the item's raters.
template <juror_model M>
const sheet_pools& item_pools(const jury_plan& plan, const M& model, std::size_t item, jury_scratch& s) {
  const sheet_pools& base = plan.pools;
  if constexpr (sparse_juror_model<M>) {
    restrict_pools(base, model.raters(item), s.item_pools);
    return s.item_pools;
  } else {
    (void)model;
    (void)item;
    return base;
  }
}

inline void expect_item(std::size_t item, const annotations& data) {
  PLURALISM_EXPECTS(item < data.ratings.items() || item < data.items.size(), "pluralism.jury.item",
                    std::string("item ") + std::to_string(item) + " is outside the data's " +
                        std::to_string(std::max(data.ratings.items(), data.items.size())) + " items");
}

/// The model's `prefetch(item)` when it has one (a hint; see `prefetching_juror_model`).
template <juror_model M>
void prefetch_item(const M& model, std::size_t item) noexcept {
  if constexpr (prefetching_juror_model<M>) model.prefetch(item);
  else (void)model, (void)item;
}

/// Runs `judge_one(item, scratch)` for every entry of `items` on `threads` threads; results in input order.
/// `ahead(item)` is called for the next item of a thread before it judges the current one.
template <class F, class Ahead>
std::vector<verdict> for_items(const std::vector<std::size_t>& items, unsigned threads, F judge_one, Ahead ahead) {
  std::vector<verdict> out(items.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, items.size())));
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  auto work = [&] {
    jury_scratch s;
    try {
      for (std::size_t k; !failed.load(std::memory_order_relaxed) && (k = next.fetch_add(16)) < items.size();)
        for (std::size_t e = k, end = std::min(k + 16, items.size()); e < end; ++e) {
          if (e + 1 < end) ahead(items[e + 1]);
          out[e] = judge_one(items[e], s);
        }
    } catch (...) {
      if (!failed.exchange(true)) failure = std::current_exception();
    }
  };
  if (threads == 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);
  return out;
}

inline std::vector<std::size_t> all_items(const annotations& data) {
  std::vector<std::size_t> items(std::max(data.ratings.items(), data.items.size()));
  std::iota(items.begin(), items.end(), std::size_t{0});
  return items;
}

}  // namespace detail

/// Convenes `options.juries` parallel juries of composition `jury` on item row `item` and returns the
/// verdict: the final value, the jury means, quantiles, histogram, the share at or above the threshold with
/// its Wilson interval, per-sheet contributions and the median jury's votes.
/// Preconditions: `model` predicts for every (item, annotator) of `data` (a `sparse_juror_model` for the
/// annotators in `model.raters(item)`).
/// @throws data_error `[pluralism.jury.unfillable_sheet]` naming the sheet, its matches and seats (for a sparse
///         model: the matching people who rated this item); `[pluralism.jury.small_pool]` under the min_pool
///         guard; `[pluralism.jury.no_prediction]` when the model returns NaN (or, against its contract,
///         an infinity) for a juror.
/// @throws precondition_error for bad options (`[pluralism.jury.juries]`, `.blocks`, `.confidence`, `.bins`,
///         `.quantile`), an item outside the data (`[pluralism.jury.item]`), no seats; and as
///         `predicate::evaluate` for unknown attributes or values.
template <juror_model M>
verdict convene(const composition& jury, const M& model, const annotations& data, std::size_t item,
                const jury_options& options = {}) {
  detail::check_options(options);
  detail::expect_item(item, data);
  const detail::jury_plan plan = detail::make_plan(jury, data.annotators);
  detail::jury_scratch s;
  return detail::judge(plan, detail::item_pools(plan, model, item, s), model, data, item, options,
                       detail::rating_scale(data), true, s);
}

/// `convene` on each of `items` (default: every item), in parallel on `options.threads` threads; the result
/// is the same for any thread count. An item that cannot be judged (e.g. a sheet with too few raters of it)
/// gets `ok = false` and a `problem`, and the others go on. Throws as `convene` for problems that concern
/// every item (options, unknown attributes).
template <juror_model M>
std::vector<verdict> convene_items(const composition& jury, const M& model, const annotations& data,
                                   const jury_options& options = {}, std::optional<std::vector<std::size_t>> items = {}) {
  detail::check_options(options);
  const std::vector<std::size_t> which = items ? std::move(*items) : detail::all_items(data);
  for (std::size_t i : which) detail::expect_item(i, data);
  const detail::jury_plan plan = detail::make_plan(jury, data.annotators);
  const auto scale = detail::rating_scale(data);
  return detail::for_items(which, options.threads, [&](std::size_t i, detail::jury_scratch& s) {
    return detail::judge(plan, detail::item_pools(plan, model, i, s), model, data, i, options, scale, false, s);
  }, [&](std::size_t i) { detail::prefetch_item(model, i); });
}

/// Conditional juries: each item is judged by the composition its first matching rule names (over the
/// item columns of `data.items`), else by `rules.otherwise`; `verdict::rule` says which fired.
template <juror_model M>
std::vector<verdict> convene_items(const conditional_composition& rules, const M& model, const annotations& data,
                                   const jury_options& options = {}, std::optional<std::vector<std::size_t>> items = {}) {
  detail::check_options(options);
  const std::vector<std::size_t> which = items ? std::move(*items) : detail::all_items(data);
  for (std::size_t i : which) detail::expect_item(i, data);
  std::vector<std::vector<char>> fires;
  std::vector<detail::jury_plan> plans;
  for (const auto& r : rules.rules) {
    fires.push_back(r.when.evaluate(data.items));
    plans.push_back(detail::make_plan(r.jury, data.annotators));
  }
  plans.push_back(detail::make_plan(rules.otherwise, data.annotators));
  const auto scale = detail::rating_scale(data);
  return detail::for_items(which, options.threads, [&](std::size_t i, detail::jury_scratch& s) {
    std::size_t r = 0;
    while (r < fires.size() && !(i < fires[r].size() && fires[r][i])) ++r;
    verdict v = detail::judge(plans[r], detail::item_pools(plans[r], model, i, s), model, data, i, options, scale, false, s);
    v.rule = r;
    return v;
  }, [&](std::size_t i) { detail::prefetch_item(model, i); });
}

/// The expected jury mean of `item` in closed form, for compositions whose sheets' pools are disjoint:
/// sum_s seats_s x (mean prediction over sheet s's pool) / total seats (each sheet is a uniform draw without
/// replacement from its pool, so each of its seats has the pool mean as expectation).
/// @throws precondition_error `[pluralism.jury.overlapping_pools]` when two sheets share a person;
///         data_error as `convene` when a pool is smaller than its seats.
template <juror_model M>
double expected_jury_mean(const composition& jury, const M& model, const annotations& data, std::size_t item) {
  detail::expect_item(item, data);
  const detail::jury_plan plan = detail::make_plan(jury, data.annotators);
  detail::jury_scratch s;
  const sheet_pools& p = detail::item_pools(plan, model, item, s);
  PLURALISM_EXPECTS(p.disjoint(), "pluralism.jury.overlapping_pools",
                    std::string("expected_jury_mean: the sheets of '") + jury.to_string() + "' share people; no closed form");
  double total = 0;
  for (std::size_t k = 0; k < p.members.size(); ++k) {
    if (p.members[k].size() < p.seats[k])
      PLURALISM_THROW(data_error, "pluralism.jury.unfillable_sheet",
                      std::string("sheet '") + plan.labels[k] + "' matches " + std::to_string(p.members[k].size()) + " people for " +
                          std::to_string(p.seats[k]) + " seats");
    if (p.seats[k] == 0) continue;
    double sum = 0;
    for (std::uint32_t a : p.members[k]) sum += static_cast<double>(model.predict(item, a));
    total += p.seats[k] * (sum / static_cast<double>(p.members[k].size()));
  }
  return total / jury.total_seats();
}

}  // namespace pluralism
