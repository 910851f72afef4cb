// SPDX-License-Identifier: MIT
#pragma once

/// @file random.hpp
/// @brief Counter-based randomness: Philox4x32-10, exactly unbiased bounded integers, uniform reals in
/// [0, 1), and k-of-m sampling without replacement by Floyd's algorithm.
///
/// The randomness contract (DESIGN section 3): the k-th random word for jury `j` of item `i` under seed `s`
/// is a pure function of `(s, i, j, k)`. `random_word(s, i, j, k)` computes it directly; `philox_stream`
/// walks the words of one `(s, i, j)` in order. Everything here is `PLURALISM_HD`, so the CPU code is the
/// GPU code, and results do not depend on threads, chunking or back end.
///
/// Reference: J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw, "Parallel random numbers: as easy as
/// 1, 2, 3", SC11. Bounded integers: D. Lemire, "Fast random integer generation in an interval", ACM TOMACS
/// 2019 (multiply-shift with rejection, exactly unbiased). Floyd: J. Bentley, R. Floyd, "Programming pearls:
/// a sample of brilliance", CACM 1987.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "config.hpp"
#include "contract.hpp"

// The host's batched Philox (`philox_fill`) has an AVX2 version, chosen at run time, where GCC or Clang
// compiles for x86 (not in device passes).
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(__CUDACC__) && !defined(__NVCOMPILER)
#define PLURALISM_PHILOX_AVX2 1
#include <immintrin.h>
#else
#define PLURALISM_PHILOX_AVX2 0
#endif

namespace pluralism {

/// 128-bit Philox counter (four 32-bit words, word 0 least significant).
struct philox_counter {
  std::uint32_t w[4];
};
/// 64-bit Philox key.
struct philox_key {
  std::uint32_t w[2];
};

namespace detail {
inline constexpr std::uint32_t philox_m0 = 0xD2511F53u;
inline constexpr std::uint32_t philox_m1 = 0xCD9E8D57u;
inline constexpr std::uint32_t philox_w0 = 0x9E3779B9u;  // golden ratio
inline constexpr std::uint32_t philox_w1 = 0xBB67AE85u;  // sqrt(3) - 1

PLURALISM_HD constexpr philox_counter philox_round(philox_counter c, philox_key k) noexcept {
  const std::uint64_t p0 = static_cast<std::uint64_t>(philox_m0) * c.w[0];
  const std::uint64_t p1 = static_cast<std::uint64_t>(philox_m1) * c.w[2];
  const auto hi0 = static_cast<std::uint32_t>(p0 >> 32), lo0 = static_cast<std::uint32_t>(p0);
  const auto hi1 = static_cast<std::uint32_t>(p1 >> 32), lo1 = static_cast<std::uint32_t>(p1);
  return philox_counter{{hi1 ^ c.w[1] ^ k.w[0], lo1, hi0 ^ c.w[3] ^ k.w[1], lo0}};
}
}  // namespace detail

/// The Philox4x32 bijection with 10 rounds (Random123's `philox4x32_10`): 4 random words per counter.
PLURALISM_HD constexpr philox_counter philox4x32_10(philox_counter counter, philox_key key) noexcept {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key.w[0] += detail::philox_w0;
      key.w[1] += detail::philox_w1;
    }
    counter = detail::philox_round(counter, key);
  }
  return counter;
}

/// Where a random word lives: seed, item and jury; the draw index `k` walks along it.
struct stream_address {
  std::uint64_t seed = 0;
  std::uint64_t item = 0;
  std::uint32_t jury = 0;
};

/// The k-th random word of stream (seed, item, jury): key = seed, counter = (k / 4, jury, item),
/// lane k % 4. A pure function, so any draw of any jury can be recomputed on its own.
PLURALISM_HD constexpr std::uint32_t random_word(stream_address a, std::uint32_t k) noexcept {
  const philox_key key{{static_cast<std::uint32_t>(a.seed), static_cast<std::uint32_t>(a.seed >> 32)}};
  const philox_counter ctr{{k / 4u, a.jury, static_cast<std::uint32_t>(a.item), static_cast<std::uint32_t>(a.item >> 32)}};
  return philox4x32_10(ctr, key).w[k % 4u];
}

