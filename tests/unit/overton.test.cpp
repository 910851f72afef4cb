// SPDX-License-Identifier: MIT
// Overton coverage: worked examples with the exact-match model, a set-based reference (union of the answer
// sets each response entails) on random lookup tables, monotonicity in the responses and the threshold,
// micro/macro averages, the concept's archetypes, and errors.
#include <pluralism/overton.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support/errors.hpp"

namespace pl = pluralism;
using Catch::Matchers::WithinAbs;

namespace {
using pluralism_test::error_id;

// Archetype: the least a model must offer.
struct archetype_model {
  double entailment(const int&, const int&) const { return 1.0; }
};
struct not_a_model {
  double score(int, int) const { return 1.0; }
};
struct broken_model {
  double entailment(int r, int) const { return r == 2 ? std::numeric_limits<double>::quiet_NaN() : 0.5; }
};
}  // namespace

TEST_CASE("entailment_model: archetypes satisfy it, non-models do not", "[overton]") {
  STATIC_REQUIRE(pl::entailment_model<archetype_model, int, int>);
  STATIC_REQUIRE(pl::entailment_model<pl::exact_match_entailment, std::string, std::string>);
  STATIC_REQUIRE(pl::entailment_model<pl::lookup_entailment<int, int>, int, int>);
  STATIC_REQUIRE(!pl::entailment_model<not_a_model, int, int>);
  const std::vector<int> w{1, 2, 3}, r{7};
  const auto s = pl::overton_coverage(archetype_model{}, w, r);
  CHECK(s.coverage == 1.0);
  CHECK(s.precision == 1.0);
}

TEST_CASE("exact-match Overton coverage, precision and F1", "[overton]") {
  const pl::exact_match_entailment model;
  const std::vector<std::string> window{"yes", "no", "it depends"};
  const std::vector<std::string> said{"yes", "it depends", "maybe", "yes"};
  const auto s = pl::overton_coverage(model, window, said);
  CHECK(s.covered == 2);
  CHECK(s.entailing == 3);
  CHECK_THAT(s.coverage, WithinAbs(2.0 / 3.0, 1e-15));
  CHECK_THAT(s.precision, WithinAbs(0.75, 1e-15));
  CHECK_THAT(s.f1, WithinAbs(2 * (2.0 / 3.0) * 0.75 / (2.0 / 3.0 + 0.75), 1e-15));
  CHECK_THAT(s.soft_coverage, WithinAbs(2.0 / 3.0, 1e-15));
  // Weighted by cluster sizes: "no" holds half of the people.
  const std::vector<double> sizes{1, 2, 1};
  CHECK_THAT(pl::overton_coverage(model, window, said, {.weights = sizes}).coverage, WithinAbs(0.5, 1e-15));
  // A single synthesised response.
  const auto one = pl::overton_coverage_single(model, window, std::string("no"));
  CHECK_THAT(one.coverage, WithinAbs(1.0 / 3.0, 1e-15));
  CHECK(one.precision == 1.0);
  // No responses: nothing covered, precision 0 by definition.
  const auto none = pl::overton_coverage(model, window, std::vector<std::string>{});
  CHECK(none.coverage == 0.0);
  CHECK(none.precision == 0.0);
  CHECK(none.f1 == 0.0);
}

TEST_CASE("Overton metrics equal a set-based reference on random lookup tables", "[overton]") {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int trial = 0; trial < 200; ++trial) {
    const int nw = 1 + trial % 6, nr = trial % 5;
    pl::lookup_entailment<int, int> table;
    for (int r = 0; r < nr; ++r)
      for (int w = 0; w < nw; ++w) table.set(r, w, std::floor(u(rng) * 10.0) / 10.0);  // ties on the threshold
    std::vector<int> window(static_cast<std::size_t>(nw)), responses(static_cast<std::size_t>(nr));
    for (int w = 0; w < nw; ++w) window[static_cast<std::size_t>(w)] = w;
    for (int r = 0; r < nr; ++r) responses[static_cast<std::size_t>(r)] = r;
    const double t = std::floor(u(rng) * 10.0) / 10.0;
    const auto s = pl::overton_coverage(table, window, responses, {.threshold = t});
    std::set<int> covered;
    std::size_t entailing = 0;
    for (int r : responses) {
      std::set<int> mine;
      for (int w : window)
        if (table.entailment(r, w) >= t) mine.insert(w);
      covered.insert(mine.begin(), mine.end());
      if (!mine.empty()) ++entailing;
    }
    CHECK(s.covered == covered.size());
    CHECK(s.entailing == entailing);
    CHECK_THAT(s.coverage, WithinAbs(static_cast<double>(covered.size()) / nw, 1e-15));
    // Monotone: one more response never lowers coverage; a higher threshold never raises it.
    auto more = responses;
    more.push_back(0);
    CHECK(pl::overton_coverage(table, window, more, {.threshold = t}).coverage >= s.coverage);
    CHECK(pl::overton_coverage(table, window, responses, {.threshold = std::min(1.0, t + 0.3)}).coverage <= s.coverage);
  }
}

