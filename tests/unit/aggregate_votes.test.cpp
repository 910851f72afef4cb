// SPDX-License-Identifier: MIT
// Vote counts, shares and the plurality label against brute-force counting, each tie policy, and bad input.
#include <pluralism/aggregate/votes.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support/chi_square.hpp"

using namespace pluralism;

namespace {
template <class F>
std::string error_id(F f) {
  try {
    f();
  } catch (const error& e) {
    return e.id();
  }
  return "no error";
}
}  // namespace

TEST_CASE("counts, shares and plurality agree with brute-force counting", "[aggregate][votes]") {
  philox_stream s({.seed = 808});
  for (int trial = 0; trial < 1000; ++trial) {
    const std::uint32_t labels = 1 + bounded(s, 6);
    const std::size_t n = 1 + bounded(s, 25);
    std::vector<int> votes(n);
    for (auto& v : votes) v = static_cast<int>(bounded(s, labels));
    const auto counts = vote_counts(votes, labels);
    REQUIRE(counts.size() == labels);
    std::size_t best = 0;
    std::vector<std::size_t> tied;
    for (std::uint32_t l = 0; l < labels; ++l) {
      const auto c = static_cast<std::size_t>(std::count(votes.begin(), votes.end(), static_cast<int>(l)));
      REQUIRE(counts[l] == c);
      REQUIRE(vote_shares(votes, labels)[l] == static_cast<double>(c) / static_cast<double>(n));
      if (c > best) best = c, tied.clear();
      if (c == best) tied.push_back(l);
    }
    const auto all = plurality(votes, {.ties = tie_policy::all, .label_count = labels});
    REQUIRE(all.winners == tied);
    REQUIRE(all.tied == (tied.size() > 1));
    REQUIRE(all.votes == static_cast<double>(best));
    REQUIRE(all.share == static_cast<double>(best) / static_cast<double>(n));
    REQUIRE(plurality(votes).label() == tied.front());  // default: lowest tied label (crowd-kit)
    const auto r = plurality(votes, {.ties = tie_policy::random, .seed = 1, .item = static_cast<std::uint64_t>(trial)});
    REQUIRE(std::find(tied.begin(), tied.end(), r.label()) != tied.end());
    if (tied.size() > 1) {
      REQUIRE(error_id([&] { (void)plurality(votes, {.ties = tie_policy::error}); }) == "pluralism.aggregate.tie");
    } else {
      REQUIRE(plurality(votes, {.ties = tie_policy::error}).label() == tied.front());
    }
    // Inferred label count: the largest label + 1.
    REQUIRE(vote_counts(votes).size() == static_cast<std::size_t>(*std::max_element(votes.begin(), votes.end()) + 1));
  }
}

TEST_CASE("random tie-breaking picks each tied label equally often, reproducibly", "[aggregate][votes][statistics]") {
  // Labels 1, 2 and 4 tie; over 30000 items each should win a third of the time (expected 10000 per cell).
  const std::vector<double> counts{0, 5, 5, 1, 5};
  std::vector<double> wins(5, 0.0);
  for (std::uint64_t item = 0; item < 30000; ++item) {
    const auto r = plurality_of_counts(counts, {.ties = tie_policy::random, .seed = 3, .item = item});
    wins[r.label()] += 1;
    REQUIRE(r.tied);
  }
  CHECK(wins[0] == 0);
  CHECK(wins[3] == 0);
  const double p = pluralism_test::uniform_p({wins[1], wins[2], wins[4]});
  INFO("p = " << p);
  CHECK(p > pluralism_test::reject_below);
  const auto again = plurality_of_counts(counts, {.ties = tie_policy::random, .seed = 3, .item = 17});
  CHECK(again.winners == plurality_of_counts(counts, {.ties = tie_policy::random, .seed = 3, .item = 17}).winners);
}

TEST_CASE("votes: weighted counts, whole-number doubles, NaN policy, errors", "[aggregate][votes]") {
  const auto w = plurality_of_counts(std::vector<double>{0.5, 2.25, 1.0});
  CHECK(w.label() == 1);
  CHECK(w.total == 3.75);
  CHECK(w.share == 0.6);
  CHECK(vote_counts(std::vector<double>{0, 2, 2, 4}) == std::vector<std::size_t>{1, 0, 2, 0, 1});
  CHECK(vote_counts(std::vector<double>{1, std::nan(""), 1}, 3, nan_policy::skip) == std::vector<std::size_t>{0, 2, 0});
  CHECK(error_id([] { (void)vote_counts(std::vector<double>{1, std::nan("")}); }) == "pluralism.aggregate.nan");
  CHECK(error_id([] { (void)vote_counts(std::vector<double>{1.5}); }) == "pluralism.aggregate.label");
  CHECK(error_id([] { (void)vote_counts(std::vector<int>{-1}); }) == "pluralism.aggregate.label");
  CHECK(error_id([] { (void)vote_counts(std::vector<int>{0, 3}, 3); }) == "pluralism.aggregate.label");
  CHECK(error_id([] { (void)vote_counts(std::vector<double>{1e10}); }) == "pluralism.aggregate.label");
  CHECK(error_id([] { (void)vote_counts(std::vector<int>{}); }) == "pluralism.aggregate.empty");
  CHECK(error_id([] { (void)plurality_of_counts(std::vector<double>{0, 0}); }) == "pluralism.aggregate.counts");
  CHECK(error_id([] { (void)plurality_of_counts(std::vector<double>{1, -1}); }) == "pluralism.aggregate.counts");
  CHECK(error_id([] { (void)plurality_of_counts(std::vector<double>{}); }) == "pluralism.aggregate.empty");
  std::string message;
  try {
    (void)plurality(std::vector<int>{2, 0, 2, 0, 1}, {.ties = tie_policy::error});
  } catch (const data_error& e) {
    message = e.what();
  }
  CHECK(message.find("labels 0, 2 tie with 2 votes") != std::string::npos);
  try {
    (void)vote_counts(std::vector<int>{0, 1, 7}, 3);
  } catch (const precondition_error& e) {
    CHECK(std::string(e.what()).find("labels[2] = 7") != std::string::npos);
  }
}