/// The words of one (seed, item, jury) stream in draw order; computes one Philox block per four words.
/// Satisfies the requirements of a 32-bit uniform random bit generator, so it also works with <random>.
class philox_stream {
 public:
  using result_type = std::uint32_t;

  PLURALISM_HD constexpr explicit philox_stream(stream_address address, std::uint32_t first_draw = 0) noexcept
      : key_{{static_cast<std::uint32_t>(address.seed), static_cast<std::uint32_t>(address.seed >> 32)}},
        ctr_{{first_draw / 4u, address.jury, static_cast<std::uint32_t>(address.item),
              static_cast<std::uint32_t>(address.item >> 32)}},
        draw_(first_draw) {
    if (draw_ % 4u != 0) block_ = philox4x32_10(ctr_, key_);
  }

  /// The next random word; equal to `random_word(address, draws())` before the call.
  PLURALISM_HD constexpr result_type operator()() noexcept {
    const std::uint32_t lane = draw_ % 4u;
    if (lane == 0) {
      ctr_.w[0] = draw_ / 4u;
      block_ = philox4x32_10(ctr_, key_);
    }
    ++draw_;
    return block_.w[lane];
  }
  /// How many words have been drawn (the index of the next one).
  [[nodiscard]] PLURALISM_HD constexpr std::uint32_t draws() const noexcept { return draw_; }

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return 0xFFFFFFFFu; }

 private:
  philox_key key_;
  philox_counter ctr_;
  philox_counter block_{};
  std::uint32_t draw_;
};

namespace detail {
/// The round keys of `philox4x32_10` for a seed.
struct philox_round_keys {
  std::uint32_t k0[10], k1[10];
  explicit philox_round_keys(std::uint64_t seed) noexcept {
    k0[0] = static_cast<std::uint32_t>(seed);
    k1[0] = static_cast<std::uint32_t>(seed >> 32);
    for (int r = 1; r < 10; ++r) {
      k0[r] = k0[r - 1] + philox_w0;
      k1[r] = k1[r - 1] + philox_w1;
    }
  }
};

/// `philox_fill` for juries j in [begin, count), portable: one jury per lane of an 8-lane loop that compilers
/// vectorise (the rounds unroll inside).
inline void philox_fill_lanes(stream_address first, std::uint32_t begin, std::uint32_t count, std::uint32_t blocks,
                              std::uint32_t* out) noexcept {
  constexpr std::uint32_t lanes = 8;
  const philox_round_keys key(first.seed);
  const auto i0 = static_cast<std::uint32_t>(first.item), i1 = static_cast<std::uint32_t>(first.item >> 32);
  for (std::uint32_t j0 = begin; j0 < count; j0 += (count - j0 < lanes ? count - j0 : lanes)) {  // no wrap
    const std::uint32_t width = count - j0 < lanes ? count - j0 : lanes;
    for (std::uint32_t b = 0; b < blocks; ++b) {
      std::uint32_t w[4][lanes];
      for (std::uint32_t l = 0; l < lanes; ++l) {
        std::uint32_t c0 = b, c1 = first.jury + j0 + l, c2 = i0, c3 = i1;
        for (int r = 0; r < 10; ++r) {  // philox_round
          const std::uint64_t p0 = static_cast<std::uint64_t>(philox_m0) * c0;
          const std::uint64_t p1 = static_cast<std::uint64_t>(philox_m1) * c2;
          c0 = static_cast<std::uint32_t>(p1 >> 32) ^ c1 ^ key.k0[r];
          c2 = static_cast<std::uint32_t>(p0 >> 32) ^ c3 ^ key.k1[r];
          c1 = static_cast<std::uint32_t>(p1);
          c3 = static_cast<std::uint32_t>(p0);
        }
        w[0][l] = c0;
        w[1][l] = c1;
        w[2][l] = c2;
        w[3][l] = c3;
      }
      for (std::uint32_t k = 0; k < 4; ++k) {
        std::uint32_t* o = out + static_cast<std::size_t>(4 * b + k) * count + j0;
        if (width == lanes)  // a fixed count, so that the copy is one vector store and not a library call
          for (std::uint32_t l = 0; l < lanes; ++l) o[l] = w[k][l];
        else
          for (std::uint32_t l = 0; l < width; ++l) o[l] = w[k][l];
      }
    }
  }
}

#if PLURALISM_PHILOX_AVX2
/// 32 x 32 -> 64-bit products of eight lanes, split into high and low halves.
__attribute__((target("avx2"))) inline void philox_mul_avx2(__m256i a, __m256i m, __m256i& hi, __m256i& lo) noexcept {
  const __m256i even = _mm256_mul_epu32(a, m);                       // lanes 0, 2, 4, 6
  const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), m);  // lanes 1, 3, 5, 7
  lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

