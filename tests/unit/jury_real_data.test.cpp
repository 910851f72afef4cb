// SPDX-License-Identifier: MIT
// Juries on the two real data sets in ../shared/data (skipped with a message when the folder is absent):
// the complete 641 x 12 "Annotators with Attitudes" matrix, and the sparse POPQUORN offensiveness table.
#include <pluralism/io.hpp>
#include <pluralism/jury.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "catch.hpp"
#include "support/skip.hpp"

namespace pl = pluralism;

namespace {
std::filesystem::path shared_data() {
  const char* env = std::getenv("PLURALISM_SHARED_DATA");
  return env ? env : PLURALISM_SHARED_DATA;
}
}  // namespace

TEST_CASE("observed juries on the complete Annotators-with-Attitudes matrix") {
  const auto file = shared_data() / "annotators-with-attitudes" / "smallScale.csv";
  if (!std::filesystem::exists(file)) {
    PLURALISM_SKIP_TEST(file << " not found (set PLURALISM_SHARED_DATA)");
  }
  const auto data = pl::io::read_annotations(file, {.item = "postCategory",
                                                    .annotator = "annID",
                                                    .rating = "off_avg",
                                                    .item_key = {"postId"},
                                                    .ignore = {"", "toyou", "toany", "intent", "racist"}});
  REQUIRE(data.items.size() == 12);
  const pl::models::observed model(data);
  // Disjoint sheets of left- and right-leaning annotators.
  const pl::composition jury{pl::sheet{pl::attr("annotatorPolitics") <= -0.5, 6}, pl::sheet{pl::attr("annotatorPolitics") >= 0.5, 6}};
  const auto left = (pl::attr("annotatorPolitics") <= -0.5).matching_rows(data.annotators);
  const auto right = (pl::attr("annotatorPolitics") >= 0.5).matching_rows(data.annotators);
  REQUIRE(left.size() > 50);
  REQUIRE(right.size() > 50);
  for (std::size_t i = 0; i < 12; ++i) {
    // Closed form by hand from the raw ratings: 6/12 of each sheet's mean observed rating.
    double sl = 0, sr = 0;
    for (auto a : left) sl += *data.ratings.find(i, a);
    for (auto a : right) sr += *data.ratings.find(i, a);
    const double expected = 0.5 * sl / static_cast<double>(left.size()) + 0.5 * sr / static_cast<double>(right.size());
    CHECK_THAT(pl::expected_jury_mean(jury, model, data, i), Catch::Matchers::WithinAbs(expected, 1e-12));
    const auto v = pl::convene(jury, model, data, i, {.juries = 2001, .seed = 17});
    double ss = 0;
    for (double x : v.jury_means) ss += (x - v.mean_of_juries) * (x - v.mean_of_juries);
    const double se = std::sqrt(ss / 2000 / 2001);
    INFO("post " << data.items.id(i) << ": mean of juries " << v.mean_of_juries << ", expected " << expected);
    CHECK(std::abs(v.mean_of_juries - expected) < 4.5 * se);
  }
  // Everyone who leans left, seated at once: the verdict is exactly their mean rating.
  const pl::composition all_left{pl::sheet{pl::attr("annotatorPolitics") <= -0.5, static_cast<std::uint32_t>(left.size())}};
  double s0 = 0;
  for (auto a : left) s0 += *data.ratings.find(0, a);
  CHECK_THAT(pl::convene(all_left, model, data, 0, {.juries = 3}).value,
             Catch::Matchers::WithinAbs(s0 / static_cast<double>(left.size()), 1e-12));
}

TEST_CASE("observed juries on sparse POPQUORN: sheets too small for an item are reported per item") {
  const auto file = shared_data() / "popquorn-offensiveness" / "raw_data.csv";
  if (!std::filesystem::exists(file)) {
    PLURALISM_SKIP_TEST(file << " not found (set PLURALISM_SHARED_DATA)");
  }
  const auto data = pl::io::read_annotations(
      file, {.item = "instance_id", .annotator = "user_id", .rating = "offensiveness", .item_columns = {"text"}});
  REQUIRE(data.items.size() == 1500);
  const pl::models::observed model(data);
  const pl::composition jury{pl::sheet{pl::attr("race") == "Asian", 1}, pl::sheet{pl::attr("gender") == "Woman", 2}};
  const auto verdicts = pl::convene_items(jury, model, data, {.juries = 11, .threshold = 2.0, .seed = 3});
  const auto& race = data.annotators.column("race");
  const auto& gender = data.annotators.column("gender");
  std::size_t judged = 0;
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    std::size_t asian = 0, women = 0, asian_women = 0;
    for (auto a : data.ratings.raters(i)) {
      const bool is_asian = race.text(a) == "Asian", is_woman = gender.text(a) == "Woman";
      asian += is_asian;
      women += is_woman;
      asian_women += is_asian && is_woman;
    }
    // Sheets fill in order and nobody sits twice, so an Asian woman seated by sheet 1 is lost to sheet 2.
    INFO("item " << data.items.id(i) << ": " << asian << " Asian raters, " << women << " women, " << asian_women << " both");
    if (asian == 0 || women < 2 || (women == 2 && asian_women == asian)) {
      CHECK(!verdicts[i].ok);  // no jury can be filled
    } else if (asian_women == 0 || women >= 3) {
      CHECK(verdicts[i].ok);  // every jury can be filled
      judged += 1;
    }  // else: some draws fail and some do not; whether one of the 11 juries fails depends on the seed
  }
  CHECK(judged > 300);
  CHECK(judged < 1500);
}
