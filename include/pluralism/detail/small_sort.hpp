// SPDX-License-Identifier: MIT
#pragma once

/// @file detail/small_sort.hpp
/// @brief `small_sort`: sorts up to 1024 doubles without data-dependent branches. Not public API.
///
/// Why: the jury summaries sort the J jury means of every item (J = 101 by default), and std::sort of ~100
/// doubles spends most of its time in branch mispredictions (about 600 per item, measured with
/// valgrind --branch-sim; about 3.3 us of the 11.6 us an item takes). Here the only branches are loop
/// counters (about 5x faster for 101 doubles, bench/RESULTS.md "W2 with a branch-free sort"):
///  1. the input is copied with -0.0 made +0.0 (put back at the end: the network sees them equal, the keys
///     below do not) and padded with +inf to a power of two, in groups of 16 vectors (2 lanes with SSE2, 4
///     with AVX, 1 on other targets); Batcher's odd-even merge sort network on 16 inputs (K. E. Batcher, Sorting
///     networks and their applications, AFIPS 1968) sorts every lane as a column of 16, with vector min/max;
///  2. the columns become runs of 16 order-preserving 64-bit integer keys (negative values bit-flipped, the
///     others with the sign bit set);
///  3. runs are merged pairwise, each merge from both ends at once (the stable merge's front and back halves
///     are independent), one counter per end, min/max for the value: four or more dependency chains in
///     flight per pass.
/// Larger inputs go to std::sort. The result has exactly the values of std::sort; equal values may be in a
/// different order (-0.0 lands before +0.0), but always the same order for the same input.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#if defined(__GNUC__) && !defined(PLURALISM_SMALL_SORT_PORTABLE) && (defined(__SSE2__) || defined(__AVX__))
#include <immintrin.h>
#endif

