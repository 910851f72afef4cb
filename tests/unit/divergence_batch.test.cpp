// SPDX-License-Identifier: MIT
// Row-wise divergences over Eigen, xtensor, matrix_view and std inputs (each row must equal the pair
// function), and population weighting (group distributions, mixtures, post-stratification) against a
// brute-force reweighting of the individual annotations.
#include <pluralism/divergence.hpp>
#include <pluralism/interop/eigen.hpp>
#include <pluralism/interop/xtensor.hpp>

#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support/errors.hpp"

namespace pl = pluralism;
using pl::divergence_metric;
using Catch::Matchers::WithinAbs;

namespace {
using pluralism_test::error_id;

constexpr std::array all_metrics{divergence_metric::kl,          divergence_metric::js_divergence,
                                 divergence_metric::js_distance, divergence_metric::total_variation,
                                 divergence_metric::hellinger,   divergence_metric::chi_square,
                                 divergence_metric::renyi,       divergence_metric::wasserstein1,
                                 divergence_metric::representativeness, divergence_metric::similarity};

// Random rows, some with zeros, some unnormalised (counts).
std::vector<double> random_rows(std::mt19937_64& rng, std::size_t n, std::size_t k) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> out(n * k);
  for (std::size_t i = 0; i < n; ++i) {
    double s = 0.0;
    for (std::size_t j = 0; j < k; ++j) s += out[i * k + j] = u(rng) < 0.15 ? 0.0 : u(rng);
    if (s == 0.0) out[i * k] = s = 1.0;
    if (i % 4 != 0)
      for (std::size_t j = 0; j < k; ++j) out[i * k + j] /= s;
  }
  return out;
}

void same(double a, double b) {
  if (std::isnan(b)) CHECK(std::isnan(a));
  else if (std::isinf(b)) CHECK(a == b);
  else CHECK_THAT(a, WithinAbs(b, 1e-14));
}
}  // namespace

TEST_CASE("divergence_rows equals the pair function on every row, for every input type", "[divergence][batch]") {
  std::mt19937_64 rng(99);
  const std::size_t n = 40, k = 5;
  const auto p = random_rows(rng, n, k), q = random_rows(rng, n, k);
  const std::vector<double> pos{1.0, 2.0, 3.0, 4.0, 2.5};
  const std::vector<pl::divergence_options> option_sets{
      {},
      {.base = 2, .normalize = pl::normalization::renormalize},
      {.zeros = pl::zero_policy::smooth, .smoothing = 1e-3, .order = 0.5, .positions = pos},
      {.order = 3.0, .positions = pos, .scale = pl::representativeness_scale::option_count}};
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> ep(n, k), eq(n, k);
  Eigen::MatrixXd cp(n, k), cq(n, k);  // column-major
  Eigen::MatrixXf fp(n, k), fq(n, k);  // floats
  xt::xtensor<double, 2> xp({n, k}), xq({n, k});
  std::vector<std::array<double, 5>> ap(n), aq(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < k; ++j) {
      const auto r = static_cast<Eigen::Index>(i), c = static_cast<Eigen::Index>(j);
      ep(r, c) = cp(r, c) = xp(i, j) = ap[i][j] = p[i * k + j];
      eq(r, c) = cq(r, c) = xq(i, j) = aq[i][j] = q[i * k + j];
      fp(r, c) = static_cast<float>(p[i * k + j]);
      fq(r, c) = static_cast<float>(q[i * k + j]);
    }
  const auto vp = pl::as_matrix(p, k), vq = pl::as_matrix(q, k);
  for (const auto& o : option_sets)
    for (auto m : all_metrics) {
      INFO("metric " << pl::name(m));
      const auto r1 = pl::divergence_rows(m, vp, vq, o);
      const auto r2 = pl::divergence_rows(m, ep, eq, o);
      const auto r3 = pl::divergence_rows(m, cp, cq, o);
      const auto r4 = pl::divergence_rows(m, xp, xq, o);
      const auto r5 = pl::divergence_rows(m, ap, aq, o);
      const auto r6 = pl::divergence_rows(m, fp, fq, o);
      REQUIRE(r1.size() == n);
      for (std::size_t i = 0; i < n; ++i) {
        const std::vector<double> pi(p.begin() + static_cast<std::ptrdiff_t>(i * k),
                                     p.begin() + static_cast<std::ptrdiff_t>((i + 1) * k));
        const std::vector<double> qi(q.begin() + static_cast<std::ptrdiff_t>(i * k),
                                     q.begin() + static_cast<std::ptrdiff_t>((i + 1) * k));
        const double ref = pl::divergence(m, pi, qi, o);
        same(r1[i], ref);
        same(r2[i], ref);
        same(r3[i], ref);
        same(r4[i], ref);
        same(r5[i], ref);
        std::vector<float> pf(k), qf(k);
        for (std::size_t j = 0; j < k; ++j) {
          pf[j] = static_cast<float>(pi[j]);
          qf[j] = static_cast<float>(qi[j]);
        }
        same(r6[i], pl::divergence(m, pf, qf, o));
      }
    }
}

