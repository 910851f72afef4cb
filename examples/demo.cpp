// SPDX-License-Identifier: MIT
// The pluralism demo: jury learning on the built-in synthetic population (no files needed).
//
// A content-moderation team asks "is this comment toxic?" and, instead of averaging everyone, says WHO
// decides: six liberals and six parents with a high-school education. We convene 101 parallel juries,
// report the verdict with its uncertainty, show one jury's members, and search for the jury edits that
// would have flipped the outcome. The jury verdicts' histogram is written to jury_verdicts.svg.
#include <pluralism/jury.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "support/svg_histogram.hpp"

namespace pl = pluralism;

int main(int argc, char** argv) {
  const std::string svg = argc > 1 ? argv[1] : "jury_verdicts.svg";
  // 1,000 annotators, 2,000 comments on four topics, 20 ratings per comment on a 0-4 toxicity scale.
  const auto population = pl::make_synthetic_population({.seed = 7});
  const auto& data = population.data;
  const pl::models::group_mean model(data, {.by = {"politics", "parent", "education"}, .strength = 1.0});

  const pl::composition jury{pl::sheet{pl::attr("politics") == "liberal", 6, "liberals"},
                             pl::sheet{pl::attr("parent") == "yes" && pl::attr("education") == "HS", 6, "HS-educated parents"}};
  const pl::jury_options options{.juries = 101, .threshold = 1.5, .seed = 42, .yes = "toxic", .no = "not toxic"};

  // Judge every comment, then tell the story of a contested one: most juries (but not all) say "toxic", the
  // median jury's own vote agrees, and the two sheets see the comment most differently.
  const auto all = pl::convene_items(jury, model, data, options);
  auto gap = [](const pl::verdict& x) { return std::abs(x.sheets[0].mean_rating - x.sheets[1].mean_rating); };
  auto divisive = all.begin();
  for (auto it = all.begin(); it != all.end(); ++it)
    if (it->ok && it->share() >= 0.55 && it->share() <= 0.75 && it->median_jury_yes > it->median_jury_no &&
        (!(divisive->share() >= 0.55 && divisive->share() <= 0.75) || gap(*it) > gap(*divisive)))
      divisive = it;
  const pl::verdict& v = *divisive;
  const std::size_t item = v.item;

  std::cout << "pluralism " << PLURALISM_VERSION_MAJOR << '.' << PLURALISM_VERSION_MINOR << '.' << PLURALISM_VERSION_PATCH << " demo: jury learning on a synthetic population of "
            << data.annotators.size() << " annotators and " << data.items.size() << " comments\n\n";
  std::cout << "composition: " << jury.to_string() << "\n";
  std::cout << "comment " << v.item_id << " (topic " << data.items.column("topic").text(item) << "), "
            << v.juries() << " parallel juries, threshold " << options.threshold << "\n\n";
  std::cout << "verdict: " << v << "\n\n";

  std::cout << "distribution of the " << v.juries() << " jury verdicts (quantiles";
  for (std::size_t k = 0; k < v.quantiles.size(); ++k)
    std::printf(" %.0f%%: %.2f", 100 * v.quantile_levels[k], v.quantiles[k]);
  std::cout << ")\n";
  // A finer histogram than the verdict's (which spans the whole 0-4 scale): 10 bins over the verdicts' range.
  const auto [lo_it, hi_it] = std::minmax_element(v.jury_means.begin(), v.jury_means.end());
  const double lo = *lo_it, width = std::max(1e-9, (*hi_it - lo) / 10);
  std::vector<int> counts(10, 0);
  for (double m : v.jury_means) ++counts[static_cast<std::size_t>(std::min(9.0, std::floor((m - lo) / width)))];
  for (std::size_t b = 0; b < counts.size(); ++b)
    std::printf("  %.2f-%.2f %3d %s%s\n", lo + width * static_cast<double>(b), lo + width * static_cast<double>(b + 1),
                counts[b], std::string(static_cast<std::size_t>(counts[b]), '#').c_str(),
                lo + width * static_cast<double>(b) <= options.threshold && options.threshold < lo + width * static_cast<double>(b + 1)
                    ? "   <- threshold" : "");
  std::cout << "\nper sheet:\n";
  for (const auto& s : v.sheets)
    std::printf("  %-22s %2u seats, mean predicted rating %.2f, contributes %.2f\n", s.label.c_str(), s.seats,
                s.mean_rating, s.contribution);

  std::cout << "\nthe median jury (jury " << v.median_jury << "), re-drawn:\n"
            << pl::explain_jury(jury, model, data, item, v.median_jury, options.seed);

  std::cout << "\njuries that would have ruled differently (smallest edits first):\n";
  const auto flips = pl::counterfactual_juries(jury, model, data, item, options);
  for (std::size_t k = 0; k < std::min<std::size_t>(flips.size(), 6); ++k) std::cout << "  " << flips[k] << "\n";
  if (flips.empty()) std::cout << "  none: no single edit flips this verdict\n";

  std::size_t toxic = 0;
  for (const auto& x : all) toxic += x.ok && x.outcome();
  std::cout << "\nover all " << all.size() << " comments this jury finds " << toxic << " toxic\n";

  std::ofstream out(svg);
  out << pluralism_examples::svg_histogram(v.jury_means, lo - width, *hi_it + width, 24,
                                           "Jury verdicts on comment " + v.item_id + " (" + jury.to_string() + ")",
                                           "jury mean toxicity (0-4)", options.threshold);
  std::cout << "wrote " << svg << "\n";
  return out ? 0 : 1;
}
