// SPDX-License-Identifier: MIT
// convene / convene_items: exact properties, statistical convergence against closed forms and exact
// enumeration, thread-count invariance, sparse (observed) pools, and the errors.
#include <pluralism/aggregate.hpp>
#include <pluralism/jury.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support/errors.hpp"

namespace pl = pluralism;

namespace {
// A small population: n people with a categorical group (a/b/c by index mod 3) and a numeric score.
pl::annotations small_population(std::uint32_t n, std::uint32_t items) {
  pl::annotations d;
  std::vector<std::string> ids, group;
  std::vector<double> score;
  for (std::uint32_t a = 0; a < n; ++a) {
    ids.push_back(std::string("p") + std::to_string(a));
    group.push_back(std::string(1, static_cast<char>('a' + a % 3)));
    score.push_back(a);
  }
  d.annotators = pl::attribute_table(ids);
  d.annotators.add_categorical("group", group);
  d.annotators.add_numeric("score", score);
  std::vector<std::string> item_ids;
  for (std::uint32_t i = 0; i < items; ++i) item_ids.push_back(std::string("i") + std::to_string(i));
  d.items = pl::attribute_table(item_ids);
  std::vector<pl::rating_entry> e;
  for (std::uint32_t i = 0; i < items; ++i)
    for (std::uint32_t a = 0; a < n; ++a) e.push_back({i, a, static_cast<double>((a * 7 + i * 3) % 5)});
  d.ratings = pl::rating_store(items, n, e);
  return d;
}

// A model whose prediction is a fixed function of (item, annotator).
struct table_model {
  double predict(std::size_t i, std::size_t a) const { return static_cast<double>((a * a + 3 * i) % 11) / 2.0; }
};
}  // namespace

TEST_CASE("seats equal to the whole pool give exactly the pool mean") {
  const auto d = small_population(30, 3);
  const table_model m;
  const pl::composition jury{pl::sheet{pl::attr("group") == "a", 10}, pl::sheet{pl::attr("group") == "b", 10}};
  for (std::size_t i = 0; i < 3; ++i) {
    double sum = 0;
    for (std::size_t a = 0; a < 30; ++a)
      if (a % 3 != 2) sum += m.predict(i, a);
    const auto v = pl::convene(jury, m, d, i, {.juries = 11});
    for (double x : v.jury_means) CHECK_THAT(x, Catch::Matchers::WithinAbs(sum / 20, 1e-12));
    CHECK_THAT(v.value, Catch::Matchers::WithinAbs(sum / 20, 1e-12));
    CHECK_THAT(pl::expected_jury_mean(jury, m, d, i), Catch::Matchers::WithinAbs(sum / 20, 1e-12));
  }
}

TEST_CASE("the mean of many juries converges to the closed-form expected jury mean") {
  const auto pop = pl::make_synthetic_population({.annotators = 400, .items = 6, .raters_per_item = 400, .seed = 3});
  const pl::composition jury{pl::sheet{pl::attr("politics") == "liberal", 5},
                             pl::sheet{pl::attr("politics") == "conservative" && pl::attr("parent") == "yes", 4}};
  for (std::size_t i = 0; i < 6; ++i) {
    const auto v = pl::convene(jury, pop.truth, pop.data, i, {.juries = 4001, .seed = 9});
    const double expected = pl::expected_jury_mean(jury, pop.truth, pop.data, i);
    double ss = 0;
    for (double x : v.jury_means) ss += (x - v.mean_of_juries) * (x - v.mean_of_juries);
    const double se = std::sqrt(ss / 4000) / std::sqrt(4001.0);
    INFO("item " << i << ": mean of juries " << v.mean_of_juries << ", expected " << expected << ", se " << se);
    CHECK(std::abs(v.mean_of_juries - expected) < 4.5 * se);  // two-sided 4.5 sigma: false alarm ~ 7e-6 per item
  }
}

