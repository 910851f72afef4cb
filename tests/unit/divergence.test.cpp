// SPDX-License-Identifier: MIT
// Pair divergences: published values (scipy docs, OpinionQA worked checks), independent references on random
// inputs (other formulas of the same quantity, brute force over answer sets, a transport plan), identities
// between metrics, and every edge policy.
#include <pluralism/divergence.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "catch.hpp"
#include "support/errors.hpp"

namespace pl = pluralism;
using pl::divergence_metric;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

using pluralism_test::error_id;

std::vector<double> random_distribution(std::mt19937_64& rng, std::size_t k, double zero_share = 0.0) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> p(k);
  double s = 0.0;
  for (auto& x : p) {
    x = u(rng) < zero_share ? 0.0 : -std::log(1.0 - u(rng));  // Dirichlet(1) before normalising
    s += x;
  }
  if (s == 0.0) p[0] = s = 1.0;
  for (auto& x : p) x /= s;
  return p;
}

double entropy_ref(const std::vector<double>& p) {
  double h = 0.0;
  for (double x : p)
    if (x > 0) h -= x * std::log(x);
  return h;
}

// max over all answer sets A of |p(A) - q(A)|: the definition of total variation.
double tv_bruteforce(const std::vector<double>& p, const std::vector<double>& q) {
  double best = 0.0;
  for (unsigned mask = 0; mask < (1u << p.size()); ++mask) {
    double d = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (mask & (1u << i)) d += p[i] - q[i];
    best = std::max(best, std::abs(d));
  }
  return best;
}

// W1 by the monotone (north-west corner) transport plan between sorted supports: sum pi_ij |x_i - x_j|.
double w1_transport(const std::vector<double>& x, std::vector<double> p, std::vector<double> q) {
  std::vector<std::size_t> idx(x.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](auto a, auto b) { return x[a] < x[b]; });
  std::size_t i = 0, j = 0;
  double cost = 0.0;
  while (i < idx.size() && j < idx.size()) {
    const double m = std::min(p[idx[i]], q[idx[j]]);
    cost += m * std::abs(x[idx[i]] - x[idx[j]]);
    p[idx[i]] -= m;
    q[idx[j]] -= m;
    if (p[idx[i]] <= 1e-15) ++i;
    else ++j;
  }
  return cost;
}

}  // namespace

TEST_CASE("scipy's documented values and the OpinionQA worked checks", "[divergence]") {
  // scipy.spatial.distance.jensenshannon docs.
  CHECK_THAT(pl::js_distance(std::vector{1.0, 0.0, 0.0}, std::vector{0.0, 1.0, 0.0}, {.base = 2}), WithinAbs(1.0, 1e-15));
  CHECK_THAT(pl::js_distance(std::vector{1.0, 0.0}, std::vector{0.5, 0.5}), WithinAbs(0.46450140402245893, 1e-15));
  CHECK_THAT(pl::js_distance(std::vector{1.0, 0.0}, std::vector{0.5, 0.5}, {.base = 2}),
             WithinAbs(0.5579230452841438, 1e-15));
  // [2, 0] vs [1, 1] only equals it after renormalising (scipy always renormalises).
  CHECK_THAT(pl::js_distance(std::vector{2.0, 0.0}, std::vector{1.0, 1.0}, {.normalize = pl::normalization::renormalize}),
             WithinAbs(0.46450140402245893, 1e-15));
  CHECK(pl::js_distance(std::vector{1.0, 2.0, 3.0}, std::vector{1.0, 2.0, 3.0}) == 0.0);
  // scipy.stats.wasserstein_distance docs: ([0, 1], [0, 1], [3, 1], [2, 2]) = 0.25.
  const std::vector<double> x01{0.0, 1.0};
  CHECK_THAT(pl::wasserstein1(std::vector{3.0, 1.0}, std::vector{2.0, 2.0},
                              {.normalize = pl::normalization::renormalize, .positions = x01}),
             WithinAbs(0.25, 1e-15));
  // OpinionQA: ordinal [1, 2, 3, 4], e1 vs e4 gives W1 = 3, normalised 1, representativeness 0.
  const std::vector<double> x1234{1, 2, 3, 4};
  CHECK(pl::wasserstein1(std::vector{1.0, 0.0, 0.0, 0.0}, std::vector{0.0, 0.0, 0.0, 1.0}, {.positions = x1234}) == 3.0);
  CHECK(pl::representativeness(std::vector{1.0, 0.0, 0.0, 0.0}, std::vector{0.0, 0.0, 0.0, 1.0}, {.positions = x1234}) == 0.0);
  // ordinal [1, 2, 1.5] (the middle option listed last): W1([1,0,0], [0,0,1]) = 0.5; the code divides by
  // max - min = 1 (representativeness 0.5), the paper by N - 1 = 2 (0.75).
  const std::vector<double> odd{1.0, 2.0, 1.5};
  const std::vector<double> e1{1, 0, 0}, e3{0, 0, 1};
  CHECK(pl::wasserstein1(e1, e3, {.positions = odd}) == 0.5);
  CHECK(pl::representativeness(e1, e3, {.positions = odd}) == 0.5);
  CHECK(pl::representativeness(e1, e3, {.positions = odd, .scale = pl::representativeness_scale::option_count}) == 0.75);
  // All-equal positions: 0/0.
  const std::vector<double> flat{1, 1, 1};
  CHECK(error_id([&] { (void)pl::representativeness(e1, e3, {.positions = flat}); }) == "pluralism.divergence.zero_range");
  CHECK(std::isnan(pl::representativeness(e1, e3, {.positions = flat, .invalid = pl::invalid_policy::nan})));
  // Meister et al.: an all-zero model row scores TV = 0.5 against any distribution, as stored.
  CHECK(pl::total_variation(std::vector{0.0, 0.0, 0.0}, std::vector{0.2, 0.3, 0.5}) == 0.5);
}

