// SPDX-License-Identifier: MIT
// The fast kernels behind the row-wise divergences (W4): the logarithms in ulps against the C library in long
// double, the Jensen-Shannon pair term against a long double reference, and the batch path against the pair
// functions bit for bit (fast forms, the general fallbacks, SIMD square roots, blocks, extreme values).
#include <pluralism/divergence.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "catch.hpp"

namespace pl = pluralism;
namespace dt = pluralism::detail;
using pl::divergence_metric;

namespace {

// |v - ref| in units of the last place of ref rounded to double.
double ulps(double v, long double ref) {
  const double r = std::abs(static_cast<double>(ref));
  const double ulp = std::nextafter(r, std::numeric_limits<double>::infinity()) - r;
  return static_cast<double>(std::fabs(static_cast<long double>(v) - ref) / static_cast<long double>(ulp));
}

// The Jensen-Shannon logarithm with its own division (the kernel shares one division between two of them).
double js_log(double u) {
  const double t = u - 1.0;
  const dt::log_parts p = dt::js_log_reduce(u, t, std::abs(t) < 0.25);
  return dt::log_finish(p.num / p.den, p.e);
}

// x log(2x / (x + y)) + y log(2y / (x + y)) in long double, from d = (x - y) / (x + y) near 0.
long double js_pair_reference(long double x, long double y) {
  const long double s = x + y, d = (x - y) / s;
  if (std::fabs(static_cast<double>(d)) < 0.5)
    return (x > 0 ? x * std::log1p(d) : 0.0L) + (y > 0 ? y * std::log1p(-d) : 0.0L);
  return (x > 0 ? x * std::log(2 * x / s) : 0.0L) + (y > 0 ? y * std::log(2 * y / s) : 0.0L);
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b)); }

// A long double with more digits than double makes the reference about exact; otherwise allow its own rounding.
constexpr double reference_slack = std::numeric_limits<long double>::digits >= 64 ? 0.0 : 1.0;

}  // namespace

TEST_CASE("the kernel logarithms are within 2.5 ulp of the C library", "[divergence][kernels]") {
  std::mt19937_64 rng(2026);
  std::uniform_real_distribution<double> expo(-1074.0, 1024.0), mant(1.0, 2.0), unit(0.0, 1.0), sym(-1.0, 1.0);
  double worst_log = 0.0, worst_near = 0.0, worst_js = 0.0, worst_js_near = 0.0;
  for (int i = 0; i < 300000; ++i) {
    // Whole range, subnormals included.
    const double x = std::ldexp(mant(rng), static_cast<int>(expo(rng)));
    if (x > 0.0 && std::isfinite(x) && x != 1.0) worst_log = std::max(worst_log, ulps(dt::log_kernel(x), std::log(static_cast<long double>(x))));
    // Near 1 with the exact offset d (|d| < 1/4 takes d itself), down to 1e-17.
    const double d = 0.25 * sym(rng) * std::pow(10.0, -17.0 * unit(rng));
    if (d != 0.0 && std::abs(d) < 0.25) {
      worst_near = std::max(worst_near, ulps(dt::log_near(1.0 + d, d), std::log1p(static_cast<long double>(d))));
      const dt::log_parts p = dt::js_log_reduce(1.0 + d, d, true);
      worst_js_near = std::max(worst_js_near, ulps(dt::log_finish(p.num / p.den, p.e), std::log1p(static_cast<long double>(d))));
    }
    // The Jensen-Shannon logarithm's domain u = 2x / (x + y) in (0, 2], normal u (subnormal u is documented as
    // coarse: its term is below 2^-1012 of the pair's).
    const double u = i % 2 == 0 ? 2.0 * unit(rng) : std::ldexp(mant(rng), -static_cast<int>(1021.0 * unit(rng)));
    if (u >= std::numeric_limits<double>::min() && u <= 2.0 && u != 1.0)
      worst_js = std::max(worst_js, ulps(js_log(u), std::log(static_cast<long double>(u))));
  }
  double worst_pow2 = 0.0;
  for (int e = -1074; e <= 1023; ++e)
    if (e != 0) worst_pow2 = std::max(worst_pow2, ulps(dt::log_kernel(std::ldexp(1.0, e)), std::log(std::ldexp(1.0L, e))));
  for (int e = -1022; e <= 1; ++e)
    if (e != 0) worst_pow2 = std::max(worst_pow2, ulps(js_log(std::ldexp(1.0, e)), std::log(std::ldexp(1.0L, e))));
  INFO("max ulp: log_kernel " << worst_log << ", log_near(1 + d, d) " << worst_near << ", JS log " << worst_js
                              << ", JS log(1 + d) " << worst_js_near << ", powers of 2 " << worst_pow2);
  // Measured (x86-64, 80-bit long double): 1.79, 1.0, 2.0, 1.0 and 0.5 ulp.
  CHECK(worst_log <= 2.5 + reference_slack);
  CHECK(worst_near <= 2.5 + reference_slack);
  CHECK(worst_js <= 2.5 + reference_slack);
  CHECK(worst_js_near <= 2.5 + reference_slack);
  CHECK(worst_pow2 <= 1.0 + reference_slack);
  CHECK(dt::log_kernel(1.0) == 0.0);
  CHECK(js_log(1.0) == 0.0);
}

