// SPDX-License-Identifier: MIT
// Held-out MAE of the ALS factor model on POPQUORN offensiveness (80/20 split by rating, seed fixed) against
// the global-mean, item-mean and annotator-mean baselines, plus the fit time (median of repeated fits).
// Usage: bench_factor_model [path/to/raw_data.csv] [factors lambda bias_lambda iterations]
#include <pluralism/io.hpp>
#include <pluralism/jury/factor_model.hpp>
#include <pluralism/jury/holdout.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace pl = pluralism;

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "../shared/data/popquorn-offensiveness/raw_data.csv";
  if (!std::filesystem::exists(path)) {
    std::printf("skipped: %s not found\n", path.c_str());
    return 0;
  }
  const auto t_load = std::chrono::steady_clock::now();
  const auto loaded = pl::io::read_annotations(
      path, {.item = "instance_id", .annotator = "user_id", .rating = "offensiveness", .item_columns = {"text"}});
  const double load_ms = 1e3 * std::chrono::duration<double>(std::chrono::steady_clock::now() - t_load).count();
  const auto* data = &loaded;
  pl::models::factor_options opt;
  if (argc > 5) {
    opt.factors = std::strtoul(argv[2], nullptr, 10);
    opt.lambda = std::strtod(argv[3], nullptr);
    opt.bias_lambda = std::strtod(argv[4], nullptr);
    opt.iterations = std::strtoul(argv[5], nullptr, 10);
  }
  const std::uint64_t split_seed = 2023;
  auto split = pl::split_ratings(*data, 0.2, split_seed);
  if (std::getenv("FACTOR_MODEL_VALIDATE") != nullptr) {  // tune on a validation split of the training set
    split = pl::split_ratings(split.train, 0.2, 7);
    std::printf("VALIDATION MODE: test = 20%% of the training ratings\n");
  }
  std::printf("POPQUORN offensiveness: %zu ratings, %zu items, %zu annotators; train %zu, test %zu (split seed %llu)\n",
              data->ratings.size(), data->ratings.items(), data->ratings.annotators(), split.train.ratings.size(),
              split.test.size(), static_cast<unsigned long long>(split_seed));
  std::printf("loaded with pluralism::io::read_annotations in %.1f ms\n", load_ms);
  std::printf("factor model: factors %zu, lambda %g, bias_lambda %g, iterations %zu, seed %llu\n", opt.factors, opt.lambda,
              opt.bias_lambda, opt.iterations, static_cast<unsigned long long>(opt.seed));

  const auto mae = [&](const auto& m) { return pl::mean_absolute_error(m, split.test); };
  const double global = mae(pl::mean_baseline(split.train.ratings, pl::baseline_kind::global_mean));
  const double item = mae(pl::mean_baseline(split.train.ratings, pl::baseline_kind::item_mean));
  const double annotator = mae(pl::mean_baseline(split.train.ratings, pl::baseline_kind::annotator_mean));

  std::vector<double> seconds;
  pl::models::factor_model model;
  for (int rep = 0; rep < 7; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    model = pl::models::fit_factor_model(split.train, opt);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(seconds.begin(), seconds.end());
  auto two = opt;
  two.threads = 2;
  std::vector<double> seconds2;
  for (int rep = 0; rep < 7; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto m2 = pl::models::fit_factor_model(split.train, two);
    seconds2.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    if (m2.parameters().item_factors != model.parameters().item_factors) {
      std::printf("ERROR: the 2-thread fit differs from the 1-thread fit\n");
      return 2;
    }
  }
  std::sort(seconds2.begin(), seconds2.end());
  const double factor = mae(model);
  auto no_attr = opt;
  no_attr.attribute_embeddings = false;
  const double plain = mae(pl::models::fit_factor_model(split.train, no_attr));

  std::printf("held-out MAE  global mean     %.4f\n", global);
  std::printf("held-out MAE  item mean       %.4f\n", item);
  std::printf("held-out MAE  annotator mean  %.4f\n", annotator);
  std::printf("held-out MAE  factor model    %.4f  (%.1f%% below the best baseline)\n", factor,
              100.0 * (1.0 - factor / std::min(item, annotator)));
  std::printf("held-out MAE  factor, no attribute embeddings %.4f\n", plain);
  std::printf("fit time (median of %zu): %.1f ms on 1 thread, %.1f ms on 2 threads (bitwise equal fits), %zu sweeps, "
              "objective %.2f -> %.2f\n",
              seconds.size(), 1e3 * seconds[seconds.size() / 2], 1e3 * seconds2[seconds2.size() / 2],
              model.objective_history().size() - 1, model.objective_history().front(), model.objective_history().back());
  return factor < std::min(item, annotator) ? 0 : 1;
}