TEST_CASE("divergence_rows reports the row of bad data, or NaN for that row by policy", "[divergence][batch]") {
  std::vector<double> p{0.5, 0.5, 0.2, 0.8, 0.0, 0.0}, q{0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
  p[3] = std::numeric_limits<double>::quiet_NaN();
  try {
    (void)pl::divergence_rows(divergence_metric::js_distance, pl::as_matrix(p, 2), pl::as_matrix(q, 2));
    FAIL("no error");
  } catch (const pl::data_error& e) {
    CHECK(e.id() == "pluralism.divergence.nan");
    CHECK(std::string(e.what()).find("row 1") != std::string::npos);
  }
  const auto r = pl::divergence_rows(divergence_metric::js_distance, pl::as_matrix(p, 2), pl::as_matrix(q, 2),
                                     {.normalize = pl::normalization::renormalize, .invalid = pl::invalid_policy::nan});
  CHECK(r[0] == 0.0);
  CHECK(std::isnan(r[1]));
  CHECK(std::isnan(r[2]));  // zero mass cannot be renormalised
  const std::vector<double> three(9, 0.1);
  CHECK(error_id([&] {
          (void)pl::divergence_rows(divergence_metric::total_variation, pl::as_matrix(p, 2), pl::as_matrix(three, 3));
        }) == "pluralism.divergence.shape");
  const std::vector<double> none;
  CHECK(pl::divergence_rows(divergence_metric::total_variation, pl::as_matrix(none, 3), pl::as_matrix(none, 3)).empty());
}

TEST_CASE("divergence_rows gives the same bits and names the same bad row on any number of threads", "[divergence][batch]") {
  // More rows than one chunk (8192), so that threads share them out; rows as stored and renormalised.
  std::mt19937_64 rng(5);
  const std::size_t n = 20000, k = 4;
  auto p = random_rows(rng, n, k), q = random_rows(rng, n, k);
  const auto P = pl::as_matrix(p, k), Q = pl::as_matrix(q, k);
  for (const auto m : all_metrics) {
    for (const auto norm : {pl::normalization::as_stored, pl::normalization::renormalize}) {
      const auto one = pl::divergence_rows(m, P, Q, {.normalize = norm, .threads = 1});
      for (const unsigned t : {2u, 3u, 0u}) {
        const auto many = pl::divergence_rows(m, P, Q, {.normalize = norm, .threads = t});
        std::size_t differ = 0;
        for (std::size_t i = 0; i < n; ++i)
          differ += std::memcmp(&one[i], &many[i], sizeof(double)) != 0 ? 1u : 0u;
        INFO(pl::name(m) << ", threads " << t);
        CHECK(differ == 0);
      }
    }
  }
  // Bad rows in two chunks: the error names the first, as on one thread; by policy both are NaN.
  p[17000 * k + 1] = -0.25;
  p[9000 * k + 2] = std::numeric_limits<double>::quiet_NaN();
  for (const unsigned t : {1u, 3u}) {
    try {
      (void)pl::divergence_rows(divergence_metric::js_distance, P, Q, {.threads = t});
      FAIL("no error");
    } catch (const pl::data_error& e) {
      CHECK(std::string(e.what()).find("row 9000") != std::string::npos);
    }
    const auto r = pl::divergence_rows(divergence_metric::kl, P, Q, {.invalid = pl::invalid_policy::nan, .threads = t});
    CHECK(std::isnan(r[9000]));
    CHECK(std::isnan(r[17000]));
    CHECK(std::isfinite(r[8999]));
  }
}

TEST_CASE("group distributions, mixtures and post-stratification", "[divergence][population]") {
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<int> opt(0, 3), grp(0, 2);
  std::uniform_real_distribution<double> wt(0.1, 3.0);
  const std::size_t n = 300;
  std::vector<int> answers(n), groups(n);
  std::vector<double> weights(n);
  for (std::size_t i = 0; i < n; ++i) {
    answers[i] = opt(rng);
    groups[i] = grp(rng);
    weights[i] = wt(rng);
  }
  const auto t = pl::group_distributions(answers, groups, weights, {.options = 4, .groups = 3});
  // Brute force: each group's weighted histogram.
  for (std::size_t g = 0; g < 3; ++g) {
    double mass = 0.0;
    std::vector<double> h(4, 0.0);
    for (std::size_t i = 0; i < n; ++i)
      if (static_cast<std::size_t>(groups[i]) == g) {
        h[static_cast<std::size_t>(answers[i])] += weights[i];
        mass += weights[i];
      }
    CHECK_THAT(t.mass[g], WithinAbs(mass, 1e-12));
    for (std::size_t j = 0; j < 4; ++j) CHECK_THAT(t.row(g)[j], WithinAbs(h[j] / mass, 1e-14));
  }
  // Post-stratification = reweight annotation i by w_i * share_g / mass_g, then one weighted histogram.
  const std::vector<double> shares{0.5, 0.2, 0.3};
  const auto ps = pl::post_stratify(answers, groups, weights, shares, 4);
  std::vector<double> reweighted(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto g = static_cast<std::size_t>(groups[i]);
    reweighted[i] = weights[i] * shares[g] / t.mass[g];
  }
  const auto ref = pl::answer_distribution(answers, reweighted, 4);
  for (std::size_t j = 0; j < 4; ++j) CHECK_THAT(ps[j], WithinAbs(ref[j], 1e-14));
  // Shares are normalised; the unweighted sample is the mixture with each group's sample share.
  const auto ps2 = pl::post_stratify(answers, groups, weights, std::vector{5.0, 2.0, 3.0}, 4);
  for (std::size_t j = 0; j < 4; ++j) CHECK_THAT(ps2[j], WithinAbs(ps[j], 1e-15));
  const auto pooled = pl::answer_distribution(answers, weights, 4);
  const auto mix = pl::mixture(t.matrix(), t.mass);
  for (std::size_t j = 0; j < 4; ++j) CHECK_THAT(mix[j], WithinAbs(pooled[j], 1e-14));
  // The result is a distribution the divergences accept as required-normalised.
  CHECK(pl::js_distance(ps, pooled, {.normalize = pl::normalization::require}) >= 0.0);
  // Errors.
  CHECK(error_id([&] { (void)pl::group_distributions(std::vector{0, 4}, std::vector{0, 0}, std::vector{1.0, 1.0}, {4, 1}); }) ==
        "pluralism.divergence.index");
  CHECK(error_id([&] { (void)pl::group_distributions(std::vector{0, 1}, std::vector{0, 0}, std::vector{1.0, -1.0}, {4, 1}); }) ==
        "pluralism.divergence.weight");
  CHECK(error_id([&] { (void)pl::group_distributions(std::vector{0, 1}, std::vector{0}, std::vector{1.0, 1.0}, {4, 1}); }) ==
        "pluralism.divergence.size");
  CHECK(error_id([&] { (void)pl::post_stratify(std::vector{0, 1}, std::vector{0, 0}, std::vector{1.0, 1.0}, std::vector{0.5, 0.5}, 4); }) ==
        "pluralism.divergence.empty_group");
  CHECK(error_id([&] { (void)pl::mixture(t.matrix(), std::vector{0.0, 0.0, 0.0}); }) == "pluralism.divergence.zero_mass");
  CHECK(error_id([&] { (void)pl::mixture(t.matrix(), std::vector{1.0}); }) == "pluralism.divergence.size");
}