TEST_CASE("the median verdict is a median of the exact jury-mean distribution") {
  // One sheet of 3 seats from 7 people: 35 equally likely juries, enumerated exactly.
  const auto d = small_population(21, 1);
  const table_model m;
  const pl::composition jury{pl::sheet{pl::attr("group") == "a", 3}};
  std::vector<double> people;
  for (std::size_t a = 0; a < 21; a += 3) people.push_back(m.predict(0, a));
  std::vector<double> all;
  for (std::size_t x = 0; x < 7; ++x)
    for (std::size_t y = x + 1; y < 7; ++y)
      for (std::size_t z = y + 1; z < 7; ++z) all.push_back((people[x] + people[y] + people[z]) / 3);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const std::uint32_t J = 1001;
    const auto v = pl::convene(jury, m, d, 0, {.juries = J, .seed = seed});
    // The sample median m of J draws: P(X < m) and P(X > m) under the exact law are each at most one half
    // up to the sampling error of a proportion, sqrt(1/4 / J); allow 4.5 of it.
    const double below = static_cast<double>(std::count_if(all.begin(), all.end(), [&](double x) { return x < v.value - 1e-12; })) / 35;
    const double above = static_cast<double>(std::count_if(all.begin(), all.end(), [&](double x) { return x > v.value + 1e-12; })) / 35;
    const double tol = 4.5 * std::sqrt(0.25 / J);
    INFO("seed " << seed << " median " << v.value << " P(below) " << below << " P(above) " << above);
    CHECK(below <= 0.5 + tol);
    CHECK(above <= 0.5 + tol);
  }
}

TEST_CASE("with J odd, the median is at or above the threshold exactly when more than half the juries are") {
  const auto pop = pl::make_synthetic_population({.annotators = 300, .items = 60, .raters_per_item = 300, .seed = 5});
  const pl::composition jury{pl::sheet{pl::attr("politics") == "liberal", 3}, pl::sheet{pl::attr("parent") == "no", 3}};
  for (double threshold : {1.0, 1.5, 2.0, 2.5}) {
    const auto all = pl::convene_items(jury, pop.truth, pop.data, {.juries = 21, .threshold = threshold, .seed = 2});
    for (const auto& v : all) {
      REQUIRE(v.ok);
      CHECK(v.outcome() == (2 * v.at_or_above > v.juries()));
      const auto count = std::count_if(v.jury_means.begin(), v.jury_means.end(), [&](double x) { return x >= threshold; });
      CHECK(v.at_or_above == static_cast<std::uint32_t>(count));
    }
  }
}

TEST_CASE("verdict summaries agree with the aggregation core") {
  const auto pop = pl::make_synthetic_population({.annotators = 200, .items = 4, .raters_per_item = 200, .seed = 8});
  const pl::composition jury{pl::sheet{pl::attr("education") == "college", 4}, pl::sheet{pl::attr("age") >= 50, 4}};
  for (std::uint32_t J : {1u, 2u, 10u, 101u}) {
    const auto v = pl::convene(jury, pop.truth, pop.data, 1, {.juries = J, .quantiles = {0, 0.05, 0.5, 0.95, 1}});
    CHECK_THAT(v.value, Catch::Matchers::WithinAbs(pl::median(v.jury_means), 1e-12));
    CHECK_THAT(v.mean_of_juries, Catch::Matchers::WithinAbs(pl::mean(v.jury_means), 1e-12));
    const auto q = pl::quantiles(v.jury_means, {0, 0.05, 0.5, 0.95, 1});
    for (std::size_t k = 0; k < q.size(); ++k) CHECK_THAT(v.quantiles[k], Catch::Matchers::WithinAbs(q[k], 1e-12));
    std::uint32_t binned = 0;
    for (auto c : v.histogram.counts) binned += c;
    CHECK(binned == J);
    double sum = 0;
    for (const auto& s : v.sheets) sum += s.contribution;
    CHECK_THAT(sum, Catch::Matchers::WithinAbs(v.mean_of_juries, 1e-12));
    const auto w = pl::wilson_interval(v.at_or_above, J, 0.95);
    CHECK(v.share_interval.lower == w.lower);
    CHECK(v.share_interval.upper == w.upper);
    // The median jury is a jury whose mean is the (lower) median, and its votes count its jurors.
    std::vector<double> sorted = v.jury_means;
    std::sort(sorted.begin(), sorted.end());
    CHECK(v.jury_means[v.median_jury] == sorted[(J - 1) / 2]);
    CHECK(v.median_jury_yes + v.median_jury_no == 8);
    const auto roster = pl::explain_jury(jury, pop.truth, pop.data, 1, v.median_jury, 0);
    std::uint32_t yes = 0;
    for (const auto& j : roster.jurors) yes += j.prediction >= v.threshold ? 1u : 0u;
    CHECK(yes == v.median_jury_yes);
  }
  const auto mom = pl::convene(jury, pop.truth, pop.data, 1, {.juries = 101, .rule = pl::final_rule::median_of_means, .blocks = 10});
  CHECK_THAT(mom.value, Catch::Matchers::WithinAbs(
                            pl::median_of_means(mom.jury_means, {.blocks = 10, .layout = pl::block_layout::contiguous}).estimate, 1e-12));
  const auto mean = pl::convene(jury, pop.truth, pop.data, 1, {.rule = pl::final_rule::mean});
  CHECK(mean.value == mean.mean_of_juries);
}

