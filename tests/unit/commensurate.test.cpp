// SPDX-License-Identifier: MIT
// Commensurating functions: every declared property is checked on random inputs (and a counterexample is
// found for some properties declared false, so the declarations are not vacuous); exact limits and closed
// forms of the power means; leximin; normalisation; steerability and selection against brute force.
#include <pluralism/commensurate.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

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

namespace {
// Brute-force reference for best_by_weighted_sums: the sequential loop over models with the documented
// arithmetic (s = mul_add(w_j, y_j, s) for j = 0..m-1; the kernel and weighted_sum share only this rounding
// primitive) and "strictly greater wins", so the lowest index wins ties and NaN never wins.
std::vector<std::size_t> reference_best(const std::vector<double>& y, const std::vector<double>& w, std::size_t m) {
  const std::size_t n = y.size() / m, k = w.size() / m;
  std::vector<std::size_t> out(k, 0);
  for (std::size_t f = 0; f < k; ++f) {
    double best = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i) {
      double s = 0;
      for (std::size_t j = 0; j < m; ++j) s = detail::commensurate::mul_add(w[f * m + j], y[i * m + j], s);
      if (s > best) best = s, out[f] = i;
    }
  }
  return out;
}

// Every lane implementation compiled here gives the reference's answer.
void check_all_paths(const std::vector<double>& y, const std::vector<double>& w, std::size_t m) {
  const auto want = reference_best(y, w, m);
  REQUIRE(best_by_weighted_sums(as_matrix(y, m), as_matrix(w, m)) == want);
  REQUIRE(detail::commensurate::best_by_weighted_sums_with<detail::commensurate::scalar_lanes>(
              as_matrix(y, m), as_matrix(w, m)) == want);
#if defined(__GNUC__)
  // Both vector widths (4: AVX builds, 2: SSE2/NEON builds), whichever this build uses by default.
  REQUIRE(detail::commensurate::best_by_weighted_sums_with<detail::commensurate::gnu_lanes_of<4>>(
              as_matrix(y, m), as_matrix(w, m)) == want);
  REQUIRE(detail::commensurate::best_by_weighted_sums_with<detail::commensurate::gnu_lanes_of<2>>(
              as_matrix(y, m), as_matrix(w, m)) == want);
#endif
}
}  // namespace

TEST_CASE("best_by_weighted_sums equals the brute-force argmax", "[commensurate][select]") {
  std::mt19937_64 g(2024);
  // n around the lane (4), tile (8) and block (16 KiB / 8m models) sizes; m = 1..9 (9+ is the runtime-m
  // kernel); K around the lane count, including 0 and 1.
  const std::size_t ns[] = {1, 2, 3, 4, 5, 7, 8, 9, 31, 255, 256, 257, 1000, 2049, 2051};
  const std::size_t ks[] = {0, 1, 2, 3, 5, 17};
  for (std::size_t m = 1; m <= 11; ++m)
    for (const std::size_t n : ns)
      for (const std::size_t k : ks) {
        INFO("m = " << m << ", n = " << n << ", K = " << k);
        {  // continuous values, signed weights
          std::uniform_real_distribution<double> u(-1, 1);
          std::vector<double> y(n * m), w(k * m);
          for (auto& v : y) v = u(g);
          for (auto& v : w) v = u(g);
          check_all_paths(y, w, m);
        }
        {  // many exact ties: small integers, duplicated rows
          // Small integers make every score exact, so equal scores are real ties; copies of earlier rows
          // placed later (and of later rows placed earlier) must lose / win by index alone.
          std::uniform_int_distribution<int> small(0, 2), wd(-2, 2);
          std::vector<double> y(n * m), w(k * m);
          for (auto& v : y) v = small(g);
          for (auto& v : w) v = wd(g);
          std::uniform_int_distribution<std::size_t> row(0, n - 1);
          for (std::size_t c = 0; c < n / 2; ++c) {
            const std::size_t a = row(g), b = row(g);
            std::copy_n(y.begin() + static_cast<std::ptrdiff_t>(a * m), m,
                        y.begin() + static_cast<std::ptrdiff_t>(b * m));
          }
          check_all_paths(y, w, m);
        }
      }
}

TEST_CASE("best_by_weighted_sums: independent check with a rounding bound", "[commensurate][select]") {
  // Independent of mul_add: long double scores. The pick must be within the rounding bound of the maximum
  // (two sums of m products, each off by at most gamma_m * sum_j |w_j y_j|, gamma_m = m u / (1 - m u)), and
  // no lower-indexed model may be clearly better or equal beyond that bound.
  std::mt19937_64 g(77);
  std::uniform_real_distribution<double> u(-1e3, 1e3);
  const double unit = std::numeric_limits<double>::epsilon() / 2;
  for (std::size_t m : {1u, 3u, 8u, 13u}) {
    const std::size_t n = 777, k = 9;
    std::vector<double> y(n * m), w(k * m);
    for (auto& v : y) v = u(g);
    for (auto& v : w) v = u(g) / 1e3;
    const auto got = best_by_weighted_sums(as_matrix(y, m), as_matrix(w, m));
    const double gamma = static_cast<double>(m) * unit / (1 - static_cast<double>(m) * unit);
    for (std::size_t f = 0; f < k; ++f) {
      auto exact = [&](std::size_t i, double& abs_sum) {
        long double s = 0;
        abs_sum = 0;
        for (std::size_t j = 0; j < m; ++j) {
          s += static_cast<long double>(w[f * m + j]) * static_cast<long double>(y[i * m + j]);
          abs_sum += std::abs(w[f * m + j] * y[i * m + j]);
        }
        return s;
      };
      double a_pick = 0;
      const long double pick = exact(got[f], a_pick);
      for (std::size_t i = 0; i < n; ++i) {
        double a_i = 0;
        const long double s = exact(i, a_i);
        const long double bound = static_cast<long double>(gamma * 1.01 * (a_i + a_pick));
        INFO("function " << f << ", model " << i << ", picked " << got[f]);
        REQUIRE(s <= pick + bound);
        if (i < got[f]) REQUIRE(s < pick + bound);
      }
    }
  }
}

