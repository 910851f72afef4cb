// SPDX-License-Identifier: MIT
// How far is a model's answer distribution from a population's?
//
// One survey question, five ordered options (strongly agree ... strongly disagree). A model answered it many
// times; a survey asked people from three groups. Which number you report depends on what "far" means and on
// which population you align to: pluralism makes both explicit.
#include <pluralism/divergence.hpp>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace pl = pluralism;

int main() {
  const std::vector<double> model{0.05, 0.60, 0.25, 0.10, 0.00};
  const std::vector<double> people{0.20, 0.30, 0.15, 0.20, 0.15};

  // Jensen-Shannon: scipy's jensenshannon returns the DISTANCE (square root) in nats; base 2 bounds it by 1.
  std::printf("JS divergence (nats)     %.4f\n", pl::js_divergence(model, people));
  std::printf("JS distance (nats)       %.4f   = scipy jensenshannon(p, q)\n", pl::js_distance(model, people));
  std::printf("JS distance (bits)       %.4f   = scipy jensenshannon(p, q, 2)\n", pl::js_distance(model, people, {.base = 2}));
  std::printf("similarity (bits)        %.4f   GlobalOpinionQA: 1 - JS distance\n", pl::similarity(model, people, {.base = 2}));
  std::printf("total variation          %.4f\n", pl::total_variation(model, people));
  std::printf("Hellinger                %.4f\n", pl::hellinger_distance(model, people));

  // KL(people || model) is infinite: the model never says "strongly disagree". Say what you want instead.
  std::printf("KL(people || model)      %g\n", pl::kl_divergence(people, model));
  std::printf("KL, smoothed 1e-3        %.4f\n",
              pl::kl_divergence(people, model, {.zeros = pl::zero_policy::smooth, .smoothing = 1e-3}));

  // The options are ordered: W1 counts how far probability mass must move. OpinionQA divides by the largest
  // W1 on the scale to get representativeness.
  std::printf("W1 on 0..4               %.4f\n", pl::wasserstein1(model, people));
  std::printf("representativeness       %.4f   OpinionQA: 1 - W1 / 4\n", pl::representativeness(model, people));

  // Keyed answers: labels missing on one side count as 0.
  const std::map<std::string, double> said{{"yes", 0.7}, {"no", 0.3}};
  const std::map<std::string, double> heard{{"yes", 0.5}, {"no", 0.3}, {"refused", 0.2}};
  std::printf("keyed TV                 %.4f\n", pl::total_variation(said, heard));

  // Which population? Individual answers of three groups, with survey weights, post-stratified to the shares
  // the benchmark author chooses.
  const std::vector<int> answers{0, 1, 1, 3, 4, 0, 2, 4, 4, 3, 1, 0};
  const std::vector<int> groups{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
  const std::vector<double> weights{1.0, 1.2, 0.8, 1.0, 1.0, 1.0, 0.5, 1.5, 1.0, 1.0, 1.0, 1.0};
  for (const auto& shares : {std::vector{1.0, 1.0, 1.0}, std::vector{0.6, 0.3, 0.1}}) {
    const auto population = pl::post_stratify(answers, groups, weights, shares, 5);
    std::printf("shares %.1f/%.1f/%.1f: JS distance (bits) to the model %.4f\n", shares[0], shares[1], shares[2],
                pl::js_distance(model, population, {.base = 2}));
  }
}