TEST_CASE("every jury re-drawn by explain_jury is the one convene counted: eligible people, nobody twice") {
  const auto pop = pl::make_synthetic_population({.annotators = 120, .items = 5, .raters_per_item = 120, .seed = 4});
  // Overlapping sheets: liberals, then parents (some parents are liberals), then anyone.
  const pl::composition jury{pl::sheet{pl::attr("politics") == "liberal", 4}, pl::sheet{pl::attr("parent") == "yes", 4},
                             pl::sheet{pl::predicate{}, 3, "anyone"}};
  const auto v = pl::convene(jury, pop.truth, pop.data, 2, {.juries = 50, .seed = 77});
  for (std::uint32_t j = 0; j < 50; ++j) {
    const auto r = pl::explain_jury(jury, pop.truth, pop.data, 2, j, 77);
    REQUIRE(r.jurors.size() == 11);
    CHECK(r.mean == v.jury_means[j]);
    std::set<std::uint32_t> seen;
    for (const auto& juror : r.jurors) {
      CHECK(seen.insert(juror.annotator).second);
      CHECK(jury[juror.sheet].who.test(pop.data.annotators, juror.annotator));
      CHECK(juror.prediction == pop.truth.predict(2, juror.annotator));
    }
    CHECK(r.jurors[0].sheet == 0);
    CHECK(r.jurors[4].sheet == 1);
    CHECK(r.jurors[8].sheet == 2);
  }
}

TEST_CASE("the same seed gives the same verdicts for 1, 2 and 8 threads, and another seed differs") {
  const auto pop = pl::make_synthetic_population({.annotators = 300, .items = 200, .raters_per_item = 25, .seed = 6});
  const pl::models::group_mean model(pop.data, {.by = {"politics"}});
  const pl::composition jury{pl::sheet{pl::attr("politics") == "liberal", 6}, pl::sheet{pl::attr("politics_score") >= 0.2, 6}};
  const auto one = pl::convene_items(jury, model, pop.data, {.seed = 42, .threads = 1});
  for (unsigned threads : {2u, 8u}) {
    const auto many = pl::convene_items(jury, model, pop.data, {.seed = 42, .threads = threads});
    REQUIRE(many.size() == one.size());
    for (std::size_t i = 0; i < one.size(); ++i) {
      REQUIRE(many[i].jury_means == one[i].jury_means);  // bitwise
      CHECK(many[i].value == one[i].value);
    }
  }
  // Another seed draws other juries (seen through a model where every person predicts differently).
  const auto a = pl::convene_items(jury, pop.truth, pop.data, {.seed = 42, .threads = 2});
  const auto b = pl::convene_items(jury, pop.truth, pop.data, {.seed = 43, .threads = 2});
  for (std::size_t i = 0; i < one.size(); ++i) CHECK(a[i].jury_means != b[i].jury_means);
  // A subset of items gives the same verdicts as the full run (the stream depends on the item row only).
  const auto some = pl::convene_items(jury, model, pop.data, {.seed = 42}, std::vector<std::size_t>{5, 199, 0});
  CHECK(some[0].jury_means == one[5].jury_means);
  CHECK(some[1].jury_means == one[199].jury_means);
  CHECK(some[2].jury_means == one[0].jury_means);
}

