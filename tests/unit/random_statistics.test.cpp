// SPDX-License-Identifier: MIT
// Statistical tests of the random core (random.hpp) and of draw_jury (jury/draw.hpp), with fixed seeds and
// chi-square p-values from Boost.Math. Rejection only at p < 1e-6: see support/chi_square.hpp for why.
// Every test states its expected count per cell (at least 5, for the chi-square approximation).
#include <pluralism/jury/draw.hpp>
#include <pluralism/random.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <set>
#include <vector>

#include "catch.hpp"
#include "support/chi_square.hpp"

using namespace pluralism;
using pluralism_test::reject_below;

TEST_CASE("bounded integers are uniform on ranges of every shape", "[random][statistics]") {
  // 500 expected per value; ranges include non powers of two where a biased method would show.
  for (std::uint32_t range : {2u, 3u, 5u, 6u, 7u, 10u, 12u, 64u, 100u, 400u, 1000u}) {
    std::vector<double> counts(range, 0.0);
    philox_stream s({.seed = 1000 + range});
    for (std::uint32_t i = 0; i < 500 * range; ++i) counts[bounded(s, range)] += 1;
    const double p = pluralism_test::uniform_p(counts);
    INFO("range " << range << ": p = " << p);
    CHECK(p > reject_below);
  }
}

TEST_CASE("bounded integers on a huge range are unbiased: the rejection step matters", "[random][statistics]") {
  // range = 3 * 2^30: multiply-shift WITHOUT rejection maps 2^32 words onto it 2, 1, 1 times for values
  // = 0, 1, 2 (mod 3), i.e. shares 1/2, 1/4, 1/4. Lemire's rejection makes them 1/3 each. 60000 draws
  // (20000 expected per class) detect the biased shares at p ~ 1e-1000.
  const std::uint32_t range = 3u << 30;
  std::vector<double> counts(3, 0.0);
  philox_stream s({.seed = 9});
  for (int i = 0; i < 60000; ++i) {
    const std::uint32_t v = bounded(s, range);
    REQUIRE(v < range);
    counts[v % 3] += 1;
  }
  // 2^31 + 1 (just above a power of two, half the words rejected): 64 equal-width bins of the range,
  // bins weighted by their exact sizes; 1000 expected per bin.
  const std::uint32_t big = 0x80000001u;
  std::vector<double> bins(64, 0.0), probs(64, 0.0);
  const std::uint64_t width = (std::uint64_t{big} + 63) / 64;
  for (std::size_t b = 0; b < 64; ++b)
    probs[b] = static_cast<double>(std::min<std::uint64_t>(width, big - b * width)) / static_cast<double>(big);
  for (int i = 0; i < 64000; ++i) bins[bounded(s, big) / width] += 1;
  const double p3 = pluralism_test::uniform_p(counts), p64 = pluralism_test::goodness_of_fit_p(bins, probs);
  INFO("mod 3: p = " << p3 << ", 64 bins: p = " << p64);
  CHECK(p3 > reject_below);
  CHECK(p64 > reject_below);
}

TEST_CASE("Floyd's k-of-m subsets are uniform and never repeat an element", "[random][statistics][floyd]") {
  struct setting {
    std::uint32_t m, k;
  };
  // C(7,3) = 35, C(6,2) = 15, C(8,4) = 70, C(10,1) = 10 subsets; 400 expected per subset.
  for (const auto& c : {setting{7, 3}, setting{6, 2}, setting{8, 4}, setting{10, 1}}) {
    std::map<std::vector<std::uint32_t>, double> counts;
    std::size_t subsets = 1;
    for (std::uint32_t i = 0; i < c.k; ++i) subsets = subsets * (c.m - i) / (i + 1);
    const std::size_t draws = 400 * subsets;
    for (std::size_t d = 0; d < draws; ++d) {
      philox_stream s({.seed = 21, .item = d, .jury = c.m});
      auto sample = sample_without_replacement(s, c.m, c.k);
      std::sort(sample.begin(), sample.end());
      REQUIRE(std::adjacent_find(sample.begin(), sample.end()) == sample.end());  // no element twice
      REQUIRE(sample.back() < c.m);
      counts[sample] += 1;
    }
    REQUIRE(counts.size() == subsets);
    std::vector<double> observed;
    for (const auto& [subset, n] : counts) observed.push_back(n);
    const double p = pluralism_test::uniform_p(observed);
    INFO("C(" << c.m << ", " << c.k << "): p = " << p);
    CHECK(p > reject_below);
  }
}

