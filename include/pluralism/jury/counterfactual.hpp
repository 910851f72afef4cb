// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/counterfactual.hpp
/// @brief Counterfactual juries: the small edits of a composition that flip an item's verdict.
///
/// Edits (each has a size, the number of seats or values it changes):
///   - change one attribute value of one sheet: an `attr(a) == v` condition tests another level of `a` (size 1);
///   - move k seats from one sheet to another (size k);
///   - change one sheet's seats by +-k (size k).
/// Every edited composition is convened with the same seed, so jury j of the item reads the same random
/// stream (seed, item, j) as in the original: common random numbers, so a difference comes from the
/// composition and not from sampling noise (research note jury-learning.md, section 1.4). A flip is a change
/// of `verdict::outcome()` (verdict at or above the threshold or not). Results: smallest edits first, then
/// the largest change in the share of juries at or above the threshold.

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <ostream>
#include <string>
#include <vector>

#include "convene.hpp"

namespace pluralism {

/// Which edits `counterfactual_juries` tries.
struct counterfactual_options {
  bool change_values = true;
  bool move_seats = true;
  bool change_seats = true;
  std::uint32_t max_seats = 2;  ///< the largest k of seat moves and seat changes
};

/// One edit of a composition.
struct jury_edit {
  enum class kind : std::uint8_t { change_value, move_seats, change_seats };
  kind type = kind::change_value;
  std::size_t sheet = 0;     ///< the sheet edited (the source of a move)
  std::size_t to_sheet = 0;  ///< move_seats: the destination
  std::int32_t seats = 0;    ///< move_seats: k moved; change_seats: the change, +-k
  std::string attribute, from, to;  ///< change_value
  std::uint32_t size = 1;
  std::string description;
};

/// An edited composition that flips the verdict, with its verdict.
struct counterfactual {
  jury_edit edit;
  composition jury;
  verdict result;
  double share_change = 0;  ///< result.share() - original share
};

inline std::ostream& operator<<(std::ostream& os, const counterfactual& c) {
  return os << c.edit.description << " -> " << c.result.sentence();
}

namespace detail {
inline std::vector<std::pair<jury_edit, composition>> jury_edits(const composition& jury, const attribute_table& annotators,
                                                                 const counterfactual_options& o) {
  std::vector<std::pair<jury_edit, composition>> out;
  const std::size_t S = jury.size();
  if (o.change_values)
    for (std::size_t s = 0; s < S; ++s)
      for (std::size_t e = 0; e < jury[s].who.equality_count(); ++e) {
        const predicate& leaf = jury[s].who.equality(e);
        const attribute_column& col = annotators.column(leaf.attribute());
        if (col.kind != attribute_kind::categorical) continue;
        for (const auto& level : col.levels) {
          if (level == leaf.levels().front()) continue;
          composition c = jury;
          c[s].who = jury[s].who.with_equality_level(e, level);
          c[s].name.clear();
          jury_edit ed{jury_edit::kind::change_value, s, s, 0, leaf.attribute(), leaf.levels().front(), level, 1, {}};
          ed.description = std::string("sheet ") + std::to_string(s + 1) + " '" + jury[s].label() + "': " + leaf.attribute() + " " +
                           ed.from + " -> " + level;
          out.emplace_back(std::move(ed), std::move(c));
        }
      }
  for (std::uint32_t k = 1; k <= o.max_seats; ++k) {
    if (o.move_seats)
      for (std::size_t s = 0; s < S; ++s)
        for (std::size_t t = 0; t < S; ++t) {
          if (s == t || jury[s].seats < k) continue;
          composition c = jury;
          c[s].seats -= k;
          c[t].seats += k;
          jury_edit ed{jury_edit::kind::move_seats, s, t, static_cast<std::int32_t>(k), {}, {}, {}, k, {}};
          ed.description = std::string("move ") + std::to_string(k) + " seat" + (k > 1 ? "s" : "") + " from '" + jury[s].label() +
                           "' to '" + jury[t].label() + "'";
          out.emplace_back(std::move(ed), std::move(c));
        }
    if (o.change_seats)
      for (std::size_t s = 0; s < S; ++s)
        for (int sign : {+1, -1}) {
          if (sign < 0 && (jury[s].seats < k || jury.total_seats() == k)) continue;
          composition c = jury;
          c[s].seats = sign > 0 ? c[s].seats + k : c[s].seats - k;
          jury_edit ed{jury_edit::kind::change_seats, s, s, sign * static_cast<std::int32_t>(k), {}, {}, {}, k, {}};
          ed.description = std::string(sign > 0 ? "add " : "remove ") + std::to_string(k) + " seat" +
                           (k > 1 ? "s" : "") + (sign > 0 ? " to '" : " from '") + jury[s].label() + "'";
          out.emplace_back(std::move(ed), std::move(c));
        }
  }
  return out;
}
}  // namespace detail

/// The single edits of `jury` (see the file comment) that flip the verdict on `item`, smallest first, then by
/// the size of the change in the share of juries at or above the threshold. Edits that make a sheet
/// impossible to fill are skipped. Deterministic for a seed.
/// @throws as `convene` for the original composition (it must be judgeable).
template <juror_model M>
std::vector<counterfactual> counterfactual_juries(const composition& jury, const M& model, const annotations& data,
                                                  std::size_t item, const jury_options& options = {},
                                                  const counterfactual_options& edits = {}) {
  const verdict original = convene(jury, model, data, item, options);
  const auto scale = detail::rating_scale(data);
  detail::jury_scratch s;
  std::vector<counterfactual> flips;
  for (auto& [edit, c] : detail::jury_edits(jury, data.annotators, edits)) {
    const detail::jury_plan plan = detail::make_plan(c, data.annotators);
    verdict v = detail::judge(plan, detail::item_pools(plan, model, item, s), model, data, item, options, scale, false, s);
    if (!v.ok || v.outcome() == original.outcome()) continue;
    const double change = v.share() - original.share();
    flips.push_back({std::move(edit), std::move(c), std::move(v), change});
  }
  std::stable_sort(flips.begin(), flips.end(), [](const counterfactual& a, const counterfactual& b) {
    if (a.edit.size != b.edit.size) return a.edit.size < b.edit.size;
    return std::abs(a.share_change) > std::abs(b.share_change);
  });
  return flips;
}

}  // namespace pluralism
