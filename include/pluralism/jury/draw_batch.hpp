// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/draw_batch.hpp
/// @brief Many juries of one item at once, for compositions whose sheets share nobody: the same jurors as
/// `draw_jury`, computed lane by lane (one jury per lane) so that the compiler vectorises the draws.
///
/// Why it is the same jury: with disjoint pools nobody is excluded, so `draw_jury` runs plain Floyd on each
/// sheet's pool, one word of the stream per seat unless Lemire's test rejects a word. Here seat g of every
/// jury reads word g of its stream (from `philox_fill`), and a jury in which any word is rejected is flagged
/// so that the caller draws it again with `draw_jury` (probability below seats x pool / 2^32 per jury).

#include <cstddef>
#include <cstdint>

#include "draw.hpp"

namespace pluralism::detail {

/// Draws juries 0..count-1 of one item. `words` is word-major (words[g * count + j] = word g of jury j,
/// g < total seats), `sheets` are pairwise disjoint, each with seats <= size. Writes juror annotator rows
/// seat-major, jurors[g * count + j], seats in `draw_jury`'s order (sheet by sheet, Floyd's draw order), and
/// redo[j] = 1 for the juries that must be drawn again with `draw_jury` (a rejected word), 0 otherwise.
/// `seen` holds count values of scratch.
inline void draw_disjoint_juries(const sheet_pool* sheets, std::uint32_t sheet_count, const std::uint32_t* words,
                                 std::uint32_t count, std::uint32_t* jurors, std::uint32_t* seen,
                                 std::uint32_t* redo) noexcept {
  for (std::uint32_t j = 0; j < count; ++j) redo[j] = 0;
  std::uint32_t g0 = 0;  // first seat of the sheet
  for (std::uint32_t s = 0; s < sheet_count; ++s) {
    const sheet_pool pool = sheets[s];
    for (std::uint32_t r = 0; r < pool.seats; ++r) {
      // Floyd step r: a uniform position in [0, top] (Lemire), or top itself when drawn before.
      const std::uint32_t top = pool.size - pool.seats + r, range = top + 1;
      const std::uint32_t threshold = (0u - range) % range;  // a word is rejected when its low half is below
      const std::uint32_t* w = words + static_cast<std::size_t>(g0 + r) * count;
      std::uint32_t* out = jurors + static_cast<std::size_t>(g0 + r) * count;  // positions first
      for (std::uint32_t j = 0; j < count; ++j) {  // simple loops over lanes, so that each one vectorises
        const std::uint64_t m = static_cast<std::uint64_t>(w[j]) * range;
        redo[j] |= static_cast<std::uint32_t>(static_cast<std::uint32_t>(m) < threshold);
        out[j] = static_cast<std::uint32_t>(m >> 32);
      }
      for (std::uint32_t j = 0; j < count; ++j) seen[j] = 0;
      for (std::uint32_t e = 0; e < r; ++e) {
        const std::uint32_t* earlier = jurors + static_cast<std::size_t>(g0 + e) * count;
        for (std::uint32_t j = 0; j < count; ++j) seen[j] |= static_cast<std::uint32_t>(earlier[j] == out[j]);
      }
      for (std::uint32_t j = 0; j < count; ++j) out[j] = seen[j] != 0 ? top : out[j];
    }
    for (std::uint32_t r = 0; r < pool.seats; ++r) {  // positions -> people, in place
      std::uint32_t* at = jurors + static_cast<std::size_t>(g0 + r) * count;
      for (std::uint32_t j = 0; j < count; ++j) at[j] = pool.members[at[j]];
    }
    g0 += pool.seats;
  }
}

}  // namespace pluralism::detail
