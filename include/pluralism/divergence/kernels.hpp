// SPDX-License-Identifier: MIT
#pragma once

/// @file divergence/kernels.hpp
/// @brief Implementation of the divergences on two contiguous double vectors: the ordinal scale of W1, the term
/// of one option and the finish of a sum for each metric, and one kernel per metric (validation and
/// normalisation live in prepare.hpp, the logarithm in logarithm.hpp, the batch's loops over blocks of rows in
/// row_blocks.hpp). Not public API (namespace detail); use divergence/pair.hpp and divergence/batch.hpp.

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "../contract.hpp"
#include "../error.hpp"
#include "logarithm.hpp"
#include "options.hpp"
#include "prepare.hpp"

namespace pluralism::detail {

/// The normal range of double, named so that the branch-free tests below combine plain comparisons (Clang warns
/// on a bitwise & whose operand is a call).
inline constexpr double smallest_normal = std::numeric_limits<double>::min();
inline constexpr double largest_finite = std::numeric_limits<double>::max();

/// scipy's `rel_entr` for x, y >= 0: x log(x / y); 0 when x = 0; +inf when y = 0 < x. Like scipy >= 1.14 it
/// avoids overflow of x / y: when the ratio is not a normal number, x (log x - log y).
inline double rel_entr(double x, double y) noexcept {
  const double r = x / y;
  const bool normal = (r >= smallest_normal) & (r <= largest_finite);
  const double l = log_kernel(select(normal, r, x)) - select(normal, 0.0, log_kernel(y));
  return select(x > 0.0, select(y > 0.0, x * l, inf), 0.0);
}

/// `rel_entr` where x / y is a normal number, 0 or +inf (the same bits, one logarithm instead of two), in the
/// two steps of the batch's two-pass loop (see `js_reduce`): the reduced argument of log(x / y), {f, e} with
/// log(x / y) = e ln 2 + 2 atanh(f) (after both divisions), then the term.
inline std::array<double, 2> kl_reduce(double x, double y) noexcept {
  const double r = x / y;
  const log_parts p = log_reduce(r, r - 1.0);
  return {p.num / p.den, p.e};
}

inline double kl_combine(double x, double y, const std::array<double, 2>& r) noexcept {
  return select(x > 0.0, select(y > 0.0, x * log_finish(r[0], r[1]), inf), 0.0);
}

/// True where `kl_combine(kl_reduce)` differs from `rel_entr`: x, y > 0 with x / y subnormal or infinite.
inline bool rel_entr_needs_split(double x, double y) noexcept {
  const double r = x / y;
  return (x > 0.0) & (y > 0.0) & !((r >= smallest_normal) & (r <= largest_finite));
}

/// The argument reduction of the Jensen-Shannon logarithms, whose u = 2x / (x + y) lies in [0, 2]: u = m 2^e with
/// m in [sqrt(1/2), sqrt(2)) found with integer arithmetic on the bits (adding bits(1) - bits(sqrt(1/2)) moves
/// the binade boundary to sqrt(1/2)), and num / den = (m - 1) / (m + 1), or d / (2 + d) when `near` (e = 0 there).
/// No subnormal scaling: a subnormal u (y < 2^-1022 (x + y), so y log(u) is below 2^-1012 (x + y), far under an
/// ulp of the pair's term, about (x + y) ln 2) gets a finite logarithm in [-710, -708] instead of down to -745.
inline log_parts js_log_reduce(double u, double d, bool near) noexcept {
  const auto bits = std::bit_cast<std::uint64_t>(u);
  const std::uint64_t t = bits + (0x3ff0000000000000ULL - 0x3fe6a09e667f3bcdULL);
  const double e = std::bit_cast<double>((t >> 52) | 0x4330000000000000ULL) - (0x1p52 + 1023.0);
  const double m = std::bit_cast<double>(bits - (t & 0xfff0000000000000ULL) + 0x3ff0000000000000ULL);
  const double num = select(near, d, m - 1.0);  // m - 1 is exact
  return {num, num + 2.0, e};
}

/// The Jensen-Shannon terms of one option, x log(x / m) + y log(y / m) with m = (x + y) / 2, come in two steps,
/// `js_reduce` (the arguments of both logarithms, with both divisions) and `js_combine` (the two series), so that
/// the batch can run each as its own loop over a few hundred options: one loop of both was bound by its long
/// chain of dependent operations; two loops are 1.4x faster.
///
/// `js_reduce` writes the terms with the larger and smaller of x and y, h >= l: h log(1 + a) + l log(1 - a) with
/// a = (h - l) / (x + y) in [0, 1].
/// - log(1 + a), argument in [1, 2], needs no exponent: 2 atanh(a / (2 + a)), or above sqrt 2 (a > sqrt 2 - 1)
///   log 2 + 2 atanh((a - 1) / (a + 3)).
/// - log(1 - a) = log(2l / (x + y)): from a when a < 1/4 (accurate where JS is a difference of nearly equal
///   terms), else by the exponent reduction of `js_log_reduce`, never dividing by an underflowed m (scipy
///   gh-19436 returns inf for [0, 1] vs [5e-324, 1]).
///
/// Two divisions: 1 / (x + y), and one shared by the two atanh arguments, a / b = a d (1 / (b d)) and
/// c / d = c b (1 / (b d)) (about 2 ulp instead of 0.5 in each argument). The result is {fh, eh, fl, el}:
/// log(h / m) = eh ln 2 + 2 atanh(fh), log(l / m) = el ln 2 + 2 atanh(fl). Requires x + y = 0 or in
/// [2^-1000, 2^1020] (`js_pair` scales other inputs first); for x + y = 0 the result is garbage, never used.
inline std::array<double, 4> js_reduce(double x, double y) noexcept {
  const double h = std::max(x, y), l = std::min(x, y);
  const double rs = 1.0 / (x + y);
  const double a = (h - l) * rs;
  const bool near = a < 0.25;
  const bool big = a > 0x1.a827999fcef32p-2;  // sqrt 2 - 1
  const double nh = select(big, (a - 1.0) * 0.5, a), dh = nh + 2.0;
  const log_parts lo = js_log_reduce((l + l) * rs, -a, near);
  const double r = 1.0 / (dh * lo.den);
  return {nh * (lo.den * r), select(big, 1.0, 0.0), lo.num * (dh * r), lo.e};
}

/// The term of (x, y) from the reduction of (x k, y k) for some power of 2 k. A zero side contributes 0 (its
/// logarithm is finite garbage times 0).
inline double js_combine(double x, double y, const std::array<double, 4>& r) noexcept {
  const double lh = log_finish(r[0], r[1]), ll = log_finish(r[2], r[3]);
  const double h = std::max(x, y), l = std::min(x, y);
  // An explicit fused multiply-add where the hardware has one: left to the compiler, the contraction of
  // h lh + l ll differed between the scaled and the in-range instantiations (pair and batch must agree).
#if defined(__FMA__)
  const double sum = std::fma(h, lh, l * ll);
#else
  const double sum = h * lh + l * ll;
#endif
  return select(h > 0.0, sum, 0.0);
}

/// The Jensen-Shannon terms of one option. x and y are first scaled by a power of 2 when x + y would overflow or
/// its reciprocal would (the ratios are unchanged); the batch's fast path skips that where x + y is 0 or in
/// [2^-1000, 2^1020] and calls `js_reduce` and `js_combine` itself (the same bits: the scale is 1).
inline double js_pair(double x, double y) noexcept {
  const double s0 = x + y;
  const double k = select(s0 > 0x1p1020, 0x1p-2, select(s0 < 0x1p-1000, 0x1p900, 1.0));
  return js_combine(x, y, js_reduce(x * k, y * k));
}

/// Where q_k = 0 < p_k (for `zero_policy::error`): throws naming k.
inline void check_support(const double* p, const double* q, std::size_t k, const divergence_site& s) {
  for (std::size_t i = 0; i < k; ++i)
    if (p[i] > 0.0 && q[i] == 0.0)
      PLURALISM_THROW(data_error, "pluralism.divergence.zero_support",
                      site_text(s, "q") + "[" + std::to_string(i) + "] = 0 where p = " + to_text(p[i]) +
                          " > 0: the divergence is infinite (zero_policy::infinite returns inf, ::smooth smooths)");
}

/// The ordinal positions of W1, sorted once per call (a batch shares it across rows).
struct ordinal_scale {
  std::vector<std::size_t> order;  ///< option indices by increasing position; empty = identity
  std::vector<double> gaps;        ///< gaps[j] = position of order[j + 1] - position of order[j]
  double range = 0.0;              ///< max - min position
};

/// @throws precondition_error `[pluralism.divergence.positions]` when positions are given with a size other than
/// k, or are not finite.
inline ordinal_scale make_ordinal_scale(std::span<const double> positions, std::size_t k, const char* fn) {
  ordinal_scale sc;
  if (positions.empty()) {
    sc.range = k == 0 ? 0.0 : static_cast<double>(k - 1);
    return sc;
  }
  PLURALISM_EXPECTS(positions.size() == k, "pluralism.divergence.positions",
                    std::string(fn) + ": " + std::to_string(positions.size()) + " positions for " + std::to_string(k) +
                        " options");
  for (std::size_t i = 0; i < k; ++i)
    PLURALISM_EXPECTS(std::isfinite(positions[i]), "pluralism.divergence.positions",
                      std::string(fn) + ": positions[" + std::to_string(i) + "] = " + to_text(positions[i]) +
                          " is not finite");
  sc.order.resize(k);
  std::iota(sc.order.begin(), sc.order.end(), std::size_t{0});
  std::stable_sort(sc.order.begin(), sc.order.end(),
                   [&](std::size_t a, std::size_t b) { return positions[a] < positions[b]; });
  sc.gaps.resize(k == 0 ? 0 : k - 1);
  for (std::size_t j = 0; j + 1 < k; ++j) sc.gaps[j] = positions[sc.order[j + 1]] - positions[sc.order[j]];
  sc.range = k == 0 ? 0.0 : positions[sc.order.back()] - positions[sc.order.front()];
  return sc;
}

/// W1 = integral |F_p - F_q| over the positions: sum over consecutive sorted positions of |cum p - cum q| x gap,
/// the formula of scipy's `wasserstein_distance(pos, pos, p, q)` on normalised inputs.
inline double wasserstein1_kernel(const double* p, const double* q, std::size_t k, const ordinal_scale& sc) noexcept {
  double cp = 0.0, cq = 0.0, sum = 0.0;
  if (sc.order.empty()) {
    for (std::size_t j = 0; j + 1 < k; ++j) {
      cp += p[j];
      cq += q[j];
      sum += std::abs(cp - cq);
    }
    return sum;
  }
  for (std::size_t j = 0; j + 1 < k; ++j) {
    cp += p[sc.order[j]];
    cq += q[sc.order[j]];
    sum += std::abs(cp - cq) * sc.gaps[j];
  }
  return sum;
}

inline double renyi_kernel(const double* p, const double* q, std::size_t k, double alpha) noexcept {
  if (alpha == 1.0) {
    double s = 0.0;
    for (std::size_t i = 0; i < k; ++i) s += rel_entr(p[i], q[i]);
    return s;
  }
  if (std::isinf(alpha)) {  // D_inf = log max_{p_k > 0} p_k / q_k
    double best = 0.0;
    for (std::size_t i = 0; i < k; ++i)
      if (p[i] > 0.0) best = std::max(best, q[i] > 0.0 ? p[i] / q[i] : inf);
    return std::log(best);
  }
  double s = 0.0;  // sum over p_k > 0 of p^a q^(1-a); q_k = 0 gives 0 for a < 1 and +inf for a > 1
  for (std::size_t i = 0; i < k; ++i) {
    if (!(p[i] > 0.0)) continue;
    if (q[i] > 0.0) s += std::pow(p[i], alpha) * std::pow(q[i], 1.0 - alpha);
    else if (alpha > 1.0) s = inf;
  }
  return std::log(s) / (alpha - 1.0);
}

/// Metrics that are a sum of one term per option followed by a scalar finish: they share `element` and
/// `finish` between the pair path and the flat, vectorised batch path (so both give identical bits).
template <divergence_metric M>
inline constexpr bool elementwise_metric =
    M == divergence_metric::kl || M == divergence_metric::js_divergence || M == divergence_metric::js_distance ||
    M == divergence_metric::similarity || M == divergence_metric::total_variation || M == divergence_metric::hellinger;

/// The term of one option.
template <divergence_metric M>
inline double element(double x, double y) noexcept {
  using enum divergence_metric;
  if constexpr (M == kl) return rel_entr(x, y);
  else if constexpr (M == total_variation) return std::abs(x - y);
  else if constexpr (M == hellinger) {
    // ||sqrt p - sqrt q||_2 / sqrt 2: equal to sqrt(1 - sum sqrt(p q)) for normalised inputs, and, unlike
    // that form, never the square root of a rounding-negative number.
    // The term is the difference; `accumulate` squares it, in the pair and the batch sums alike.
    return std::sqrt(x) - std::sqrt(y);
  } else return js_pair(x, y);
}

/// Adds one option's term to the running sum: the square of the difference for Hellinger, else the term.
/// With FMA hardware the square is added with an explicit fused multiply-add: compilers contract s + d * d at
/// their discretion (GCC did in the pair loop but not in the batch's row sums), which would break the equality
/// of the two paths; without it no compiler fuses.
template <divergence_metric M>
inline double accumulate(double s, double term) noexcept {
  if constexpr (M == divergence_metric::hellinger) {
#if defined(__FMA__)
    return std::fma(term, term, s);
#else
    return s + term * term;
#endif
  } else {
    return s + term;
  }
}

/// The metrics whose finish takes a square root.
template <divergence_metric M>
inline constexpr bool rooted_metric = M == divergence_metric::js_distance || M == divergence_metric::similarity ||
                                      M == divergence_metric::hellinger;

/// The finish of a row's sum comes in three steps so that the batch can run each over a block of rows (the
/// square root with SIMD instructions, `sqrt_rows` in row_blocks.hpp): `finish = after(sqrt(before(s)))` for
/// the metrics that take a square root, `before(s)` for the others.
template <divergence_metric M>
inline double finish_before_root(double s, double divisor) noexcept {
  using enum divergence_metric;
  if constexpr (M == kl) return s / divisor;
  else if constexpr (M == total_variation) return 0.5 * s;
  else if constexpr (M == hellinger) return 0.5 * s;
  else {
    // Each pair of terms is (p+q)(log 2 - H(p/(p+q))) >= 0, so the sum is >= 0 in exact arithmetic even for
    // unnormalised inputs; rounding can make it a tiny negative number, which is clamped to 0 here (scipy
    // gh-20083 returns NaN from the square root instead).
    return std::max(0.0, 0.5 * s / divisor);
  }
}

template <divergence_metric M>
inline double finish_after_root(double r) noexcept {
  if constexpr (M == divergence_metric::similarity) return 1.0 - r;
  else return r;
}

template <divergence_metric M>
inline double finish(double s, double divisor) noexcept {
  const double v = finish_before_root<M>(s, divisor);
  if constexpr (rooted_metric<M>) return finish_after_root<M>(std::sqrt(v));
  else return v;
}

/// The metric on prepared (validated, normalised, smoothed) vectors. `divisor` = log(base).
template <divergence_metric M>
double metric_kernel(const double* p, const double* q, std::size_t k, const divergence_options& o, double divisor,
                     const ordinal_scale& sc) noexcept {
  using enum divergence_metric;
  if constexpr (elementwise_metric<M>) {
    double s = 0.0;
    for (std::size_t i = 0; i < k; ++i) s = accumulate<M>(s, element<M>(p[i], q[i]));
    return finish<M>(s, divisor);
  } else if constexpr (M == chi_square) {
    double s = 0.0;
    for (std::size_t i = 0; i < k; ++i) {
      const double d = p[i] - q[i];
      if (q[i] > 0.0) s += d * d / q[i];
      else if (p[i] > 0.0) s = inf;
    }
    return s;
  } else if constexpr (M == renyi) {
    return renyi_kernel(p, q, k, o.order) / divisor;
  } else if constexpr (M == wasserstein1) {
    return wasserstein1_kernel(p, q, k, sc);
  } else {
    static_assert(M == representativeness);
    const double scale = o.scale == representativeness_scale::option_count
                             ? (k == 0 ? 0.0 : static_cast<double>(k - 1))
                             : sc.range;
    if (!(scale > 0.0)) return quiet_nan;  // the caller turns this into an error unless invalid_policy::nan
    return 1.0 - wasserstein1_kernel(p, q, k, sc) / scale;
  }
}

/// Calls `f(std::integral_constant-like tag)` with the metric as a template argument.
template <class F>
decltype(auto) with_metric(divergence_metric m, F&& f) {
  using enum divergence_metric;
  switch (m) {
    case kl: return f.template operator()<kl>();
    case js_divergence: return f.template operator()<js_divergence>();
    case js_distance: return f.template operator()<js_distance>();
    case total_variation: return f.template operator()<total_variation>();
    case hellinger: return f.template operator()<hellinger>();
    case chi_square: return f.template operator()<chi_square>();
    case renyi: return f.template operator()<renyi>();
    case wasserstein1: return f.template operator()<wasserstein1>();
    case representativeness: return f.template operator()<representativeness>();
    case similarity: return f.template operator()<similarity>();
  }
  return f.template operator()<kl>();
}

/// The metric on prepared vectors, with the support check of `zero_policy::error` and the 0/0 scale of
/// representativeness.
template <divergence_metric M>
double evaluate_prepared(const double* p, const double* q, std::size_t k, const divergence_options& o, double divisor,
                         const ordinal_scale& sc, const divergence_site& s) {
  if constexpr (M == divergence_metric::kl || M == divergence_metric::chi_square || M == divergence_metric::renyi)
    if (o.zeros == zero_policy::error && zero_sensitive(M, o.order)) check_support(p, q, k, s);
  const double r = metric_kernel<M>(p, q, k, o, divisor, sc);
  if constexpr (M == divergence_metric::representativeness)
    if (std::isnan(r) && o.invalid == invalid_policy::error)
      PLURALISM_THROW(data_error, "pluralism.divergence.zero_range",
                      site_text(s, "positions") +
                          ": every position is equal, so the largest W1 is 0 and representativeness is 0/0 "
                          "(invalid_policy::nan returns NaN, as pandas' mean then skips it)");
  return r;
}

/// Everything after the options were checked: prepare p and q (in place), then the kernel.
template <divergence_metric M>
double evaluate_in_place(double* p, double* q, std::size_t k, const divergence_options& o, double divisor,
                         const ordinal_scale& sc, const divergence_site& s) {
  if (!prepare_pair(M, p, q, k, o, s)) return quiet_nan;
  return evaluate_prepared<M>(p, q, k, o, divisor, sc, s);
}

/// True when `evaluate_in_place` would rewrite its inputs (renormalisation or smoothing).
constexpr bool rewrites_inputs(divergence_metric m, const divergence_options& o) noexcept {
  return o.normalize == normalization::renormalize || (o.zeros == zero_policy::smooth && zero_sensitive(m, o.order));
}

/// `evaluate_in_place` for read-only inputs; precondition: !rewrites_inputs(M, o).
template <divergence_metric M>
double evaluate_read_only(const double* p, const double* q, std::size_t k, const divergence_options& o,
                          double divisor, const ordinal_scale& sc, const divergence_site& s) {
  if (!check_entries(p, k, o.invalid, s, "p") || !check_entries(q, k, o.invalid, s, "q")) return quiet_nan;
  if (o.normalize == normalization::require) {
    check_normalized(p, k, o, s, "p");
    check_normalized(q, k, o, s, "q");
  }
  return evaluate_prepared<M>(p, q, k, o, divisor, sc, s);
}

}  // namespace pluralism::detail
