// SPDX-License-Identifier: MIT
// Steerable pluralism: a worked example, a brute-force reference (per attribute, by filtering the responses)
// on random judge tables, concept archetypes, and errors.
#include <pluralism/steerable.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support/errors.hpp"

namespace pl = pluralism;
using Catch::Matchers::WithinAbs;

namespace {
using pluralism_test::error_id;
struct archetype_judge {
  double reflects(const int&, const int&) const { return 0.5; }
};
struct not_a_judge {
  double entailment(int, int) const { return 0.5; }
};
struct nan_judge {
  double reflects(int, int) const { return std::numeric_limits<double>::quiet_NaN(); }
};
}  // namespace

TEST_CASE("steering_judge: archetypes satisfy it, non-judges do not", "[steerable]") {
  STATIC_REQUIRE(pl::steering_judge<archetype_judge, int, int>);
  STATIC_REQUIRE(pl::steering_judge<pl::lookup_judge<std::string, std::string>, std::string, std::string>);
  STATIC_REQUIRE(!pl::steering_judge<not_a_judge, int, int>);
  const auto rep = pl::evaluate_steering(archetype_judge{}, std::vector{0, 1}, std::vector{5, 6}, std::vector{0, 1});
  CHECK(rep.ties == 2);  // every attribute equally likely: judged as the first
  CHECK(rep.confusion_at(1, 0) == 1);
  CHECK(rep.mean_faithfulness == 0.5);
}

TEST_CASE("faithfulness, confusion matrix and summary on a worked example", "[steerable]") {
  const std::vector<std::string> attributes{"liberal", "conservative"};
  pl::lookup_judge<std::string, std::string> judge;
  judge.set("r1", "liberal", 0.9).set("r1", "conservative", 0.2);
  judge.set("r2", "liberal", 0.6).set("r2", "conservative", 0.7);  // steered liberal, sounds conservative
  judge.set("r3", "liberal", 0.1).set("r3", "conservative", 0.8);
  const std::vector<std::string> responses{"r1", "r2", "r3"};
  const std::vector<int> steered{0, 0, 1};
  const auto rep = pl::evaluate_steering(judge, attributes, responses, steered);
  CHECK(rep.count == std::vector<std::size_t>{2, 1});
  CHECK_THAT(rep.faithfulness[0], WithinAbs(0.75, 1e-15));
  CHECK_THAT(rep.faithfulness[1], WithinAbs(0.8, 1e-15));
  CHECK(rep.hit_rate[0] == 1.0);  // 0.9 and 0.6 are both >= 0.5
  CHECK(rep.confusion_at(0, 0) == 1);
  CHECK(rep.confusion_at(0, 1) == 1);
  CHECK(rep.confusion_at(1, 1) == 1);
  CHECK_THAT(rep.accuracy, WithinAbs(2.0 / 3.0, 1e-15));
  CHECK_THAT(rep.mean_faithfulness, WithinAbs((0.75 + 0.8) / 2, 1e-15));
  CHECK(pl::evaluate_steering(judge, attributes, responses, steered, {.threshold = 0.7}).hit_rate[0] == 0.5);
}

TEST_CASE("steering metrics equal a per-attribute brute force on random judges", "[steerable]") {
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int trial = 0; trial < 100; ++trial) {
    const int na = 1 + trial % 5, nr = 1 + trial % 23;
    pl::lookup_judge<int, int> judge;
    std::vector<int> attrs(static_cast<std::size_t>(na)), resp(static_cast<std::size_t>(nr)), target(resp.size());
    for (int a = 0; a < na; ++a) attrs[static_cast<std::size_t>(a)] = a;
    for (int r = 0; r < nr; ++r) {
      resp[static_cast<std::size_t>(r)] = r;
      target[static_cast<std::size_t>(r)] = static_cast<int>(u(rng) * na);
      for (int a = 0; a < na; ++a) judge.set(r, a, std::floor(u(rng) * 8.0) / 8.0);
    }
    const auto rep = pl::evaluate_steering(judge, attrs, resp, target);
    double macro = 0;
    int with = 0;
    std::size_t diag = 0;
    std::vector<std::size_t> confusion(static_cast<std::size_t>(na * na), 0);  // steered to a, judged as b
    for (int a = 0; a < na; ++a) {
      double sum = 0;
      int n = 0;
      for (int r = 0; r < nr; ++r)
        if (target[static_cast<std::size_t>(r)] == a) {
          sum += judge.reflects(r, a);
          ++n;
          // judged: the first attribute with the largest probability
          int best = 0;
          for (int b = 1; b < na; ++b)
            if (judge.reflects(r, b) > judge.reflects(r, best)) best = b;
          diag += best == a ? 1 : 0;
          ++confusion[static_cast<std::size_t>(a * na + best)];
        }
      CHECK(rep.count[static_cast<std::size_t>(a)] == static_cast<std::size_t>(n));
      if (n > 0) {
        CHECK_THAT(rep.faithfulness[static_cast<std::size_t>(a)], WithinAbs(sum / n, 1e-14));
        macro += sum / n;
        ++with;
      }
    }
    CHECK_THAT(rep.mean_faithfulness, WithinAbs(macro / with, 1e-14));
    CHECK_THAT(rep.accuracy, WithinAbs(static_cast<double>(diag) / nr, 1e-15));
    CHECK(rep.confusion == confusion);  // every cell, not only the diagonal
  }
}

TEST_CASE("steering input errors", "[steerable]") {
  const archetype_judge j;
  const std::vector<int> a{0, 1}, r{5, 6};
  CHECK(error_id([&] { (void)pl::evaluate_steering(j, a, r, std::vector{0}); }) == "pluralism.steerable.size");
  CHECK(error_id([&] { (void)pl::evaluate_steering(j, a, r, std::vector{0, 2}); }) == "pluralism.steerable.index");
  CHECK(error_id([&] { (void)pl::evaluate_steering(j, std::vector<int>{}, r, std::vector{0, 0}); }) ==
        "pluralism.steerable.empty");
  CHECK(error_id([&] { (void)pl::evaluate_steering(j, a, r, std::vector{0, 1}, {.threshold = -0.1}); }) ==
        "pluralism.steerable.threshold");
  CHECK(error_id([&] { (void)pl::evaluate_steering(nan_judge{}, a, r, std::vector{0, 1}); }) ==
        "pluralism.steerable.probability");
  pl::lookup_judge<int, int> lj;
  CHECK(error_id([&] { lj.set(1, 1, 2.0); }) == "pluralism.steerable.probability");
}
