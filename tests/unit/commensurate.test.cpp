// SPDX-License-Identifier: MIT
// Commensurating functions: every declared property is checked on random inputs (and a counterexample is
// found for some properties declared false, so the declarations are not vacuous); exact limits and closed
// forms of the power means; leximin; normalisation; steerability and selection against brute force.
#include <pluralism/commensurate.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <random>

#include "catch.hpp"

using namespace pluralism;

namespace {
// The least capable model of the concept, and a non-model.
struct archetype {
  double operator()(std::span<const double> y) const { return y.empty() ? 0.0 : y[0]; }
  commensurating_properties properties() const { return {}; }
  std::size_t size() const { return 0; }
};
struct no_properties {
  double operator()(std::span<const double>) const { return 0; }
};
static_assert(commensurating_function<archetype>);
static_assert(!commensurating_function<no_properties>);
static_assert(commensurating_function<weighted_sum> && commensurating_function<power_mean> &&
              commensurating_function<nash_welfare> && commensurating_function<isoelastic> &&
              commensurating_function<tchebycheff> && commensurating_function<achievement> &&
              commensurating_function<owa>);

// A type-erased function with its name, for looping over the library.
struct any_function {
  std::string name;
  std::function<double(std::span<const double>)> f;
  commensurating_properties props;
};
template <class F>
any_function erase(std::string name, F f) {
  auto p = f.properties();
  return {std::move(name), [f](std::span<const double> y) { return f(y); }, p};
}

std::vector<any_function> library(std::size_t m, std::mt19937_64& g) {
  std::uniform_real_distribution<double> u(0.2, 2.0);
  std::vector<double> w(m), wz(m), z(m, 12.0);
  for (auto& x : w) x = u(g);
  wz = w;
  if (m > 1) wz[0] = 0;  // a zero weight: monotone but not strictly
  std::vector<any_function> lib;
  lib.push_back(erase("weighted_sum", weighted_sum(w)));
  lib.push_back(erase("weighted_sum zero weight", weighted_sum(wz)));
  for (double p : {-std::numeric_limits<double>::infinity(), -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0,
                   std::numeric_limits<double>::infinity()})
    lib.push_back(erase("power_mean p=" + std::to_string(p), power_mean(w, p)));
  lib.push_back(erase("power_mean zero weight", power_mean(wz, 0.5)));
  lib.push_back(erase("nash_welfare", nash_welfare(w)));
  for (double a : {0.0, 0.5, 1.0, 2.0, 5.0}) lib.push_back(erase("isoelastic alpha=" + std::to_string(a), isoelastic(w, a)));
  lib.push_back(erase("tchebycheff", tchebycheff(w, z)));
  lib.push_back(erase("augmented_tchebycheff", augmented_tchebycheff(w, z, 0.05)));
  lib.push_back(erase("achievement", achievement(std::vector<double>(m, 5.0), w, 0.01)));
  lib.push_back(erase("achievement rho=0", achievement(std::vector<double>(m, 5.0), w, 0.0)));
  lib.push_back(erase("owa gini", owa(gini_weights(m))));
  lib.push_back(erase("owa min", owa([&] { std::vector<double> v(m, 0.0); v[0] = 1; return v; }())));
  return lib;
}

// Small integers make ties; all values in [1, 10].
std::vector<double> random_point(std::mt19937_64& g, std::size_t m) {
  std::uniform_int_distribution<int> u(1, 10);
  std::vector<double> y(m);
  for (auto& v : y) v = u(g);
  return y;
}
int sign(double x, double tol) { return x > tol ? 1 : x < -tol ? -1 : 0; }
}  // namespace