namespace pluralism::detail {

/// Inputs longer than this go to std::sort (the merge buffers live on the stack: 2 x 8 KiB).
inline constexpr std::size_t small_sort_max = 1024;

// GCC and Clang vector extensions on x86: SSE2 2 lanes, AVX 4 lanes, with the min/max instructions; plain
// doubles elsewhere (or with PLURALISM_SMALL_SORT_PORTABLE defined, which the tests use to check that path).
#if defined(__GNUC__) && !defined(PLURALISM_SMALL_SORT_PORTABLE) && (defined(__SSE2__) || defined(__AVX__))
#define PLURALISM_SMALL_SORT_SIMD 1
#if defined(__AVX__)
inline constexpr std::size_t small_sort_lanes = 4;
#else
inline constexpr std::size_t small_sort_lanes = 2;
#endif
typedef double small_sort_vector __attribute__((vector_size(small_sort_lanes * sizeof(double))));
#else
inline constexpr std::size_t small_sort_lanes = 1;
using small_sort_vector = double;
#endif

/// Compare-exchange of a sorting network, lane by lane: a := min, b := max, always a permutation of the two
/// (on ties, including -0.0 against +0.0, the two swap; no value is duplicated). Scalars or vectors.
template <class T>
inline void compare_exchange(T& a, T& b) noexcept {
  const T x = a, y = b;
  a = x < y ? x : y;
  b = x < y ? y : x;
}

#if defined(PLURALISM_SMALL_SORT_SIMD)
/// The vector one with the min/max instructions (GCC compiles the ternaries above to compare-and-blend).
/// min and max both return their second operand on ties, so this is a permutation only where equal values
/// have equal bits: small_sort's inputs, which have no NaN and no -0.0 (made +0.0 first).
inline void compare_exchange(small_sort_vector& a, small_sort_vector& b) noexcept {
#if defined(__AVX__)
  const small_sort_vector x = a;
  a = _mm256_min_pd(x, b);
  b = _mm256_max_pd(x, b);
#else
  const small_sort_vector x = a;
  a = _mm_min_pd(x, b);
  b = _mm_max_pd(x, b);
#endif
}
#endif

/// Batcher's odd-even merge sort network on 16 inputs: 63 comparators, depth 10 (checked exhaustively on
/// all 2^16 zero-one inputs by the unit test, which by the zero-one principle proves it sorts).
template <class T>
inline void sort16_network(T* v) noexcept {
  compare_exchange(v[0], v[1]), compare_exchange(v[2], v[3]), compare_exchange(v[4], v[5]);
  compare_exchange(v[6], v[7]), compare_exchange(v[8], v[9]), compare_exchange(v[10], v[11]);
  compare_exchange(v[12], v[13]), compare_exchange(v[14], v[15]);
  compare_exchange(v[0], v[2]), compare_exchange(v[1], v[3]), compare_exchange(v[4], v[6]);
  compare_exchange(v[5], v[7]), compare_exchange(v[8], v[10]), compare_exchange(v[9], v[11]);
  compare_exchange(v[12], v[14]), compare_exchange(v[13], v[15]);
  compare_exchange(v[1], v[2]), compare_exchange(v[5], v[6]), compare_exchange(v[9], v[10]);
  compare_exchange(v[13], v[14]);
  compare_exchange(v[0], v[4]), compare_exchange(v[1], v[5]), compare_exchange(v[2], v[6]);
  compare_exchange(v[3], v[7]), compare_exchange(v[8], v[12]), compare_exchange(v[9], v[13]);
  compare_exchange(v[10], v[14]), compare_exchange(v[11], v[15]);
  compare_exchange(v[2], v[4]), compare_exchange(v[3], v[5]), compare_exchange(v[10], v[12]);
  compare_exchange(v[11], v[13]);
  compare_exchange(v[1], v[2]), compare_exchange(v[3], v[4]), compare_exchange(v[5], v[6]);
  compare_exchange(v[9], v[10]), compare_exchange(v[11], v[12]), compare_exchange(v[13], v[14]);
  compare_exchange(v[0], v[8]), compare_exchange(v[1], v[9]), compare_exchange(v[2], v[10]);
  compare_exchange(v[3], v[11]), compare_exchange(v[4], v[12]), compare_exchange(v[5], v[13]);
  compare_exchange(v[6], v[14]), compare_exchange(v[7], v[15]);
  compare_exchange(v[4], v[8]), compare_exchange(v[5], v[9]), compare_exchange(v[6], v[10]);
  compare_exchange(v[7], v[11]);
  compare_exchange(v[2], v[4]), compare_exchange(v[3], v[5]), compare_exchange(v[6], v[8]);
  compare_exchange(v[7], v[9]), compare_exchange(v[10], v[12]), compare_exchange(v[11], v[13]);
  compare_exchange(v[1], v[2]), compare_exchange(v[3], v[4]), compare_exchange(v[5], v[6]);
  compare_exchange(v[7], v[8]), compare_exchange(v[9], v[10]), compare_exchange(v[11], v[12]);
  compare_exchange(v[13], v[14]);
}

/// Order-preserving key of a double (not NaN): negative values have all bits flipped, others the sign bit.
/// -0.0 gets the key just below +0.0's.
inline std::uint64_t sort_key(double x) noexcept {
  const auto u = std::bit_cast<std::uint64_t>(x);
  return u ^ ((std::uint64_t{0} - (u >> 63)) | (std::uint64_t{1} << 63));  // logical shifts: vectorisable
}

/// Inverse of `sort_key`.
inline double from_sort_key(std::uint64_t k) noexcept {
  return std::bit_cast<double>(k ^ (((k >> 63) - 1) | (std::uint64_t{1} << 63)));
}

/// `Merges` stable merges at once of adjacent sorted runs of length `Len`: run 2m and 2m + 1 of src into
/// dst's run of 2 * Len at the same place. Each merge is produced from both ends at once: the front takes the
/// smaller head (the first run's on ties), the back the larger tail (the second run's on ties), `Len` steps
/// each. Each end follows the stable merge exactly, so together they write every element once, and in `Len`
/// steps neither end reads past its runs. Each end has one counter (elements taken from the second run at
/// the front, from the first run at the back); the value written is a min or max (equal keys are equal
/// bits), so a step is two loads, a compare, a conditional move and an add: no branch, and 2 * Merges
/// independent dependency chains in flight.
template <std::size_t Len, std::size_t Merges>
inline void merge_runs(const std::uint64_t* src, std::uint64_t* dst) noexcept {
  std::size_t front_b[Merges] = {}, back_a[Merges] = {};
  for (std::size_t k = 0; k < Len; ++k) {
    for (std::size_t m = 0; m < Merges; ++m) {
      const std::uint64_t* a = src + m * 2 * Len;
      const std::uint64_t* b = a + Len;
      std::uint64_t* out = dst + m * 2 * Len;
      const std::uint64_t x = a[k - front_b[m]], y = b[front_b[m]];
      out[k] = std::min(x, y);
      front_b[m] += static_cast<std::size_t>(y < x);
      const std::uint64_t xe = a[Len - 1 - back_a[m]], ye = b[Len - 1 - (k - back_a[m])];
      out[2 * Len - 1 - k] = std::max(xe, ye);
      back_a[m] += static_cast<std::size_t>(ye < xe);
    }
  }
}

/// The number of elements of `a` among the first p outputs of the stable merge of runs a and b of length
/// Len (a's first on ties): a binary search with conditional moves.
template <std::size_t Len>
inline std::size_t merge_co_rank(const std::uint64_t* a, const std::uint64_t* b, std::size_t p) noexcept {
  std::size_t lo = p > Len ? p - Len : 0, hi = p < Len ? p : Len;
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    const bool a_first = a[mid] <= b[p - 1 - mid];  // a[mid] is output before b[p - 1 - mid]
    lo = a_first ? mid + 1 : lo;
    hi = a_first ? hi : mid;
  }
  return lo;
}