TEST_CASE("the Jensen-Shannon pair term is within a few ulp of x + y, at every scale", "[divergence][kernels]") {
  std::mt19937_64 rng(77);
  std::uniform_real_distribution<double> unit(0.0, 1.0), decade(-300.0, 300.0);
  double worst = 0.0;
  for (int i = 0; i < 200000; ++i) {
    double x = 0.0, y = 0.0;
    switch (i % 5) {
      case 0: x = unit(rng); y = unit(rng); break;
      case 1: x = std::pow(10.0, decade(rng)); y = std::pow(10.0, decade(rng)); break;  // ratios far from 1
      case 2: x = unit(rng); y = x * (1.0 + (unit(rng) - 0.5) * std::pow(10.0, -16.0 * unit(rng))); break;
      case 3: x = unit(rng); y = x * std::pow(10.0, -25.0 * unit(rng)); break;
      default: x = std::ldexp(unit(rng), 1020 + static_cast<int>(4 * unit(rng)));  // x + y overflows
               y = std::ldexp(unit(rng), 1020 + static_cast<int>(4 * unit(rng))); break;
    }
    if (!std::isfinite(x) || !std::isfinite(y)) continue;
    const long double ref = js_pair_reference(x, y);
    const double v = dt::js_pair(x, y);
    REQUIRE(std::isfinite(v));
    worst = std::max(worst, static_cast<double>(std::fabs(v - ref) / (static_cast<long double>(x) + y)));
    // The batch's unscaled form gives the same bits wherever it may be used.
    const double s = x + y;
    if (s >= 0x1p-1000 && s <= 0x1p1020) CHECK(same_bits(dt::js_combine(x, y, dt::js_reduce(x, y)), v));
  }
  INFO("max |error| / (x + y) = " << worst);
  CHECK(worst < 4.0 * std::numeric_limits<double>::epsilon());  // measured 3.0e-16 (1.4 eps; 1.1 with FMA)
  // Zeros, subnormals (scipy gh-19436) and identical inputs.
  CHECK(dt::js_pair(0.0, 0.0) == 0.0);
  CHECK(dt::js_pair(0.3, 0.3) == 0.0);
  CHECK(dt::js_pair(0.0, 5e-324) == 5e-324 * std::numbers::ln2);
  CHECK(dt::js_pair(1.0, 0.0) == std::numbers::ln2);
  CHECK_THAT(dt::js_pair(1.0, 5e-324), Catch::Matchers::WithinRel(std::numbers::ln2, 1e-15));
  // x + y overflows: the terms are scaled first (the same bound relative to x + y).
  const long double big = js_pair_reference(static_cast<long double>(1e308), static_cast<long double>(1.7e308));
  CHECK(std::fabs(dt::js_pair(1e308, 1.7e308) - big) < 4.0L * std::numeric_limits<double>::epsilon() * 2.7e308L);
}

