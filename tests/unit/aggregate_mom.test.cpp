// SPDX-License-Identifier: MIT
// Median-of-means and the median of randomized means: against explicit block construction, the block
// assignment's exact distribution (chi-square), the deviation bound checked empirically on heavy-tailed
// samples with known sigma, edge cases and bad input.
#include <pluralism/aggregate.hpp>

#include <algorithm>
#include <cmath>
#include <deque>
#include <list>
#include <map>
#include <numeric>
#include <span>
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

double full_sort_median(std::vector<double> v, median_rule rule) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  if (n % 2 == 1) return v[n / 2];
  const double a = v[n / 2 - 1], b = v[n / 2];
  return rule == median_rule::lower ? a : rule == median_rule::upper ? b : 0.5 * (a + b);
}

/// MoM from explicit blocks: `blocks[j]` lists the indices of block j.
double mom_from_blocks(const std::vector<double>& x, const std::vector<std::vector<std::size_t>>& blocks,
                       median_rule rule) {
  std::vector<double> means;
  for (const auto& b : blocks) {
    double s = 0;
    for (std::size_t i : b) s += x[i];
    means.push_back(s / static_cast<double>(b.size()));
  }
  return full_sort_median(means, rule);
}

/// Contiguous blocks written out by index arithmetic (independent of the library's assignment code).
std::vector<std::vector<std::size_t>> contiguous_blocks(std::size_t n, std::size_t k, remainder_rule rem) {
  std::vector<std::vector<std::size_t>> blocks(k);
  std::size_t i = 0;
  for (std::size_t j = 0; j < k; ++j) {
    const std::size_t size = n / k + (rem == remainder_rule::spread && j < n % k ? 1 : 0);
    for (std::size_t c = 0; c < size; ++c) blocks[j].push_back(i++);
  }
  return blocks;
}

std::vector<std::size_t> assignment(std::size_t n, std::size_t k, block_layout layout, remainder_rule rem,
                                    std::uint64_t seed) {
  std::vector<std::size_t> block(n, 999);
  detail::assign_blocks(n, k, layout, rem, seed, [&](std::size_t i, std::size_t b) { block[i] = b; });
  return block;
}

double normal(philox_stream& s) {  // Box-Muller
  const double u = 1.0 - uniform_double(s), v = uniform_double(s);
  return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * 3.14159265358979323846 * v);
}

/// The largest failure count we accept among `reps` replications when each fails with probability at most
/// delta: the smallest t with the Chernoff bound P(Bin(reps, delta) >= t) <= exp(-reps KL(t/reps || delta))
/// below 1e-6 (so a correct estimator fails this test with probability < 1e-6).
std::size_t failure_tolerance(std::size_t reps, double delta) {
  const auto r = static_cast<double>(reps);
  for (auto t = static_cast<std::size_t>(std::ceil(delta * r)); t <= reps; ++t) {
    const double a = static_cast<double>(t) / r;
    const double kl = a * std::log(a / delta) + (a < 1 ? (1 - a) * std::log((1 - a) / (1 - delta)) : 0.0);
    if (std::exp(-r * kl) <= 1e-6) return t;
  }
  return reps;
}

}  // namespace

TEST_CASE("blocks_for_delta and the textbook deviation", "[aggregate][mom]") {
  CHECK(blocks_for_delta(0.05) == 24);  // 8 ln 20 = 23.97
  CHECK(blocks_for_delta(0.5) == 6);    // 8 ln 2 = 5.55
  CHECK(blocks_for_delta(0.9) == 1);
  REQUIRE_THAT(median_of_means_deviation(2.0, 800, 0.05),
               Catch::Matchers::WithinRel(2.0 * std::sqrt(32.0 * std::log(20.0) / 800.0), 1e-15));
  CHECK(error_id([] { (void)blocks_for_delta(0.0); }) == "pluralism.aggregate.delta");
  CHECK(error_id([] { (void)blocks_for_delta(1.0); }) == "pluralism.aggregate.delta");
  CHECK(error_id([] { (void)blocks_for_delta(std::nan("")); }) == "pluralism.aggregate.delta");
}