TEST_CASE("observed ratings: each item's juries come from the matching people who rated it") {
  const auto pop = pl::make_synthetic_population({.annotators = 200, .items = 100, .raters_per_item = 12, .seed = 11});
  const pl::models::observed model(pop.data);
  const pl::composition jury{pl::sheet{pl::attr("politics") == "liberal", 2}, pl::sheet{pl::attr("politics") == "conservative", 2}};
  const auto all = pl::convene_items(jury, model, pop.data, {.juries = 15, .seed = 1});
  std::size_t judged = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::size_t lib = 0, con = 0;
    for (auto a : pop.data.ratings.raters(i)) {
      const auto& p = pop.data.annotators.column("politics");
      lib += p.text(a) == "liberal";
      con += p.text(a) == "conservative";
    }
    INFO("item " << i << ": " << lib << " liberal and " << con << " conservative raters");
    CHECK(all[i].ok == (lib >= 2 && con >= 2));
    if (!all[i].ok) {
      CHECK(all[i].problem.find("matches") != std::string::npos);
      CHECK_THROWS_AS(pl::convene(jury, model, pop.data, i), pl::data_error);
      continue;
    }
    ++judged;
    for (std::uint32_t j = 0; j < 15; ++j) {
      const auto r = pl::explain_jury(jury, model, pop.data, i, j, 1);
      for (const auto& juror : r.jurors) CHECK(pop.data.ratings.find(i, juror.annotator).has_value());
    }
  }
  CHECK(judged > 10);
}

TEST_CASE("conditional juries: the first matching rule's composition judges the item") {
  const auto pop = pl::make_synthetic_population({.annotators = 300, .items = 40, .raters_per_item = 300, .seed = 12});
  const pl::composition parents{pl::sheet{pl::attr("parent") == "yes", 6}};
  const pl::composition liberals{pl::sheet{pl::attr("politics") == "liberal", 6}};
  const pl::composition everyone{pl::sheet{pl::predicate{}, 6, "anyone"}};
  const pl::conditional_composition rules{{{pl::attr("topic") == "parenting", parents}, {pl::attr("topic").in({"politics", "parenting"}), liberals}},
                                          everyone};
  const auto all = pl::convene_items(rules, pop.truth, pop.data, {.juries = 11, .seed = 3});
  const auto& topic = pop.data.items.column("topic");
  for (std::size_t i = 0; i < all.size(); ++i) {
    const std::string t = topic.text(i);
    const std::size_t want = t == "parenting" ? 0 : t == "politics" ? 1 : 2;
    CHECK(all[i].rule == want);
    CHECK(rules.select(pop.data.items, i).rule == want);
    const auto& c = want == 0 ? parents : want == 1 ? liberals : everyone;
    CHECK(all[i].jury_means == pl::convene(c, pop.truth, pop.data, i, {.juries = 11, .seed = 3}).jury_means);
  }
}

TEST_CASE("group_mean equals its formula computed by brute force") {
  const auto pop = pl::make_synthetic_population({.annotators = 80, .items = 30, .raters_per_item = 9, .seed = 13});
  const double k = 1.5;
  const pl::models::group_mean model(pop.data, {.by = {"politics", "parent"}, .strength = k});
  const auto& pol = pop.data.annotators.column("politics");
  const auto& par = pop.data.annotators.column("parent");
  double total = 0;
  const auto entries = pop.data.ratings.entries();
  for (const auto& e : entries) total += e.rating;
  const double mu = total / static_cast<double>(entries.size());
  for (std::size_t i = 0; i < 30; ++i) {
    double si = 0, ni = 0;
    for (const auto& e : entries)
      if (e.item == i) si += e.rating, ni += 1;
    const double mi = (si + k * mu) / (ni + k);
    for (std::size_t a = 0; a < 80; ++a) {
      double sg = 0, ng = 0;
      for (const auto& e : entries)
        if (e.item == i && pol.codes[e.annotator] == pol.codes[a] && par.codes[e.annotator] == par.codes[a]) sg += e.rating, ng += 1;
      CHECK_THAT(model.predict(i, a), Catch::Matchers::WithinAbs((sg + k * mi) / (ng + k), 1e-12));
    }
  }
  CHECK_THAT(model.global_mean(), Catch::Matchers::WithinAbs(mu, 1e-12));
}

TEST_CASE("group_mean groups by every categorical attribute by default and rejects numeric or unknown ones") {
  const auto d = small_population(12, 4);  // attributes: "group" (categorical), "score" (numeric)
  const pl::models::group_mean all(d), by_group(d, {.by = {"group"}});
  for (std::size_t i = 0; i < 4; ++i)
    for (std::uint32_t a = 0; a < 12; ++a) CHECK(all.predict(i, a) == by_group.predict(i, a));
  const auto numeric = [&] { (void)pl::models::group_mean(d, {.by = {"score"}}); };
  CHECK(pluralism_test::error_id(numeric) == "pluralism.model.not_categorical");
  CHECK(pluralism_test::error_message(numeric).find(
            "group_mean: attribute 'score' is numeric; groups need categorical attributes") != std::string::npos);
  CHECK(pluralism_test::error_id([&] { (void)pl::models::group_mean(d, {.by = {"scroe"}}); }) ==
        "pluralism.table.unknown_attribute");
}

