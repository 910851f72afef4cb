// SPDX-License-Identifier: MIT
// rating_store: the sparse item-major store, built from entries in any order (loaders hand it sorted entries,
// which skip the sort), against a std::map reference.
#include <pluralism/jury/rating_store.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <utility>
#include <vector>

#include "catch.hpp"
#include "support/errors.hpp"

using pluralism::rating_entry;
using pluralism::rating_store;

namespace {

// Distinct random (item, annotator) pairs with ratings, in random order.
std::vector<rating_entry> random_entries(std::uint32_t items, std::uint32_t annotators, std::mt19937_64& rng) {
  std::vector<rating_entry> e;
  std::bernoulli_distribution rated(0.3);
  std::uniform_real_distribution<double> score(0.0, 4.0);
  for (std::uint32_t i = 0; i < items; ++i)
    for (std::uint32_t a = 0; a < annotators; ++a)
      if (rated(rng)) e.push_back({i, a, score(rng)});
  std::shuffle(e.begin(), e.end(), rng);
  return e;
}

void require_matches(const rating_store& s, const std::map<std::pair<std::uint32_t, std::uint32_t>, double>& want,
                     std::uint32_t items) {
  REQUIRE(s.size() == want.size());
  REQUIRE(s.items() == items);
  auto it = want.begin();
  for (std::uint32_t i = 0; i < items; ++i) {
    const auto raters = s.raters(i);
    const auto ratings = s.ratings(i);
    REQUIRE(std::is_sorted(raters.begin(), raters.end()));
    for (std::size_t k = 0; k < raters.size(); ++k, ++it) {
      REQUIRE(it != want.end());
      REQUIRE(it->first == std::make_pair(i, raters[k]));
      REQUIRE(ratings[k] == it->second);
      REQUIRE(s.find(i, raters[k]) == it->second);
    }
  }
  REQUIRE(it == want.end());
}

}  // namespace

TEST_CASE("rating_store: entries in any order give the item-major store of a map reference") {
  std::mt19937_64 rng(20261129);
  for (int trial = 0; trial < 50; ++trial) {
    const auto items = static_cast<std::uint32_t>(1 + rng() % 30);
    const auto annotators = static_cast<std::uint32_t>(1 + rng() % 20);
    auto entries = random_entries(items, annotators, rng);
    std::map<std::pair<std::uint32_t, std::uint32_t>, double> want;
    for (const auto& e : entries) want[{e.item, e.annotator}] = e.rating;

    require_matches(rating_store(items, annotators, entries), want, items);  // shuffled: sorted inside
    std::sort(entries.begin(), entries.end(), [](const rating_entry& x, const rating_entry& y) {
      return x.item != y.item ? x.item < y.item : x.annotator < y.annotator;
    });
    require_matches(rating_store(items, annotators, entries), want, items);  // already sorted: no sort
  }
}

TEST_CASE("rating_store: a repeated pair, an index out of range or a NaN rating is an error") {
  // Braced lists hold commas that a macro argument cannot: each case is a named vector.
  const auto id = [](std::vector<rating_entry> e) {
    return pluralism_test::error_id([&] { static_cast<void>(rating_store(3, 3, std::move(e))); });
  };
  const std::vector<rating_entry> repeat_sorted{{0, 1, 1.0}, {0, 1, 2.0}, {2, 0, 1.0}};
  const std::vector<rating_entry> repeat_shuffled{{2, 0, 1.0}, {0, 1, 1.0}, {1, 1, 1.0}, {0, 1, 2.0}};
  const std::vector<rating_entry> item_out{{3, 0, 1.0}}, annotator_out{{0, 3, 1.0}}, nan{{0, 0, std::nan("")}};
  CHECK(id(repeat_sorted) == "pluralism.ratings.duplicate");  // found whether the input is sorted or not
  CHECK(id(repeat_shuffled) == "pluralism.ratings.duplicate");
  CHECK(id(item_out) == "pluralism.ratings.out_of_range");
  CHECK(id(annotator_out) == "pluralism.ratings.out_of_range");
  CHECK(id(nan) == "pluralism.ratings.nan");
  CHECK(rating_store(3, 3, {}).size() == 0);
  const std::vector<rating_entry> one{{1, 2, 0.5}};
  CHECK_FALSE(rating_store(3, 3, one).find(1, 1).has_value());
}
