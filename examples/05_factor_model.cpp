// SPDX-License-Identifier: MIT
// Fitting the factor model: a juror model for people and items that were never paired.
//
// A jury needs a rating from every juror for the item at hand, but real annotators rated only a few items
// each (POPQUORN: about 9 ratings per text, 50 per annotator). The factor model fills the gaps:
//
//     rating(item i, annotator a) ~ mu + b_i + c_a + (p_a + sum of a's attribute-level embeddings) . q_i
//
// an overall mean, how offensive the item is to everyone, how harsh the annotator is, and how this
// annotator's taste (their own part plus what people of their gender, race, age... share) meets the item.
// It is fit by alternating least squares, deterministic for a seed, and checked here the honest way:
// hold out 20% of the ratings, fit on the rest, and compare the mean absolute error with the simplest
// guesses. Runs on POPQUORN when ../shared/data is present, else on a small synthetic population.
#include <pluralism/io.hpp>
#include <pluralism/jury/factor_model.hpp>
#include <pluralism/jury/holdout.hpp>
#include <pluralism/random.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace pl = pluralism;

// A small population: 200 items, 120 annotators with a politics and an age group. Left and right lean in
// opposite directions on each item's topic; the young rate everything a little higher. Ratings 1..5.
pl::annotations synthetic_population() {
  pl::philox_stream s({.seed = 5});
  std::vector<std::string> ids, politics, age;
  for (int a = 0; a < 120; ++a) {
    ids.push_back(std::string("annotator ").append(std::to_string(a)));
    politics.push_back(pl::bounded(s, 2) == 0 ? "left" : "right");
    age.push_back(pl::bounded(s, 3) == 0 ? "young" : "older");
  }
  std::vector<std::string> items;
  std::vector<pl::rating_entry> entries;
  for (std::uint32_t i = 0; i < 200; ++i) {
    items.push_back(std::string("item ").append(std::to_string(i)));
    const double base = 1.0 + 3.0 * pl::uniform_double(s), topic = 2.0 * pl::uniform_double(s) - 1.0;
    for (std::uint32_t a = 0; a < 120; ++a) {
      if (pl::uniform_double(s) >= 0.15) continue;  // each item is rated by about 18 people
      const double lean = politics[a] == "left" ? 1.0 : -1.0, young = age[a] == "young" ? 0.5 : 0.0;
      const double noisy = base + lean * topic + young + (pl::uniform_double(s) - 0.5);
      entries.push_back({i, a, std::clamp(std::round(noisy), 1.0, 5.0)});
    }
  }
  pl::annotations d;
  d.annotators = pl::attribute_table(ids);
  d.annotators.add_categorical("politics", politics);
  d.annotators.add_categorical("age", age);
  d.items = pl::attribute_table(items);
  d.ratings = pl::rating_store(items.size(), ids.size(), std::move(entries));
  return d;
}

int main() {
  const std::filesystem::path popquorn =
      std::filesystem::path(PLURALISM_SHARED_DATA) / "popquorn-offensiveness" / "raw_data.csv";
  const bool real = std::filesystem::exists(popquorn);
  const pl::annotations data =
      real ? pl::io::read_annotations(popquorn, {.item = "instance_id", .annotator = "user_id", .rating = "offensiveness",
                                                 .item_columns = {"text"}})
           : synthetic_population();
  std::printf("data: %s, %zu ratings of %zu items by %zu annotators\n",
              real ? "POPQUORN offensiveness" : "synthetic population (POPQUORN not found)", data.ratings.size(),
              data.ratings.items(), data.ratings.annotators());

  // Hold out 20% of the ratings (a seeded shuffle), fit on the other 80%.
  const auto split = pl::split_ratings(data, 0.2, 2023);
  const auto model = pl::models::fit_factor_model(split.train, {.factors = 8, .lambda = 40.0, .bias_lambda = 1.0,
                                                                .iterations = 20, .seed = 1});
  // ALS only ever lowers the penalised squared error; the history shows it.
  const auto& h = model.objective_history();
  std::printf("ALS: %zu sweeps, objective %.1f -> %.1f\n", h.size() - 1, h.front(), h.back());

  const double global = pl::mean_absolute_error(pl::mean_baseline(split.train.ratings, pl::baseline_kind::global_mean), split.test);
  const double item = pl::mean_absolute_error(pl::mean_baseline(split.train.ratings, pl::baseline_kind::item_mean), split.test);
  const double annotator =
      pl::mean_absolute_error(pl::mean_baseline(split.train.ratings, pl::baseline_kind::annotator_mean), split.test);
  const double factor = pl::mean_absolute_error(model, split.test);
  std::printf("held-out MAE on %zu ratings:\n", split.test.size());
  std::printf("  global mean     %.4f\n  item mean       %.4f\n  annotator mean  %.4f\n  factor model    %.4f\n", global,
              item, annotator, factor);
  std::printf("the factor model %s the item-mean and annotator-mean baselines\n",
              factor < std::min(item, annotator) ? "beats" : "does NOT beat");

  // What the attribute embeddings learned: the levels whose embedding moves ratings the most.
  std::vector<std::size_t> order(model.levels().size());
  for (std::size_t l = 0; l < order.size(); ++l) order[l] = l;
  const auto& e = model.parameters().level_embeddings;
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return e.col(static_cast<Eigen::Index>(x)).norm() > e.col(static_cast<Eigen::Index>(y)).norm();
  });
  std::printf("attribute levels with the largest embeddings:\n");
  for (std::size_t n = 0; n < std::min<std::size_t>(3, order.size()); ++n)
    std::printf("  %s = %s  (|e| = %.3f)\n", model.levels()[order[n]].attribute.c_str(), model.levels()[order[n]].level.c_str(),
                e.col(static_cast<Eigen::Index>(order[n])).norm());

  // A juror model answers for any (item, annotator) pair, rated or not, and in blocks for a whole jury.
  std::vector<std::uint32_t> jury{0, 1, 2, 3, 4};
  std::vector<double> predicted(jury.size());
  model.predict_block(0, jury, predicted);
  std::printf("predicted ratings of item '%s' by annotators 0..4:", data.items.id(0).c_str());
  for (double r : predicted) std::printf(" %.2f", r);
  std::printf("\n");
}
