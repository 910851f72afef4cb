// SPDX-License-Identifier: MIT
#pragma once

/// @file device/sweep.hpp
/// @brief Batched jury resampling on any Thrust back end: for every item and every composition, J juries,
/// their means, and the summary (median verdict, share at or above a threshold, quantiles).
///
/// The numbers are those of the CPU path, bit for bit (DESIGN section 3): jury j of item i under seed s reads
/// `philox_stream({s, i, j})` through the shared `draw_jury`, its verdict is `jury_mean` (fixed summation
/// order), and the summary is `sorted_median`, `count_at_or_above` and `sorted_quantile` of the sorted means.
/// `i` is the global item index, so batching and chunking never change a result, and every composition of a
/// sweep uses the same streams (common random numbers, for counterfactual comparisons).
///
/// Work runs in two passes per batch of items: one thread per (item, composition, jury) draws the jury and
/// writes its mean (neighbouring threads read the same item's row, which the cache keeps); then one thread per
/// (item, composition) sorts its J means and summarises them. A predictions matrix larger than device memory
/// is streamed from the host in chunks, double-buffered on two CUDA streams so one chunk's copy overlaps the
/// previous chunk's kernels.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <thrust/device_vector.h>
#include <thrust/execution_policy.h>
#include <thrust/for_each.h>
#include <thrust/copy.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/system_error.h>

#include "../contract.hpp"
#include "../jury/draw.hpp"
#include "../jury/summary.hpp"
#include "../random.hpp"
#include "compositions.hpp"
#include "error.hpp"
#include "models.hpp"

namespace pluralism::device {

/// Outcome for one (item, composition).
enum class item_status : std::uint32_t {
  ok = 0,                ///< every jury was drawn and every rating was a number
  unfillable_sheet = 1,  ///< a jury could not fill a sheet (overlapping pools seated its people earlier)
  nan_rating = 2,        ///< a jury mean was NaN (the model returned NaN)
};

/// Status of one (item, composition). When `status != ok` the item's verdict, share and quantiles are NaN and
/// `jury` is the first jury (in jury order) that failed; for `unfillable_sheet`, `sheet` is the sheet and
/// `available` the people left for it.
struct item_report {
  item_status status = item_status::ok;
  std::uint32_t jury = 0;
  std::uint32_t sheet = 0;
  std::uint32_t available = 0;
};

/// What to do when some (item, composition) has `status != ok`.
enum class failure_policy {
  report,  ///< default: keep going; the item's report says what failed and its outputs are NaN
  /// throw `data_error` `[pluralism.jury.unfillable_sheet]` or `[pluralism.jury.no_prediction]` (the CPU path's ids)
  throw_error,
};

/// Options of a sweep.
struct sweep_options {
  std::uint32_t juries = 101;          ///< J juries per item (odd by default, so the median is one jury's mean)
  double threshold = 0.5;              ///< `share` counts juries whose mean is >= threshold
  std::uint64_t seed = 0;              ///< the s of every stream address (s, item, jury)
  std::vector<double> quantiles{};     ///< probabilities in [0, 1] of the jury-mean quantiles to report
  bool keep_means = false;             ///< also return every jury mean (items x compositions x juries)
  std::uint64_t first_item = 0;        ///< global index of the first item (row 0 of a matrix)
  std::size_t batch_items = 0;         ///< items per batch and per streamed chunk; 0 chooses
  failure_policy on_failure = failure_policy::report;
};

/// Results on the host. Every array is item-major: entry (item, composition) is at `item * compositions +
/// composition`; quantile q of it at `(item * compositions + composition) * quantile_count + q`; jury mean
/// j at `(item * compositions + composition) * juries + j`.
struct sweep_result {
  std::size_t items = 0;
  std::size_t compositions = 0;
  std::uint32_t juries = 0;
  std::size_t quantile_count = 0;
  std::vector<double> verdict;        ///< median of the J jury means
  std::vector<double> share;          ///< fraction of juries at or above the threshold
  std::vector<double> quantiles;      ///< the requested quantiles of the jury means
  std::vector<double> means;          ///< every jury mean, in jury order (only with `keep_means`)
  std::vector<item_report> reports;   ///< status of each (item, composition)

