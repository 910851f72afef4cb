// SPDX-License-Identifier: MIT
#pragma once

/// @file commensurate/normalize.hpp
/// @brief Normalisation is part of commensuration: the ideal and nadir points of a model table and the map
/// of raw objectives to [0, 1] scores where 1 is the ideal and 0 the nadir, higher better in every column.

#include <cmath>
#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "../contract.hpp"
#include "../matrix_view.hpp"
#include "../pareto/filter.hpp"
#include "../pareto/options.hpp"

namespace pluralism {

/// The ideal point: the best value of each column over all rows (under `opt.objectives`).
/// Empty input gives an empty vector. @throws precondition_error as `nondominated_mask`.
template <matrix_like M>
std::vector<double> ideal_point(const M& models, const pareto_options& opt = {}) {
  const auto m = as_matrix(models);
  const auto ps = detail::pareto::prepare<double>(m, opt, "ideal_point", false);
  if (ps.n == 0) return {};
  std::vector<double> z(m.cols, std::numeric_limits<double>::infinity());
  for (std::size_t i = 0; i < ps.n; ++i)
    for (std::size_t j = 0; j < m.cols; ++j) z[j] = std::min(z[j], ps.p(i)[j]);
  for (std::size_t j = 0; j < opt.objectives.size(); ++j)
    if (opt.objectives[j] == sense::maximize) z[j] = -z[j];
  return z;
}

/// The nadir point: the worst value of each column over the non-dominated rows.
/// Empty input gives an empty vector. @throws precondition_error as `nondominated_mask`.
template <matrix_like M>
std::vector<double> nadir_point(const M& models, const pareto_options& opt = {}) {
  const auto m = as_matrix(models);
  const auto front = nondominated_indices(m, opt);
  if (front.empty()) return {};
  std::vector<double> z(m.cols);
  for (std::size_t j = 0; j < m.cols; ++j) {
    const bool maxi = !opt.objectives.empty() && opt.objectives[j] == sense::maximize;
    double w = maxi ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
    for (auto i : front) {
      const double v = static_cast<double>(m(i, j));
      if (std::isnan(v)) continue;
      w = maxi ? std::min(w, v) : std::max(w, v);
    }
    z[j] = w;
  }
  return z;
}

/// Scores in [0, 1] (for rows between nadir and ideal), row-major n x d: (y - nadir) / (ideal - nadir), so
/// higher is better in every column whatever its sense. A column where ideal equals nadir maps to 1 (every
/// model reaches the ideal there; neutral for products and logs).
/// @throws precondition_error `[pluralism.commensurate.size]` when ideal or nadir has the wrong length,
///   `[pluralism.commensurate.value]` for a non-finite ideal or nadir coordinate or a NaN value.
template <matrix_like M>
std::vector<double> normalize(const M& models, const std::vector<double>& ideal, const std::vector<double>& nadir) {
  const auto m = as_matrix(models);
  PLURALISM_EXPECTS(ideal.size() == m.cols && nadir.size() == m.cols, "pluralism.commensurate.size",
                    "normalize: ideal has " + std::to_string(ideal.size()) + " and nadir " +
                        std::to_string(nadir.size()) + " coordinates for " + std::to_string(m.cols) + " columns");
  for (std::size_t j = 0; j < m.cols; ++j)
    PLURALISM_EXPECTS(std::isfinite(ideal[j]) && std::isfinite(nadir[j]), "pluralism.commensurate.value",
                      "normalize: column " + std::to_string(j) + " has ideal " + std::to_string(ideal[j]) +
                          " and nadir " + std::to_string(nadir[j]));
  std::vector<double> out(m.rows * m.cols);
  for (std::size_t i = 0; i < m.rows; ++i)
    for (std::size_t j = 0; j < m.cols; ++j) {
      const double v = static_cast<double>(m(i, j));
      PLURALISM_EXPECTS(!std::isnan(v), "pluralism.commensurate.value",
                        "normalize: row " + std::to_string(i) + ", column " + std::to_string(j) + " is NaN");
      out[i * m.cols + j] = ideal[j] == nadir[j] ? 1.0 : (v - nadir[j]) / (ideal[j] - nadir[j]);
    }
  return out;
}

}  // namespace pluralism
