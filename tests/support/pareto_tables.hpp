// SPDX-License-Identifier: MIT
#pragma once
// Random objective tables for the Pareto tests: small integer grids force ties, copied rows make exact
// duplicates, and some columns can be made constant.

#include <pluralism/pareto.hpp>

#include <cstddef>
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

}  // namespace pluralism_test