  [[nodiscard]] std::size_t at(std::size_t item, std::size_t composition) const noexcept {
    return item * compositions + composition;
  }
  /// Number of (item, composition) pairs whose status is not ok.
  [[nodiscard]] std::size_t failures() const noexcept {
    return static_cast<std::size_t>(std::count_if(reports.begin(), reports.end(),
                                                  [](const item_report& r) { return r.status != item_status::ok; }));
  }
};

namespace detail {

PLURALISM_HD inline double quiet_nan() noexcept {
#if PLURALISM_DEVICE_PASS
  return __longlong_as_double(0x7ff8000000000000LL);
#else
  return std::numeric_limits<double>::quiet_NaN();
#endif
}

/// The rating of one item's jurors, as `jury_mean` wants it.
template <class Model>
struct item_rating {
  const Model* model;
  std::uint64_t item;
  PLURALISM_HD double operator()(std::uint32_t annotator) const { return static_cast<double>((*model)(item, annotator)); }
};

/// Draws jury j of composition c for a global item; true when every sheet was filled.
PLURALISM_HD inline draw_status draw_one(const composition_view& comps, std::uint32_t c, std::uint64_t seed,
                                         std::uint64_t item, std::uint32_t jury, std::uint32_t* jurors,
                                         std::uint32_t* scratch) {
  philox_stream stream(stream_address{seed, item, jury});
  const std::uint32_t first = comps.first_sheet[c];
  return draw_jury(comps.sheets + first, comps.first_sheet[c + 1] - first, stream, jurors, scratch);
}

/// The composition of output pair p: p % compositions, or the item's assigned composition (conditional
/// juries, where there is one output per item).
PLURALISM_HD inline std::uint32_t composition_of(std::uint64_t p, std::uint32_t compositions,
                                                 const std::uint32_t* assignment) {
  return assignment != nullptr ? assignment[p] : static_cast<std::uint32_t>(p % compositions);
}

/// Pass 1: thread t = (local item, composition, jury) writes that jury's mean (NaN when it cannot be drawn).
/// `Seats` bounds the jury size (per-thread arrays: small juries keep them small).
template <class Model, std::uint32_t Seats>
struct jury_means_fn {
  Model model;
  composition_view comps;
  std::uint32_t compositions;  // outputs per item: the number of compositions, or 1 with an assignment
  const std::uint32_t* assignment;
  std::uint32_t juries;
  std::uint64_t seed;
  std::uint64_t first_item;  // global index of local item 0
  double* means;

  PLURALISM_HD void operator()(std::uint64_t t) const {
    const std::uint64_t pair = t / juries;
    const auto jury = static_cast<std::uint32_t>(t % juries);
    const std::uint64_t item = first_item + pair / compositions;
    const std::uint32_t c = composition_of(pair, compositions, assignment);
    std::uint32_t jurors[Seats];
    std::uint32_t scratch[Seats];
    const draw_status s = draw_one(comps, c, seed, item, jury, jurors, scratch);
    means[t] = s.ok ? jury_mean(jurors, comps.seats[c], item_rating<Model>{&model, item}) : quiet_nan();
  }
};

/// Pass 2: thread p = (local item, composition) sorts its J means in place and summarises them.
struct summary_fn {
  composition_view comps;
  std::uint32_t compositions;
  const std::uint32_t* assignment;
  std::uint32_t juries;
  std::uint64_t seed;
  std::uint64_t first_item;
  double threshold;
  const double* probs;
  std::uint32_t prob_count;
  double* means;
  double* verdict;
  double* share;
  double* quantiles;
  item_report* reports;