TEST_CASE("batched Overton coverage: micro and macro averages", "[overton]") {
  const pl::exact_match_entailment model;
  const std::vector<std::vector<std::string>> windows{{"a", "b"}, {"c", "d", "e", "f"}};
  const std::vector<std::vector<std::string>> responses{{"a", "x"}, {"c", "d", "e"}};
  const auto b = pl::overton_coverage_batch(model, windows, responses);
  REQUIRE(b.queries.size() == 2);
  // query 0: coverage 1/2, precision 1/2; query 1: coverage 3/4, precision 1.
  CHECK_THAT(b.macro_coverage, WithinAbs((0.5 + 0.75) / 2, 1e-15));
  CHECK_THAT(b.macro_precision, WithinAbs((0.5 + 1.0) / 2, 1e-15));
  CHECK_THAT(b.micro_coverage, WithinAbs(4.0 / 6.0, 1e-15));
  CHECK_THAT(b.micro_precision, WithinAbs(4.0 / 5.0, 1e-15));
  CHECK_THAT(b.micro_f1, WithinAbs(2 * (4.0 / 6) * (4.0 / 5) / (4.0 / 6 + 4.0 / 5), 1e-15));
  CHECK_THAT(b.macro_f1, WithinAbs((0.5 + 2 * 0.75 / 1.75) / 2, 1e-15));
  CHECK(b.share_soft_above(0.6) == 0.5);
}

TEST_CASE("Overton input errors", "[overton]") {
  const pl::exact_match_entailment model;
  const std::vector<int> w{1, 2}, r{1};
  CHECK(error_id([&] { (void)pl::overton_coverage(model, std::vector<int>{}, r); }) == "pluralism.overton.empty_window");
  CHECK(error_id([&] { (void)pl::overton_coverage(model, w, r, {.threshold = 1.5}); }) == "pluralism.overton.threshold");
  const std::vector<double> one{1.0}, neg{1.0, -1.0};
  CHECK(error_id([&] { (void)pl::overton_coverage(model, w, r, {.weights = one}); }) == "pluralism.overton.weights");
  CHECK(error_id([&] { (void)pl::overton_coverage(model, w, r, {.weights = neg}); }) == "pluralism.overton.weight");
  CHECK(error_id([&] { (void)pl::overton_coverage(broken_model{}, w, std::vector{1, 2}); }) == "pluralism.overton.probability");
  pl::lookup_entailment<int, int> strict(pl::missing_pair::error);
  strict.set(1, 1, 0.9);
  CHECK(error_id([&] { (void)pl::overton_coverage(strict, w, r); }) == "pluralism.overton.missing_pair");
  CHECK(error_id([&] { strict.set(1, 2, 1.5); }) == "pluralism.overton.probability");
  const std::vector<std::vector<int>> ws{{1}, {}};
  const std::vector<std::vector<int>> rs{{1}, {1}};
  try {
    (void)pl::overton_coverage_batch(model, ws, rs);
    FAIL("no error");
  } catch (const pl::precondition_error& e) {
    CHECK(e.id() == "pluralism.overton.empty_window");
    CHECK(std::string(e.what()).find("query 1") != std::string::npos);
  }
  CHECK(error_id([&] { (void)pl::overton_coverage_batch(model, ws, std::vector<std::vector<int>>{{1}}); }) ==
        "pluralism.overton.size");
  const std::vector<double> sizes{2.0};  // one query's window weights: refused by the batch, not ignored
  CHECK(error_id([&] { (void)pl::overton_coverage_batch(model, rs, rs, {.weights = sizes}); }) ==
        "pluralism.overton.weights");
}