TEST_CASE("declared properties hold on random inputs", "[commensurate][properties]") {
  std::mt19937_64 g(99);
  std::uniform_real_distribution<double> c(0.3, 4.0);
  for (std::size_t m : {1u, 2u, 3u, 5u, 8u}) {
    for (const auto& fn : library(m, g)) {
      INFO(fn.name << " m=" << m);
      for (int it = 0; it < 300; ++it) {
        const auto a = random_point(g, m);
        auto b = a;
        // b <= a everywhere, < in at least one objective: a dominates b.
        std::uniform_int_distribution<std::size_t> pick(0, m - 1);
        b[pick(g)] -= 0.5;
        for (auto& v : b)
          if (g() % 3 == 0) v -= 0.25;
        const double fa = fn.f(a), fb = fn.f(b);
        if (fn.props.monotone) REQUIRE(fa >= fb - 1e-12 * (1 + std::fabs(fa)));
        if (fn.props.strictly_monotone) REQUIRE(fa > fb);
        const auto x = random_point(g, m), y = random_point(g, m);
        const double fx = fn.f(x), fy = fn.f(y);
        const double tol = 1e-9 * (1 + std::fabs(fx) + std::fabs(fy));
        const int s0 = sign(fx - fy, tol);
        if (fn.props.scale_invariant) {
          const double k = c(g);
          std::vector<double> kx = x, ky = y;
          for (auto& v : kx) v *= k;
          for (auto& v : ky) v *= k;
          const double gx = fn.f(kx), gy = fn.f(ky);
          if (s0 != 0) REQUIRE(sign(gx - gy, 1e-9 * (1 + std::fabs(gx) + std::fabs(gy))) == s0);
        }
        if (fn.props.unit_invariant) {
          std::vector<double> kx = x, ky = y;
          for (std::size_t j = 0; j < m; ++j) {
            const double k = c(g);
            kx[j] *= k, ky[j] *= k;
          }
          const double gx = fn.f(kx), gy = fn.f(ky);
          if (s0 != 0) REQUIRE(sign(gx - gy, 1e-9 * (1 + std::fabs(gx) + std::fabs(gy))) == s0);
        }
        if (fn.props.translation_invariant) {
          const double t = c(g);
          std::vector<double> kx = x, ky = y;
          for (auto& v : kx) v += t;
          for (auto& v : ky) v += t;
          const double gx = fn.f(kx), gy = fn.f(ky);
          if (s0 != 0) REQUIRE(sign(gx - gy, 1e-9 * (1 + std::fabs(gx) + std::fabs(gy))) == s0);
        }
      }
    }
  }
}

TEST_CASE("properties declared false have counterexamples", "[commensurate][properties]") {
  // Not vacuous: the weighted sum is not unit invariant, the quadratic mean not translation invariant,
  // maximin not strictly monotone, Tchebycheff not scale invariant.
  const std::vector<double> a{1, 4}, b{2, 2};
  weighted_sum ws({1, 1});
  REQUIRE(!ws.properties().unit_invariant);
  REQUIRE(ws(a) > ws(b));
  REQUIRE(ws(std::vector<double>{1, 4 * 0.1}) < ws(std::vector<double>{2, 2 * 0.1}));
  power_mean pm2({1, 1}, 2.0);
  REQUIRE(!pm2.properties().translation_invariant);
  const std::vector<double> c{1, 3}, d{2.1, 2.1};
  REQUIRE(pm2(c) > pm2(d));
  REQUIRE(pm2(std::vector<double>{101, 103}) < pm2(std::vector<double>{102.1, 102.1}));
  power_mean mn({1, 1}, -std::numeric_limits<double>::infinity());
  REQUIRE(!mn.properties().strictly_monotone);
  REQUIRE(mn(std::vector<double>{1, 5}) == mn(std::vector<double>{1, 2}));
  tchebycheff t({1, 2}, {10, 10});
  REQUIRE(!t.properties().scale_invariant);
  REQUIRE(t(std::vector<double>{4, 8}) > t(std::vector<double>{7, 6}));
  REQUIRE(t(std::vector<double>{8, 16}) < t(std::vector<double>{14, 12}));
}

TEST_CASE("power means: closed forms and exact limits", "[commensurate][power_mean]") {
  const std::vector<double> w{1, 2, 1}, y{1, 4, 16};
  // Weights are normalised: 1/4, 1/2, 1/4.
  REQUIRE(power_mean(w, 1)(y) == Catch::Approx(0.25 * 1 + 0.5 * 4 + 0.25 * 16));
  REQUIRE(power_mean(w, -1)(y) == Catch::Approx(1.0 / (0.25 / 1 + 0.5 / 4 + 0.25 / 16)));
  REQUIRE(power_mean(w, 0)(y) == Catch::Approx(std::pow(1.0, 0.25) * std::pow(4.0, 0.5) * std::pow(16.0, 0.25)));
  REQUIRE(power_mean(w, 0)(y) == Catch::Approx(power_mean(w, 1e-9)(y)).epsilon(1e-7));
  REQUIRE(power_mean(w, 0)(y) == Catch::Approx(power_mean(w, -1e-9)(y)).epsilon(1e-7));
  REQUIRE(power_mean(w, -std::numeric_limits<double>::infinity())(y) == 1.0);
  REQUIRE(power_mean(w, std::numeric_limits<double>::infinity())(y) == 16.0);
  // M_p -> min as p -> -inf, within the bound min * w_min^(1/p).
  for (double p : {-10.0, -50.0, -200.0}) {
    const double v = power_mean(w, p)(y);
    REQUIRE(v >= 1.0);
    REQUIRE(v <= std::pow(0.25, 1.0 / p) * 1.0 + 1e-12);
  }
  // Zeros: the limit value 0 for p <= 0; -inf for Nash welfare as a sum of logs.
  const std::vector<double> z{0, 4, 16};
  REQUIRE(power_mean(w, 0)(z) == 0.0);
  REQUIRE(power_mean(w, -2)(z) == 0.0);
  REQUIRE(power_mean(w, 2)(z) == Catch::Approx(std::sqrt(0.5 * 16 + 0.25 * 256)));
  REQUIRE(nash_welfare(w)(z) == -std::numeric_limits<double>::infinity());
  REQUIRE(nash_welfare(w)(y) == Catch::Approx(std::log(4.0) * 2 + std::log(16.0)));
  REQUIRE_THROWS_AS(power_mean(w, 1)(std::vector<double>{1, -1, 2}), precondition_error);
  REQUIRE_THROWS_AS(power_mean(w, 1)(std::vector<double>{1, 2}), precondition_error);
  REQUIRE_THROWS_AS(power_mean(std::vector<double>{1, -1}, 1), precondition_error);
  REQUIRE_THROWS_AS(power_mean(std::vector<double>{0, 0}, 1), precondition_error);
  REQUIRE_THROWS_AS(power_mean(w, std::nan("")), precondition_error);
  REQUIRE_THROWS_AS(isoelastic(w, -1), precondition_error);
  REQUIRE_THROWS_AS(achievement({1, 1}, {1, 0}), precondition_error);
}