TEST_CASE("draw_jury with overlapping sheets follows its exact distribution", "[random][statistics][jury]") {
  // Sheet A: people 0..4, 2 seats; sheet B: people 3..7, 2 seats (3 and 4 are in both). Semantics
  // (DESIGN section 4): A draws 2 of its 5 uniformly; B then draws 2 uniformly from its pool minus the
  // people A seated. So P(A-set, B-set) = 1 / C(5, 2) * 1 / C(5 - |A-set in B|, 2). NOTE: this is not
  // uniform over feasible juries (a B-set is likelier when A took an overlap person); given A's set,
  // every feasible B-set is equally likely. The distribution is enumerated exactly below (69 cells).
  const std::vector<std::uint32_t> a{0, 1, 2, 3, 4}, b{3, 4, 5, 6, 7};
  const sheet_pool sheets[] = {{a.data(), 5, 2}, {b.data(), 5, 2}};
  const auto choose2 = [](double n) { return n * (n - 1) / 2; };
  std::map<std::pair<std::set<std::uint32_t>, std::set<std::uint32_t>>, double> exact;
  for (std::uint32_t i = 0; i < 5; ++i)
    for (std::uint32_t j = i + 1; j < 5; ++j) {
      const std::set<std::uint32_t> first{a[i], a[j]};
      std::vector<std::uint32_t> left;
      for (auto p : b)
        if (!first.count(p)) left.push_back(p);
      for (std::size_t x = 0; x < left.size(); ++x)
        for (std::size_t y = x + 1; y < left.size(); ++y)
          exact[{first, {left[x], left[y]}}] = 1 / choose2(5) / choose2(static_cast<double>(left.size()));
    }
  REQUIRE(exact.size() == 69);
  std::map<std::pair<std::set<std::uint32_t>, std::set<std::uint32_t>>, double> observed;
  const std::uint32_t juries = 100000;  // smallest cell probability 1/100: 1000 expected
  for (std::uint32_t j = 0; j < juries; ++j) {
    philox_stream s({.seed = 5, .item = 11, .jury = j});
    std::uint32_t jurors[4], scratch[4];
    REQUIRE(draw_jury(sheets, 2, s, jurors, scratch).ok);
    const std::set<std::uint32_t> everyone(jurors, jurors + 4);
    REQUIRE(everyone.size() == 4);  // nobody sits twice
    observed[{{jurors[0], jurors[1]}, {jurors[2], jurors[3]}}] += 1;
  }
  std::vector<double> counts, probs;
  for (const auto& [jury, prob] : exact) {
    counts.push_back(observed.count(jury) ? observed.at(jury) : 0.0);
    probs.push_back(prob);
  }
  REQUIRE(observed.size() == exact.size());  // no infeasible jury was drawn
  const double p = pluralism_test::goodness_of_fit_p(counts, probs);
  INFO("p = " << p);
  CHECK(p > reject_below);
}

TEST_CASE("draw_jury never seats a person twice and seats only eligible people", "[random][jury]") {
  philox_stream setup({.seed = 77});
  for (int trial = 0; trial < 2000; ++trial) {
    // Three random overlapping pools from 0..29, seats so that the draw is always feasible.
    std::vector<std::vector<std::uint32_t>> pools(3);
    for (auto& pool : pools) {
      for (std::uint32_t person = 0; person < 30; ++person)
        if (bounded(setup, 2) == 0) pool.push_back(person);
      if (pool.size() < 12) pool = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    }
    sheet_pool sheets[3];
    std::uint32_t total = 0;
    for (std::size_t s = 0; s < 3; ++s) {
      sheets[s] = {pools[s].data(), static_cast<std::uint32_t>(pools[s].size()), 1 + bounded(setup, 4)};
      total += sheets[s].seats;
    }
    std::vector<std::uint32_t> jurors(total), scratch(total);
    philox_stream s({.seed = 3, .item = static_cast<std::uint64_t>(trial)});
    REQUIRE(draw_jury(sheets, 3, s, jurors.data(), scratch.data()).ok);
    REQUIRE(std::set<std::uint32_t>(jurors.begin(), jurors.end()).size() == total);
    std::uint32_t at = 0;
    for (std::size_t sh = 0; sh < 3; ++sh)
      for (std::uint32_t seat = 0; seat < sheets[sh].seats; ++seat, ++at)
        REQUIRE(std::binary_search(pools[sh].begin(), pools[sh].end(), jurors[at]));
  }
}

