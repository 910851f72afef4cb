// SPDX-License-Identifier: MIT
// 01: compose a jury. Juror sheets say who sits (a predicate over annotator attributes) and how many seats;
// a composition is their ordered list. `convene` draws 101 parallel juries of matching annotators, asks the
// model for each juror's rating, and reports the median jury mean with its uncertainty.
#include <pluralism/jury.hpp>

#include <cstdio>
#include <iostream>

namespace pl = pluralism;

int main() {
  const auto population = pl::make_synthetic_population({.seed = 1});
  const pl::models::group_mean model(population.data, {.by = {"politics", "parent"}});

  // Sheets can test equality, set membership, numeric ranges, and conjunctions of them.
  const pl::composition jury{
      pl::sheet{pl::attr("politics") == "conservative", 4},
      pl::sheet{pl::attr("politics_score") <= -0.5, 4, "strongly left"},
      pl::sheet{pl::attr("age").between(45, 54) && pl::attr("education").in({"college", "graduate"}), 4, "educated 45-54"}};
  std::cout << "jury: " << jury.to_string() << " (" << jury.total_seats() << " seats)\n";

  const pl::verdict v = pl::convene(jury, model, population.data, /*item=*/3,
                                    {.juries = 101, .threshold = 1.5, .seed = 2024, .yes = "toxic", .no = "not toxic"});
  std::cout << "item " << v.item_id << ": " << v << "\n";
  std::printf("median %.3f, mean of juries %.3f, 90%% of juries between %.3f and %.3f\n", v.value, v.mean_of_juries,
              v.quantiles[0], v.quantiles[2]);
  for (const auto& s : v.sheets)
    std::printf("  %-34s %u seats  mean rating %.2f  contribution %.3f\n", s.label.c_str(), s.seats, s.mean_rating,
                s.contribution);
  // Every sheet's contribution adds up to the mean of the juries: who decides is visible.
  double sum = 0;
  for (const auto& s : v.sheets) sum += s.contribution;
  std::printf("contributions add up to %.3f\n", sum);
}