TEST_CASE("each divergence agrees with an independent formula on random inputs", "[divergence]") {
  std::mt19937_64 rng(20240611);
  for (int trial = 0; trial < 400; ++trial) {
    const std::size_t k = 2 + static_cast<std::size_t>(trial % 7);
    const double zeros = trial % 3 == 0 ? 0.3 : 0.0;
    const auto p = random_distribution(rng, k, zeros);
    const auto q = random_distribution(rng, k, zeros);
    std::vector<double> m(k);
    for (std::size_t i = 0; i < k; ++i) m[i] = 0.5 * (p[i] + q[i]);
    // JS divergence = H(m) - (H(p) + H(q)) / 2.
    const double js_ref = entropy_ref(m) - 0.5 * (entropy_ref(p) + entropy_ref(q));
    CHECK_THAT(pl::js_divergence(p, q), WithinAbs(js_ref, 1e-14));
    CHECK_THAT(pl::js_distance(p, q), WithinAbs(std::sqrt(std::max(0.0, js_ref)), 1e-7));
    CHECK_THAT(pl::js_divergence(p, q, {.base = 2}), WithinAbs(js_ref / std::numbers::ln2, 1e-14));
    CHECK_THAT(pl::similarity(p, q, {.base = 2}), WithinAbs(1.0 - pl::js_distance(p, q, {.base = 2}), 1e-15));
    CHECK(pl::js_distance(p, q, {.base = 2}) <= 1.0);
    // TV is the largest difference in probability of any set of answers.
    CHECK_THAT(pl::total_variation(p, q), WithinAbs(tv_bruteforce(p, q), 1e-14));
    // Hellinger both ways; H^2 <= TV <= sqrt(2) H (Le Cam).
    double bc = 0.0;
    for (std::size_t i = 0; i < k; ++i) bc += std::sqrt(p[i] * q[i]);
    const double h = pl::hellinger_distance(p, q);
    CHECK_THAT(h, WithinAbs(std::sqrt(std::max(0.0, 1.0 - bc)), 1e-7));
    CHECK(h * h <= pl::total_variation(p, q) + 1e-15);
    CHECK(pl::total_variation(p, q) <= std::sqrt(2.0) * h + 1e-15);
    // KL and its relatives, where the support allows.
    bool q_covers = true;
    for (std::size_t i = 0; i < k; ++i) q_covers = q_covers && !(p[i] > 0 && q[i] == 0);
    double kl_ref = 0.0, chi_ref = 0.0;
    for (std::size_t i = 0; i < k; ++i)
      if (p[i] > 0) {
        kl_ref += q[i] > 0 ? p[i] * (std::log(p[i]) - std::log(q[i])) : std::numeric_limits<double>::infinity();
      }
    for (std::size_t i = 0; i < k; ++i)
      if (q[i] > 0) chi_ref += (p[i] - q[i]) * (p[i] - q[i]) / q[i];
    if (q_covers) {
      CHECK_THAT(pl::kl_divergence(p, q), WithinAbs(kl_ref, 1e-13));
      CHECK(pl::kl_divergence(p, q) >= -1e-15);  // Gibbs' inequality
      CHECK_THAT(pl::chi_square_divergence(p, q), WithinRel(chi_ref, 1e-12));
      // Renyi: order 1 is KL, order 2 is log(1 + chi^2), order 1/2 is -2 log BC; non-decreasing in the order.
      CHECK_THAT(pl::renyi_divergence(p, q, {.order = 1.0}), WithinAbs(kl_ref, 1e-13));
      CHECK_THAT(pl::renyi_divergence(p, q, {.order = 2.0}), WithinAbs(std::log1p(chi_ref), 1e-12));
      CHECK_THAT(pl::renyi_divergence(p, q, {.order = 0.5}), WithinAbs(-2.0 * std::log(bc), 1e-12));
      double prev = -1.0;
      for (double a : {0.0, 0.25, 0.5, 0.999, 1.0, 1.001, 2.0, 5.0, std::numeric_limits<double>::infinity()}) {
        const double r = pl::renyi_divergence(p, q, {.order = a});
        CHECK(r >= prev - 1e-12);
        prev = r;
      }
    } else {
      CHECK(pl::kl_divergence(p, q) == std::numeric_limits<double>::infinity());
      CHECK(pl::chi_square_divergence(p, q) == std::numeric_limits<double>::infinity());
      CHECK(pl::renyi_divergence(p, q, {.order = 2.0}) == std::numeric_limits<double>::infinity());
      if (bc > 0) CHECK_THAT(pl::renyi_divergence(p, q, {.order = 0.5}), WithinAbs(-2.0 * std::log(bc), 1e-12));
      else CHECK(pl::renyi_divergence(p, q, {.order = 0.5}) == std::numeric_limits<double>::infinity());
    }
    // W1 on shuffled, non-uniform positions against a transport plan; representativeness from it.
    std::vector<double> pos(k);
    std::uniform_real_distribution<double> u(-3.0, 3.0);
    for (auto& x : pos) x = u(rng);
    if (trial % 5 == 0 && k > 2) pos[1] = pos[0];  // a repeated position
    const double w = pl::wasserstein1(p, q, {.positions = pos});
    CHECK_THAT(w, WithinAbs(w1_transport(pos, p, q), 1e-12));
    const double range = *std::max_element(pos.begin(), pos.end()) - *std::min_element(pos.begin(), pos.end());
    CHECK_THAT(pl::representativeness(p, q, {.positions = pos}), WithinAbs(1.0 - w / range, 1e-12));
    // Default positions 0..k-1.
    std::vector<double> unit(k);
    for (std::size_t i = 0; i < k; ++i) unit[i] = static_cast<double>(i);
    CHECK_THAT(pl::wasserstein1(p, q), WithinAbs(w1_transport(unit, p, q), 1e-12));
    // The generic entry point is the named one.
    CHECK(pl::divergence(divergence_metric::total_variation, p, q) == pl::total_variation(p, q));
  }
}

