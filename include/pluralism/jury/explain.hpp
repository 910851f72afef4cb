// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/explain.hpp
/// @brief Re-draw any single jury from (item, jury index, seed) and list its jurors: who they are, which
/// sheet seated them, and what the model predicts for them. Because draws are a pure function of
/// (seed, item, jury), this is exactly the jury that `convene` counted.

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "convene.hpp"

namespace pluralism {

/// One seated juror.
struct juror {
  std::uint32_t annotator = 0;  ///< row in `annotations::annotators`
  std::string id;
  std::size_t sheet = 0;  ///< index of the sheet that seated them
  std::string sheet_label;
  std::vector<std::pair<std::string, std::string>> attributes;  ///< (name, value as text; "" when missing)
  double prediction = 0;
};

/// A re-drawn jury: its jurors in draw order and its mean.
struct jury_roster {
  std::size_t item = 0;
  std::uint32_t jury = 0;
  std::uint64_t seed = 0;
  std::vector<juror> jurors;
  double mean = 0;
};

/// Jury `jury_index` of `item` under `seed`, as `convene` drew it.
/// @throws as `convene` (unknown attributes, a sheet that cannot be filled, an item outside the data).
template <juror_model M>
jury_roster explain_jury(const composition& jury, const M& model, const annotations& data, std::size_t item,
                         std::uint32_t jury_index, std::uint64_t seed) {
  detail::expect_item(item, data);
  const detail::jury_plan plan = detail::make_plan(jury, data.annotators);
  detail::jury_scratch s;
  const sheet_pools& pools = detail::item_pools(plan, model, item, s);
  for (std::size_t k = 0; k < pools.members.size(); ++k)
    if (pools.members[k].size() < pools.seats[k])
      PLURALISM_THROW(data_error, "pluralism.jury.unfillable_sheet",
                      std::string("sheet '") + jury[k].label() + "' matches " + std::to_string(pools.members[k].size()) +
                          " people for " + std::to_string(pools.seats[k]) + " seats");
  const std::uint32_t n = jury.total_seats();
  s.jurors.assign(n, 0);
  s.excluded.assign(n, 0);
  s.predictions.assign(n, 0.0);
  const draw_status st = detail::draw_and_predict(pools.views(), plan.may_overlap, model, item, jury_index, seed, s);
  if (!st.ok)
    PLURALISM_THROW(data_error, "pluralism.jury.unfillable_sheet",
                    std::string("jury ") + std::to_string(jury_index) + ": sheet '" + jury[st.failed_sheet].label() + "' has " +
                        std::to_string(st.available) + " people left after earlier sheets seated theirs");
  jury_roster r{item, jury_index, seed, {}, 0};
  std::size_t sheet = 0, left = pools.seats.empty() ? 0 : pools.seats[0];
  for (std::uint32_t k = 0; k < n; ++k) {
    while (left == 0) left = pools.seats[++sheet];
    --left;
    juror j{s.jurors[k], data.annotators.id(s.jurors[k]), sheet, jury[sheet].label(), {}, s.predictions[k]};
    for (const auto& c : data.annotators.columns()) j.attributes.emplace_back(c.name, c.text(s.jurors[k]));
    r.jurors.push_back(std::move(j));
  }
  std::vector<std::uint32_t> positions(n);
  for (std::uint32_t k = 0; k < n; ++k) positions[k] = k;
  r.mean = jury_mean(positions.data(), n, [&](std::uint32_t k) { return s.predictions[k]; });
  return r;
}

/// One line per juror: id, sheet, prediction, attributes.
inline std::ostream& operator<<(std::ostream& os, const jury_roster& r) {
  os << "jury " << r.jury << " of item " << r.item << " (seed " << r.seed << "): mean " << r.mean << '\n';
  for (const auto& j : r.jurors) {
    os << "  " << j.id << "  [" << j.sheet_label << "]  predicts " << j.prediction << " ";
    for (const auto& [name, value] : j.attributes) os << ' ' << name << '=' << (value.empty() ? "?" : value);
    os << '\n';
  }
  return os;
}

}  // namespace pluralism