TEST_CASE("contiguous MoM equals the median of explicitly built blocks", "[aggregate][mom]") {
  philox_stream s({.seed = 505});
  for (int trial = 0; trial < 400; ++trial) {
    const std::size_t n = 1 + bounded(s, 80), k = 1 + bounded(s, static_cast<std::uint32_t>(n));
    std::vector<double> x(n);
    for (auto& v : x) v = uniform_double(s) * 10 - 3;
    for (auto rem : {remainder_rule::spread, remainder_rule::drop})
      for (auto rule : {median_rule::average, median_rule::lower, median_rule::upper}) {
        const auto r = median_of_means(x, {.blocks = k, .sigma = 1.5, .layout = block_layout::contiguous,
                                           .remainder = rem, .rule = rule});
        REQUIRE_THAT(r.estimate, Catch::Matchers::WithinAbs(mom_from_blocks(x, contiguous_blocks(n, k, rem), rule), 1e-12));
        REQUIRE(r.blocks == k);
        REQUIRE(r.smallest_block == n / k);
        REQUIRE(r.used == (rem == remainder_rule::spread ? n : k * (n / k)));
        REQUIRE(r.bound == 2 * 1.5 / std::sqrt(static_cast<double>(n / k)));
        REQUIRE(r.failure_probability == std::exp(-static_cast<double>(k) / 8));
      }
  }
}

TEST_CASE("random-layout MoM equals the median of the blocks its assignment lists", "[aggregate][mom]") {
  philox_stream s({.seed = 606});
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t n = 1 + bounded(s, 80), k = 1 + bounded(s, static_cast<std::uint32_t>(n));
    std::vector<double> x(n);
    for (auto& v : x) v = uniform_double(s);
    for (auto rem : {remainder_rule::spread, remainder_rule::drop}) {
      const auto seed = static_cast<std::uint64_t>(trial);
      const auto a = assignment(n, k, block_layout::random, rem, seed);
      std::vector<std::vector<std::size_t>> blocks(k);
      std::size_t dropped = 0;
      for (std::size_t i = 0; i < n; ++i) (a[i] < k ? blocks[a[i]].push_back(i) : void(++dropped));
      for (std::size_t j = 0; j < k; ++j)  // block sizes as documented
        REQUIRE(blocks[j].size() == n / k + (rem == remainder_rule::spread && j < n % k ? 1 : 0));
      REQUIRE(dropped == (rem == remainder_rule::drop ? n % k : 0));
      const auto r = median_of_means(x, {.blocks = k, .remainder = rem, .seed = seed});
      REQUIRE_THAT(r.estimate, Catch::Matchers::WithinAbs(mom_from_blocks(x, blocks, median_rule::average), 1e-12));
    }
  }
}

TEST_CASE("the random layout makes every assignment of values to blocks equally likely", "[aggregate][mom][statistics]") {
  // n = 6 values into 3 blocks of 2: 6! / (2! 2! 2!) = 90 labelled assignments, each with probability 1/90.
  // n = 7 into 3 blocks of 2 plus 1 dropped (remainder drop): 7! / (2! 2! 2! 1!) = 630. Expected count per
  // cell is 200 and 60; the chi-square threshold is explained in support/chi_square.hpp.
  struct setting {
    std::size_t n, k, cells, per_cell;
    remainder_rule rem;
  };
  for (const auto& c : {setting{6, 3, 90, 200, remainder_rule::spread}, setting{7, 3, 630, 60, remainder_rule::drop}}) {
    std::map<std::vector<std::size_t>, double> counts;
    const std::size_t draws = c.cells * c.per_cell;
    for (std::uint64_t seed = 0; seed < draws; ++seed) counts[assignment(c.n, c.k, block_layout::random, c.rem, seed)] += 1;
    REQUIRE(counts.size() == c.cells);  // every assignment occurs, and no impossible one does
    std::vector<double> observed;
    for (const auto& [a, count] : counts) observed.push_back(count);
    const double p = pluralism_test::uniform_p(observed);
    INFO("n = " << c.n << ", p = " << p);
    CHECK(p > pluralism_test::reject_below);
  }
}

