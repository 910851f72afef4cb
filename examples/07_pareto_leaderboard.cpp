// SPDX-License-Identifier: MIT
// A Pareto leaderboard for pluralistic evaluation, then commensurating functions on it.
//
// Eight models are scored on three objectives: helpfulness and harmlessness (higher is better) and cost per
// million tokens (lower is better). A single "overall score" hides the trade-offs; the Pareto view shows
// which models nobody beats on every axis, and for each other model which models are strict improvements.
// Then commensurating functions (utilitarian sum, Nash welfare, maximin, leximin, Tchebycheff) each pick a
// model from the front, and a steerability check asks whether models steered to each function deliver.
#include <pluralism/commensurate.hpp>
#include <pluralism/pareto.hpp>

#include <array>
#include <cstdio>
#include <limits>
#include <span>
#include <type_traits>
#include <vector>

namespace pl = pluralism;

int main() {
  const char* names[] = {"atlas", "birch", "cedar", "dune", "ember", "fjord", "grove", "haven"};
  // helpfulness, harmlessness, cost
  const std::vector<std::array<double, 3>> models{{0.85, 0.62, 4.0}, {0.72, 0.76, 3.0}, {0.70, 0.70, 3.0},
                                                  {0.50, 0.95, 1.0}, {0.85, 0.62, 4.0}, {0.95, 0.35, 5.0},
                                                  {0.55, 0.55, 5.0}, {0.71, 0.75, 3.5}};
  const pl::pareto_options senses{.objectives = {pl::sense::maximize, pl::sense::maximize, pl::sense::minimize}};

  // The leaderboard: ties (atlas and ember score the same) stay tied on the front by default
  // ({.duplicates = pl::duplicate_policy::keep_first} keeps only atlas).
  const auto board = pl::pareto_leaderboard(models, senses);
  std::printf("non-dominated:");
  for (auto i : board.front) std::printf(" %s", names[i]);
  std::printf("\n");
  for (std::size_t i = 0; i < models.size(); ++i) {
    std::printf("  %-6s rank %zu", names[i], board.rank[i]);
    if (!board.improvements[i].empty()) {
      std::printf("  improved on by");
      for (auto k : board.improvements[i]) std::printf(" %s", names[k]);
    }
    std::printf("\n");
  }

  // Hypervolume of the leaderboard against a reference (worst acceptable) point, and who adds most. The tied
  // pair atlas/ember adds nothing exclusively: removing either leaves the other covering the same box.
  const std::vector<double> ref{0.4, 0.3, 8.0};
  const auto hvc = pl::hypervolume_contributions(models, ref, senses);
  std::printf("hypervolume %.4f; exclusive contributions:", pl::hypervolume(models, ref, senses));
  for (auto i : board.front) std::printf(" %s %.4f", names[i], hvc[i]);
  std::printf("\n");

  // Commensurating functions read scores where higher is better: normalise between nadir (0) and ideal (1).
  const auto ideal = pl::ideal_point(models, senses), nadir = pl::nadir_point(models, senses);
  const auto scores = pl::normalize(models, ideal, nadir);
  // Shift into (0, 1] so that products and logs are defined for the worst model too.
  std::vector<double> positive(scores.size());
  for (std::size_t k = 0; k < scores.size(); ++k) positive[k] = 0.05 + 0.95 * scores[k];
  const auto table = pl::as_matrix(positive, 3);

  const std::vector<double> equal{1, 1, 1};
  const auto pick = [&](const char* what, const auto& f) {
    using F = std::decay_t<decltype(f)>;
    const auto chosen = pl::select_models(table, std::vector<F>{f});
    std::printf("  %-22s picks %-6s (%s)\n", what, names[chosen[0]],
                f.properties().strictly_monotone ? "strictly monotone" : "monotone");
  };
  std::printf("commensurating functions choose:\n");
  pick("utilitarian sum", pl::weighted_sum(equal));
  pick("Nash welfare (p = 0)", pl::power_mean(equal, 0.0));
  pick("maximin (p = -inf)", pl::power_mean(equal, -std::numeric_limits<double>::infinity()));
  pick("Gini OWA", pl::owa(pl::gini_weights(3)));
  pick("Tchebycheff (helpful)", pl::augmented_tchebycheff({0.6, 0.2, 0.2}, {1.05, 1.05, 1.05}));

  // Leximin is an ordering, not a function: the best row under it.
  std::size_t best = 0;
  for (std::size_t i = 1; i < models.size(); ++i)
    if (pl::leximin_compare(std::span<const double>(positive.data() + 3 * i, 3),
                            std::span<const double>(positive.data() + 3 * best, 3)) > 0)
      best = i;
  std::printf("  %-22s picks %-6s\n", "leximin", names[best]);

  // Trade-off steerability: three models were steered to three functions; f_i(M_j) below. Did each land?
  const std::vector<double> steered{0.81, 0.79, 0.70,   // f_0 = helpfulness-weighted sum
                                    0.55, 0.74, 0.78,   // f_1 = Nash welfare
                                    0.40, 0.61, 0.66};  // f_2 = maximin
  const auto rep = pl::trade_off_steerability(pl::as_matrix(steered, 3));
  for (std::size_t i = 0; i < rep.functions.size(); ++i)
    std::printf("  steered to f_%zu: %s, regret %.2f (normalised %.2f)\n", i,
                rep.functions[i].steered_is_best ? "best" : "not best", rep.functions[i].regret,
                rep.functions[i].normalized_regret);
  std::printf("steerability: %.0f%% of functions steered to their best model, mean regret %.2f\n",
              100 * rep.steered_share, rep.mean_regret);
}