TEST_CASE("near-identical, subnormal and identical inputs never give NaN", "[divergence]") {
  // scipy gh-20083 (float32 inputs; scipy returns NaN from the square root of a rounding-negative divergence).
  const std::vector<float> c1{0.027501475f, 0.055202297f}, c2{0.027537677f, 0.055334348f};
  const double d = pl::js_distance(c1, c2, {.normalize = pl::normalization::renormalize});
  CHECK(std::isfinite(d));
  CHECK(d >= 0.0);
  CHECK(d < 1e-2);
  // gh-20779: p = [x, 1 - x], q = [1 - x, x] with x = nextafter(0.5, 0).
  const double x = std::nextafter(0.5, 0.0);
  const double e = pl::js_distance(std::vector{x, 1 - x}, std::vector{1 - x, x});
  CHECK(std::isfinite(e));
  CHECK(e >= 0.0);
  CHECK(e < 1e-7);
  // gh-19436: a subnormal entry; scipy returns inf.
  const double sub = pl::js_distance(std::vector{0.0, 1.0}, std::vector{5e-324, 1.0});
  CHECK(std::isfinite(sub));
  CHECK(sub < 1e-100);
  // Identical vectors give exactly 0 for every metric.
  std::mt19937_64 rng(7);
  for (int t = 0; t < 50; ++t) {
    const auto p = random_distribution(rng, 6, 0.2);
    for (auto m : {divergence_metric::kl, divergence_metric::js_divergence, divergence_metric::js_distance,
                   divergence_metric::total_variation, divergence_metric::hellinger, divergence_metric::chi_square,
                   divergence_metric::wasserstein1}) {
      const double v = pl::divergence(m, p, p);
      CHECK(v >= 0.0);
      CHECK(v < 1e-15);
    }
    CHECK_THAT(pl::renyi_divergence(p, p, {.order = 3.0}), WithinAbs(0.0, 1e-14));
    CHECK_THAT(pl::hellinger_distance(p, p), WithinAbs(0.0, 1e-15));
  }
}