TEST_CASE("MoM deviation bound holds empirically on heavy-tailed samples with known sigma", "[aggregate][mom][statistics]") {
  // Pareto(alpha = 2.5, x_m = 1): mean alpha / (alpha - 1) = 5/3, variance alpha / ((alpha-1)^2 (alpha-2)) =
  // 20/9, infinite third moment (skewed, heavy right tail). Student t with 3 degrees of freedom: mean 0,
  // variance 3, infinite fourth moment. The theorem: P(|MoM - mu| > bound) <= exp(-k/8) <= delta. Failures
  // over R independent replications are Binomial(R, p) with p <= delta; failure_tolerance gives the count a
  // correct estimator exceeds with probability below 1e-6.
  struct setting {
    const char* name;
    double mu, sigma, delta;
    std::size_t n;
  };
  const std::size_t reps = 2000;
  for (const auto& c : {setting{"pareto", 5.0 / 3.0, std::sqrt(20.0 / 9.0), 0.05, 1000},
                        setting{"pareto", 5.0 / 3.0, std::sqrt(20.0 / 9.0), 0.2, 260},
                        setting{"student_t3", 0.0, std::sqrt(3.0), 0.05, 1000}}) {
    std::size_t failures = 0;
    std::vector<double> x(c.n);
    for (std::size_t rep = 0; rep < reps; ++rep) {
      philox_stream s({.seed = 77, .item = rep, .jury = c.n == 260 ? 1u : 0u});
      for (auto& v : x) {
        if (c.mu != 0.0) {
          v = std::pow(1.0 - uniform_double(s), -1.0 / 2.5);
        } else {
          const double z = normal(s), a = normal(s), b = normal(s), d = normal(s);
          v = z / std::sqrt((a * a + b * b + d * d) / 3.0);
        }
      }
      const auto r = median_of_means(x, {.delta = c.delta, .sigma = c.sigma, .seed = rep});
      REQUIRE(r.failure_probability <= c.delta);
      REQUIRE(r.bound >= median_of_means_deviation(c.sigma, c.n, c.delta));
      if (std::abs(r.estimate - c.mu) > r.bound) ++failures;
    }
    const std::size_t tolerance = failure_tolerance(reps, c.delta);
    INFO(c.name << ": " << failures << " failures in " << reps << " replications, tolerance " << tolerance);
    CHECK(failures <= tolerance);
  }
}

TEST_CASE("MoM: sigma estimated by the sample standard deviation, edge cases, bad input", "[aggregate][mom]") {
  const std::vector<double> x{1, 2, 3, 4, 10, 6, 7, 8};
  const auto r = median_of_means(x, {.blocks = 2, .layout = block_layout::contiguous});
  // Sample sd with divisor n - 1: mean 5.125, sum of squared deviations 68.875.
  REQUIRE_THAT(r.sigma, Catch::Matchers::WithinRel(std::sqrt(68.875 / 7.0), 1e-14));
  CHECK(r.sigma_estimated);
  CHECK(r.estimate == 0.5 * (2.5 + 7.75));
  CHECK(median_of_means(std::vector<double>{4.0}, {.blocks = 1}).estimate == 4.0);
  CHECK(std::isnan(median_of_means(std::vector<double>{4.0}, {.blocks = 1}).sigma));
  CHECK(median_of_means(std::vector<double>(30, 2.5), {.delta = 0.1}).estimate == 2.5);
  CHECK(median_of_means(x, {.blocks = 8}).estimate == median(x));  // blocks of one value
  const std::vector<double> small(10, 1.0);
  CHECK(error_id([&] { (void)median_of_means(small); }) == "pluralism.aggregate.blocks");  // 24 blocks > 10
  CHECK(error_id([&] { (void)median_of_means(small, {.blocks = 11}); }) == "pluralism.aggregate.blocks");
  CHECK(error_id([&] { (void)median_of_means(small, {.delta = 0.0}); }) == "pluralism.aggregate.delta");
  CHECK(error_id([&] { (void)median_of_means(small, {.delta = 1.5}); }) == "pluralism.aggregate.delta");
  CHECK(error_id([&] { (void)median_of_means(small, {.blocks = 2, .sigma = -1}); }) == "pluralism.aggregate.sigma");
  CHECK(error_id([&] { (void)median_of_means(std::vector<double>{}); }) == "pluralism.aggregate.empty");
  CHECK(error_id([&] { (void)median_of_means(std::vector<double>{1, std::nan("")}, {.blocks = 1}); }) ==
        "pluralism.aggregate.nan");
  CHECK(median_of_means(std::vector<double>{1, std::nan(""), 3}, {.blocks = 1, .nan = nan_policy::skip}).estimate == 2);
}