TEST_CASE("best_by_weighted_sums: layouts, element types, extremes, errors", "[commensurate][select]") {
  std::mt19937_64 g(5);
  std::uniform_real_distribution<double> u(0, 1);
  const std::size_t n = 301, m = 3, k = 7;
  std::vector<double> y(n * m), w(k * m);
  for (auto& v : y) v = u(g);
  for (auto& v : w) v = u(g) - 0.3;
  const auto want = reference_best(y, w, m);
  SECTION("column-major view and float rows give the same answer") {
    std::vector<double> col(n * m);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < m; ++j) col[j * n + i] = y[i * m + j];
    const matrix_view<const double> cm{col.data(), n, m, 1, static_cast<std::ptrdiff_t>(n)};
    REQUIRE(best_by_weighted_sums(cm, as_matrix(w, m)) == want);
    std::vector<std::array<float, 3>> yf(n);
    std::vector<double> yd(n * m);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < m; ++j)
        yf[i][j] = static_cast<float>(y[i * m + j]), yd[i * m + j] = yf[i][j];
    REQUIRE(best_by_weighted_sums(yf, as_matrix(w, m)) == reference_best(yd, w, m));
  }
  SECTION("agrees with weighted_sum evaluated one by one") {
    for (std::size_t f = 0; f < k; ++f) {
      double best = -std::numeric_limits<double>::infinity();
      std::size_t at = 0;
      std::vector<double> wf(w.begin() + static_cast<std::ptrdiff_t>(f * m),
                             w.begin() + static_cast<std::ptrdiff_t>((f + 1) * m));
      for (auto& x : wf) x = std::abs(x) + 0.01;  // weighted_sum needs weights >= 0
      const weighted_sum h(wf);
      for (std::size_t i = 0; i < n; ++i) {
        const double s = h(std::span<const double>(y.data() + i * m, m));
        if (s > best) best = s, at = i;
      }
      REQUIRE(best_by_weighted_sums(as_matrix(y, m), as_matrix(wf, m)) == std::vector<std::size_t>{at});
    }
  }
  SECTION("overflowing scores: +inf wins, NaN never does, all -inf gives model 0") {
    const double big = std::numeric_limits<double>::max();
    // Under w = (1, 1) model 1 overflows to +inf and wins; under (2, 2) models 1 and 2 reach +inf (model 2
    // via inf - inf = NaN where multiply and add round separately) and under (-1, 0) model 4 scores +big;
    // the reference follows the same arithmetic and rule.
    std::vector<double> yy{1, 2, big, big, big, -big, 3, 3, -big, -big};
    std::vector<double> ww{1, 1, 1, -1, 2, 2, -1, 0, 0, 0};
    check_all_paths(yy, ww, 2);
    REQUIRE(best_by_weighted_sums(as_matrix(yy, 2), as_matrix(ww, 2))[0] == 1);
    std::vector<double> all_low{-big, -big, -big, -big};
    std::vector<double> up{2, 2};
    REQUIRE(best_by_weighted_sums(as_matrix(all_low, 2), as_matrix(up, 2)) == std::vector<std::size_t>{0});
  }
  SECTION("no objectives: every score is 0, model 0 wins") {
    const std::vector<double> empty;
    const matrix_view<const double> y0{empty.data(), 5, 0, 0, 1}, w0{empty.data(), 3, 0, 0, 1};
    REQUIRE(best_by_weighted_sums(y0, w0) == std::vector<std::size_t>(3, 0));
  }
  SECTION("bad input names the argument") {
    auto id_of = [](auto&& call) {
      try {
        call();
      } catch (const precondition_error& e) {
        return e.id() + " | " + e.what();
      }
      return std::string("no error");
    };
    REQUIRE_THROWS_AS(best_by_weighted_sums(as_matrix(y, m), as_matrix(w, 1)), precondition_error);
    const std::vector<double> none;
    REQUIRE(id_of([&] { (void)best_by_weighted_sums(as_matrix(none, m), as_matrix(w, m)); })
                .starts_with("pluralism.commensurate.size"));
    auto yb = y;
    yb[250 * m + 2] = std::nan("");
    const auto e1 = id_of([&] { (void)best_by_weighted_sums(as_matrix(yb, m), as_matrix(w, m)); });
    REQUIRE(e1.starts_with("pluralism.commensurate.value"));
    REQUIRE(e1.find("model 250, objective 2") != std::string::npos);
    auto wb = w;
    wb[4 * m + 1] = std::numeric_limits<double>::infinity();
    const auto e2 = id_of([&] { (void)best_by_weighted_sums(as_matrix(y, m), as_matrix(wb, m)); });
    REQUIRE(e2.starts_with("pluralism.commensurate.value"));
    REQUIRE(e2.find("weight (4, 1)") != std::string::npos);
  }
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
