// SPDX-License-Identifier: MIT
// Jury-pluralistic benchmarks: summaries against convene_items by hand, common random numbers, and the
// point of the exercise: who judges decides which model wins.
#include <pluralism/jury.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "catch.hpp"

namespace pl = pluralism;

namespace {
// A rater model from a function of (prompt, rater).
template <class F>
struct rater_model {
  F f;
  double predict(std::size_t prompt, std::size_t rater) const { return f(prompt, rater); }
};
template <class F>
rater_model(F) -> rater_model<F>;
}  // namespace

TEST_CASE("score_outputs summarizes convene_items") {
  const auto pop = pl::make_synthetic_population({.annotators = 300, .items = 80, .raters_per_item = 300, .seed = 41});
  const pl::composition jury{pl::sheet{pl::attr("politics") == "liberal", 5}, pl::sheet{pl::attr("parent") == "no", 5}};
  const pl::jury_options o{.juries = 31, .threshold = 1.6, .seed = 8};
  const auto s = pl::score_outputs(jury, pop.truth, pop.data, o);
  const auto v = pl::convene_items(jury, pop.truth, pop.data, o);
  double sum = 0;
  std::size_t accepted = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    CHECK(s.verdicts[i].jury_means == v[i].jury_means);
    sum += v[i].value;
    accepted += v[i].value >= 1.6;
  }
  CHECK(s.judged == 80);
  CHECK_THAT(s.mean_verdict, Catch::Matchers::WithinAbs(sum / 80, 1e-12));
  CHECK(s.accepted == accepted);
  const auto w = pl::wilson_interval(accepted, 80, 0.95);
  CHECK(s.acceptance_interval.lower == w.lower);
  CHECK(s.acceptance_interval.upper == w.upper);
  CHECK(s.composition == jury.to_string());
}

TEST_CASE("compare_outputs judges both models with the same juries") {
  const auto pop = pl::make_synthetic_population({.annotators = 200, .items = 50, .raters_per_item = 200, .seed = 42});
  const pl::composition jury{pl::sheet{pl::attr("education") == "college", 6}, pl::sheet{pl::attr("age") >= 40, 6}};
  const pl::jury_options o{.juries = 21, .seed = 3};
  // The same model twice: every difference is exactly zero, because every prompt meets the same juries.
  const auto same = pl::compare_outputs(jury, pop.truth, pop.truth, pop.data, o);
  CHECK(same.paired == 50);
  CHECK(same.ties == 50);
  for (double d : same.differences) CHECK(d == 0.0);
  CHECK(same.difference_interval.lower == 0.0);
  CHECK(same.difference_interval.upper == 0.0);
  // A model every rater scores 0.25 lower loses every prompt by 0.25 (up to rounding), with no sampling noise.
  const rater_model lower{[&](std::size_t i, std::size_t a) { return pop.truth.predict(i, a) - 0.25; }};
  const auto duel = pl::compare_outputs(jury, pop.truth, lower, pop.data, o);
  CHECK(duel.wins_a == 50);
  for (double d : duel.differences) CHECK_THAT(d, Catch::Matchers::WithinAbs(0.25, 1e-12));
  CHECK_THAT(duel.mean_difference, Catch::Matchers::WithinAbs(0.25, 1e-12));
  // A noisy rival: the interval is the normal one computed by hand.
  const rater_model noisy{[&](std::size_t i, std::size_t a) { return pop.truth.predict(i, a) + (i % 3 == 0 ? 0.3 : -0.1); }};
  const auto c = pl::compare_outputs(jury, pop.truth, noisy, pop.data, o);
  double sum = 0, ss = 0;
  for (double d : c.differences) sum += d;
  const double mean = sum / 50;
  for (double d : c.differences) ss += (d - mean) * (d - mean);
  const double half = pl::normal_quantile(0.975) * std::sqrt(ss / 49) / std::sqrt(50.0);
  CHECK_THAT(c.mean_difference, Catch::Matchers::WithinAbs(mean, 1e-12));
  CHECK_THAT(c.difference_interval.lower, Catch::Matchers::WithinAbs(mean - half, 1e-12));
  CHECK_THAT(c.difference_interval.upper, Catch::Matchers::WithinAbs(mean + half, 1e-12));
  CHECK(c.wins_a + c.wins_b + c.ties == 50);
}

TEST_CASE("who judges decides which model wins") {
  const auto pop = pl::make_synthetic_population({.annotators = 300, .items = 40, .raters_per_item = 300, .seed = 43});
  const auto& politics = pop.data.annotators.column("politics");
  const std::int32_t liberal = politics.code_of("liberal");
  // Model a's answers please liberals (4 vs 1), model b's please everyone else.
  const rater_model a{[&](std::size_t, std::size_t r) { return politics.codes[r] == liberal ? 4.0 : 1.0; }};
  const rater_model b{[&](std::size_t, std::size_t r) { return politics.codes[r] == liberal ? 1.0 : 4.0; }};
  const pl::composition liberals{pl::sheet{pl::attr("politics") == "liberal", 12}};
  const pl::composition conservatives{pl::sheet{pl::attr("politics") == "conservative", 12}};
  const auto by_liberals = pl::compare_outputs(liberals, a, b, pop.data, {.juries = 11});
  const auto by_conservatives = pl::compare_outputs(conservatives, a, b, pop.data, {.juries = 11});
  CHECK(by_liberals.wins_a == 40);
  CHECK(by_conservatives.wins_b == 40);
  CHECK(by_liberals.mean_difference == 3.0);
  CHECK(by_conservatives.mean_difference == -3.0);
}

TEST_CASE("prompts that cannot be judged are left out of the summary") {
  const auto pop = pl::make_synthetic_population({.annotators = 100, .items = 30, .raters_per_item = 8, .seed = 44});
  const pl::models::observed real(pop.data);
  const pl::composition jury{pl::sheet{pl::attr("politics") == "liberal", 3}};
  const auto s = pl::score_outputs(jury, real, pop.data, {.juries = 5});
  std::size_t ok = 0;
  for (const auto& v : s.verdicts) ok += v.ok;
  CHECK(s.judged == ok);
  CHECK(ok > 0);
  CHECK(ok < 30);
  const auto c = pl::compare_outputs(jury, real, real, pop.data, {.juries = 5});
  CHECK(c.paired == ok);
  std::size_t nans = 0;
  for (double d : c.differences) nans += std::isnan(d);
  CHECK(nans == 30 - ok);
}