TEST_CASE("median of randomized means equals explicit Floyd blocks", "[aggregate][morm]") {
  philox_stream s({.seed = 707});
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t n = 1 + bounded(s, 50), b = 1 + bounded(s, static_cast<std::uint32_t>(n)),
                      blocks = 1 + bounded(s, 12);
    std::vector<double> x(n);
    for (auto& v : x) v = uniform_double(s) * 4;
    std::vector<double> means;
    for (std::size_t j = 0; j < blocks; ++j) {
      philox_stream block({.seed = 42, .item = 0, .jury = static_cast<std::uint32_t>(j)});
      const auto picked = sample_without_replacement(block, static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(b));
      double sum = 0;
      for (auto p : picked) sum += x[p];
      means.push_back(sum / static_cast<double>(b));
    }
    for (auto rule : {median_rule::average, median_rule::lower})
      REQUIRE(median_of_randomized_means(x, blocks, b, {.rule = rule, .seed = 42}) == full_sort_median(means, rule));
    // Blocks of all n values are all the sample mean (up to summation order).
    REQUIRE_THAT(median_of_randomized_means(x, blocks, n, {.seed = 42}), Catch::Matchers::WithinAbs(mean(x), 1e-12));
  }
  const std::vector<double> x{1, 2, 3};
  CHECK(error_id([&] { (void)median_of_randomized_means(x, 0, 1); }) == "pluralism.aggregate.blocks");
  CHECK(error_id([&] { (void)median_of_randomized_means(x, 3, 0); }) == "pluralism.aggregate.block_size");
  CHECK(error_id([&] { (void)median_of_randomized_means(x, 3, 4); }) == "pluralism.aggregate.block_size");
  CHECK(error_id([&] { (void)median_of_randomized_means(std::vector<int>{}, 3, 1); }) == "pluralism.aggregate.empty");
}

TEST_CASE("MoM reads contiguous ranges in place and gives bit for bit the copied path's result", "[aggregate][mom]") {
  // std::vector and std::span take the in-place path, std::deque and std::list the copying one, and a
  // vector with a NaN (skipped) the copying one too; every field of the result must agree exactly.
  philox_stream s({.seed = 808});
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 2 + bounded(s, 200), k = 1 + bounded(s, static_cast<std::uint32_t>(n));
    std::vector<double> x(n);
    for (auto& v : x) v = std::ldexp(uniform_double(s) - 0.3, static_cast<int>(bounded(s, 20)) - 10);
    std::vector<double> with_nan = x;
    with_nan.insert(with_nan.begin() + static_cast<std::ptrdiff_t>(bounded(s, static_cast<std::uint32_t>(n))),
                    std::nan(""));
    const std::deque<double> d(x.begin(), x.end());
    const std::list<float> f(x.begin(), x.end());
    const std::vector<float> vf(x.begin(), x.end());
    for (auto layout : {block_layout::contiguous, block_layout::random})
      for (auto rem : {remainder_rule::spread, remainder_rule::drop}) {
        const median_of_means_options o{.blocks = k, .layout = layout, .remainder = rem,
                                        .seed = static_cast<std::uint64_t>(trial), .nan = nan_policy::skip};
        const auto same = [](const median_of_means_result& a, const median_of_means_result& b) {
          REQUIRE(a.estimate == b.estimate);
          REQUIRE(a.sigma == b.sigma);  // estimated: two passes over the values in the same order
          REQUIRE(a.bound == b.bound);
          REQUIRE(a.blocks == b.blocks);
          REQUIRE(a.used == b.used);
        };
        const auto in_place = median_of_means(x, o);
        same(in_place, median_of_means(d, o));
        same(in_place, median_of_means(std::span<const double>(x), o));
        same(in_place, median_of_means(with_nan, o));
        same(median_of_means(vf, o), median_of_means(f, o));
      }
  }
}

TEST_CASE("MoM's in-place path still applies the NaN policy to values the remainder rule drops", "[aggregate][mom][nan]") {
  // 7 values in 3 contiguous blocks of 2 (remainder drop): the NaN is the dropped 7th value.
  const std::vector<double> x{1, 2, 3, 4, 5, 6, std::nan("")};
  const median_of_means_options o{.blocks = 3, .sigma = 1.0, .layout = block_layout::contiguous,
                                  .remainder = remainder_rule::drop};
  CHECK(error_id([&] { (void)median_of_means(x, o); }) == "pluralism.aggregate.nan");
  auto skip = o;
  skip.nan = nan_policy::skip;  // 6 values left, 3 blocks of 2: means 1.5, 3.5, 5.5
  CHECK(median_of_means(x, skip).estimate == 3.5);
  auto random = o;
  random.layout = block_layout::random;
  CHECK(error_id([&] { (void)median_of_means(x, random); }) == "pluralism.aggregate.nan");
}