/// One merge as `merge_runs`, but from four places: both ends, and both ways from the middle (a front end
/// may start anywhere in the first half of the output, a back end anywhere in the second, and still never
/// reads past its runs), so a pass with a single merge also has four chains in flight.
template <std::size_t Len>
inline void merge_runs_split(const std::uint64_t* src, std::uint64_t* dst) noexcept {
  static_assert(Len % 2 == 0);
  const std::uint64_t* a = src;
  const std::uint64_t* b = src + Len;
  constexpr std::size_t half = Len / 2;
  const std::size_t c1 = merge_co_rank<Len>(a, b, half);         // front from position half
  const std::size_t c3 = merge_co_rank<Len>(a, b, 3 * half);     // back from position 3 * half
  std::size_t b0 = 0, b1 = half - c1;                             // b's taken by the two front ends so far
  std::size_t a0 = 0, a1 = 0;                                     // a's taken by the two back ends so far
  const std::size_t i1 = c1;                                      // first unused a of the second front end
  const std::size_t ea1 = c3, eb1 = 3 * half - c3;                // one past the unused of the second back end
  for (std::size_t k = 0; k < half; ++k) {
    {  // front from 0: output k
      const std::uint64_t x = a[k - b0], y = b[b0];
      dst[k] = std::min(x, y);
      b0 += static_cast<std::size_t>(y < x);
    }
    {  // front from half: output half + k
      const std::uint64_t x = a[i1 + k - (b1 - (half - c1))], y = b[b1];
      dst[half + k] = std::min(x, y);
      b1 += static_cast<std::size_t>(y < x);
    }
    {  // back from the end: output 2 Len - 1 - k
      const std::uint64_t xe = a[Len - 1 - a0], ye = b[Len - 1 - (k - a0)];
      dst[2 * Len - 1 - k] = std::max(xe, ye);
      a0 += static_cast<std::size_t>(ye < xe);
    }
    {  // back from 3 half: output 3 half - 1 - k
      const std::uint64_t xe = a[ea1 - 1 - a1], ye = b[eb1 - 1 - (k - a1)];
      dst[3 * half - 1 - k] = std::max(xe, ye);
      a1 += static_cast<std::size_t>(ye < xe);
    }
  }
}

/// One merge pass over src[0..total): runs of `Len` into runs of 2 * Len in dst (total a power-of-two
/// multiple of 2 * Len), up to four merges interleaved.
template <std::size_t Len>
inline void merge_pass(const std::uint64_t* src, std::uint64_t* dst, std::size_t total) noexcept {
  const std::size_t merges = total / (2 * Len);
  if (merges == 1) return merge_runs_split<Len>(src, dst);
  if (merges == 2) return merge_runs<Len, 2>(src, dst);
  for (std::size_t o = 0; o < total; o += 8 * Len) merge_runs<Len, 4>(src + o, dst + o);
}