TEST_CASE("dense predictions: a matrix is a juror model") {
  std::vector<float> m(4 * 6);
  for (std::size_t k = 0; k < m.size(); ++k) m[k] = static_cast<float>(k) * 0.25f;
  const pl::models::dense_predictions<float> model(pl::as_matrix(std::span<const float>(m), 6));
  CHECK(model.predict(2, 3) == 15 * 0.25);
  CHECK_THROWS_AS(model.predict(4, 0), pl::precondition_error);
  static_assert(pl::juror_model<pl::models::dense_predictions<float>>);
  static_assert(pl::sparse_juror_model<pl::models::observed>);
  static_assert(!pl::sparse_juror_model<pl::models::group_mean>);
}

TEST_CASE("jury errors name the sheet, the value and the counts") {
  const auto d = small_population(12, 2);
  const table_model m;
  try {
    (void)pl::convene(pl::composition{pl::sheet{pl::attr("group") == "a", 5, "A-team"}}, m, d, 0);
    FAIL("no exception");
  } catch (const pl::data_error& e) {
    CHECK(e.id() == "pluralism.jury.unfillable_sheet");
    CHECK(std::string(e.what()).find("'A-team' matches 4 people for 5 seats") != std::string::npos);
  }
  // Overlap: the second sheet's people were seated by the first.
  const pl::composition overlap{pl::sheet{pl::attr("score") <= 5, 6}, pl::sheet{pl::attr("score") <= 6, 2}};
  CHECK(pluralism_test::error_message([&] { (void)pl::convene(overlap, m, d, 0); }).find("1 people left for 2 seats") != std::string::npos);
  CHECK_THROWS_AS(pl::convene(pl::composition{pl::sheet{pl::attr("grp") == "a", 1}}, m, d, 0), pl::unknown_name_error);
  CHECK_THROWS_AS(pl::convene(pl::composition{pl::sheet{pl::attr("group") == "a", 0}}, m, d, 0), pl::precondition_error);
  CHECK_THROWS_AS(pl::convene(pl::composition{pl::sheet{pl::attr("group") == "a", 1}}, m, d, 2), pl::precondition_error);
  const pl::composition ok{pl::sheet{pl::attr("group") == "a", 2}};
  CHECK_THROWS_AS(pl::convene(ok, m, d, 0, {.juries = 0}), pl::precondition_error);
  CHECK_THROWS_AS(pl::convene(ok, m, d, 0, {.juries = 5, .rule = pl::final_rule::median_of_means, .blocks = 6}),
                  pl::precondition_error);
  CHECK_THROWS_AS(pl::convene(ok, m, d, 0, {.quantiles = {1.5}}), pl::precondition_error);
  CHECK_THROWS_AS(pl::convene(ok, m, d, 0, {.confidence = 1.0}), pl::precondition_error);
  // The minimum-pool guard: refuse (default) or warn.
  try {
    (void)pl::convene(ok, m, d, 0, {.min_pool = 5});
    FAIL("no exception");
  } catch (const pl::data_error& e) {
    CHECK(e.id() == "pluralism.jury.small_pool");
    CHECK(std::string(e.what()).find("matches only 4 people (min_pool 5)") != std::string::npos);
  }
  const auto warned = pl::convene(ok, m, d, 0, {.min_pool = 5, .small_pool = pl::small_pool_policy::warn});
  REQUIRE(warned.warnings.size() == 1);
  CHECK(warned.ok);
  // A model that cannot predict a juror.
  struct nan_model {
    double predict(std::size_t, std::size_t a) const { return a == 3 ? std::nan("") : 1.0; }
  };
  CHECK(pluralism_test::error_message([&] { (void)pl::convene(pl::composition{pl::sheet{pl::attr("group") == "a", 4}}, nan_model{}, d, 0); })
            .find("NaN for annotator 'p3'") != std::string::npos);
  CHECK_THROWS_AS(pl::expected_jury_mean(overlap, m, d, 0), pl::precondition_error);
}

