// SPDX-License-Identifier: MIT
// jury/holdout.hpp: the seeded rating split, the mean baselines and the MAE, against brute-force versions.
#include <pluralism/jury/holdout.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "catch.hpp"

using namespace pluralism;

namespace {
annotations make_ratings(std::uint64_t seed, std::size_t items, std::size_t people, double density) {
  philox_stream s({.seed = seed});
  std::vector<rating_entry> e;
  for (std::uint32_t i = 0; i < items; ++i)
    for (std::uint32_t a = 0; a < people; ++a)
      if (uniform_double(s) < density) e.push_back({i, a, static_cast<double>(1 + bounded(s, 5))});
  std::vector<std::string> ids(people), item_ids(items);
  for (std::size_t a = 0; a < people; ++a) ids[a] = std::string(1, 'p').append(std::to_string(a));
  for (std::size_t i = 0; i < items; ++i) item_ids[i] = std::string(1, 'x').append(std::to_string(i));
  return {attribute_table(ids), attribute_table(item_ids), rating_store(items, people, std::move(e))};
}
auto key(const rating_entry& e) { return std::make_tuple(e.item, e.annotator, e.rating); }
}  // namespace

TEST_CASE("split_ratings holds out exactly round(share * N) ratings, disjoint, deterministic", "[holdout]") {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const auto d = make_ratings(seed, 30, 20, 0.3);
    for (double share : {0.0, 0.2, 0.5, 1.0}) {
      const auto s = split_ratings(d, share, seed);
      const auto n = d.ratings.size();
      INFO("seed " << seed << ", share " << share << ", N " << n);
      CHECK(s.test.size() == static_cast<std::size_t>(std::llround(share * static_cast<double>(n))));
      CHECK(s.train.ratings.size() + s.test.size() == n);
      CHECK(s.train.ratings.items() == d.ratings.items());
      CHECK(s.train.ratings.annotators() == d.ratings.annotators());
      CHECK(s.train.annotators.ids() == d.annotators.ids());
      std::set<std::tuple<std::uint32_t, std::uint32_t, double>> all, parts;
      for (const auto& e : d.ratings.entries()) all.insert(key(e));
      for (const auto& e : s.train.ratings.entries()) parts.insert(key(e));
      for (const auto& e : s.test) CHECK(parts.insert(key(e)).second);  // disjoint
      CHECK(parts == all);
      const auto again = split_ratings(d, share, seed);
      CHECK(std::equal(again.test.begin(), again.test.end(), s.test.begin(), s.test.end(),
                       [](const rating_entry& x, const rating_entry& y) { return key(x) == key(y); }));
    }
  }
  const auto d = make_ratings(4, 30, 20, 0.3);
  const auto a = split_ratings(d, 0.2, 1), b = split_ratings(d, 0.2, 2);
  CHECK_FALSE(std::equal(a.test.begin(), a.test.end(), b.test.begin(), b.test.end(),
                         [](const rating_entry& x, const rating_entry& y) { return key(x) == key(y); }));
  REQUIRE_THROWS_AS(split_ratings(d, 1.5, 1), precondition_error);
  REQUIRE_THROWS_AS(split_ratings(d, std::nan(""), 1), precondition_error);
}

TEST_CASE("split_ratings picks every rating for the test set equally often", "[holdout][statistics]") {
  // 10 ratings, 3 held out, 3000 seeds: each rating is held out Binomial(3000, 0.3) times, mean 900, sd 25.
  std::vector<rating_entry> e;
  for (std::uint32_t i = 0; i < 10; ++i) e.push_back({i, 0, static_cast<double>(i)});
  const annotations d{attribute_table({"p"}), attribute_table(), rating_store(10, 1, e)};
  std::vector<double> count(10, 0.0);
  for (std::uint64_t seed = 0; seed < 3000; ++seed)
    for (const auto& t : split_ratings(d, 0.3, seed).test) count[t.item] += 1;
  for (double c : count) CHECK(std::abs(c - 900.0) < 6 * 25.1);  // 6 sd: false alarm below 1e-8 per rating
}

TEST_CASE("mean baselines and MAE equal their brute-force definitions", "[holdout]") {
  const auto d = make_ratings(9, 25, 15, 0.25);
  const auto entries = d.ratings.entries();
  std::map<std::size_t, std::vector<double>> by_item, by_person;
  double total = 0.0;
  for (const auto& e : entries) {
    by_item[e.item].push_back(e.rating);
    by_person[e.annotator].push_back(e.rating);
    total += e.rating;
  }
  const double global = total / static_cast<double>(entries.size());
  auto avg = [&](const std::map<std::size_t, std::vector<double>>& m, std::size_t k) {
    if (!m.count(k)) return global;
    double s = 0.0;
    for (double r : m.at(k)) s += r;
    return s / static_cast<double>(m.at(k).size());
  };
  const mean_baseline g(d.ratings, baseline_kind::global_mean), im(d.ratings, baseline_kind::item_mean),
      am(d.ratings, baseline_kind::annotator_mean);
  for (std::size_t i = 0; i < 25; ++i)
    for (std::size_t a = 0; a < 15; ++a) {
      CHECK(g.predict(i, a) == Catch::Approx(global).epsilon(1e-14));
      CHECK(im.predict(i, a) == Catch::Approx(avg(by_item, i)).epsilon(1e-14));
      CHECK(am.predict(i, a) == Catch::Approx(avg(by_person, a)).epsilon(1e-14));
    }
  std::vector<rating_entry> test{{0, 1, 4.0}, {3, 2, 1.0}, {7, 7, 2.5}};
  double want = 0.0;
  for (const auto& t : test) want += std::abs(im.predict(t.item, t.annotator) - t.rating);
  CHECK(mean_absolute_error(im, test) == Catch::Approx(want / 3).epsilon(1e-14));
  REQUIRE_THROWS_AS(im.predict(25, 0), precondition_error);
  REQUIRE_THROWS_AS(mean_absolute_error(im, std::vector<rating_entry>{}), precondition_error);
  REQUIRE_THROWS_AS(mean_baseline(rating_store(3, 3, {}), baseline_kind::item_mean), precondition_error);
  struct nan_model {
    double predict(std::size_t, std::size_t) const { return std::nan(""); }
  };
  REQUIRE_THROWS_AS(mean_absolute_error(nan_model{}, test), precondition_error);
}
