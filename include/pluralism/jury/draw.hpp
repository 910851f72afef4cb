// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/draw.hpp
/// @brief Drawing one jury: the kernel shared by the CPU path and every Thrust back end.
///
/// Semantics (DESIGN section 4): sheets are filled in order; each sheet draws its seats uniformly without
/// replacement from its eligible pool minus the people already seated by earlier sheets, so a person sits
/// at most once per jury. All sheets of one jury read one `philox_stream` (seed, item, jury) in order, so
/// the jury is a pure function of those three numbers and the pools. The function is `PLURALISM_HD` and
/// allocation-free: the CPU sampler and the GPU kernels call this same code, which is what makes sampled
/// jurors bitwise identical on every back end.

#include <cstdint>

#include "../config.hpp"
#include "../random.hpp"

namespace pluralism {

/// One sheet as the sampler sees it: its eligible people (annotator indices, sorted ascending, distinct)
/// and its number of seats.
struct sheet_pool {
  const std::uint32_t* members = nullptr;
  std::uint32_t size = 0;
  std::uint32_t seats = 0;
};

namespace detail {
/// Index of `value` in the sorted array, or `size` when absent.
PLURALISM_HD constexpr std::uint32_t sorted_find(const std::uint32_t* a, std::uint32_t size, std::uint32_t value) noexcept {
  std::uint32_t lo = 0, hi = size;
  while (lo < hi) {
    const std::uint32_t mid = lo + (hi - lo) / 2;
    if (a[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return (lo < size && a[lo] == value) ? lo : size;
}
}  // namespace detail

/// Bit s (s < 32) set when sheet s shares a person with an earlier sheet: the `may_overlap` argument of
/// `draw_jury`. O(total pool size) with sorted pools.
inline std::uint32_t overlap_mask(const sheet_pool* sheets, std::uint32_t sheet_count) {
  std::uint32_t mask = 0;
  for (std::uint32_t s = 1; s < sheet_count && s < 32; ++s) {
    bool shared = false;
    for (std::uint32_t e = 0; e < s && !shared; ++e) {
      const sheet_pool &a = sheets[s], &b = sheets[e];
      for (std::uint32_t i = 0, j = 0; i < a.size && j < b.size && !shared;) {  // sorted-list intersection
        if (a.members[i] < b.members[j]) ++i;
        else if (b.members[j] < a.members[i]) ++j;
        else shared = true;
      }
    }
    if (shared) mask |= 1u << s;
  }
  return mask;
}

/// Result of `draw_jury`: `ok` is false when sheet `failed_sheet` had fewer available people than seats
/// (possible only when pools overlap and earlier sheets seated its members).
struct draw_status {
  bool ok = true;
  std::uint32_t failed_sheet = 0;
  std::uint32_t available = 0;  ///< people left for the failed sheet
};

/// Draws one jury. Writes the annotator indices of the jurors to `jurors` (sheet by sheet, each in Floyd's
/// draw order); `jurors` holds the sum of seats. `scratch` holds as many values too (positions of already
/// seated people inside the current sheet's pool). Complexity O(S * k log m + k^2) for k seats in total.
/// `may_overlap` (see `overlap_mask`): bit s clear promises that sheet s (s < 32) shares nobody with an
/// earlier sheet, so its search for people already seated is skipped. It only saves time: the jury drawn
/// is the same. The default checks every sheet.
template <class Stream>
PLURALISM_HD constexpr draw_status draw_jury(const sheet_pool* sheets, std::uint32_t sheet_count, Stream& stream,
                                             std::uint32_t* jurors, std::uint32_t* scratch,
                                             std::uint32_t may_overlap = 0xFFFFFFFFu) noexcept {
  std::uint32_t seated = 0;
  for (std::uint32_t s = 0; s < sheet_count; ++s) {
    const sheet_pool pool = sheets[s];
    // Positions inside this pool of people already seated, kept sorted (insertion sort: k is small).
    std::uint32_t excluded = 0;
    const bool check = s >= 32 || ((may_overlap >> s) & 1u) != 0;
    for (std::uint32_t i = 0; check && i < seated; ++i) {
      const std::uint32_t pos = detail::sorted_find(pool.members, pool.size, jurors[i]);
      if (pos == pool.size) continue;
      std::uint32_t j = excluded++;
      while (j > 0 && scratch[j - 1] > pos) {
        scratch[j] = scratch[j - 1];
        --j;
      }
      scratch[j] = pos;
    }
    const std::uint32_t available = pool.size - excluded;
    if (available < pool.seats) return draw_status{false, s, available};
    // The t-th available person: step over the excluded positions, in ascending order.
    const auto person = [&](std::uint32_t t) {
      for (std::uint32_t e = 0; e < excluded; ++e) t += (scratch[e] <= t) ? 1u : 0u;
      return pool.members[t];
    };
    floyd_sample(stream, available, pool.seats, jurors + seated, person);
    seated += pool.seats;
  }
  return draw_status{};
}

/// Mean of the jurors' ratings with the summation order fixed (draw order, accumulated in double), so every
/// back end gets the same bits. `rating(annotator)` returns the juror's rating.
template <class Rating>
PLURALISM_HD constexpr double jury_mean(const std::uint32_t* jurors, std::uint32_t count, Rating rating) noexcept {
  double sum = 0.0;
  for (std::uint32_t i = 0; i < count; ++i) sum += static_cast<double>(rating(jurors[i]));
  return sum / static_cast<double>(count);
}

}  // namespace pluralism