  PLURALISM_HD void operator()(std::uint64_t p) const {
    double* x = means + p * juries;
    item_report r{};
    for (std::uint32_t j = 0; j < juries; ++j) {
      if (!(x[j] == x[j])) {  // NaN: re-draw this jury to tell an unfillable sheet from a NaN rating
        std::uint32_t jurors[max_seats];
        std::uint32_t scratch[max_seats];
        const std::uint32_t c = composition_of(p, compositions, assignment);
        const draw_status s = draw_one(comps, c, seed, first_item + p / compositions, j, jurors, scratch);
        r = s.ok ? item_report{item_status::nan_rating, j, 0, 0}
                 : item_report{item_status::unfillable_sheet, j, s.failed_sheet, s.available};
        break;
      }
    }
    reports[p] = r;
    if (r.status != item_status::ok) {
      verdict[p] = quiet_nan();
      share[p] = quiet_nan();
      for (std::uint32_t q = 0; q < prob_count; ++q) quantiles[p * prob_count + q] = quiet_nan();
      return;
    }
    // Insertion sort: J is about a hundred, and equal values are interchangeable, so any correct sort gives
    // the same sequence and the summaries the same bits as the CPU path's std::sort.
    for (std::uint32_t i = 1; i < juries; ++i) {
      const double v = x[i];
      std::uint32_t k = i;
      while (k > 0 && x[k - 1] > v) {
        x[k] = x[k - 1];
        --k;
      }
      x[k] = v;
    }
    verdict[p] = sorted_median(x, juries);
    share[p] = static_cast<double>(count_at_or_above(x, juries, threshold)) / static_cast<double>(juries);
    for (std::uint32_t q = 0; q < prob_count; ++q) quantiles[p * prob_count + q] = sorted_quantile(x, juries, probs[q]);
  }
};

/// Where a batch writes its outputs (device pointers, already offset to the batch's first pair).
struct output_ptrs {
  double* verdict;
  double* share;
  double* quantiles;  // may be null when there are no quantiles
  double* means;      // null unless keep_means
  item_report* reports;
};

/// The execution context of a batch: a stream on CUDA, nothing on the host back ends.
struct exec_context {
#if PLURALISM_DEVICE_CUDA
  cudaStream_t stream = nullptr;
  [[nodiscard]] auto policy() const { return thrust::cuda::par_nosync.on(stream); }
#else
  [[nodiscard]] auto policy() const { return thrust::device; }
#endif
};

#if PLURALISM_DEVICE_CUDA
/// A CUDA stream owned for the duration of a call.
class owned_stream {
 public:
  owned_stream() { check_cuda(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking), "cudaStreamCreate"); }
  owned_stream(const owned_stream&) = delete;
  owned_stream& operator=(const owned_stream&) = delete;
  ~owned_stream() {
    static_cast<void>(cudaStreamSynchronize(stream_));
    static_cast<void>(cudaStreamDestroy(stream_));
  }
  [[nodiscard]] cudaStream_t get() const noexcept { return stream_; }

