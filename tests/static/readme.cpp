// SPDX-License-Identifier: MIT
// The README's first code block, compiled (never run): the front page cannot drift from the API.
#include <pluralism/jury.hpp>

#include <iostream>

namespace readme {
namespace pl = pluralism;

[[maybe_unused]] void jury_verdict(std::size_t item) {
  auto data  = pl::io::read_annotations("ratings.csv", {.item = "comment", .annotator = "worker", .rating = "toxicity"});
  auto jury  = pl::composition{pl::sheet{pl::attr("politics") == "liberal", 6},
                               pl::sheet{pl::attr("parent") == "yes" && pl::attr("education") == "HS", 6}};
  auto model = pl::models::group_mean(data);
  auto v     = pl::convene(jury, model, data, item, {.threshold = 1.5, .seed = 42, .yes = "toxic", .no = "not toxic"});
  std::cout << v << '\n';
  for (auto& flip : pl::counterfactual_juries(jury, model, data, item, {.threshold = 1.5})) std::cout << flip << '\n';
}
}  // namespace readme