TEST_CASE("zero policy of KL, chi-square and Renyi", "[divergence]") {
  const std::vector<double> p{0.5, 0.5, 0.0}, q{1.0, 0.0, 0.0};
  CHECK(pl::kl_divergence(p, q) == std::numeric_limits<double>::infinity());
  CHECK(pl::kl_divergence(q, p) == std::log(2.0));  // zeros of p contribute 0
  CHECK(error_id([&] { (void)pl::kl_divergence(p, q, {.zeros = pl::zero_policy::error}); }) ==
        "pluralism.divergence.zero_support");
  CHECK(error_id([&] { (void)pl::chi_square_divergence(p, q, {.zeros = pl::zero_policy::error}); }) ==
        "pluralism.divergence.zero_support");
  // Smoothing a = 0.5: p -> (1, 1, 0.5) / 2.5, q -> (1.5, 0.5, 0.5) / 2.5.
  const double a = 0.5;
  const std::vector<double> ps{1.0 / 2.5, 1.0 / 2.5, 0.5 / 2.5}, qs{1.5 / 2.5, 0.5 / 2.5, 0.5 / 2.5};
  double ref = 0.0;
  for (std::size_t i = 0; i < 3; ++i) ref += ps[i] * std::log(ps[i] / qs[i]);
  CHECK_THAT(pl::kl_divergence(p, q, {.zeros = pl::zero_policy::smooth, .smoothing = a}), WithinAbs(ref, 1e-15));
  CHECK(error_id([&] { (void)pl::kl_divergence(p, q, {.zeros = pl::zero_policy::smooth}); }) ==
        "pluralism.divergence.smoothing");
  // Smoothing does not touch metrics that need no support condition.
  CHECK(pl::total_variation(p, q, {.zeros = pl::zero_policy::smooth, .smoothing = a}) == 0.5);
  // KL with a base: nats / ln 2 = bits.
  CHECK_THAT(pl::kl_divergence(q, p, {.base = 2}), WithinAbs(1.0, 1e-15));
}

TEST_CASE("invalid entries, normalisation and options are errors with stable ids", "[divergence]") {
  const std::vector<double> good{0.5, 0.5};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(error_id([&] { (void)pl::js_distance(std::vector{0.5, nan}, good); }) == "pluralism.divergence.nan");
  CHECK(error_id([&] { (void)pl::js_distance(good, std::vector{1.5, -0.5}); }) == "pluralism.divergence.negative");
  CHECK(error_id([&] { (void)pl::total_variation(std::vector{std::numeric_limits<double>::infinity(), 0.0}, good); }) ==
        "pluralism.divergence.not_finite");
  CHECK(std::isnan(pl::js_distance(std::vector{0.5, nan}, good, {.invalid = pl::invalid_policy::nan})));
  CHECK(std::isnan(pl::total_variation(std::vector{-1e-17, 1.0}, good, {.invalid = pl::invalid_policy::nan})));
  CHECK(error_id([&] { (void)pl::js_distance(std::vector{0.5, 0.3, 0.2}, good); }) == "pluralism.divergence.size");
  CHECK(error_id([&] { (void)pl::js_distance(std::vector<double>{}, std::vector<double>{}); }) ==
        "pluralism.divergence.empty");
  CHECK(error_id([&] { (void)pl::js_distance(good, good, {.base = 1.0}); }) == "pluralism.divergence.base");
  CHECK(error_id([&] { (void)pl::js_distance(good, good, {.base = -2.0}); }) == "pluralism.divergence.base");
  CHECK(error_id([&] { (void)pl::renyi_divergence(good, good, {.order = -1.0}); }) == "pluralism.divergence.order");
  const std::vector<double> three{0, 1, 2};
  CHECK(error_id([&] { (void)pl::wasserstein1(good, good, {.positions = three}); }) == "pluralism.divergence.positions");
  // Normalisation.
  const std::vector<double> counts{2, 6}, half{0.25, 0.25};
  CHECK(pl::total_variation(counts, good) == 3.5);  // as stored: 0.5 (1.5 + 5.5)
  CHECK(pl::total_variation(counts, good, {.normalize = pl::normalization::renormalize}) == 0.25);
  CHECK(error_id([&] { (void)pl::total_variation(counts, good, {.normalize = pl::normalization::require}); }) ==
        "pluralism.divergence.not_normalized");
  CHECK(pl::total_variation(std::vector{0.25, 0.75 + 1e-12}, good, {.normalize = pl::normalization::require}) ==
        Catch::Approx(0.25));
  CHECK(error_id([&] {
          (void)pl::js_distance(std::vector{0.0, 0.0}, good, {.normalize = pl::normalization::renormalize});
        }) == "pluralism.divergence.zero_mass");
  CHECK(std::isnan(pl::js_distance(std::vector{0.0, 0.0}, good,
                                   {.normalize = pl::normalization::renormalize, .invalid = pl::invalid_policy::nan})));
  // Unnormalised input as stored keeps JS >= 0 (each term is (p + q)(log 2 - H) >= 0).
  CHECK(pl::js_divergence(half, good) >= 0.0);
  CHECK(pl::parse_divergence_metric("js-distance") == divergence_metric::js_distance);
  CHECK(error_id([] { (void)pl::parse_divergence_metric("cosine"); }) == "pluralism.divergence.unknown_metric");
  CHECK(pl::name(divergence_metric::total_variation) == "tv");
}

