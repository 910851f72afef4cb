// SPDX-License-Identifier: MIT
// Mean, median, quantiles, weighted forms and the trimmed mean against brute-force references (full sort,
// explicit removal, long double sums) on many random inputs, published NumPy/scipy values, edge cases and
// bad input.
#include <pluralism/aggregate.hpp>

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "catch.hpp"

using namespace pluralism;

namespace {

/// Random test vectors: sizes 1..60, values from a few regimes (ties, integers, wide range).
std::vector<double> random_values(philox_stream& s, std::size_t n, int regime) {
  std::vector<double> v(n);
  for (auto& x : v) {
    switch (regime) {
      case 0: x = static_cast<double>(bounded(s, 5)); break;          // many ties (ratings 0..4)
      case 1: x = uniform_double(s) * 200.0 - 100.0; break;           // continuous
      default: x = std::ldexp(uniform_double(s) - 0.5, static_cast<int>(bounded(s, 40)) - 20);  // wide range
    }
  }
  return v;
}

double ref_median(std::vector<double> v, median_rule rule) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  if (n % 2 == 1) return v[n / 2];
  const double a = v[n / 2 - 1], b = v[n / 2];
  return rule == median_rule::lower ? a : rule == median_rule::upper ? b : 0.5 * (a + b);
}