 private:
  cudaStream_t stream_ = nullptr;
};
#endif

/// Copies n values between device buffers, or device to host, in stream order.
template <class T>
void copy_out(const exec_context& ctx, const T* from, std::size_t n, T* to, const char* what) {
  if (n == 0) return;
#if PLURALISM_DEVICE_CUDA
  check_cuda(cudaMemcpyAsync(to, from, n * sizeof(T), cudaMemcpyDefault, ctx.stream), what);
#else
  static_cast<void>(ctx);
  static_cast<void>(what);
  std::copy_n(from, n, to);  // the host back ends' device memory is host memory
#endif
}

template <class T>
thrust::device_vector<T> allocate(std::size_t n, const char* what) {
  try {
    return thrust::device_vector<T>(n);
  } catch (const std::bad_alloc&) {
    throw_out_of_memory(what, n > std::numeric_limits<std::size_t>::max() / sizeof(T) ? std::numeric_limits<std::size_t>::max()
                                                                                    : n * sizeof(T));
  } catch (const std::length_error&) {
    throw_out_of_memory(what, std::numeric_limits<std::size_t>::max());
  }
}

/// Sizes a result vector to `n`. Thrust's host back ends grow an empty vector by copying zero elements from a
/// null pointer (undefined behaviour that UBSan reports), so an empty vector is replaced rather than grown.
template <class T>
void resize_output(thrust::device_vector<T>& v, std::size_t n) {
  if (v.empty())
    thrust::device_vector<T>(n).swap(v);
  else
    v.resize(n);
}

template <class T>
T* raw(thrust::device_vector<T>& v) noexcept {
  return thrust::raw_pointer_cast(v.data());
}

/// Checks the options against the sizes of a sweep; returns the number of items per batch.
inline std::size_t check_options(const sweep_options& o, std::size_t compositions, std::uint64_t items) {
  PLURALISM_EXPECTS(o.juries >= 1, "pluralism.jury.juries", "sweep: juries must be at least 1, got 0");
  PLURALISM_EXPECTS(!std::isnan(o.threshold), "pluralism.jury.threshold", "sweep: threshold is NaN");
  for (std::size_t q = 0; q < o.quantiles.size(); ++q) {
    PLURALISM_EXPECTS(o.quantiles[q] >= 0.0 && o.quantiles[q] <= 1.0, "pluralism.jury.quantile",
                      "sweep: quantiles[" + std::to_string(q) + "] = " + std::to_string(o.quantiles[q]) +
                          " is not in [0, 1]");
  }
  PLURALISM_EXPECTS(o.quantiles.size() < 0xFFFFFFFFu, "pluralism.jury.quantile", "sweep: too many quantiles");
  PLURALISM_EXPECTS(items <= std::numeric_limits<std::uint64_t>::max() - o.first_item, "pluralism.jury.items",
                    "sweep: first_item + items overflows");
  const std::size_t per_item = compositions * o.juries;
  // Default batch: about 4 Mi jury means (32 MiB of scratch), which stays in a large GPU's L2 cache.
  std::size_t batch = o.batch_items != 0 ? o.batch_items : std::max<std::size_t>(1, (std::size_t{1} << 22) / per_item);
  if (items > 0 && batch > items) batch = static_cast<std::size_t>(items);
  return std::max<std::size_t>(batch, 1);
}

/// Device buffers for one batch in flight.
struct batch_buffers {
  thrust::device_vector<double> means;
  thrust::device_vector<double> verdict, share, quantiles;
  thrust::device_vector<item_report> reports;