TEST_CASE("adjacent counters are independent: draws k and k+1, items i and i+1, juries j and j+1, seeds",
          "[random][statistics][independence]") {
  // Each pair of words is binned by its top 3 bits into an 8 x 8 contingency table; Pearson's test of
  // independence has 49 degrees of freedom. 64000 pairs: 1000 expected per cell.
  const std::size_t pairs = 64000;
  const auto table_p = [&](auto first, auto second) {
    std::vector<double> table(64, 0.0);
    for (std::size_t t = 0; t < pairs; ++t) table[(first(t) >> 29) * 8 + (second(t) >> 29)] += 1;
    return pluralism_test::independence_p(table, 8, 8);
  };
  const stream_address base{.seed = 0x1234, .item = 0, .jury = 0};
  SECTION("draw k and k+1 of one stream (crossing Philox block boundaries)") {
    const double p = table_p([&](std::size_t t) { return random_word(base, static_cast<std::uint32_t>(t)); },
                             [&](std::size_t t) { return random_word(base, static_cast<std::uint32_t>(t + 1)); });
    INFO("p = " << p);
    CHECK(p > reject_below);
  }
  SECTION("item i and i+1, including items across 2^32 (the counter's high word)") {
    for (std::uint64_t start : {std::uint64_t{0}, (std::uint64_t{1} << 32) - pairs / 2}) {
      const double p = table_p([&](std::size_t t) { return random_word({base.seed, start + t, 0}, 0); },
                               [&](std::size_t t) { return random_word({base.seed, start + t + 1, 0}, 0); });
      INFO("start " << start << ": p = " << p);
      CHECK(p > reject_below);
    }
  }
  SECTION("jury j and j+1") {
    const double p = table_p([&](std::size_t t) { return random_word({base.seed, 5, static_cast<std::uint32_t>(t)}, 0); },
                             [&](std::size_t t) { return random_word({base.seed, 5, static_cast<std::uint32_t>(t + 1)}, 0); });
    INFO("p = " << p);
    CHECK(p > reject_below);
  }
  SECTION("seed s and s+1") {
    const double p = table_p([&](std::size_t t) { return random_word({t, 5, 2}, 3); },
                             [&](std::size_t t) { return random_word({t + 1, 5, 2}, 3); });
    INFO("p = " << p);
    CHECK(p > reject_below);
  }
  SECTION("first juror of jury j and of jury j+1 (pool of 8, one seat): 8 x 8 table, 1000 expected per cell") {
    const std::uint32_t pool[] = {0, 1, 2, 3, 4, 5, 6, 7};
    const sheet_pool sheet{pool, 8, 1};
    const auto juror = [&](std::uint32_t j) {
      philox_stream s({.seed = 8, .item = 2, .jury = j});
      std::uint32_t out[4], scratch[4];  // room beyond one seat keeps GCC's -Warray-bounds quiet
      draw_jury(&sheet, 1, s, out, scratch);
      return out[0];
    };
    std::vector<double> table(64, 0.0);
    for (std::uint32_t j = 0; j < pairs; ++j) table[juror(j) * 8 + juror(j + 1)] += 1;
    const double p = pluralism_test::independence_p(table, 8, 8);
    INFO("p = " << p);
    CHECK(p > reject_below);
  }
}

TEST_CASE("uniform doubles and floats are uniform on the unit interval, in their high and their low bits",
          "[random][statistics][uniform]") {
  // 100 equal bins, 1000 expected per bin; then the lowest 4 of the 53 (or 24) mantissa bits, which a
  // generator that dropped or duplicated words would leave non-uniform: 16 classes, 6250 expected each.
  philox_stream s({.seed = 31, .item = 4});
  std::vector<double> bins_d(100, 0.0), bins_f(100, 0.0), low_d(16, 0.0), low_f(16, 0.0);
  for (int i = 0; i < 100000; ++i) {
    const double d = uniform_double(s);
    const float f = uniform_float(s);
    if (!(d >= 0.0 && d < 1.0 && f >= 0.0f && f < 1.0f)) {
      FAIL_CHECK("draw " << i << " outside [0, 1): double " << d << ", float " << f);
      break;
    }
    bins_d[static_cast<std::size_t>(d * 100.0)] += 1;
    bins_f[static_cast<std::size_t>(static_cast<double>(f) * 100.0)] += 1;
    low_d[static_cast<std::uint64_t>(std::ldexp(d, 53)) % 16] += 1;
    low_f[static_cast<std::uint32_t>(std::ldexp(f, 24)) % 16] += 1;
  }
  const double pd = pluralism_test::uniform_p(bins_d), pf = pluralism_test::uniform_p(bins_f);
  const double pld = pluralism_test::uniform_p(low_d);
  const double plf = pluralism_test::uniform_p(low_f);
  INFO("double: p = " << pd << ", low bits p = " << pld << "; float: p = " << pf << ", low bits p = " << plf);
  CHECK(pd > reject_below);
  CHECK(pf > reject_below);
  CHECK(pld > reject_below);
  CHECK(plf > reject_below);
}