/// `philox_fill` for the first count - count % 8 juries, eight per AVX2 vector (about twice the speed of
/// the compiler's vectorisation of `philox_fill_lanes`). Returns how many juries it filled.
__attribute__((target("avx2"))) inline std::uint32_t philox_fill_avx2(stream_address first, std::uint32_t count,
                                                                      std::uint32_t blocks, std::uint32_t* out) noexcept {
  const philox_round_keys key(first.seed);
  const auto as_int = [](std::uint32_t x) { return static_cast<int>(x); };
  const __m256i m0 = _mm256_set1_epi32(as_int(philox_m0)), m1 = _mm256_set1_epi32(as_int(philox_m1));
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  const __m256i i0 = _mm256_set1_epi32(as_int(static_cast<std::uint32_t>(first.item)));
  const __m256i i1 = _mm256_set1_epi32(as_int(static_cast<std::uint32_t>(first.item >> 32)));
  const std::uint32_t done = count - count % 8;
  for (std::uint32_t j0 = 0; j0 < done; j0 += 8) {
    const __m256i jury = _mm256_add_epi32(_mm256_set1_epi32(as_int(first.jury + j0)), lane);
    for (std::uint32_t b = 0; b < blocks; ++b) {
      __m256i c0 = _mm256_set1_epi32(as_int(b)), c1 = jury, c2 = i0, c3 = i1;
      for (int r = 0; r < 10; ++r) {
        __m256i hi0, lo0, hi1, lo1;
        philox_mul_avx2(c0, m0, hi0, lo0);
        philox_mul_avx2(c2, m1, hi1, lo1);
        c0 = _mm256_xor_si256(_mm256_xor_si256(hi1, c1), _mm256_set1_epi32(as_int(key.k0[r])));
        c2 = _mm256_xor_si256(_mm256_xor_si256(hi0, c3), _mm256_set1_epi32(as_int(key.k1[r])));
        c1 = lo1;
        c3 = lo0;
      }
      const __m256i words[4] = {c0, c1, c2, c3};
      for (std::uint32_t k = 0; k < 4; ++k)
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + static_cast<std::size_t>(4 * b + k) * count + j0), words[k]);
    }
  }
  return done;
}
#endif
}  // namespace detail

/// The first `blocks` Philox blocks of the streams (seed, item, first.jury + j) for j < count, word-major:
/// out[k * count + j] = random_word({seed, item, first.jury + j}, k) for k < 4 blocks. The same words as
/// `philox_stream`, computed many juries at a time (one jury per vector lane: AVX2 when the processor has
/// it, else a loop the compiler vectorises); word-major, so that the juries' k-th words are contiguous for
/// the batched draw (`jury/draw_batch.hpp`). Host only: a GPU thread draws its own jury.
inline void philox_fill(stream_address first, std::uint32_t count, std::uint32_t blocks, std::uint32_t* out) noexcept {
  std::uint32_t done = 0;
#if PLURALISM_PHILOX_AVX2
  if (__builtin_cpu_supports("avx2")) done = detail::philox_fill_avx2(first, count, blocks, out);
#endif
  detail::philox_fill_lanes(first, done, count, blocks, out);
}