TEST_CASE("isoelastic welfare orders like the power mean with p = 1 - alpha", "[commensurate][isoelastic]") {
  std::mt19937_64 g(4);
  std::uniform_real_distribution<double> u(0.1, 5.0);
  for (double a : {0.0, 0.3, 1.0, 2.0, 4.0}) {
    const std::vector<double> w{0.2, 0.5, 0.3};
    isoelastic f(w, a);
    power_mean pm(w, 1 - a);
    for (int it = 0; it < 200; ++it) {
      std::vector<double> x{u(g), u(g), u(g)}, y{u(g), u(g), u(g)};
      const double d1 = f(x) - f(y), d2 = pm(x) - pm(y);
      if (std::fabs(d1) > 1e-9 && std::fabs(d2) > 1e-9) REQUIRE((d1 > 0) == (d2 > 0));
    }
  }
}

TEST_CASE("OWA with Gini weights and leximin", "[commensurate][owa][leximin]") {
  for (std::size_t m = 1; m <= 6; ++m) {
    const auto v = gini_weights(m);
    double s = 0;
    for (std::size_t k = 0; k < m; ++k) {
      s += v[k];
      if (k > 0) REQUIRE(v[k] < v[k - 1]);
    }
    REQUIRE(s == Catch::Approx(1.0));
    REQUIRE(owa(v)(std::vector<double>(m, 3.0)) == Catch::Approx(3.0));
  }
  REQUIRE(owa(gini_weights(2))(std::vector<double>{4, 0}) == Catch::Approx(0.75 * 0 + 0.25 * 4));
  // Leximin: refines min, strictly Pareto monotone, symmetric.
  REQUIRE(leximin_compare(std::vector<double>{1, 5}, std::vector<double>{1, 4}) > 0);
  REQUIRE(leximin_compare(std::vector<double>{2, 2}, std::vector<double>{1, 9}) > 0);
  REQUIRE(leximin_compare(std::vector<double>{3, 1}, std::vector<double>{1, 3}) == 0);
  std::mt19937_64 g(8);
  for (int it = 0; it < 500; ++it) {
    const auto a = random_point(g, 4);
    auto b = a;
    b[static_cast<std::size_t>(it % 4)] -= 1;
    REQUIRE(leximin_compare(a, b) > 0);
    REQUIRE(leximin_compare(b, a) < 0);
    const auto c = random_point(g, 4);
    if (*std::min_element(a.begin(), a.end()) > *std::min_element(c.begin(), c.end())) REQUIRE(leximin_compare(a, c) > 0);
  }
  REQUIRE_THROWS_AS(leximin_compare(std::vector<double>{1}, std::vector<double>{1, 2}), precondition_error);
}

