// SPDX-License-Identifier: MIT
#pragma once

/// @file commensurate/detail/weighted_sum_kernel.hpp
/// @brief Internals of `best_by_weighted_sums`: the one multiply-add every weighted-sum path uses, and the
/// register-blocked scan with the argmax fused into it (a running best per lane).
///
/// Arithmetic policy: a weighted sum is s = 0; s = mul_add(w_j, y_j, s) for j = 0 .. m-1, in that order,
/// in every path (`weighted_sum`, the kernel, tests' references), so equal inputs give bit-equal scores and
/// ties are decided exactly. `mul_add` is a fused multiply-add (`std::fma`) where the target has a fast one
/// (`__FP_FAST_FMA`, e.g. x86-64 with -mfma, AArch64) and a separate multiply then add otherwise: two
/// statements, so no compiler contracts them, and on such targets there is no fused instruction to
/// contract into. Either way the result no longer depends on how -ffp-contract treats one loop or another.
///
/// Kernel: the K x N scores form a (K x m)(m x N) product followed by a row argmax, so it is organised like
/// a GEMM micro-kernel (Goto & van de Geijn 2008): models are packed objective-major in lane groups (4
/// models with AVX, 2 with SSE2/NEON, one per lane), a function's m weights are held in registers as
/// lane-repeated vectors, and each step runs `tile_vectors` lane vectors as independent FMA chains
/// (whole-vector loads, no broadcasts). The argmax is fused: every lane keeps its running best value and
/// model index, updated with a compare and two selects in model order, so each lane holds its first
/// (lowest-index) maximiser; the driver then reduces the lanes (largest value, lowest index on equality).
/// Model blocks of ~16 KiB stay in L1 while every function passes over them. On AVX2 (16 registers) one
/// function per pass is the sweet spot: 8 weight vectors, 2 accumulators, best/index/counter; 2 functions
/// x 2 vectors spilled and ran at half the speed.
///
/// `gnu_lanes` uses GCC/Clang vector extensions (AVX2 with -march=native, SSE2 pairs on baseline x86-64,
/// NEON on AArch64); `scalar_lanes` is the portable fallback for other compilers. Both are compiled where
/// the extension exists and tested against each other and a brute-force reference.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>