/// A uniform integer in [0, range), exactly unbiased: Lemire's multiply-shift with rejection. Draws one
/// word, and another only with probability (2^32 mod range) / 2^32. Precondition: range > 0.
template <class Stream>
PLURALISM_HD constexpr std::uint32_t bounded(Stream& stream, std::uint32_t range) noexcept {
  std::uint64_t m = static_cast<std::uint64_t>(stream()) * range;
  auto low = static_cast<std::uint32_t>(m);
  if (low < range) {
    const std::uint32_t threshold = (0u - range) % range;  // 2^32 mod range
    while (low < threshold) {
      m = static_cast<std::uint64_t>(stream()) * range;
      low = static_cast<std::uint32_t>(m);
    }
  }
  return static_cast<std::uint32_t>(m >> 32);
}

/// A uniform double in [0, 1) with 53 random bits (two words: the first gives the high bits).
template <class Stream>
PLURALISM_HD constexpr double uniform_double(Stream& stream) noexcept {
  const std::uint64_t hi = stream(), lo = stream();
  return static_cast<double>(((hi << 32) | lo) >> 11) * 0x1.0p-53;
}

/// A uniform float in [0, 1) with 24 random bits (one word).
template <class Stream>
PLURALISM_HD constexpr float uniform_float(Stream& stream) noexcept {
  return static_cast<float>(stream() >> 8) * 0x1.0p-24f;
}

/// Floyd's algorithm: writes k distinct values drawn uniformly from [0, m) into out[0..k), using exactly
/// k calls of `bounded` (so about k words) and O(k^2) comparisons; every k-subset is equally likely. The
/// order of `out` is the draw order (not sorted). Preconditions (unchecked here, checked by
/// `sample_without_replacement`): k <= m, `out` holds k values. `map` turns a position into the value
/// stored, and must be injective; the jury sampler uses it to skip people already seated.
template <class Stream, class Map>
PLURALISM_HD constexpr void floyd_sample(Stream& stream, std::uint32_t m, std::uint32_t k, std::uint32_t* out,
                                         Map map) noexcept {
  std::uint32_t n = 0;
  for (std::uint32_t j = m - k; j < m; ++j) {
    const std::uint32_t t = map(bounded(stream, j + 1u));
    bool seen = false;
    for (std::uint32_t i = 0; i < n; ++i) seen |= out[i] == t;  // no early exit: n is small, branches cost more
    out[n++] = seen ? map(j) : t;
  }
}

/// Floyd's algorithm on plain positions 0..m-1.
template <class Stream>
PLURALISM_HD constexpr void floyd_sample(Stream& stream, std::uint32_t m, std::uint32_t k, std::uint32_t* out) noexcept {
  floyd_sample(stream, m, k, out, [](std::uint32_t x) { return x; });
}

/// k distinct values from [0, m), uniformly, in draw order (Floyd's algorithm).
/// @throws precondition_error `[pluralism.random.k_exceeds_m]` when k > m.
template <class Stream>
std::vector<std::uint32_t> sample_without_replacement(Stream& stream, std::uint32_t m, std::uint32_t k) {
  PLURALISM_EXPECTS(k <= m, "pluralism.random.k_exceeds_m",
                    "sample_without_replacement: k = " + std::to_string(k) + " exceeds m = " + std::to_string(m));
  std::vector<std::uint32_t> out(k);
  floyd_sample(stream, m, k, out.data());
  return out;
}

/// A uniform integer in [0, range) on the host, with the precondition checked.
/// @throws precondition_error `[pluralism.random.empty_range]` when range == 0.
template <class Stream>
std::uint32_t uniform_index(Stream& stream, std::uint32_t range) {
  PLURALISM_EXPECTS(range > 0, "pluralism.random.empty_range", "uniform_index: range must be positive, got 0");
  return bounded(stream, range);
}

}  // namespace pluralism