double ref_quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double h = static_cast<double>(v.size() - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

/// Trimmed mean by explicit removal: sort, erase int(p n) from each end, average the rest.
double ref_trimmed(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto cut = static_cast<std::ptrdiff_t>(p * static_cast<double>(v.size()));
  v.erase(v.end() - cut, v.end());
  v.erase(v.begin(), v.begin() + cut);
  long double s = 0;
  for (double x : v) s += x;
  return static_cast<double>(s / static_cast<long double>(v.size()));
}

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

TEST_CASE("mean, median and quantile agree with full-sort references on random inputs", "[aggregate][basic]") {
  philox_stream s({.seed = 101});
  for (int trial = 0; trial < 600; ++trial) {
    const std::size_t n = 1 + bounded(s, 60);
    const auto v = random_values(s, n, trial % 3);
    long double sum = 0;
    for (double x : v) sum += x;
    const double exact_mean = static_cast<double>(sum / static_cast<long double>(n));
    REQUIRE_THAT(mean(v), Catch::Matchers::WithinAbs(exact_mean, 1e-12 * (1 + std::abs(exact_mean)) + 1e-300));
    for (auto rule : {median_rule::average, median_rule::lower, median_rule::upper})
      REQUIRE(median(v, rule) == ref_median(v, rule));
    for (double q : {0.0, 0.1, 0.25, 0.5, 0.73, 0.9, 1.0, uniform_double(s)})
      REQUIRE(quantile(v, q) == ref_quantile(v, q));
    // The linear rule at 0.5 is the average-rule median, up to rounding (a + (b - a) / 2 vs (a + b) / 2).
    REQUIRE_THAT(quantile(v, 0.5), Catch::Matchers::WithinAbs(median(v), 1e-15 * std::abs(median(v)) + 1e-300));
    const auto qs = quantiles(v, {0.0, 0.3, 0.5, 1.0});
    for (std::size_t i = 0; i < 4; ++i) REQUIRE(qs[i] == ref_quantile(v, std::vector<double>{0.0, 0.3, 0.5, 1.0}[i]));
  }
}

TEST_CASE("quantile and median reproduce published NumPy values", "[aggregate][basic]") {
  // np.quantile(a, [0, .1, .25, .37, .5, .9, 1]) and np.median(a[:10]) with NumPy 1.24 (Debian).
  const std::vector<double> a{3.5, -1.25, 7.0, 2.0, 2.0, 9.5, 0.25, 4.75, -3.0, 6.0, 1.5};
  const double q[] = {0, 0.1, 0.25, 0.37, 0.5, 0.9, 1};
  const double numpy[] = {-3.0, -1.25, 0.875, 1.85, 2.0, 7.0, 9.5};
  for (int i = 0; i < 7; ++i) REQUIRE_THAT(quantile(a, q[i]), Catch::Matchers::WithinAbs(numpy[i], 1e-15));
  REQUIRE(median(std::span(a).first(10)) == 2.75);
  REQUIRE_THAT(mean(a), Catch::Matchers::WithinRel(2.9318181818181817, 1e-15));
}

TEST_CASE("median edge cases: n = 1, 2, all equal, the three rules", "[aggregate][basic]") {
  CHECK(median(std::vector<double>{7.5}) == 7.5);
  CHECK(median(std::vector<int>{1, 4}) == 2.5);
  CHECK(median(std::vector<int>{4, 1}, median_rule::lower) == 1.0);
  CHECK(median(std::vector<int>{4, 1}, median_rule::upper) == 4.0);
  CHECK(median(std::vector<double>(10, -2.0)) == -2.0);
  CHECK(median(std::vector<double>{1, 2, 3}, median_rule::lower) == 2.0);  // odd count: the rule is moot
  CHECK(quantile(std::vector<double>{5.0}, 0.3) == 5.0);
  CHECK(mean(std::vector<int>{1, 2}) == 1.5);
}

TEST_CASE("NaN policy: error names the index, skip drops NaNs", "[aggregate][nan]") {
  const double nan = std::nan("");
  const std::vector<double> v{1.0, nan, 3.0, 10.0};
  REQUIRE(error_id([&] { (void)median(v); }) == "pluralism.aggregate.nan");
  try {
    (void)mean(v);
  } catch (const precondition_error& e) {
    CHECK(std::string(e.what()).find("values[1] is NaN") != std::string::npos);
  }
  CHECK(mean(v, nan_policy::skip) == mean(std::vector<double>{1, 3, 10}));
  CHECK(median(v, median_rule::average, nan_policy::skip) == 3.0);
  CHECK(quantile(v, 1.0, nan_policy::skip) == 10.0);
  CHECK(trimmed_mean(v, 0.34, nan_policy::skip) == 3.0);
  REQUIRE(error_id([&] { (void)median(std::vector<double>{nan, nan}, median_rule::average, nan_policy::skip); }) ==
          "pluralism.aggregate.empty");
}

TEST_CASE("bad input gets errors with the argument's id", "[aggregate][errors]") {
  const std::vector<double> empty, v{1, 2, 3};
  CHECK(error_id([&] { (void)mean(empty); }) == "pluralism.aggregate.empty");
  CHECK(error_id([&] { (void)median(empty); }) == "pluralism.aggregate.empty");
  CHECK(error_id([&] { (void)quantile(empty, 0.5); }) == "pluralism.aggregate.empty");
  CHECK(error_id([&] { (void)trimmed_mean(empty, 0.1); }) == "pluralism.aggregate.empty");
  CHECK(error_id([&] { (void)quantile(v, 1.5); }) == "pluralism.aggregate.quantile");
  CHECK(error_id([&] { (void)quantile(v, -0.1); }) == "pluralism.aggregate.quantile");
  CHECK(error_id([&] { (void)quantile(v, std::nan("")); }) == "pluralism.aggregate.quantile");
  CHECK(error_id([&] { (void)quantiles(v, {0.5, 2.0}); }) == "pluralism.aggregate.quantile");
  CHECK(error_id([&] { (void)weighted_mean(v, std::vector<double>{1, 1}); }) == "pluralism.aggregate.weights");
  CHECK(error_id([&] { (void)weighted_mean(v, std::vector<double>{1, -1, 1}); }) == "pluralism.aggregate.weights");
  CHECK(error_id([&] { (void)weighted_mean(v, std::vector<double>{0, 0, 0}); }) == "pluralism.aggregate.weights");
  CHECK(error_id([&] { (void)weighted_median(v, std::vector<double>{1, std::nan(""), 1}); }) ==
        "pluralism.aggregate.weights");
  CHECK(error_id([&] { (void)weighted_median(v, std::vector<double>{1, INFINITY, 1}); }) ==
        "pluralism.aggregate.weights");
  CHECK(error_id([&] { (void)weighted_mean(empty, empty); }) == "pluralism.aggregate.empty");
  try {
    (void)weighted_mean(v, std::vector<double>{1, -0.5, 1});
  } catch (const precondition_error& e) {
    CHECK(std::string(e.what()).find("weights[1] = -0.5") != std::string::npos);
  }
}

TEST_CASE("weighted mean and weighted median against brute-force definitions", "[aggregate][weighted]") {
  philox_stream s({.seed = 202});
  for (int trial = 0; trial < 500; ++trial) {
    const std::size_t n = 1 + bounded(s, 30);
    const auto v = random_values(s, n, trial % 2);
    // Small whole weights (some zero) keep every sum exact, so the reference's "half the mass" test is exact.
    std::vector<double> w(n);
    for (auto& x : w) x = static_cast<double>(bounded(s, 4));
    if (std::all_of(w.begin(), w.end(), [](double x) { return x == 0; })) w[0] = 1;
    long double sw = 0, swx = 0;
    for (std::size_t i = 0; i < n; ++i) sw += w[i], swx += static_cast<long double>(w[i]) * v[i];
    REQUIRE_THAT(weighted_mean(v, w), Catch::Matchers::WithinAbs(static_cast<double>(swx / sw), 1e-12));
    // lower = smallest v with 2 W(<= v) >= W; upper = smallest v with 2 W(<= v) > W (O(n^2) brute force).
    const double total = static_cast<double>(sw);
    double lower = INFINITY, upper = INFINITY;
    for (std::size_t i = 0; i < n; ++i) {
      if (w[i] == 0) continue;
      double le = 0;
      for (std::size_t j = 0; j < n; ++j) le += v[j] <= v[i] ? w[j] : 0.0;
      if (2 * le >= total) lower = std::min(lower, v[i]);
      if (2 * le > total) upper = std::min(upper, v[i]);
    }
    REQUIRE(weighted_median(v, w, median_rule::lower) == lower);
    REQUIRE(weighted_median(v, w, median_rule::upper) == upper);
    REQUIRE(weighted_median(v, w) == 0.5 * (lower + upper));
  }
}

TEST_CASE("equal weights give exactly the unweighted median, whatever the weight", "[aggregate][weighted]") {
  philox_stream s({.seed = 303});
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t n = 1 + bounded(s, 40);
    const auto v = random_values(s, n, trial % 3);
    for (double weight : {0.1, 1.0 / 3.0, 7.3})
      for (auto rule : {median_rule::average, median_rule::lower, median_rule::upper}) {
        REQUIRE(weighted_median(v, std::vector<double>(n, weight), rule) == median(v, rule));
        REQUIRE_THAT(weighted_mean(v, std::vector<double>(n, weight)), Catch::Matchers::WithinAbs(mean(v), 1e-9));
      }
  }
}

