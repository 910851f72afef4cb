// SPDX-License-Identifier: MIT
// The batched jury path (philox_fill, draw_disjoint_juries, judge_disjoint, dense predict_block) against the
// one-jury-at-a-time reference (random_word, draw_jury, jury_mean): the same words, jurors and bits.
#include <pluralism/jury.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "catch.hpp"
#include "support/errors.hpp"

namespace pl = pluralism;

namespace {
// A stream that replays given words and counts how many were read (past the end: words never rejected).
struct replay_stream {
  const std::vector<std::uint32_t>* words;
  std::uint32_t read = 0;
  std::uint32_t operator()() {
    const std::uint32_t w = read < words->size() ? (*words)[read] : 0xFFFFFFFFu;
    ++read;
    return w;
  }
};

// Disjoint pools: sheet s takes a random subset of the people not used by earlier sheets.
struct random_pools {
  std::vector<std::vector<std::uint32_t>> members;
  std::vector<pl::sheet_pool> views;
};
random_pools make_pools(pl::philox_stream& rng, std::uint32_t people, std::uint32_t sheets) {
  random_pools p;
  p.members.resize(sheets);
  for (std::uint32_t a = 0; a < people; ++a) {
    const std::uint32_t s = pl::bounded(rng, sheets + 1);  // sheets = nobody's
    if (s < sheets) p.members[s].push_back(a);
  }
  for (auto& m : p.members) {
    const auto size = static_cast<std::uint32_t>(m.size());
    const std::uint32_t seats = size == 0 ? 0 : pl::bounded(rng, size + 1);  // 0..size, all seats sometimes
    p.views.push_back({m.data(), size, seats});
  }
  return p;
}
}  // namespace

