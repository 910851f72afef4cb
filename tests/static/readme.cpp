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

#include <pluralism/divergence.hpp>
#include <pluralism/interop/eigen.hpp>
#include <pluralism/pareto.hpp>

#include <array>
#include <vector>

namespace readme {
// The README's "More in ten lines" block, compiled.
[[maybe_unused]] void more(const std::vector<std::array<double, 2>>& scores, const std::vector<double>& model_answers,
                           const std::vector<double>& population_answers, const Eigen::MatrixXd& P, const Eigen::MatrixXd& Q,
                           const pl::composition& jury, const pl::annotations& panel) {
  auto front = pl::nondominated_indices(scores, {.objectives = {pl::sense::maximize, pl::sense::minimize}});
  auto board = pl::pareto_leaderboard(scores, {.objectives = {pl::sense::maximize, pl::sense::minimize}});
  double d = pl::js_distance(model_answers, population_answers, {.base = 2});
  auto tv  = pl::divergence_rows(pl::divergence_metric::total_variation, P, Q);
  const pl::models::group_mean ratings_of_a(panel), ratings_of_b(panel);
  auto duel = pl::compare_outputs(jury, ratings_of_a, ratings_of_b, panel, {.threshold = 3.0});
  (void)front, (void)board, (void)d, (void)tv, (void)duel;
}
}  // namespace readme