  batch_buffers(std::size_t batch, std::size_t compositions, std::uint32_t juries, std::size_t quantile_count,
                bool with_outputs)
      : means(allocate<double>(batch * compositions * juries, "the jury means of a batch")) {
    if (with_outputs) {
      const std::size_t pairs = batch * compositions;
      verdict = allocate<double>(pairs, "batch verdicts");
      share = allocate<double>(pairs, "batch shares");
      quantiles = allocate<double>(pairs * quantile_count, "batch quantiles");
      reports = allocate<item_report>(pairs, "batch reports");
    }
  }
  [[nodiscard]] output_ptrs outputs() {
    return {raw(verdict), raw(share), quantiles.empty() ? nullptr : raw(quantiles), nullptr, raw(reports)};
  }
};

/// Runs both passes for `count` items starting at global item `first`, writing to `out`.
/// `assignment` (device memory, offset to the batch, or null) gives each item's composition.
template <class Model>
void run_batch(const exec_context& ctx, const Model& model, std::uint64_t first, std::size_t count,
               const composition_table& comps, const std::uint32_t* assignment, const sweep_options& o,
               const double* probs, double* means, const output_ptrs& out) {
  const auto C = assignment != nullptr ? 1u : static_cast<std::uint32_t>(comps.size());
  const std::size_t pairs = count * C;
  const std::size_t draws = pairs * o.juries;
  const auto Q = static_cast<std::uint32_t>(o.quantiles.size());
  const composition_view view = comps.view();
  try {
    const auto first_t = thrust::counting_iterator<std::uint64_t>(0);
    const auto last_t = thrust::counting_iterator<std::uint64_t>(draws);
    if (comps.max_jury() <= 16) {
      thrust::for_each(ctx.policy(), first_t, last_t,
                       jury_means_fn<Model, 16>{model, view, C, assignment, o.juries, o.seed, first, means});
    } else {
      thrust::for_each(ctx.policy(), first_t, last_t,
                       jury_means_fn<Model, max_seats>{model, view, C, assignment, o.juries, o.seed, first, means});
    }
#if PLURALISM_DEVICE_CUDA
    check_cuda(cudaPeekAtLastError(), "the jury-means kernel launch");
#endif
    if (out.means != nullptr) copy_out(ctx, static_cast<const double*>(means), draws, out.means, "copying jury means");
    thrust::for_each(ctx.policy(), thrust::counting_iterator<std::uint64_t>(0),
                     thrust::counting_iterator<std::uint64_t>(pairs),
                     summary_fn{view, C, assignment, o.juries, o.seed, first, o.threshold, probs, Q, means, out.verdict, out.share,
                                out.quantiles, out.reports});
#if PLURALISM_DEVICE_CUDA
    check_cuda(cudaPeekAtLastError(), "the summary kernel launch");
#endif
  } catch (const thrust::system_error& e) {
    throw device_error("pluralism.device.cuda", std::string("a sweep kernel failed: ") + e.what());
  } catch (const std::bad_alloc&) {
    throw_out_of_memory("temporary storage of a sweep kernel", 0);
  }
}

inline void apply_failure_policy(const sweep_options& o, const std::vector<item_report>& reports,
                                 std::size_t compositions) {
  if (o.on_failure != failure_policy::throw_error) return;
  for (std::size_t p = 0; p < reports.size(); ++p) {
    const item_report& r = reports[p];
    if (r.status == item_status::ok) continue;
    const std::string where = "item " + std::to_string(o.first_item + p / compositions) + ", composition " +
                              std::to_string(p % compositions) + ", jury " + std::to_string(r.jury);
    if (r.status == item_status::unfillable_sheet) {
      PLURALISM_THROW(data_error, "pluralism.jury.unfillable_sheet",
                      where + ": sheet " + std::to_string(r.sheet) + " has " + std::to_string(r.available) +
                          " people left after earlier sheets, fewer than its seats");
    }
    PLURALISM_THROW(data_error, "pluralism.jury.no_prediction", where + ": a juror's rating is NaN");
  }
}

inline sweep_result make_result(std::size_t items, std::size_t compositions, const sweep_options& o) {
  sweep_result r;
  r.items = items;
  r.compositions = compositions;
  r.juries = o.juries;
  r.quantile_count = o.quantiles.size();
  const std::size_t pairs = items * compositions;
  r.verdict.resize(pairs);
  r.share.resize(pairs);
  r.quantiles.resize(pairs * r.quantile_count);
  if (o.keep_means) r.means.resize(pairs * o.juries);
  r.reports.resize(pairs);
  return r;
}

}  // namespace detail

/// Results left in device memory, for callers that chain further device work (and for benchmarks that
/// measure the kernels without host copies). Same layout as `sweep_result`.
struct device_sweep_result {
  std::size_t items = 0;
  std::size_t compositions = 0;
  std::uint32_t juries = 0;
  std::size_t quantile_count = 0;
  thrust::device_vector<double> verdict, share, quantiles, means;
  thrust::device_vector<item_report> reports;

  /// Copies everything to the host.
  [[nodiscard]] sweep_result to_host() const {
    sweep_result r;
    r.items = items;
    r.compositions = compositions;
    r.juries = juries;
    r.quantile_count = quantile_count;
    r.verdict.resize(verdict.size());
    r.share.resize(share.size());
    r.quantiles.resize(quantiles.size());
    r.means.resize(means.size());
    r.reports.resize(reports.size());
    // Empty arrays are skipped: Thrust dereferences begin() of the destination even for an empty range.
    const auto copy = [](const auto& from, auto& to) {
      if (!from.empty()) thrust::copy(from.begin(), from.end(), to.begin());
    };
    try {
      copy(verdict, r.verdict);
      copy(share, r.share);
      copy(quantiles, r.quantiles);
      copy(means, r.means);
      copy(reports, r.reports);
    } catch (const thrust::system_error& e) {
      throw device_error("pluralism.device.cuda", std::string("copying sweep results to the host: ") + e.what());
    }
    return r;
  }
};