TEST_CASE("philox_fill writes the words of philox_stream, word-major") {
  pl::philox_stream rng({.seed = 3});
  for (int trial = 0; trial < 40; ++trial) {
    const std::uint64_t seed = (std::uint64_t{rng()} << 32) | rng(), item = (std::uint64_t{rng()} << 32) | rng();
    // Some first juries near 2^32, so that jury numbers wrap as a uint32 does.
    const std::uint32_t jury0 = trial % 4 == 0 ? 0xFFFFFFF0u : rng() % 1000;
    const std::uint32_t count = 1 + rng() % 40, blocks = 1 + rng() % 4;
    // philox_fill (AVX2 for groups of eight juries where the processor has it) and the portable lanes.
    std::vector<std::uint32_t> out(std::size_t{count} * blocks * 4), portable(out.size());
    pl::philox_fill({.seed = seed, .item = item, .jury = jury0}, count, blocks, out.data());
    pl::detail::philox_fill_lanes({.seed = seed, .item = item, .jury = jury0}, 0, count, blocks, portable.data());
    std::size_t mismatches = 0;
    for (std::uint32_t j = 0; j < count; ++j) {
      pl::philox_stream reference({.seed = seed, .item = item, .jury = jury0 + j});
      for (std::uint32_t k = 0; k < 4 * blocks; ++k) {
        const std::uint32_t expected = reference();
        mismatches += out[std::size_t{k} * count + j] != expected ? 1u : 0u;
        mismatches += portable[std::size_t{k} * count + j] != expected ? 1u : 0u;
      }
    }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("draw_disjoint_juries seats the jurors of draw_jury, and flags exactly the juries with a rejected word") {
  pl::philox_stream rng({.seed = 11});
  std::size_t flagged = 0, compared = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const std::uint32_t people = 1 + rng() % 60, sheet_count = 1 + rng() % 4;
    const random_pools p = make_pools(rng, people, sheet_count);
    std::uint32_t n = 0;
    for (const auto& v : p.views) n += v.seats;
    if (n == 0) continue;
    const std::uint32_t count = 1 + rng() % 20;
    // Words: random, and in a third of the trials many with a small low half after the multiply (so that
    // Lemire's test rejects them): w = ceil(2^32 t / range) for a random t gives w * range mod 2^32 < range.
    std::vector<std::uint32_t> words(std::size_t{n} * count);
    for (auto& w : words) w = rng();
    if (trial % 3 == 0) {
      std::uint32_t g0 = 0;
      for (const auto& v : p.views) {
        for (std::uint32_t r = 0; r < v.seats; ++r) {
          const std::uint64_t range = v.size - v.seats + r + 1;
          for (std::uint32_t j = 0; j < count; ++j)
            if (rng() % 4 == 0) {
              const std::uint64_t t = rng() % range;
              words[std::size_t{g0 + r} * count + j] = static_cast<std::uint32_t>(((t << 32) + range - 1) / range);
            }
        }
        g0 += v.seats;
      }
    }
    std::vector<std::uint32_t> jurors(words.size()), seen(count);
    std::vector<std::uint32_t> redo(count);
    pl::detail::draw_disjoint_juries(p.views.data(), sheet_count, words.data(), count, jurors.data(), seen.data(),
                                     redo.data());
    for (std::uint32_t j = 0; j < count; ++j) {
      std::vector<std::uint32_t> own(n);  // this jury's words, in draw order
      for (std::uint32_t g = 0; g < n; ++g) own[g] = words[std::size_t{g} * count + j];
      replay_stream stream{&own};
      std::vector<std::uint32_t> expected(n), scratch(n);
      REQUIRE(pl::draw_jury(p.views.data(), sheet_count, stream, expected.data(), scratch.data()).ok);
      const bool rejected = stream.read > n;
      CHECK(static_cast<bool>(redo[j]) == rejected);
      flagged += rejected ? 1 : 0;
      if (rejected) continue;
      ++compared;
      std::size_t differ = 0;
      for (std::uint32_t g = 0; g < n; ++g) differ += jurors[std::size_t{g} * count + j] != expected[g];
      INFO("trial " << trial << " jury " << j << " of " << count << ", seats " << n);
      CHECK(differ == 0);
    }
  }
  CHECK(flagged > 20);  // the crafted words did exercise the flag
  CHECK(compared > 500);
}

namespace {
// people x items dense predictions with a categorical group a..d (index mod 4) and some ties.
struct dense_fixture {
  std::uint32_t people, items;
  std::vector<float> values;
  pl::annotations data;
  dense_fixture(std::uint32_t n, std::uint32_t m, std::uint64_t seed) : people(n), items(m), values(std::size_t{n} * m) {
    pl::philox_stream s({.seed = seed});
    for (auto& v : values) v = static_cast<float>(pl::bounded(s, 9)) * 0.5f;  // 0, 0.5, ..., 4: many ties
    std::vector<std::string> ids, group;
    for (std::uint32_t a = 0; a < n; ++a) {
      ids.push_back(std::string("p") + std::to_string(a));
      group.push_back(std::string(1, static_cast<char>('a' + a % 4)));
    }
    data.annotators = pl::attribute_table(ids);
    data.annotators.add_categorical("group", group);
    std::vector<std::string> item_ids;
    for (std::uint32_t i = 0; i < m; ++i) item_ids.push_back(std::string("i") + std::to_string(i));
    data.items = pl::attribute_table(item_ids);
  }
  pl::models::dense_predictions<float> model() const {
    return pl::models::dense_predictions<float>(pl::as_matrix(std::span<const float>(values), people));
  }
};
}  // namespace

TEST_CASE("convene on disjoint sheets: every jury mean and sheet total equals the one-jury-at-a-time reference") {
  const dense_fixture f(57, 9, 5);
  const auto model = f.model();
  // J around the batch size (128) and its multiples, and seats from 1 to the whole pool.
  const std::vector<std::uint32_t> juries{1, 7, 101, 128, 129, 300};
  const std::vector<pl::composition> compositions{
      pl::composition{pl::sheet{pl::attr("group") == "a", 6}, pl::sheet{pl::attr("group") == "b", 6}},
      pl::composition{pl::sheet{pl::attr("group") == "c", 1}},
      pl::composition{pl::sheet{pl::attr("group") == "a", 15}, pl::sheet{pl::attr("group").in({"b", "d"}), 3}},
      pl::composition{pl::sheet{pl::attr("group") == "d", 14}, pl::sheet{pl::attr("group") == "b", 2},
                      pl::sheet{pl::attr("group") == "c", 5}}};
  for (const auto& jury : compositions)
    for (std::uint32_t J : juries) {
      const auto verdicts = pl::convene_items(jury, model, f.data, {.juries = J, .seed = 77, .threads = 2});
      const auto plan = pl::detail::make_plan(jury, f.data.annotators);
      REQUIRE(plan.may_overlap == 0);
      const std::uint32_t n = plan.seats;
      for (std::uint32_t i = 0; i < f.items; ++i) {
        const auto& v = verdicts[i];
        REQUIRE(v.ok);
        std::vector<double> sheet_sums(plan.views.size(), 0.0);
        std::size_t differ = 0;
        for (std::uint32_t j = 0; j < J; ++j) {
          pl::philox_stream stream({.seed = 77, .item = i, .jury = j});
          std::vector<std::uint32_t> jurors(n), scratch(n);
          REQUIRE(pl::draw_jury(plan.views.data(), static_cast<std::uint32_t>(plan.views.size()), stream, jurors.data(),
                                scratch.data())
                      .ok);
          differ += v.jury_means[j] != pl::jury_mean(jurors.data(), n, [&](std::uint32_t a) { return model.predict(i, a); });
          std::uint32_t k = 0;
          for (std::size_t sh = 0; sh < plan.views.size(); ++sh) {
            double sum = 0;
            for (std::uint32_t e = 0; e < plan.views[sh].seats; ++e) sum += model.predict(i, jurors[k++]);
            sheet_sums[sh] += sum;
          }
        }
        CHECK(differ == 0);
        for (std::size_t sh = 0; sh < plan.views.size(); ++sh)
          CHECK(v.sheets[sh].mean_rating == sheet_sums[sh] / (static_cast<double>(plan.views[sh].seats) * J));
        // The median jury: the (J-1)/2-th in (mean, jury index) order.
        std::vector<std::pair<double, std::uint32_t>> order;
        for (std::uint32_t j = 0; j < J; ++j) order.emplace_back(v.jury_means[j], j);
        std::sort(order.begin(), order.end());
        CHECK(v.median_jury == order[(J - 1) / 2].second);
      }
    }
}

TEST_CASE("convene on disjoint sheets: a NaN prediction is reported for the right annotator") {
  dense_fixture f(40, 3, 9);
  f.values[std::size_t{1} * 40 + 8] = std::numeric_limits<float>::quiet_NaN();  // item 1, person p8 (group a)
  const auto model = f.model();
  const pl::composition jury{pl::sheet{pl::attr("group") == "a", 10}, pl::sheet{pl::attr("group") == "b", 2}};
  const auto verdicts = pl::convene_items(jury, model, f.data, {.juries = 50});
  CHECK(verdicts[0].ok);
  CHECK_FALSE(verdicts[1].ok);
  CHECK(verdicts[1].problem.find("NaN for annotator 'p8'") != std::string::npos);
  CHECK(pluralism_test::error_id([&] { (void)pl::convene(jury, model, f.data, 1); }) == "pluralism.jury.no_prediction");
  // An infinity breaks the model's contract (a finite rating or NaN): reported the same way.
  dense_fixture g(40, 1, 9);
  g.values[12] = std::numeric_limits<float>::infinity();
  const auto gm = g.model();
  const pl::composition all_a{pl::sheet{pl::attr("group") == "a", 10}};
  CHECK(pluralism_test::error_message([&] { (void)pl::convene(all_a, gm, g.data, 0, {.juries = 5}); })
            .find("+inf for annotator 'p12'") != std::string::npos);
}

TEST_CASE("dense predictions: predict_block equals predict, checks its arguments, and prefetch is only a hint") {
  const dense_fixture f(23, 5, 1);
  const auto model = f.model();
  static_assert(pl::batched_juror_model<pl::models::dense_predictions<float>>);
  static_assert(pl::prefetching_juror_model<pl::models::dense_predictions<float>>);
  pl::philox_stream rng({.seed = 2});
  for (int trial = 0; trial < 50; ++trial) {
    const std::size_t item = rng() % 5;
    std::vector<std::uint32_t> who(rng() % 30);
    for (auto& a : who) a = rng() % 23;
    std::vector<double> out(who.size());
    model.predict_block(item, who, out);
    std::size_t differ = 0;
    for (std::size_t k = 0; k < who.size(); ++k) differ += out[k] != model.predict(item, who[k]);
    CHECK(differ == 0);
  }
  // A strided (column-major) view gives the same predictions as the row-major one.
  std::vector<float> transposed(f.values.size());
  for (std::uint32_t i = 0; i < 5; ++i)
    for (std::uint32_t a = 0; a < 23; ++a) transposed[std::size_t{a} * 5 + i] = f.values[std::size_t{i} * 23 + a];
  const pl::models::dense_predictions<float> strided(pl::matrix_view<const float>{transposed.data(), 5, 23, 1, 5});
  const std::vector<std::uint32_t> all{0, 22, 5, 5, 17};
  std::vector<double> a(5), b(5);
  model.predict_block(3, all, a);
  strided.predict_block(3, all, b);
  CHECK(a == b);
  std::vector<double> out(2);
  const std::vector<std::uint32_t> bad{1, 23}, one{1};
  CHECK(pluralism_test::error_id([&] { model.predict_block(0, bad, out); }) == "pluralism.model.out_of_range");
  CHECK(pluralism_test::error_id([&] { model.predict_block(5, one, std::span<double>(out).first(1)); }) ==
        "pluralism.model.out_of_range");
  CHECK(pluralism_test::error_id([&] { model.predict_block(0, one, out); }) == "pluralism.model.block_size");
  model.prefetch(4);
  model.prefetch(1000);  // out of range: ignored
  strided.prefetch(0);
}
