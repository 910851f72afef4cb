// SPDX-License-Identifier: MIT
#pragma once
// Chi-square goodness-of-fit and contingency tests for the statistical tests, p-values from Boost.Math.
//
// Threshold: tests reject only at p < 1e-6. Seeds are fixed, so each test is a single deterministic draw:
// under a correct implementation its p-value is uniform over seed choices, and with a few dozen such tests
// in the suite the chance that our particular seeds produce any false alarm is below 1e-4. A real defect
// (a biased bounded integer, a non-uniform subset) gives p-values far below 1e-6 at the sample sizes used
// (each test states its expected counts, which are at least 5 per cell, so the chi-square approximation holds).

#include <boost/math/distributions/chi_squared.hpp>

#include <cstddef>
#include <vector>

namespace pluralism_test {

inline constexpr double reject_below = 1e-6;

/// P(chi2_df >= statistic).
inline double chi_square_p(double statistic, double df) {
  return boost::math::cdf(boost::math::complement(boost::math::chi_squared_distribution<double>(df), statistic));
}

/// Goodness of fit of `observed` counts to `probabilities` (summing to 1); df = cells - 1.
inline double goodness_of_fit_p(const std::vector<double>& observed, const std::vector<double>& probabilities) {
  double total = 0;
  for (double o : observed) total += o;
  double stat = 0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double e = total * probabilities[i];
    stat += (observed[i] - e) * (observed[i] - e) / e;
  }
  return chi_square_p(stat, static_cast<double>(observed.size() - 1));
}

/// Uniform goodness of fit.
inline double uniform_p(const std::vector<double>& observed) {
  return goodness_of_fit_p(observed, std::vector<double>(observed.size(), 1.0 / static_cast<double>(observed.size())));
}

/// Pearson's test of independence for an r x c table (row-major); df = (r - 1)(c - 1).
inline double independence_p(const std::vector<double>& table, std::size_t rows, std::size_t cols) {
  std::vector<double> row(rows, 0.0), col(cols, 0.0);
  double total = 0;
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) {
      row[i] += table[i * cols + j];
      col[j] += table[i * cols + j];
      total += table[i * cols + j];
    }
  double stat = 0;
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) {
      const double e = row[i] * col[j] / total;
      stat += (table[i * cols + j] - e) * (table[i * cols + j] - e) / e;
    }
  return chi_square_p(stat, static_cast<double>((rows - 1) * (cols - 1)));
}

}  // namespace pluralism_test