namespace detail {
/// Both passes over all items in batches; `assignment` (device memory, one composition per item, or null for
/// every composition) has been checked by the caller.
template <class Model>
void sweep_into_impl(const Model& model, std::uint64_t items, const composition_table& comps,
                     const std::uint32_t* assignment, const sweep_options& options, device_sweep_result& out) {
  const std::size_t C = assignment != nullptr ? 1 : comps.size();
  const std::size_t batch = check_options(options, C, items);
  const auto n = static_cast<std::size_t>(items);
  const std::size_t Q = options.quantiles.size();
  out.items = n;
  out.compositions = C;
  out.juries = options.juries;
  out.quantile_count = Q;
  try {
    resize_output(out.verdict, n * C);
    resize_output(out.share, n * C);
    resize_output(out.quantiles, n * C * Q);
    resize_output(out.means, options.keep_means ? n * C * options.juries : 0);
    resize_output(out.reports, n * C);
  } catch (const std::bad_alloc&) {
    throw_out_of_memory("the sweep outputs", n * C * (32 + 8 * Q));
  }
  if (n == 0) return;
  const thrust::device_vector<double> probs = device_copy(options.quantiles, "the quantile probabilities");
  batch_buffers buf(batch, C, options.juries, Q, false);
#if PLURALISM_DEVICE_CUDA
  owned_stream stream;
  const exec_context ctx{stream.get()};
#else
  const exec_context ctx{};
#endif
  for (std::size_t b = 0; b < n; b += batch) {
    const std::size_t count = std::min(batch, n - b);
    const std::size_t p0 = b * C;
    const output_ptrs o{raw(out.verdict) + p0, raw(out.share) + p0, Q == 0 ? nullptr : raw(out.quantiles) + p0 * Q,
                        options.keep_means ? raw(out.means) + p0 * options.juries : nullptr, raw(out.reports) + p0};
    run_batch(ctx, model, options.first_item + b, count, comps, assignment == nullptr ? nullptr : assignment + b,
              options, thrust::raw_pointer_cast(probs.data()), raw(buf.means), o);
  }
#if PLURALISM_DEVICE_CUDA
  check_cuda(cudaStreamSynchronize(ctx.stream), "the sweep kernels");
#endif
  if (options.on_failure == failure_policy::throw_error) {
    std::vector<item_report> reports(out.reports.size());
    thrust::copy(out.reports.begin(), out.reports.end(), reports.begin());
    apply_failure_policy(options, reports, C);
  }
}
}  // namespace detail

/// Convenes J juries of every composition for items [first_item, first_item + items) of a device juror model,
/// leaving the results in device memory (`out` is resized; reuse it across calls to avoid reallocation).
/// Juries of item i: `philox_stream({seed, i, j})` for j in [0, J), through `draw_jury`, the same for every
/// composition (common random numbers). Complexity O(items x compositions x J x (seats^2 + seats log pool)).
/// @param model a `device_juror_model`, called with global item indices and annotators < comps.annotators().
/// @throws precondition_error for invalid options (ids `pluralism.jury.juries`, `.threshold`, `.quantile`,
///   `.items`).
/// @throws data_error with `failure_policy::throw_error` when a jury cannot be drawn or a rating is NaN.
/// @throws device_error when device memory runs out or a CUDA call fails.
template <device_juror_model Model>
void sweep_into(const Model& model, std::uint64_t items, const composition_table& comps, const sweep_options& options,
                device_sweep_result& out) {
  detail::sweep_into_impl(model, items, comps, nullptr, options, out);
}

/// As `sweep_into`, with the results copied to the host.
template <device_juror_model Model>
sweep_result sweep(const Model& model, std::uint64_t items, const composition_table& comps,
                   const sweep_options& options = {}) {
  device_sweep_result d;
  sweep_into(model, items, comps, options, d);
  return d.to_host();
}