TEST_CASE("trimmed_mean equals explicit removal of int(p n) from each end", "[aggregate][trimmed]") {
  philox_stream s({.seed = 404});
  for (int trial = 0; trial < 600; ++trial) {
    const std::size_t n = 1 + bounded(s, 50);
    const auto v = random_values(s, n, trial % 3);
    for (double p : {0.0, 0.05, 0.1, 0.2, 0.25, 1.0 / 3.0, 0.49, uniform_double(s) * 0.5}) {
      const double got = trimmed_mean(v, p), want = ref_trimmed(v, p);
      REQUIRE_THAT(got, Catch::Matchers::WithinAbs(want, 1e-12 * (1 + std::abs(want))));
    }
  }
}

TEST_CASE("trimmed_mean reproduces scipy.stats.trim_mean, including its proportion limits", "[aggregate][trimmed]") {
  // scipy 1.10: trim_mean(a, .1), (a, .2), (a, .45), (a[:10], .25), (a[:1], .6); trim_mean(a[:4], .8) raises
  // "Proportion too big.".
  const std::vector<double> a{3.5, -1.25, 7.0, 2.0, 2.0, 9.5, 0.25, 4.75, -3.0, 6.0, 1.5};
  const std::span<const double> all(a);
  REQUIRE_THAT(trimmed_mean(a, 0.1), Catch::Matchers::WithinRel(2.861111111111111, 1e-15));
  REQUIRE_THAT(trimmed_mean(a, 0.2), Catch::Matchers::WithinRel(2.857142857142857, 1e-15));
  REQUIRE_THAT(trimmed_mean(a, 0.45), Catch::Matchers::WithinRel(2.5, 1e-15));
  REQUIRE_THAT(trimmed_mean(all.first(10), 0.25), Catch::Matchers::WithinRel(3.0833333333333335, 1e-15));
  CHECK(trimmed_mean(all.first(1), 0.6) == 3.5);  // int(0.6 * 1) = 0: nothing cut, as scipy
  CHECK(error_id([&] { (void)trimmed_mean(all.first(4), 0.8); }) == "pluralism.aggregate.proportion");
  // 0.5 of an even count leaves nothing (scipy: NaN with a warning; here an error); of an odd count, the median.
  CHECK(error_id([&] { (void)trimmed_mean(all.first(4), 0.5); }) == "pluralism.aggregate.proportion");
  CHECK(trimmed_mean(a, 0.5) == median(a));
  CHECK(error_id([&] { (void)trimmed_mean(a, -0.1); }) == "pluralism.aggregate.proportion");
  CHECK(error_id([&] { (void)trimmed_mean(a, std::nan("")); }) == "pluralism.aggregate.proportion");
  CHECK(error_id([&] { (void)trimmed_mean(a, 1e300); }) == "pluralism.aggregate.proportion");
}

