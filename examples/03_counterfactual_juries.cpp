// SPDX-License-Identifier: MIT
// 03: counterfactual juries. Which small changes to the jury would flip the verdict? Each edit (one
// attribute value of one sheet, seats moved between sheets, a sheet's seats changed) is convened with the
// same random streams as the original (common random numbers), so a flip is due to the composition alone.
#include <pluralism/jury.hpp>

#include <cmath>
#include <iostream>

namespace pl = pluralism;

int main() {
  const auto population = pl::make_synthetic_population({.items = 300, .seed = 5});
  const auto& data = population.data;
  const pl::models::group_mean model(data, {.by = {"politics", "parent"}});
  const pl::composition jury{pl::sheet{pl::attr("politics") == "liberal", 4}, pl::sheet{pl::attr("politics") == "conservative", 4},
                             pl::sheet{pl::attr("parent") == "yes", 4}};
  const pl::jury_options options{.threshold = 1.5, .seed = 11, .yes = "toxic", .no = "not toxic"};

  // The most divisive politics comment: the one whose juries split most evenly.
  const auto all = pl::convene_items(jury, model, data, options);
  std::size_t item = 0;
  double best = 2;
  for (const auto& v : all)
    if (data.items.column("topic").text(v.item) == "politics" && std::abs(v.share() - 0.5) < best) {
      best = std::abs(v.share() - 0.5);
      item = v.item;
    }
  std::cout << "comment " << all[item].item_id << ", jury " << jury.to_string() << "\n  " << all[item] << "\n";
  const auto flips = pl::counterfactual_juries(jury, model, data, item, options, {.max_seats = 2});
  std::cout << flips.size() << " single edits flip it:\n";
  for (const auto& f : flips) std::cout << "  " << f << "\n";
}