/// Conditional juries (DESIGN section 4): item i is judged by composition `assignment[i]` only (the CPU
/// code evaluates the rules from item predicates to compositions; the device convenes). `assignment` holds
/// `items` composition indices in device memory. Results have one column (`compositions == 1`); item i's
/// juries are the same draws as its column in a full sweep.
/// @throws precondition_error `[pluralism.jury.assignment]` when an assignment is not a composition index;
///   otherwise as `sweep_into`.
template <device_juror_model Model>
void sweep_conditional_into(const Model& model, std::uint64_t items, const composition_table& comps,
                            const std::uint32_t* assignment, const sweep_options& options, device_sweep_result& out) {
  PLURALISM_EXPECTS(items == 0 || assignment != nullptr, "pluralism.jury.assignment",
                    "sweep_conditional: assignment is null");
  if (items > 0) {  // checked on the host (4 bytes per item), so the message can name the item
    std::vector<std::uint32_t> host(static_cast<std::size_t>(items));
    try {
      thrust::copy(thrust::device_pointer_cast(assignment),
                   thrust::device_pointer_cast(assignment) + static_cast<std::ptrdiff_t>(items), host.begin());
    } catch (const thrust::system_error& e) {
      throw device_error("pluralism.device.cuda", std::string("reading the assignment: ") + e.what());
    }
    const auto bad = std::find_if(host.begin(), host.end(), [&](std::uint32_t c) { return c >= comps.size(); });
    PLURALISM_EXPECTS(bad == host.end(), "pluralism.jury.assignment",
                      "sweep_conditional: item " + std::to_string(bad - host.begin()) + " is assigned composition " +
                          std::to_string(bad == host.end() ? 0 : *bad) + " of " + std::to_string(comps.size()));
  }
  detail::sweep_into_impl(model, items, comps, assignment, options, out);
}

/// As `sweep_conditional_into`, with the results copied to the host.
template <device_juror_model Model>
sweep_result sweep_conditional(const Model& model, std::uint64_t items, const composition_table& comps,
                               const std::uint32_t* assignment, const sweep_options& options = {}) {
  device_sweep_result d;
  sweep_conditional_into(model, items, comps, assignment, options, d);
  return d.to_host();
}

/// A row-major matrix of predictions (items x annotators), `pitch` elements between rows, in device memory.
template <class T>
struct device_matrix_ref {
  const T* data = nullptr;
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::size_t pitch = 0;
};

/// The same in host memory; a sweep streams it to the device in chunks (page-locked memory lets the copies
/// overlap the kernels on CUDA; ordinary memory works, with less overlap).
template <class T>
struct host_matrix_ref {
  const T* data = nullptr;
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::size_t pitch = 0;
};

namespace detail {
template <class Matrix>
void check_matrix(const Matrix& m, const composition_table& comps) {
  PLURALISM_EXPECTS(m.pitch >= m.cols, "pluralism.device.pitch",
                    "sweep: pitch " + std::to_string(m.pitch) + " is smaller than cols " + std::to_string(m.cols));
  PLURALISM_EXPECTS(m.rows == 0 || m.data != nullptr, "pluralism.device.null_matrix", "sweep: matrix data is null");
  PLURALISM_EXPECTS(comps.annotators() <= m.cols, "pluralism.jury.annotator_range",
                    "sweep: the compositions index " + std::to_string(comps.annotators()) +
                        " annotators but the matrix has " + std::to_string(m.cols) + " columns");
}
}  // namespace detail

/// Sweep over a dense prediction matrix in device memory: row r is item `options.first_item + r`.
/// @throws as `sweep_into`, and precondition_error `[pluralism.device.pitch]` when pitch < cols,
///   `[pluralism.jury.annotator_range]` when the compositions' population is larger than cols.
template <class T>
sweep_result sweep(device_matrix_ref<T> m, const composition_table& comps, const sweep_options& options = {}) {
  detail::check_matrix(m, comps);
  return sweep(dense_predictions<T>{m.data, m.pitch, options.first_item}, m.rows, comps, options);
}