TEST_CASE("selection: monotone functions never prefer a dominated model", "[commensurate][select]") {
  std::mt19937_64 g(12);
  for (std::size_t m : {2u, 3u, 5u}) {
    for (int rep = 0; rep < 10; ++rep) {
      std::vector<double> y;
      const std::size_t n = 40;
      for (std::size_t i = 0; i < n; ++i) {
        const auto p = random_point(g, m);
        y.insert(y.end(), p.begin(), p.end());
      }
      const auto lib = library(m, g);
      const auto front = nondominated_mask(as_matrix(y, m), {.objectives = senses(m, sense::maximize)});
      for (const auto& fn : lib) {
        // Brute force: the best value, and whether every maximiser is on the front.
        double best = -std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < n; ++i) best = std::max(best, fn.f(std::span<const double>(y.data() + i * m, m)));
        for (std::size_t i = 0; i < n; ++i)
          if (fn.props.strictly_monotone && fn.f(std::span<const double>(y.data() + i * m, m)) == best) REQUIRE(front[i]);
        struct wrap {
          const any_function* a;
          std::size_t m;
          double operator()(std::span<const double> v) const { return a->f(v); }
          commensurating_properties properties() const { return a->props; }
          std::size_t size() const { return m; }
        };
        const auto pick = select_models(as_matrix(y, m), std::vector<wrap>{wrap{&fn, m}});
        INFO(fn.name);
        REQUIRE(fn.f(std::span<const double>(y.data() + pick[0] * m, m)) == best);
        if (fn.props.monotone) REQUIRE(front[pick[0]]);
      }
    }
  }
}

TEST_CASE("batched weighted sums equal one-by-one selection", "[commensurate][select]") {
  std::mt19937_64 g(31);
  std::uniform_real_distribution<double> u(0, 1);
  const std::size_t n = 1300, m = 8, k = 20;
  std::vector<double> y(n * m), w(k * m);
  for (auto& v : y) v = u(g);
  for (auto& v : w) v = u(g);
  const auto got = best_by_weighted_sums(as_matrix(y, m), as_matrix(w, m));
  std::vector<weighted_sum> fs;
  for (std::size_t i = 0; i < k; ++i) fs.emplace_back(std::vector<double>(w.begin() + static_cast<std::ptrdiff_t>(i * m), w.begin() + static_cast<std::ptrdiff_t>((i + 1) * m)));
  REQUIRE(got == select_models(as_matrix(y, m), fs));
  REQUIRE_THROWS_AS(best_by_weighted_sums(as_matrix(y, m), as_matrix(w, 4)), precondition_error);
}

TEST_CASE("trade-off steerability report", "[commensurate][steerability]") {
  // f_i(M_j): model 0 is best under f_0; under f_1 model 2 beats the model steered to f_1.
  std::vector<double> s{5, 1, 2,
                        3, 4, 6,
                        0, 1, 7};
  const auto r = trade_off_steerability(as_matrix(s, 3));
  REQUIRE(r.functions[0].steered_is_best);
  REQUIRE(r.functions[0].regret == 0);
  REQUIRE_FALSE(r.functions[1].steered_is_best);
  REQUIRE(r.functions[1].best_model == 2);
  REQUIRE(r.functions[1].regret == 2);
  REQUIRE(r.functions[1].normalized_regret == Catch::Approx(2.0 / 3.0));
  REQUIRE(r.functions[2].steered_is_best);
  REQUIRE(r.steered_share == Catch::Approx(2.0 / 3.0));
  REQUIRE(r.mean_regret == Catch::Approx(2.0 / 9.0));
  REQUIRE(r.max_regret == Catch::Approx(2.0 / 3.0));
  REQUIRE(trade_off_steerability(as_matrix(s, 3), 2.0).steered_share == 1.0);
  REQUIRE_THROWS_AS(trade_off_steerability(as_matrix(s, 1)), precondition_error);
  s[4] = std::nan("");
  REQUIRE_THROWS_AS(trade_off_steerability(as_matrix(s, 3)), precondition_error);
}

TEST_CASE("ideal, nadir and normalisation", "[commensurate][normalize]") {
  // accuracy (max), cost (min); row 2 is dominated by row 0.
  std::vector<std::array<double, 2>> t{{0.9, 10}, {0.7, 2}, {0.6, 12}};
  const pareto_options o{.objectives = {sense::maximize, sense::minimize}};
  REQUIRE(ideal_point(t, o) == std::vector<double>{0.9, 2});
  REQUIRE(nadir_point(t, o) == std::vector<double>{0.7, 10});  // over the front {0, 1}
  const auto n = normalize(t, ideal_point(t, o), nadir_point(t, o));
  REQUIRE(n[0] == Catch::Approx(1.0));
  REQUIRE(n[1] == Catch::Approx(0.0));
  REQUIRE(n[2] == Catch::Approx(0.0));
  REQUIRE(n[3] == Catch::Approx(1.0));
  REQUIRE(n[4] == Catch::Approx(-0.5));
  REQUIRE(n[5] == Catch::Approx(-0.25));
  REQUIRE(normalize(t, {1, 1}, {1, 1})[0] == 1.0);
  REQUIRE_THROWS_AS(normalize(t, {1}, {1, 1}), precondition_error);
}