namespace pluralism::detail::commensurate {

/// a * b + c, fused where the target has a fast FMA, else rounded twice (see the file comment).
[[nodiscard]] inline double mul_add(double a, double b, double c) noexcept {
#if defined(__FP_FAST_FMA) || defined(FP_FAST_FMA)
  return std::fma(a, b, c);
#else
  const double p = a * b;
  return p + c;
#endif
}

/// Portable lanes: plain arrays, per-lane `mul_add`.
struct scalar_lanes {
  static constexpr std::size_t lanes = 4;  ///< models per vector
  struct value {
    double v[lanes];
  };
  struct index {
    std::int64_t v[lanes];
  };
  static void load(value& x, const double* p) noexcept { std::memcpy(x.v, p, sizeof x.v); }
  static void load(index& x, const std::int64_t* p) noexcept { std::memcpy(x.v, p, sizeof x.v); }
  static void store(double* p, const value& x) noexcept { std::memcpy(p, x.v, sizeof x.v); }
  static void store(std::int64_t* p, const index& x) noexcept { std::memcpy(p, x.v, sizeof x.v); }
  static void zero(value& x) noexcept {
    for (double& e : x.v) e = 0.0;
  }
  /// acc_l = mul_add(w_l, y_l, acc_l)
  static void fma(value& acc, const value& w, const value& y) noexcept {
    for (std::size_t l = 0; l < lanes; ++l) acc.v[l] = mul_add(w.v[l], y.v[l], acc.v[l]);
  }
  /// Where s_l > best_l: best_l = s_l, at_l = i_l (NaN never wins).
  static void update(value& best, index& at, const value& s, const index& i) noexcept {
    for (std::size_t l = 0; l < lanes; ++l)
      if (s.v[l] > best.v[l]) best.v[l] = s.v[l], at.v[l] = i.v[l];
  }
  static void advance(index& i, std::int64_t by) noexcept {
    for (auto& e : i.v) e += by;
  }
};

#if defined(__GNUC__)
/// The vector types, spelled out per width: GCC loses a vector_size that depends on a template parameter.
template <std::size_t W>
struct gnu_vectors;
template <>
struct gnu_vectors<2> {
  typedef double value __attribute__((vector_size(16)));
  typedef std::int64_t index __attribute__((vector_size(16)));
};
template <>
struct gnu_vectors<4> {
  typedef double value __attribute__((vector_size(32)));
  typedef std::int64_t index __attribute__((vector_size(32)));
};

/// Vector-extension lanes, W doubles wide (no intrinsics; GCC and Clang lower them to the target's SIMD).
/// Vectors are passed by reference only: a 32-byte vector by value changes the ABI without AVX (-Wpsabi).
template <std::size_t W>
struct gnu_lanes_of {
  static constexpr std::size_t lanes = W;  ///< models per vector
  using value = typename gnu_vectors<W>::value;
  using index = typename gnu_vectors<W>::index;
  static void load(value& x, const double* p) noexcept { std::memcpy(&x, p, sizeof x); }
  static void load(index& x, const std::int64_t* p) noexcept { std::memcpy(&x, p, sizeof x); }
  static void store(double* p, const value& x) noexcept { std::memcpy(p, &x, sizeof x); }
  static void store(std::int64_t* p, const index& x) noexcept { std::memcpy(p, &x, sizeof x); }
  static void zero(value& x) noexcept { x = value{}; }
  static void fma(value& acc, const value& w, const value& y) noexcept {
#if defined(__FP_FAST_FMA) || defined(FP_FAST_FMA)
    // Per-lane std::fma: exact by definition, and GCC/Clang vectorise it to one vector FMA.
    [&]<std::size_t... L>(std::index_sequence<L...>) {
      acc = value{std::fma(w[L], y[L], acc[L])...};
    }(std::make_index_sequence<W>{});
#else
    const value p = w * y;
    acc = p + acc;
#endif
  }
  static void update(value& best, index& at, const value& s, const index& i) noexcept {
    const index gt = s > best;  // all ones where s > best; false for NaN
    best = gt ? s : best;
    at = gt ? i : at;
  }
  static void advance(index& i, std::int64_t by) noexcept {
    [&]<std::size_t... L>(std::index_sequence<L...>) {
      i += index{((void)L, by)...};
    }
    (std::make_index_sequence<W>{});
  }
};
/// AVX and wider: 4 doubles (one ymm register); otherwise 2 (SSE2, NEON): with 4 the 8 weight vectors alone
/// would take all 16 xmm registers and the kernel spills.
#if defined(__AVX__)
using gnu_lanes = gnu_lanes_of<4>;
#else
using gnu_lanes = gnu_lanes_of<2>;
#endif
using default_lanes = gnu_lanes;
#else
using default_lanes = scalar_lanes;
#endif

#if defined(__clang__)
#define PLURALISM_DETAIL_UNROLL _Pragma("unroll")
#elif defined(__GNUC__)
#define PLURALISM_DETAIL_UNROLL _Pragma("GCC unroll 16")
#else
#define PLURALISM_DETAIL_UNROLL
#endif

/// Functions per pass and lane vectors (of `lanes` models) per step (see the file comment for the choice).
inline constexpr std::size_t group_functions = 1;
inline constexpr std::size_t tile_vectors = 2;

/// Runs the packed lane groups of one model block (model numbers start at `first`) through one group of F
/// functions (`w`: F x m weights, each repeated in every lane: w[((f * m) + j) * lanes + l]) and updates the
/// group's running best values and indices (F x lanes each). M > 0 fixes m at compile time.
template <class Lanes, std::size_t F, std::size_t M>
void scan_group(const double* q, std::size_t nvec, std::size_t m, std::int64_t first, const double* w,
                double* best, std::int64_t* at) noexcept {
  using value = typename Lanes::value;
  using index = typename Lanes::index;
  constexpr std::size_t lanes = Lanes::lanes;
  const std::size_t mm = M > 0 ? M : m;
  value b[F];
  index ix[F];
  for (std::size_t f = 0; f < F; ++f) Lanes::load(b[f], best + f * lanes), Lanes::load(ix[f], at + f * lanes);
  index cur;
  {
    std::int64_t iota[lanes];
    for (std::size_t l = 0; l < lanes; ++l) iota[l] = first + static_cast<std::int64_t>(l);
    Lanes::load(cur, iota);
  }
  constexpr std::size_t T = tile_vectors;
  std::size_t t = 0;
  // T lane vectors at a time: F x T independent FMA chains; each lane sees its models in increasing order.
  for (; t + T <= nvec; t += T) {
    const double* p = q + t * mm * lanes;
    value a[F][T];
    for (std::size_t f = 0; f < F; ++f)
      for (std::size_t u = 0; u < T; ++u) Lanes::zero(a[f][u]);
    PLURALISM_DETAIL_UNROLL
    for (std::size_t j = 0; j < mm; ++j) {
      value yv[T];
      for (std::size_t u = 0; u < T; ++u) Lanes::load(yv[u], p + (u * mm + j) * lanes);
      for (std::size_t f = 0; f < F; ++f) {
        value wv;
        Lanes::load(wv, w + (f * mm + j) * lanes);
        for (std::size_t u = 0; u < T; ++u) Lanes::fma(a[f][u], wv, yv[u]);
      }
    }
    for (std::size_t u = 0; u < T; ++u) {
      for (std::size_t f = 0; f < F; ++f) Lanes::update(b[f], ix[f], a[f][u], cur);
      Lanes::advance(cur, static_cast<std::int64_t>(lanes));
    }
  }
  for (; t < nvec; ++t) {
    const double* p = q + t * mm * lanes;
    value a[F];
    for (std::size_t f = 0; f < F; ++f) Lanes::zero(a[f]);
    for (std::size_t j = 0; j < mm; ++j) {
      value yv;
      Lanes::load(yv, p + j * lanes);
      for (std::size_t f = 0; f < F; ++f) {
        value wv;
        Lanes::load(wv, w + (f * mm + j) * lanes);
        Lanes::fma(a[f], wv, yv);
      }
    }
    for (std::size_t f = 0; f < F; ++f) Lanes::update(b[f], ix[f], a[f], cur);
    Lanes::advance(cur, static_cast<std::int64_t>(lanes));
  }
  for (std::size_t f = 0; f < F; ++f)
    Lanes::store(best + f * lanes, b[f]), Lanes::store(at + f * lanes, ix[f]);
}

/// One packed model block through every function group; m = 1..8 run fully unrolled kernels.
template <class Lanes>
void scan_all_groups(const double* q, std::size_t nvec, std::size_t m, std::int64_t first, const double* w,
                     std::size_t groups, double* best, std::int64_t* at) noexcept {
  constexpr std::size_t F = group_functions, lanes = Lanes::lanes;
  auto run = [&](auto fixed) {
    constexpr std::size_t M = decltype(fixed)::value;
    for (std::size_t g = 0; g < groups; ++g)
      scan_group<Lanes, F, M>(q, nvec, m, first, w + g * F * m * lanes, best + g * F * lanes,
                              at + g * F * lanes);
  };
  switch (m) {
    case 1: run(std::integral_constant<std::size_t, 1>{}); break;
    case 2: run(std::integral_constant<std::size_t, 2>{}); break;
    case 3: run(std::integral_constant<std::size_t, 3>{}); break;
    case 4: run(std::integral_constant<std::size_t, 4>{}); break;
    case 5: run(std::integral_constant<std::size_t, 5>{}); break;
    case 6: run(std::integral_constant<std::size_t, 6>{}); break;
    case 7: run(std::integral_constant<std::size_t, 7>{}); break;
    case 8: run(std::integral_constant<std::size_t, 8>{}); break;
    default: run(std::integral_constant<std::size_t, 0>{}); break;
  }
}

}  // namespace pluralism::detail::commensurate