/// Sweep over a dense prediction matrix in host memory, larger than device memory if need be: chunks of
/// `batch_items` rows are copied to the device, two in flight on two streams (CUDA), and summarised as they
/// arrive. Same results as the device-memory sweep. Throws as that one does.
template <class T>
sweep_result sweep(host_matrix_ref<T> m, const composition_table& comps, const sweep_options& options = {}) {
  detail::check_matrix(m, comps);
  const std::size_t C = comps.size();
  std::size_t batch = detail::check_options(options, C, m.rows);
  const std::size_t Q = options.quantiles.size();
  sweep_result result = detail::make_result(m.rows, C, options);
  if (m.rows == 0) return result;
#if PLURALISM_DEVICE_CUDA
  if (options.batch_items == 0) {  // keep the two row buffers within a quarter of the free device memory
    std::size_t free_bytes = 0, total_bytes = 0;
    detail::check_cuda(cudaMemGetInfo(&free_bytes, &total_bytes), "cudaMemGetInfo");
    const std::size_t row_bytes = m.cols * sizeof(T);
    batch = std::max<std::size_t>(1, std::min(batch, free_bytes / 8 / std::max<std::size_t>(row_bytes, 1)));
  }
#endif
  const thrust::device_vector<double> probs = detail::device_copy(options.quantiles, "the quantile probabilities");
  const double* probs_ptr = thrust::raw_pointer_cast(probs.data());
  constexpr int slots = 2;
  std::vector<detail::batch_buffers> buffers;
  std::vector<thrust::device_vector<T>> rows;
  for (int s = 0; s < slots; ++s) {
    buffers.emplace_back(batch, C, options.juries, Q, true);
    rows.push_back(detail::allocate<T>(batch * m.cols, "a chunk of prediction rows"));
  }
#if PLURALISM_DEVICE_CUDA
  detail::owned_stream streams[slots];
#endif
  std::size_t chunk = 0;
  for (std::size_t b = 0; b < m.rows; b += batch, ++chunk) {
    const std::size_t count = std::min(batch, m.rows - b);
    const auto slot = static_cast<std::size_t>(chunk % slots);
    T* dst = detail::raw(rows[slot]);
    const T* src = m.data + b * m.pitch;
#if PLURALISM_DEVICE_CUDA
    const detail::exec_context ctx{streams[slot].get()};
    // Stream order makes this slot's previous chunk finish (its outputs copied out) before it is overwritten.
    detail::check_cuda(cudaMemcpy2DAsync(dst, m.cols * sizeof(T), src, m.pitch * sizeof(T), m.cols * sizeof(T), count,
                                         cudaMemcpyHostToDevice, ctx.stream),
                       "copying prediction rows to the device");
#else
    const detail::exec_context ctx{};
    for (std::size_t r = 0; r < count; ++r) std::copy_n(src + r * m.pitch, m.cols, dst + r * m.cols);
#endif
    const std::uint64_t first = options.first_item + b;
    detail::batch_buffers& buf = buffers[slot];
    const std::size_t p0 = b * C;
    detail::output_ptrs out = buf.outputs();
    out.means = options.keep_means ? result.means.data() + p0 * options.juries : nullptr;
    detail::run_batch(ctx, dense_predictions<T>{dst, m.cols, first}, first, count, comps, nullptr, options, probs_ptr,
                      detail::raw(buf.means), out);
    const std::size_t pairs = count * C;
    detail::copy_out(ctx, out.verdict, pairs, result.verdict.data() + p0, "copying verdicts to the host");
    detail::copy_out(ctx, out.share, pairs, result.share.data() + p0, "copying shares to the host");
    if (Q != 0) detail::copy_out(ctx, out.quantiles, pairs * Q, result.quantiles.data() + p0 * Q, "copying quantiles");
    detail::copy_out(ctx, out.reports, pairs, result.reports.data() + p0, "copying reports to the host");
  }
#if PLURALISM_DEVICE_CUDA
  for (auto& s : streams) detail::check_cuda(cudaStreamSynchronize(s.get()), "the sweep kernels and copies");
#endif
  detail::apply_failure_policy(options, result.reports, C);
  return result;
}

}  // namespace pluralism::device
