// SPDX-License-Identifier: MIT
// Counterfactual juries against an independent enumeration of the same single edits.
#include <pluralism/jury.hpp>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "catch.hpp"

namespace pl = pluralism;

namespace {
// Every single edit built by hand from the composition, convened with the same options: the reference.
std::set<std::string> flipping_edits_by_hand(const pl::composition& jury, const pl::synthetic_population& pop, std::size_t item,
                                             const pl::jury_options& o, std::uint32_t max_seats) {
  const bool original = pl::convene(jury, pop.truth, pop.data, item, o).outcome();
  std::set<std::string> out;
  const auto consider = [&](const pl::composition& c, const std::string& what) {
    try {
      if (pl::convene(c, pop.truth, pop.data, item, o).outcome() != original) out.insert(what);
    } catch (const pl::data_error&) {  // an edit that cannot be filled is not a counterfactual
    }
  };
  const std::vector<std::string> politics{"liberal", "moderate", "conservative"};
  for (const auto& level : politics) {  // sheet 0 is `politics == <level>`
    if (level == "liberal") continue;
    pl::composition c = jury;
    c[0] = pl::sheet{pl::attr("politics") == level, jury[0].seats};
    consider(c, "value:0:" + level);
  }
  for (const auto& level : {"no"}) {  // sheet 1 is `parent == yes`
    pl::composition c = jury;
    c[1] = pl::sheet{pl::attr("parent") == level, jury[1].seats};
    consider(c, std::string("value:1:") + level);
  }
  for (std::uint32_t k = 1; k <= max_seats; ++k)
    for (std::size_t s = 0; s < jury.size(); ++s) {
      for (std::size_t t = 0; t < jury.size(); ++t)
        if (s != t && jury[s].seats >= k) {
          pl::composition c = jury;
          c[s].seats -= k;
          c[t].seats += k;
          consider(c, "move:" + std::to_string(s) + ":" + std::to_string(t) + ":" + std::to_string(k));
        }
      pl::composition more = jury;
      more[s].seats += k;
      consider(more, "seats:" + std::to_string(s) + ":+" + std::to_string(k));
      if (jury[s].seats >= k && jury.total_seats() > k) {
        pl::composition fewer = jury;
        fewer[s].seats -= k;
        consider(fewer, "seats:" + std::to_string(s) + ":-" + std::to_string(k));
      }
    }
  return out;
}

std::string key(const pl::counterfactual& c) {
  using kind = pl::jury_edit::kind;
  switch (c.edit.type) {
    case kind::change_value: return "value:" + std::to_string(c.edit.sheet) + ":" + c.edit.to;
    case kind::move_seats:
      return "move:" + std::to_string(c.edit.sheet) + ":" + std::to_string(c.edit.to_sheet) + ":" + std::to_string(c.edit.seats);
    case kind::change_seats:
      return "seats:" + std::to_string(c.edit.sheet) + ":" + (c.edit.seats > 0 ? "+" : "-") + std::to_string(std::abs(c.edit.seats));
  }
  return {};
}
}  // namespace

TEST_CASE("counterfactual juries are exactly the single edits that flip the verdict, smallest first") {
  const auto pop = pl::make_synthetic_population({.annotators = 150, .items = 40, .raters_per_item = 150, .seed = 31});
  const pl::composition jury{pl::sheet{pl::attr("politics") == "liberal", 3}, pl::sheet{pl::attr("parent") == "yes", 3}};
  std::size_t items_with_flips = 0;
  for (std::size_t item = 0; item < 40; ++item) {
    // Put the threshold at the item's verdict so that some edits flip it.
    const pl::jury_options probe{.juries = 31, .seed = 5};
    const double t = pl::convene(jury, pop.truth, pop.data, item, probe).value + 0.01;
    const pl::jury_options o{.juries = 31, .threshold = t, .seed = 5};
    const auto flips = pl::counterfactual_juries(jury, pop.truth, pop.data, item, o, {.max_seats = 2});
    std::set<std::string> got;
    const bool original = pl::convene(jury, pop.truth, pop.data, item, o).outcome();
    for (std::size_t k = 0; k < flips.size(); ++k) {
      const auto& f = flips[k];
      got.insert(key(f));
      // Each result is reproduced by convening its composition with the same options (common random numbers).
      const auto again = pl::convene(f.jury, pop.truth, pop.data, item, o);
      CHECK(again.jury_means == f.result.jury_means);
      CHECK(again.outcome() != original);
      CHECK_THAT(f.share_change, Catch::Matchers::WithinAbs(again.share() - pl::convene(jury, pop.truth, pop.data, item, o).share(), 1e-15));
      if (k > 0) {
        CHECK(flips[k - 1].edit.size <= f.edit.size);
        if (flips[k - 1].edit.size == f.edit.size) CHECK(std::abs(flips[k - 1].share_change) >= std::abs(f.share_change));
      }
    }
    CHECK(got == flipping_edits_by_hand(jury, pop, item, o, 2));
    items_with_flips += !flips.empty();
    // Reproducible.
    const auto twice = pl::counterfactual_juries(jury, pop.truth, pop.data, item, o, {.max_seats = 2});
    REQUIRE(twice.size() == flips.size());
    for (std::size_t k = 0; k < flips.size(); ++k) CHECK(twice[k].edit.description == flips[k].edit.description);
  }
  CHECK(items_with_flips > 10);
}

TEST_CASE("counterfactual descriptions read as edits") {
  const auto pop = pl::make_synthetic_population({.annotators = 100, .items = 3, .raters_per_item = 100, .seed = 2});
  const pl::composition jury{pl::sheet{pl::attr("politics") == "liberal", 2, "liberals"}, pl::sheet{pl::attr("parent") == "yes", 2}};
  const auto edits = pl::detail::jury_edits(jury, pop.data.annotators, {.max_seats = 1});
  std::vector<std::string> text;
  for (const auto& [e, c] : edits) text.push_back(e.description);
  CHECK(std::find(text.begin(), text.end(), "sheet 1 'liberals': politics liberal -> conservative") != text.end());
  CHECK(std::find(text.begin(), text.end(), "move 1 seat from 'liberals' to 'parent == yes'") != text.end());
  CHECK(std::find(text.begin(), text.end(), "remove 1 seat from 'parent == yes'") != text.end());
  CHECK(edits.size() == 2 + 1 + 2 + 4);  // values, moves, seat changes
}