TEST_CASE("keyed distributions are aligned over the union of labels", "[divergence][keyed]") {
  const std::map<std::string, double> model{{"A", 0.5}, {"B", 0.5}};
  const std::unordered_map<std::string, double> people{{"B", 0.25}, {"C", 0.75}};
  const auto al = pl::align(model, people);
  REQUIRE(al.labels == std::vector<std::string>{"A", "B", "C"});
  CHECK(al.p == std::vector<double>{0.5, 0.5, 0.0});
  CHECK(al.q == std::vector<double>{0.0, 0.25, 0.75});
  CHECK(pl::total_variation(model, people) == pl::total_variation(al.p, al.q));
  CHECK(pl::js_distance(model, people, {.base = 2}) == pl::js_distance(al.p, al.q, {.base = 2}));
  const std::vector<std::pair<std::string, double>> listed{{"C", 0.75}, {"B", 0.25}};
  CHECK(pl::total_variation(model, listed) == pl::total_variation(model, people));
  const std::vector<std::pair<int, double>> dup{{1, 0.5}, {1, 0.5}};
  CHECK(error_id([&] { (void)pl::total_variation(dup, dup); }) == "pluralism.divergence.duplicate_label");
  STATIC_REQUIRE(pl::keyed_distribution<std::map<std::string, double>>);
  STATIC_REQUIRE(!pl::keyed_distribution<std::vector<double>>);
  STATIC_REQUIRE(pl::distribution_input<std::vector<int>>);
}

TEST_CASE("Shannon entropy matches scipy.stats.entropy semantics", "[divergence]") {
  const std::vector<double> p{0.25, 0.25, 0.5};
  CHECK_THAT(pl::shannon_entropy(p, {.base = 2}), WithinAbs(1.5, 1e-15));
  CHECK_THAT(pl::shannon_entropy(std::vector{1.0, 1.0, 2.0}, {.normalize = pl::normalization::renormalize}),
             WithinAbs(1.5 * std::numbers::ln2, 1e-15));
}

TEST_CASE("the branch-free logarithm of the kernels is accurate to a few ulp", "[divergence]") {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> expo(-1074.0, 1023.0), mant(1.0, 2.0);
  double worst = 0.0;
  for (int i = 0; i < 200000; ++i) {
    const double x = std::ldexp(mant(rng), static_cast<int>(expo(rng)));
    if (!(x > 0.0) || !std::isfinite(x)) continue;
    const double ref = std::log(x);
    const double err = std::abs(pl::detail::log_kernel(x) - ref) / std::max(std::abs(ref), 1e-300);
    worst = std::max(worst, ref == 0.0 ? 0.0 : err);
  }
  CHECK(worst < 4e-16);
  // Near 1 (absolute error, where log is tiny), at the smallest subnormal, at powers of two.
  for (double d = 1e-17; d < 0.5; d *= 1.7) {
    CHECK_THAT(pl::detail::log_kernel(1.0 + d), WithinAbs(std::log1p(d), 2.3e-16));
    CHECK_THAT(pl::detail::log_kernel(1.0 - d), WithinAbs(std::log1p(-d), 2.3e-16));
  }
  CHECK_THAT(pl::detail::log_kernel(5e-324), WithinRel(std::log(5e-324), 1e-15));
  CHECK(pl::detail::log_kernel(1.0) == 0.0);
  CHECK_THAT(pl::detail::log_kernel(0x1p-1022), WithinRel(-1022 * std::numbers::ln2, 1e-15));
  CHECK_THAT(pl::detail::log_kernel(std::numeric_limits<double>::max()), WithinRel(std::log(std::numeric_limits<double>::max()), 1e-15));
}