/// Sorts [first, last) ascending, with the same values as std::sort (see the file comment for ties).
/// Precondition: no NaN (the jury means are finite). A NaN does not cause undefined behaviour: the input then
/// goes to std::sort with NaNs ordered after every number.
inline void small_sort(double* first, double* last) {
  const auto n = static_cast<std::size_t>(last - first);
  if (n < 2) return;
  if (n > small_sort_max) {
    std::sort(first, last, [](double x, double y) { return std::isnan(y) ? !std::isnan(x) : x < y; });
    return;
  }

  constexpr std::size_t rows = 16, lanes = small_sort_lanes, group = rows * lanes;
  const std::size_t total = std::bit_ceil(std::max(n, group));
  // buf holds the padded doubles (as bits), then serves as the second merge buffer.
  // keys starts 40 elements past a multiple of 4 KiB from buf: a merge reads one at the offsets where it
  // writes the other, and addresses 4 KiB apart falsely alias in the store-to-load forwarding check.
  alignas(64) std::uint64_t storage[2 * small_sort_max + 40];
  std::uint64_t* const buf = storage;
  std::uint64_t* const keys = storage + small_sort_max + 40;
  // The network sees -0.0 and +0.0 as equal but the keys do not, so the zeros are made +0.0 here (x + 0.0)
  // and the -0.0s put back, first among the zeros, at the end.
  std::uint64_t nans = 0, negative_zeros = 0;
  std::size_t copied = 0;
#if defined(PLURALISM_SMALL_SORT_SIMD)
  {  // the same as the scalar loop below, a vector at a time (GCC does not vectorise that one)
    typedef std::uint64_t bits __attribute__((vector_size(sizeof(small_sort_vector))));
    bits nan_lanes{}, negative_zero_lanes{};
    for (; copied + small_sort_lanes <= n; copied += small_sort_lanes) {
      small_sort_vector x;
      std::memcpy(&x, first + copied, sizeof x);
      nan_lanes |= reinterpret_cast<bits>(x != x);
      negative_zero_lanes += reinterpret_cast<bits>(x == 0.0) & (reinterpret_cast<bits>(x) >> 63);
      x += 0.0;
      std::memcpy(buf + copied, &x, sizeof x);
    }
    for (std::size_t l = 0; l < small_sort_lanes; ++l) {
      nans |= nan_lanes[l];
      negative_zeros += negative_zero_lanes[l];
    }
  }
#endif
  for (; copied < n; ++copied) {
    const double x = first[copied];
    nans |= static_cast<std::uint64_t>(std::isnan(x));
    negative_zeros += static_cast<std::uint64_t>(x == 0.0 && std::signbit(x));
    buf[copied] = std::bit_cast<std::uint64_t>(x + 0.0);
  }
  if (nans > 0) {
    std::sort(first, last, [](double x, double y) { return std::isnan(y) ? !std::isnan(x) : x < y; });
    return;
  }
  const auto infinity_bits = std::bit_cast<std::uint64_t>(std::numeric_limits<double>::infinity());
  std::fill(buf + n, buf + total, infinity_bits);

  // 1. Every lane of every group of 16 vectors sorted as a column.
  for (std::size_t g = 0; g < total; g += group) {
    small_sort_vector v[rows];
    std::memcpy(v, buf + g, sizeof v);
    sort16_network(v);
    std::memcpy(buf + g, v, sizeof v);
  }
  // 2. Columns to contiguous runs of 16 keys (two loops: the first one vectorises).
  for (std::size_t i = 0; i < total; ++i) buf[i] = sort_key(std::bit_cast<double>(buf[i]));
  for (std::size_t g = 0; g < total; g += group)
    for (std::size_t c = 0; c < lanes; ++c)
      for (std::size_t r = 0; r < rows; ++r) keys[g + c * rows + r] = buf[g + r * lanes + c];
  // 3. Merge passes, ping-ponging between keys and buf.
  std::uint64_t* src = keys;
  std::uint64_t* dst = buf;
  static_assert(rows == 16 && small_sort_max == 1024);
  for (std::size_t run = rows; run < total; run *= 2) {
    switch (run) {
      case 16: merge_pass<16>(src, dst, total); break;
      case 32: merge_pass<32>(src, dst, total); break;
      case 64: merge_pass<64>(src, dst, total); break;
      case 128: merge_pass<128>(src, dst, total); break;
      case 256: merge_pass<256>(src, dst, total); break;
      default: merge_pass<512>(src, dst, total); break;
    }
    std::swap(src, dst);
  }
  for (std::size_t i = 0; i < n; ++i) first[i] = from_sort_key(src[i]);
  if (negative_zeros > 0) std::fill_n(std::lower_bound(first, last, 0.0), negative_zeros, -0.0);
}

}  // namespace pluralism::detail
