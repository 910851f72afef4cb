// SPDX-License-Identifier: MIT
#pragma once

/// @file divergence/row_blocks.hpp
/// @brief The flat loops of the batch: the terms of a block of rows (two passes for JS and KL), their row sums
/// and the finish of each row, written so that the compiler vectorises them, with the same bits as the pair
/// functions of kernels.hpp. Not public API (namespace detail); use divergence/batch.hpp.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

#include "kernels.hpp"

namespace pluralism::detail {

/// v[i] = sqrt(v[i]) for i < n. GCC does not vectorise std::sqrt under the default -fmath-errno, so on x86 the
/// loop uses the SSE2/AVX square root instructions, which are correctly rounded like std::sqrt (the same bits).
inline void sqrt_rows(double* v, std::size_t n) noexcept {
  // The vector loops run to a precomputed end: GCC 12 warned of undefined behaviour in the scalar tail
  // (-Waggressive-loop-optimizations) when `i + 4 <= n` was inlined with a constant n.
  std::size_t i = 0;
#if defined(__AVX__)
  for (const std::size_t end = n / 4 * 4; i < end; i += 4)
    _mm256_storeu_pd(v + i, _mm256_sqrt_pd(_mm256_loadu_pd(v + i)));
#elif defined(__SSE2__)
  for (const std::size_t end = n / 2 * 2; i < end; i += 2)
    _mm_storeu_pd(v + i, _mm_sqrt_pd(_mm_loadu_pd(v + i)));
#endif
  for (; i < n; ++i) v[i] = std::sqrt(v[i]);
}

/// `finish` over a block of row sums, in place: the same bits as `finish` on each, with the division and the
/// square root of every row in vector loops.
template <divergence_metric M>
inline void finish_rows(double* v, std::size_t n, double divisor) noexcept {
  for (std::size_t i = 0; i < n; ++i) v[i] = finish_before_root<M>(v[i], divisor);
  if constexpr (rooted_metric<M>) {
    sqrt_rows(v, n);
    for (std::size_t i = 0; i < n; ++i) v[i] = finish_after_root<M>(v[i]);
  }
}

/// t[i] = element<hellinger>(p[i], q[i]) for i < n. GCC does not vectorise std::sqrt under the default
/// -fmath-errno, so on x86 the loop uses the SSE2/AVX square root instructions, which are correctly rounded like
/// std::sqrt (the same bits).
inline void hellinger_terms(const double* p, const double* q, double* t, std::size_t n) noexcept {
  std::size_t i = 0;  // precomputed ends, as in `sqrt_rows`
#if defined(__AVX__)
  for (const std::size_t end = n / 4 * 4; i < end; i += 4) {
    const __m256d d = _mm256_sub_pd(_mm256_sqrt_pd(_mm256_loadu_pd(p + i)), _mm256_sqrt_pd(_mm256_loadu_pd(q + i)));
    _mm256_storeu_pd(t + i, d);
  }
#elif defined(__SSE2__)
  for (const std::size_t end = n / 2 * 2; i < end; i += 2) {
    const __m128d d = _mm_sub_pd(_mm_sqrt_pd(_mm_loadu_pd(p + i)), _mm_sqrt_pd(_mm_loadu_pd(q + i)));
    _mm_storeu_pd(t + i, d);
  }
#endif
  for (; i < n; ++i) t[i] = element<divergence_metric::hellinger>(p[i], q[i]);
}

/// The metrics whose batch loop tests each entry once in its hot loop (`needs_general`) and computes the term
/// there: a cheaper form of `element` for JS and KL (`two_pass_terms`, the same bits where the test passes),
/// `element` itself for total variation.
template <divergence_metric M>
inline constexpr bool fast_form_metric = M == divergence_metric::js_divergence || M == divergence_metric::js_distance ||
                                         M == divergence_metric::similarity || M == divergence_metric::kl ||
                                         M == divergence_metric::total_variation;

/// True where the fast form of `element<M>` may not be used: an entry negative, NaN or infinite, or the fast form
/// may differ from `element<M>` (for JS, x + y outside 0 and [2^-1000, 2^1020], where `js_pair` scales; for
/// KL, a ratio x / y that is not normal, `rel_entr_needs_split`). One test per entry in the hot loop; the block
/// is then classified entry by entry.
template <divergence_metric M>
inline bool needs_general(double x, double y) noexcept {
  constexpr double top = std::numeric_limits<double>::max();
  if constexpr (M == divergence_metric::kl || M == divergence_metric::total_variation) {
    const bool valid = (x >= 0.0) & (x <= top) & (y >= 0.0) & (y <= top);
    if constexpr (M == divergence_metric::kl) return !valid | rel_entr_needs_split(x, y);
    else return !valid;
  } else {
    // x, y >= 0 and x + y in range imply both finite; NaN fails the range test.
    const double s = x + y;
    return !((std::min(x, y) >= 0.0) & ((s == 0.0) | ((s >= 0x1p-1000) & (s <= 0x1p1020))));
  }
}


/// The metrics whose fast term the batch computes in two passes (`js_reduce` / `kl_reduce`, then the combine).
template <divergence_metric M>
inline constexpr bool two_pass_metric = M == divergence_metric::js_divergence || M == divergence_metric::js_distance ||
                                        M == divergence_metric::similarity || M == divergence_metric::kl;

/// t[i] = element<M>(p[i], q[i]) for i < n (garbage where `needs_general`; returns whether any is), as two
/// loops per 256 options: the reductions, stored one array per component, then the terms (same bits).
template <divergence_metric M>
std::uint64_t two_pass_terms(const double* p, const double* q, double* t, std::size_t n) noexcept {
  static_assert(two_pass_metric<M>);
  constexpr bool kl = M == divergence_metric::kl;
  constexpr std::size_t step = 256, width = kl ? 2 : 4;
  double reduced[width][step];
  std::uint64_t general = 0;
  for (std::size_t i0 = 0; i0 < n; i0 += step) {
    const std::size_t m = std::min(step, n - i0);
    const double* x = p + i0;
    const double* y = q + i0;
    for (std::size_t i = 0; i < m; ++i) {
      general |= static_cast<std::uint64_t>(needs_general<M>(x[i], y[i]));
      std::array<double, width> r;
      if constexpr (kl) r = kl_reduce(x[i], y[i]);
      else r = js_reduce(x[i], y[i]);
      for (std::size_t c = 0; c < width; ++c) reduced[c][i] = r[c];
    }
    for (std::size_t i = 0; i < m; ++i) {
      std::array<double, width> r;
      for (std::size_t c = 0; c < width; ++c) r[c] = reduced[c][i];
      if constexpr (kl) t[i0 + i] = kl_combine(x[i], y[i], r);
      else t[i0 + i] = js_combine(x[i], y[i], r);
    }
  }
  return general;
}

/// Calls `f(std::integral_constant<std::size_t, K>{})` with K = k for the option counts of usual answer scales
/// (2 to 8) and K = 0 for any other k. A loop over rows of a constant K options is one the compiler unrolls and
/// vectorises across rows: about twice the speed of the same loop over a run-time k.
template <class F>
decltype(auto) with_option_count(std::size_t k, F&& f) {
  switch (k) {
    case 2: return f(std::integral_constant<std::size_t, 2>{});
    case 3: return f(std::integral_constant<std::size_t, 3>{});
    case 4: return f(std::integral_constant<std::size_t, 4>{});
    case 5: return f(std::integral_constant<std::size_t, 5>{});
    case 6: return f(std::integral_constant<std::size_t, 6>{});
    case 7: return f(std::integral_constant<std::size_t, 7>{});
    case 8: return f(std::integral_constant<std::size_t, 8>{});
    default: return f(std::integral_constant<std::size_t, 0>{});
  }
}

/// out[i] = the sum of the k terms of row i, by `accumulate` in option order (the order of `metric_kernel`).
template <divergence_metric M>
void row_sums(const double* t, double* out, std::size_t rows, std::size_t k) noexcept {
  with_option_count(k, [&](auto fixed) {
    const std::size_t n = fixed.value != 0 ? fixed.value : k;
    for (std::size_t i = 0; i < rows; ++i) {
      double s = 0.0;
      for (std::size_t j = 0; j < n; ++j) s = accumulate<M>(s, t[i * n + j]);
      out[i] = s;
    }
  });
}

/// out = each row of x divided by its sum, the sum and the divisions in the order of `apply_normalization`
/// (the same bits). Returns false, with `out` written, when a row's sum is not positive (the caller then takes
/// the per-row path, which reports that row).
inline bool normalized_rows(const double* x, double* out, std::size_t rows, std::size_t k) noexcept {
  return with_option_count(k, [&](auto fixed) {
    const std::size_t n = fixed.value != 0 ? fixed.value : k;
    std::uint64_t empty = 0;
    for (std::size_t i = 0; i < rows; ++i) {  // each row's sum, repeated over its options in out
      double sum = 0.0;
      for (std::size_t j = 0; j < n; ++j) sum += x[i * n + j];
      empty |= static_cast<std::uint64_t>(!(sum > 0.0));
      const double divisor = sum > 0.0 ? sum : 1.0;  // a zero row is reported by the caller: never divide by 0
      for (std::size_t j = 0; j < n; ++j) out[i * n + j] = divisor;
    }
    for (std::size_t i = 0; i < rows * n; ++i) out[i] = x[i] / out[i];  // one flat loop of vector divisions
    return empty == 0;
  });
}

/// Row-wise elementwise metric over dense row-major n x k inputs, used as stored: the terms of a block of rows
/// are computed in flat loops (which the compiler vectorises; two passes for JS and KL, `two_pass_terms`), then
/// summed per row in option order, the same order as `metric_kernel` (so the same bits as the pair functions).
/// For the metrics with a fast form, the first loop also tests, once per entry, whether the entries are valid
/// and the fast form applies (if not, the block is checked entry by entry and redone with `element`). With `renormalize`, each row is first checked and divided by its sum (false on a zero sum).
/// Returns false, leaving `out` partly written, if any entry is negative, NaN or infinite (the caller then
/// takes the per-row path over every row, which reports the bad row).
template <divergence_metric M>
bool elementwise_rows(const double* p, const double* q, std::size_t n, std::size_t k, double* out, double divisor,
                      bool renormalize) {
  static_assert(elementwise_metric<M>);
  constexpr double top = std::numeric_limits<double>::max();
  // Blocks small enough to stay in L2 between the terms and the row sums (one pass over memory).
  constexpr std::size_t block = 1024;
  std::vector<double> terms(block * k), np(renormalize ? block * k : 0), nq(renormalize ? block * k : 0);
  for (std::size_t r0 = 0; r0 < n; r0 += block) {
    const std::size_t rows = std::min(block, n - r0);
    const std::size_t count = rows * k;
    const double* pp = p + r0 * k;
    const double* qq = q + r0 * k;
    double* t = terms.data();
    if (renormalize) {  // check, then divide each row by its sum (false on a zero sum)
      std::uint64_t bad = 0;
      for (std::size_t i = 0; i < count; ++i)
        bad |= static_cast<std::uint64_t>(!((pp[i] >= 0.0) & (pp[i] <= top) & (qq[i] >= 0.0) & (qq[i] <= top)));
      if (bad != 0 || !normalized_rows(pp, np.data(), rows, k) || !normalized_rows(qq, nq.data(), rows, k))
        return false;
      pp = np.data();
      qq = nq.data();
    }
    std::uint64_t bad = 0;
    if constexpr (fast_form_metric<M>) {
      std::uint64_t general = 0;
      if constexpr (two_pass_metric<M>) general = two_pass_terms<M>(pp, qq, t, count);
      else
        for (std::size_t i = 0; i < count; ++i) {  // garbage (finite or NaN) where the check fails, then discarded
          const double x = pp[i], y = qq[i];
          general |= static_cast<std::uint64_t>(needs_general<M>(x, y));
          t[i] = element<M>(x, y);
        }
      if (general != 0) {  // a bad entry, or the general form: tell them apart
        for (std::size_t i = 0; i < count; ++i)
          bad |= static_cast<std::uint64_t>(!((pp[i] >= 0.0) & (pp[i] <= top) & (qq[i] >= 0.0) & (qq[i] <= top)));
        if (bad != 0) return false;  // the caller recomputes every row on the per-row path, which names the bad one
        for (std::size_t i = 0; i < count; ++i) t[i] = element<M>(pp[i], qq[i]);
      }
    } else {
      for (std::size_t i = 0; i < count; ++i)
        bad |= static_cast<std::uint64_t>(!((pp[i] >= 0.0) & (pp[i] <= top) & (qq[i] >= 0.0) & (qq[i] <= top)));
      if (bad != 0) return false;
      if constexpr (M == divergence_metric::hellinger) hellinger_terms(pp, qq, t, count);
      else
        for (std::size_t i = 0; i < count; ++i) t[i] = element<M>(pp[i], qq[i]);
    }
    row_sums<M>(t, out + r0, rows, k);
    finish_rows<M>(out + r0, rows, divisor);
  }
  return true;
}

}  // namespace pluralism::detail
