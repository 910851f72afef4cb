// SPDX-License-Identifier: MIT
#pragma once

/// @file divergence/prepare.hpp
/// @brief Implementation of the divergences, part one: the checks of the options and entries, normalisation
/// and smoothing, and the error sites. Not public API (namespace detail); use divergence/pair.hpp and
/// divergence/batch.hpp.

#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <numeric>
#include <string>

#include "../contract.hpp"
#include "../error.hpp"
#include "options.hpp"

namespace pluralism::detail {

inline constexpr std::size_t no_row = static_cast<std::size_t>(-1);
inline constexpr double inf = std::numeric_limits<double>::infinity();
inline constexpr double quiet_nan = std::numeric_limits<double>::quiet_NaN();

/// Where an error happened: the public function and, in a batch, the row.
struct divergence_site {
  const char* fn;
  std::size_t row = no_row;
};

inline std::string site_text(const divergence_site& s, const char* arg) {
  std::string t = std::string(s.fn) + ": " + arg;
  if (s.row != no_row) t += " of row " + std::to_string(s.row);
  return t;
}

/// The divisor that turns natural logarithms into `base` (1 for base e, as scipy's base=None).
/// @throws precondition_error `[pluralism.divergence.base]` unless base is finite, > 0 and != 1.
inline double log_divisor(double base, const char* fn) {
  if (base == std::numbers::e) return 1.0;
  PLURALISM_EXPECTS(std::isfinite(base) && base > 0.0 && base != 1.0, "pluralism.divergence.base",
                    std::string(fn) + ": base must be finite, > 0 and != 1, got " + to_text(base));
  return std::log(base);
}

/// Which metrics look at zeros of q (and so take `zero_policy`).
constexpr bool zero_sensitive(divergence_metric m, double order) noexcept {
  return m == divergence_metric::kl || m == divergence_metric::chi_square ||
         (m == divergence_metric::renyi && order >= 1.0);
}

/// Checks the options once per call (not per row).
inline void check_options(divergence_metric m, const divergence_options& o, const char* fn) {
  using namespace std::string_literals;
  if (m == divergence_metric::kl || m == divergence_metric::js_divergence || m == divergence_metric::js_distance ||
      m == divergence_metric::renyi || m == divergence_metric::similarity)
    static_cast<void>(log_divisor(o.base, fn));
  PLURALISM_EXPECTS(!(o.tolerance < 0.0) && !std::isnan(o.tolerance), "pluralism.divergence.tolerance",
                    fn + ": tolerance must be >= 0, got "s + to_text(o.tolerance));
  if (m == divergence_metric::renyi)
    PLURALISM_EXPECTS(o.order >= 0.0, "pluralism.divergence.order",
                      fn + ": the Renyi order must be >= 0 (or +inf), got "s + to_text(o.order));
  if (o.zeros == zero_policy::smooth && zero_sensitive(m, o.order))
    PLURALISM_EXPECTS(o.smoothing > 0.0 && std::isfinite(o.smoothing), "pluralism.divergence.smoothing",
                      fn + ": zero_policy::smooth needs smoothing > 0, got "s + to_text(o.smoothing));
}

/// True when every entry is finite and >= 0. Otherwise throws naming the first bad entry, or returns false
/// under `invalid_policy::nan`.
inline bool check_entries(const double* x, std::size_t k, invalid_policy policy, const divergence_site& s,
                          const char* arg) {
  bool ok = true;
  for (std::size_t i = 0; i < k; ++i) ok &= (x[i] >= 0.0) & (x[i] <= std::numeric_limits<double>::max());
  if (ok) return true;
  if (policy == invalid_policy::nan) return false;
  for (std::size_t i = 0; i < k; ++i) {
    const double v = x[i];
    const std::string at = site_text(s, arg) + "[" + std::to_string(i) + "]";
    if (std::isnan(v))
      PLURALISM_THROW(data_error, "pluralism.divergence.nan", at + " is NaN (invalid_policy::nan makes the result NaN)");
    if (!std::isfinite(v))
      PLURALISM_THROW(data_error, "pluralism.divergence.not_finite", at + " is " + to_text(v) + ", not finite");
    if (v < 0.0)
      PLURALISM_THROW(data_error, "pluralism.divergence.negative",
                      at + " = " + to_text(v) + " is negative (probabilities and counts are >= 0)");
  }
  return true;
}

/// `normalization::require`: throws unless |sum x - 1| <= tolerance.
inline void check_normalized(const double* x, std::size_t k, const divergence_options& o, const divergence_site& s,
                             const char* arg) {
  double sum = 0.0;
  for (std::size_t i = 0; i < k; ++i) sum += x[i];
  if (!(std::abs(sum - 1.0) <= o.tolerance))
    PLURALISM_THROW(data_error, "pluralism.divergence.not_normalized",
                    site_text(s, arg) + " sums to " + to_text(sum) + ", not 1 within tolerance " +
                        to_text(o.tolerance) + " (normalization::require)");
}

/// Applies `normalize` to x in place. False (or a throw) on zero mass under `renormalize`.
inline bool apply_normalization(double* x, std::size_t k, const divergence_options& o, const divergence_site& s,
                                const char* arg) {
  if (o.normalize == normalization::as_stored) return true;
  if (o.normalize == normalization::require) {
    check_normalized(x, k, o, s, arg);
    return true;
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < k; ++i) sum += x[i];
  if (!(sum > 0.0)) {
    if (o.invalid == invalid_policy::nan) return false;
    PLURALISM_THROW(data_error, "pluralism.divergence.zero_mass",
                    site_text(s, arg) + " sums to 0 and cannot be renormalised");
  }
  for (std::size_t i = 0; i < k; ++i) x[i] /= sum;
  return true;
}

/// Additive smoothing (x_k + a) / (sum x + K a): the result is normalised and has no zeros.
inline void apply_smoothing(double* x, std::size_t k, double a) {
  double sum = 0.0;
  for (std::size_t i = 0; i < k; ++i) sum += x[i];
  const double total = sum + static_cast<double>(k) * a;
  for (std::size_t i = 0; i < k; ++i) x[i] = (x[i] + a) / total;
}

/// Validates, normalises and (for zero-sensitive metrics under `smooth`) smooths p and q in place.
/// False when the result is NaN by policy.
inline bool prepare_pair(divergence_metric m, double* p, double* q, std::size_t k, const divergence_options& o,
                         const divergence_site& s) {
  if (!check_entries(p, k, o.invalid, s, "p") || !check_entries(q, k, o.invalid, s, "q")) return false;
  if (!apply_normalization(p, k, o, s, "p") || !apply_normalization(q, k, o, s, "q")) return false;
  if (o.zeros == zero_policy::smooth && zero_sensitive(m, o.order)) {
    apply_smoothing(p, k, o.smoothing);
    apply_smoothing(q, k, o.smoothing);
  }
  return true;
}

}  // namespace pluralism::detail