TEST_CASE("the talk's sentences") {
  pl::verdict v;
  v.jury_means.assign(100, 0.0);
  v.value = 0.99;
  v.threshold = 1.0;
  v.scale_hi = 4.0;
  v.at_or_above = 56;
  v.share_interval = {0.46, 0.66};
  v.median_jury_yes = 7;
  v.median_jury_no = 5;
  v.yes_label = "toxic";
  v.no_label = "not toxic";
  // Seven of the median jury's twelve rate at or above the threshold, but the verdict (a mean) is below it: the
  // vote is read from the outcome's side, as the talk reads "3 to 1: not toxic".
  CHECK(v.sentence() ==
        "5 to 7: not toxic | 0.99 / 4.00 | 42% of this jury agree | 56% of juries at or above 1.00 [46%, 66%]");
  v.value = 1.0;
  CHECK(v.votes_sentence() == "7 to 5: toxic");
  CHECK(v.agreement_sentence() == "58% of this jury agree");
  v.ok = false;
  v.problem = "sheet 1 has 3 raters of this item for 6 seats";
  CHECK(v.sentence() == "not judged: sheet 1 has 3 raters of this item for 6 seats");
}

TEST_CASE("the synthetic population follows its generative model") {
  const auto a = pl::make_synthetic_population({.annotators = 4000, .items = 400, .raters_per_item = 10, .seed = 21});
  const auto b = pl::make_synthetic_population({.annotators = 4000, .items = 400, .raters_per_item = 10, .seed = 21});
  CHECK(a.data.ratings.entries().size() == 4000);
  const auto ea = a.data.ratings.entries(), eb = b.data.ratings.entries();
  CHECK(std::equal(ea.begin(), ea.end(), eb.begin(), [](auto& x, auto& y) {
    return x.item == y.item && x.annotator == y.annotator && x.rating == y.rating;
  }));
  // Category shares within 4.5 standard errors of a proportion.
  const auto& pol = a.data.annotators.column("politics");
  const double n = 4000;
  for (auto [level, p] : {std::pair{"liberal", 0.40}, {"moderate", 0.25}, {"conservative", 0.35}}) {
    const double share = static_cast<double>(std::count(pol.codes.begin(), pol.codes.end(), pol.code_of(level))) / n;
    CHECK(std::abs(share - p) < 4.5 * std::sqrt(p * (1 - p) / n));
  }
  for (const auto& e : ea) {
    CHECK(e.rating >= 0);
    CHECK(e.rating <= 4);
    CHECK(e.rating == std::round(e.rating));
  }
  CHECK_THROWS_AS(pl::make_synthetic_population({.annotators = 0}), pl::precondition_error);
}

TEST_CASE("overlap_mask marks exactly the sheets that share people with earlier ones, and skipping is exact") {
  pl::philox_stream rng({.seed = 2024});
  for (int trial = 0; trial < 300; ++trial) {
    // 2 to 4 sheets with random pools over 40 people: overlapping or not.
    const std::uint32_t S = 2 + pl::bounded(rng, 3);
    std::vector<std::vector<std::uint32_t>> members(S);
    for (std::uint32_t s = 0; s < S; ++s)
      for (std::uint32_t a = 0; a < 40; ++a)
        if (pl::bounded(rng, 4) == 0 && (trial % 2 == 0 || a % S == s)) members[s].push_back(a);  // odd trials: disjoint
    std::vector<pl::sheet_pool> pools;
    std::uint32_t total = 0;
    for (auto& m : members) {
      const std::uint32_t seats = std::min<std::uint32_t>(2, static_cast<std::uint32_t>(m.size()) / 2);
      pools.push_back({m.data(), static_cast<std::uint32_t>(m.size()), seats});
      total += seats;
    }
    std::uint32_t want = 0;
    for (std::uint32_t s = 1; s < S; ++s)
      for (std::uint32_t e = 0; e < s; ++e)
        for (auto a : members[s])
          if (std::find(members[e].begin(), members[e].end(), a) != members[e].end()) want |= 1u << s;
    const std::uint32_t mask = pl::overlap_mask(pools.data(), S);
    REQUIRE(mask == want);
    for (std::uint32_t j = 0; j < 20; ++j) {
      std::vector<std::uint32_t> x(total), y(total), sx(total), sy(total);
      pl::philox_stream a({.seed = 5, .item = static_cast<std::uint64_t>(trial), .jury = j}), b = a;
      const auto ra = pl::draw_jury(pools.data(), S, a, x.data(), sx.data());
      const auto rb = pl::draw_jury(pools.data(), S, b, y.data(), sy.data(), mask);
      REQUIRE(ra.ok == rb.ok);
      if (ra.ok) CHECK(x == y);
    }
  }
}
