// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/pools.hpp
/// @brief From a composition and an annotator table to the people each sheet may seat: the matching rows,
/// and for a sparse model the matching rows who can be predicted for one item.

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "../concepts/models.hpp"
#include "../error.hpp"
#include "composition.hpp"
#include "draw.hpp"

namespace pluralism {

/// What to do when a sheet matches fewer people than `jury_options::min_pool`.
enum class small_pool_policy : std::uint8_t {
  refuse,  ///< default: throw `data_error` `[pluralism.jury.small_pool]` naming the sheet and the count
  warn,    ///< go on, and list a warning in the verdict
};

/// The eligible people of every sheet of one composition: annotator rows, sorted ascending.
struct sheet_pools {
  std::vector<std::vector<std::uint32_t>> members;
  std::vector<std::uint32_t> seats;

  /// Views for `draw_jury`.
  [[nodiscard]] std::vector<sheet_pool> views() const {
    std::vector<sheet_pool> v(members.size());
    for (std::size_t s = 0; s < members.size(); ++s)
      v[s] = {members[s].data(), static_cast<std::uint32_t>(members[s].size()), seats[s]};
    return v;
  }
  /// Whether no person is eligible for two sheets (then the cross-sheet exclusion never removes anyone, and
  /// the expected jury mean has a closed form).
  [[nodiscard]] bool disjoint() const {
    std::vector<std::uint32_t> all;
    for (const auto& m : members) all.insert(all.end(), m.begin(), m.end());
    std::sort(all.begin(), all.end());
    return std::adjacent_find(all.begin(), all.end()) == all.end();
  }
};

/// The matching annotators of each sheet of `jury`.
/// @throws precondition_error `[pluralism.jury.no_seats]` when the composition seats nobody;
///         as `predicate::evaluate` for unknown attributes or values.
inline sheet_pools resolve_pools(const composition& jury, const attribute_table& annotators) {
  PLURALISM_EXPECTS(jury.total_seats() > 0, "pluralism.jury.no_seats",
                    std::string("the composition '") + jury.to_string() + "' has no seats");
  sheet_pools p;
  for (const auto& s : jury.sheets()) {
    p.members.push_back(s.who.matching_rows(annotators));
    p.seats.push_back(s.seats);
  }
  return p;
}

/// The pools of one item under a sparse model: each sheet's members who are among `raters`, both sorted.
inline void restrict_pools(const sheet_pools& base, std::span<const std::uint32_t> raters, sheet_pools& out) {
  out.seats = base.seats;
  out.members.resize(base.members.size());
  for (std::size_t s = 0; s < base.members.size(); ++s) {
    out.members[s].clear();
    std::set_intersection(base.members[s].begin(), base.members[s].end(), raters.begin(), raters.end(),
                          std::back_inserter(out.members[s]));
  }
}

}  // namespace pluralism