TEST_CASE("NaN policy in the weighted forms, quantiles and MoRM: error names the index, skip drops the pair",
          "[aggregate][nan]") {
  const double nan = std::nan("");
  const std::vector<double> v{2.0, nan, 5.0, 1.0}, w{1.0, 100.0, 2.0, 1.0};
  const std::vector<double> v_kept{2.0, 5.0, 1.0}, w_kept{1.0, 2.0, 1.0};
  CHECK(error_id([&] { (void)weighted_mean(v, w); }) == "pluralism.aggregate.nan");
  CHECK(error_id([&] { (void)weighted_median(v, w); }) == "pluralism.aggregate.nan");
  try {
    (void)weighted_median(v, w);
  } catch (const precondition_error& e) {
    CHECK(std::string(e.what()).find("weighted_median: values[1] is NaN") != std::string::npos);
  }
  // A skipped value takes its weight with it: the result is that of the remaining pairs.
  CHECK(weighted_mean(v, w, nan_policy::skip) == weighted_mean(v_kept, w_kept));
  CHECK(weighted_mean(v, w, nan_policy::skip) == 3.25);
  CHECK(weighted_median(v, w, median_rule::average, nan_policy::skip) == weighted_median(v_kept, w_kept));
  CHECK(weighted_median(v, w, median_rule::average, nan_policy::skip) == 3.5);  // masses 1 | 1 | 2: exact half at 2
  CHECK(error_id([&] { (void)weighted_mean(std::vector<double>{nan}, std::vector<double>{1.0}, nan_policy::skip); }) ==
        "pluralism.aggregate.empty");
  CHECK(error_id([&] { (void)quantiles(v, {0.5}); }) == "pluralism.aggregate.nan");
  CHECK(quantiles(v, {0.0, 0.5, 1.0}, nan_policy::skip) == std::vector<double>{1.0, 2.0, 5.0});
  CHECK(error_id([&] { (void)quantiles(v_kept, {0.5, nan}); }) == "pluralism.aggregate.nan");  // a NaN probability
  CHECK(error_id([&] { (void)median_of_randomized_means(v, 2, 1); }) == "pluralism.aggregate.nan");
  // With blocks of every kept value, each block mean is the mean of the kept values.
  REQUIRE_THAT(median_of_randomized_means(v, 3, 3, {.seed = 1, .nan = nan_policy::skip}),
               Catch::Matchers::WithinAbs(8.0 / 3.0, 1e-15));
  // Integer inputs have no NaN; the policy is moot and the call compiles.
  CHECK(median(std::vector<int>{3, 1, 2}, median_rule::average, nan_policy::error) == 2.0);
}
