// SPDX-License-Identifier: MIT
#pragma once
// Random objective tables for the Pareto tests (small integer grids force ties, copied rows make exact
// duplicates, and some columns can be made constant) and the brute-force dominance and peeling they share.

#include <pluralism/pareto.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <vector>

namespace pluralism_test {

/// n x d row-major objective values.
struct table {
  std::vector<double> v;
  std::size_t n = 0, d = 0;
  double operator()(std::size_t i, std::size_t j) const { return v[i * d + j]; }
};

/// Coordinates from {0, ..., levels - 1}; n / 8 rows overwritten by copies of others; with `constants`, each
/// column constant with probability 0.15.
inline table random_table(std::mt19937_64& g, std::size_t n, std::size_t d, int levels, bool constants = true) {
  table t{std::vector<double>(n * d), n, d};
  std::uniform_int_distribution<int> u(0, levels - 1);
  std::bernoulli_distribution constant(constants ? 0.15 : 0.0);
  std::vector<bool> cst(d);
  for (std::size_t j = 0; j < d; ++j) cst[j] = constant(g);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j) t.v[i * d + j] = cst[j] ? 7.0 : static_cast<double>(u(g));
  std::uniform_int_distribution<std::size_t> pick(0, n == 0 ? 0 : n - 1);
  for (std::size_t k = 0; k < n / 8; ++k) {
    const auto a = pick(g), b = pick(g);
    for (std::size_t j = 0; j < d; ++j) t.v[a * d + j] = t.v[b * d + j];
  }
  return t;
}

/// Each objective minimised or maximised with probability 1/2.
inline pluralism::senses random_senses(std::mt19937_64& g, std::size_t d) {
  pluralism::senses s(d);
  std::bernoulli_distribution b(0.5);
  for (auto& x : s) x = b(g) ? pluralism::sense::maximize : pluralism::sense::minimize;
  return s;
}

/// Minimisation key of a value under a sense, NaN the worst.
inline double minimisation_key(double x, bool maximize) {
  if (std::isnan(x)) return std::numeric_limits<double>::infinity();
  return maximize ? -x : x;
}

/// Brute force: does row a dominate row b under s (empty: all minimised; NaN the worst)?
inline bool ref_dominates(const table& t, std::size_t a, std::size_t b, const pluralism::senses& s) {
  bool strict = false;
  for (std::size_t j = 0; j < t.d; ++j) {
    const bool maxi = !s.empty() && s[j] == pluralism::sense::maximize;
    const double x = minimisation_key(t(a, j), maxi), y = minimisation_key(t(b, j), maxi);
    if (x > y) return false;
    if (x < y) strict = true;
  }
  return strict;
}

/// Ranks by peeling, O(R n^2): the rank-k rows are the non-dominated rows among those `left` once ranks < k
/// are removed; rows not `left` get no rank.
inline std::vector<std::size_t> ref_peel(const table& t, const pluralism::senses& s, std::vector<bool> left) {
  std::vector<std::size_t> r(t.n, pluralism::no_rank);
  for (std::size_t k = 0;; ++k) {
    std::vector<std::size_t> front;
    for (std::size_t i = 0; i < t.n; ++i) {
      if (!left[i]) continue;
      bool dom = false;
      for (std::size_t j = 0; j < t.n && !dom; ++j) dom = left[j] && ref_dominates(t, j, i, s);
      if (!dom) front.push_back(i);
    }
    if (front.empty()) break;
    for (auto i : front) r[i] = k, left[i] = false;
  }
  return r;
}

}  // namespace pluralism_test