TEST_CASE("divergence_rows gives the pair functions' bits on every row, blocks and fallbacks included", "[divergence][kernels][batch]") {
  std::mt19937_64 rng(31);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const double specials[] = {0.0, 5e-324, 1e-310, 1e-300, 1e-200, 1e300, 1.7e308, 0.5, 1.0};
  for (std::size_t k : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u}) {  // each of the fixed row sums, and the general one
    const std::size_t n = 1100;  // two blocks of the batch loop
    std::vector<double> p(n * k), q(n * k);
    for (std::size_t i = 0; i < n * k; ++i) {
      p[i] = unit(rng) < 0.1 ? 0.0 : unit(rng);
      q[i] = unit(rng) < 0.05 ? p[i] * (1.0 + 1e-15 * unit(rng)) : unit(rng) < 0.1 ? 0.0 : unit(rng);
    }
    // Rows with extreme entries only in the second block, so the first block keeps the fast forms.
    for (std::size_t r = 1030; r < n; r += 9)
      for (std::size_t j = 0; j < k; ++j) {
        p[r * k + j] = specials[(r + j) % std::size(specials)];
        q[r * k + j] = specials[(r + 3 * j + 1) % std::size(specials)];
      }
    const auto P = pl::as_matrix(p, k), Q = pl::as_matrix(q, k);
    for (auto m : {divergence_metric::kl, divergence_metric::js_divergence, divergence_metric::js_distance,
                   divergence_metric::similarity, divergence_metric::total_variation, divergence_metric::hellinger})
      for (const pl::divergence_options& o : {pl::divergence_options{}, pl::divergence_options{.base = 2.0},
                                              pl::divergence_options{.normalize = pl::normalization::renormalize,
                                                                     .invalid = pl::invalid_policy::nan}}) {
        INFO("metric " << pl::name(m) << ", k = " << k << ", base " << o.base);
        const auto rows = pl::divergence_rows(m, P, Q, o);
        std::size_t differ = 0;
        for (std::size_t r = 0; r < n; ++r) {
          const std::vector<double> pr(p.begin() + static_cast<std::ptrdiff_t>(r * k), p.begin() + static_cast<std::ptrdiff_t>((r + 1) * k));
          const std::vector<double> qr(q.begin() + static_cast<std::ptrdiff_t>(r * k), q.begin() + static_cast<std::ptrdiff_t>((r + 1) * k));
          double ref = std::numeric_limits<double>::quiet_NaN();
          try {
            ref = pl::divergence(m, pr, qr, o);
          } catch (const pl::data_error&) {
          }
          if (!same_bits(rows[r], ref)) ++differ;
        }
        CHECK(differ == 0);
      }
  }
}

TEST_CASE("a bad entry in a later block still names its row", "[divergence][kernels][batch]") {
  const std::size_t n = 2500, k = 4;
  std::vector<double> p(n * k, 0.25), q(n * k, 0.25);
  q[1 * k + 2] = 0.1;
  p[2345 * k + 1] = -0.5;
  for (auto m : {divergence_metric::kl, divergence_metric::js_distance, divergence_metric::total_variation,
                 divergence_metric::hellinger}) {
    INFO("metric " << pl::name(m));
    bool thrown = false;
    try {
      (void)pl::divergence_rows(m, pl::as_matrix(p, k), pl::as_matrix(q, k));
    } catch (const pl::data_error& e) {
      thrown = true;
      CHECK(std::string(e.what()).find("row 2345") != std::string::npos);
    }
    CHECK(thrown);
    const auto r = pl::divergence_rows(m, pl::as_matrix(p, k), pl::as_matrix(q, k), {.invalid = pl::invalid_policy::nan});
    CHECK(std::isnan(r[2345]));
    CHECK(r[0] == 0.0);
    CHECK(r[1] > 0.0);
    const std::vector<double> p1(p.begin() + 4, p.begin() + 8), q1(q.begin() + 4, q.begin() + 8);
    CHECK(same_bits(r[1], pl::divergence(m, p1, q1)));
  }
}
