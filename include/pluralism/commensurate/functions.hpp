// SPDX-License-Identifier: MIT
#pragma once

/// @file commensurate/functions.hpp
/// @brief The library of commensurating functions, each declaring its properties: weighted sum, weighted
/// power mean (any p, with the exact limits p -> 0 geometric / Nash and p -> -inf maximin, p -> +inf max),
/// Nash welfare as a sum of logs, isoelastic (alpha-fair) welfare, weighted and augmented Tchebycheff, the
/// achievement scalarising function, and OWA with generalised Gini weights. Every function reads scores where
/// higher is better (see normalize.hpp to orient and scale raw objectives).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "../contract.hpp"
#include "concept.hpp"
#include "detail/weighted_sum_kernel.hpp"

namespace pluralism {

namespace detail::commensurate {
inline std::vector<double> checked_weights(std::vector<double> w, const char* fn, bool positive = false) {
  PLURALISM_EXPECTS(!w.empty(), "pluralism.commensurate.weights", std::string(fn) + ": no weights");
  double total = 0;
  for (std::size_t j = 0; j < w.size(); ++j) {
    PLURALISM_EXPECTS(std::isfinite(w[j]) && (positive ? w[j] > 0 : w[j] >= 0), "pluralism.commensurate.weights",
                      std::string(fn) + ": weight " + std::to_string(j) + " is " + std::to_string(w[j]) +
                          (positive ? " (must be finite and > 0)" : " (must be finite and >= 0)"));
    total += w[j];
  }
  PLURALISM_EXPECTS(total > 0, "pluralism.commensurate.weights", std::string(fn) + ": the weights sum to 0");
  return w;
}
inline void check_size(std::span<const double> y, std::size_t m, const char* fn) {
  PLURALISM_EXPECTS(y.size() == m, "pluralism.commensurate.size",
                    std::string(fn) + ": " + std::to_string(y.size()) + " objectives given, " + std::to_string(m) +
                        " expected");
}
inline void check_finite(std::span<const double> v, const char* fn, const char* what) {
  for (std::size_t j = 0; j < v.size(); ++j)
    PLURALISM_EXPECTS(std::isfinite(v[j]), "pluralism.commensurate.value",
                      std::string(fn) + ": " + what + " " + std::to_string(j) + " is " + std::to_string(v[j]));
}
inline void check_nonnegative(std::span<const double> y, const char* fn, bool strictly) {
  for (std::size_t j = 0; j < y.size(); ++j)
    PLURALISM_EXPECTS(!std::isnan(y[j]) && (strictly ? y[j] > 0 : y[j] >= 0), "pluralism.commensurate.domain",
                      std::string(fn) + ": objective " + std::to_string(j) + " is " + std::to_string(y[j]) +
                          (strictly ? " (must be > 0)" : " (must be >= 0)"));
}
inline bool all_positive(const std::vector<double>& w) {
  return std::all_of(w.begin(), w.end(), [](double x) { return x > 0; });
}
}  // namespace detail::commensurate

/// Utilitarian weighted sum: f(y) = sum_j w_j y_j. Weights finite and >= 0, not all 0. Evaluated as
/// s = mul_add(w_j, y_j, s) for j = 0..m-1 (commensurate/detail/weighted_sum_kernel.hpp), exactly as
/// `best_by_weighted_sums` does, so the two agree bit for bit.
/// Properties: monotone; strictly monotone when every weight is > 0; scale and translation invariant.
/// @throws precondition_error `[pluralism.commensurate.weights]` at construction,
///   `[pluralism.commensurate.size]` / `[pluralism.commensurate.value]` (non-finite y) when called.
class weighted_sum {
 public:
  explicit weighted_sum(std::vector<double> w) : w_(detail::commensurate::checked_weights(std::move(w), "weighted_sum")) {}
  double operator()(std::span<const double> y) const {
    detail::commensurate::check_size(y, w_.size(), "weighted_sum");
    detail::commensurate::check_finite(y, "weighted_sum", "objective");
    double s = 0;
    for (std::size_t j = 0; j < y.size(); ++j) s = detail::commensurate::mul_add(w_[j], y[j], s);
    return s;
  }
  [[nodiscard]] commensurating_properties properties() const {
    return {.monotone = true, .strictly_monotone = detail::commensurate::all_positive(w_), .scale_invariant = true,
            .unit_invariant = false, .translation_invariant = true};
  }
  [[nodiscard]] std::size_t size() const noexcept { return w_.size(); }
  [[nodiscard]] const std::vector<double>& weights() const noexcept { return w_; }

 private:
  std::vector<double> w_;
};

/// Weighted power (Hoelder) mean M_p(y) = (sum_j w_j y_j^p)^(1/p) with the weights normalised to sum 1;
/// p = 0 is the exact limit prod_j y_j^(w_j) (geometric mean, Nash welfare), p = -inf the limit min over
/// w_j > 0 of y_j (maximin, Rawls), p = +inf the max over w_j > 0.
/// Domain: y_j >= 0 (a zero with w_j > 0 gives the limit value 0 when p <= 0). Equivalent in order to the
/// isoelastic welfare with alpha = 1 - p (Atkinson 1970).
/// Properties: monotone; strictly monotone for finite p with all w_j > 0 (on y > 0); scale invariant (it is
/// homogeneous of degree 1); unit invariant only for p = 0; not translation invariant except p = 1 or +-inf.
/// @throws precondition_error `[pluralism.commensurate.weights]`, `[pluralism.commensurate.exponent]` (NaN p),
///   `[pluralism.commensurate.domain]` for a negative or NaN objective, `[pluralism.commensurate.size]`.
class power_mean {
 public:
  power_mean(std::vector<double> w, double p) : w_(detail::commensurate::checked_weights(std::move(w), "power_mean")), p_(p) {
    PLURALISM_EXPECTS(!std::isnan(p), "pluralism.commensurate.exponent", "power_mean: p is NaN");
    double t = 0;
    for (double x : w_) t += x;
    for (double& x : w_) x /= t;
  }
  double operator()(std::span<const double> y) const {
    detail::commensurate::check_size(y, w_.size(), "power_mean");
    detail::commensurate::check_nonnegative(y, "power_mean", false);
    const std::size_t m = y.size();
    if (std::isinf(p_)) {
      double r = p_ < 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
      for (std::size_t j = 0; j < m; ++j)
        if (w_[j] > 0) r = p_ < 0 ? std::min(r, y[j]) : std::max(r, y[j]);
      return r;
    }
    if (p_ == 0) {
      double s = 0;
      for (std::size_t j = 0; j < m; ++j) {
        if (w_[j] == 0) continue;
        if (y[j] == 0) return 0.0;
        s += w_[j] * std::log(y[j]);
      }
      return std::exp(s);
    }
    double s = 0;
    for (std::size_t j = 0; j < m; ++j) {
      if (w_[j] == 0) continue;
      if (y[j] == 0) {
        if (p_ < 0) return 0.0;  // y^p -> +inf, so the mean -> 0
        continue;
      }
      s += w_[j] * std::pow(y[j], p_);
    }
    return std::pow(s, 1.0 / p_);
  }
  [[nodiscard]] commensurating_properties properties() const {
    const bool finite = std::isfinite(p_);
    return {.monotone = true, .strictly_monotone = finite && detail::commensurate::all_positive(w_),
            .scale_invariant = true, .unit_invariant = p_ == 0,
            .translation_invariant = p_ == 1 || !finite};
  }
  [[nodiscard]] std::size_t size() const noexcept { return w_.size(); }
  [[nodiscard]] double exponent() const noexcept { return p_; }
  [[nodiscard]] const std::vector<double>& weights() const noexcept { return w_; }

 private:
  std::vector<double> w_;
  double p_;
};

/// Nash welfare as a sum of logs: f(y) = sum_j w_j log y_j (order-equivalent to the weighted geometric mean;
/// -inf when some y_j = 0 with w_j > 0). Domain y >= 0.
/// Properties: monotone; strictly monotone with all w_j > 0 (on y > 0); scale invariant; unit invariant (the
/// only one here: per-objective units cancel, Kaneko and Nakamura 1979); not translation invariant.
/// @throws as `power_mean`.
class nash_welfare {
 public:
  explicit nash_welfare(std::vector<double> w) : w_(detail::commensurate::checked_weights(std::move(w), "nash_welfare")) {}
  double operator()(std::span<const double> y) const {
    detail::commensurate::check_size(y, w_.size(), "nash_welfare");
    detail::commensurate::check_nonnegative(y, "nash_welfare", false);
    double s = 0;
    for (std::size_t j = 0; j < y.size(); ++j)
      if (w_[j] > 0) s += w_[j] * std::log(y[j]);
    return s;
  }
  [[nodiscard]] commensurating_properties properties() const {
    return {.monotone = true, .strictly_monotone = detail::commensurate::all_positive(w_), .scale_invariant = true,
            .unit_invariant = true, .translation_invariant = false};
  }
  [[nodiscard]] std::size_t size() const noexcept { return w_.size(); }

 private:
  std::vector<double> w_;
};

/// Isoelastic (alpha-fair) welfare (Mo and Walrand 2000): f(y) = sum_j w_j y_j^(1-alpha) / (1 - alpha), and
/// sum_j w_j log y_j at alpha = 1; alpha >= 0 (0 utilitarian, 1 proportional fairness, 2 minimum potential
/// delay, -> inf max-min). Domain y >= 0; a zero with alpha >= 1 gives -inf.
/// Properties: monotone; strictly monotone with all w_j > 0 (on y > 0); scale invariant (homogeneous);
/// unit invariant only at alpha = 1; translation invariant only at alpha = 0.
/// @throws precondition_error `[pluralism.commensurate.exponent]` for alpha < 0 or not finite; as `power_mean`.
class isoelastic {
 public:
  isoelastic(std::vector<double> w, double alpha) : w_(detail::commensurate::checked_weights(std::move(w), "isoelastic")), a_(alpha) {
    PLURALISM_EXPECTS(std::isfinite(alpha) && alpha >= 0, "pluralism.commensurate.exponent",
                      "isoelastic: alpha is " + std::to_string(alpha) + " (must be finite and >= 0)");
  }
  double operator()(std::span<const double> y) const {
    detail::commensurate::check_size(y, w_.size(), "isoelastic");
    detail::commensurate::check_nonnegative(y, "isoelastic", false);
    double s = 0;
    for (std::size_t j = 0; j < y.size(); ++j) {
      if (w_[j] == 0) continue;
      s += a_ == 1 ? w_[j] * std::log(y[j]) : w_[j] * std::pow(y[j], 1 - a_) / (1 - a_);
    }
    return s;
  }
  [[nodiscard]] commensurating_properties properties() const {
    return {.monotone = true, .strictly_monotone = detail::commensurate::all_positive(w_), .scale_invariant = true,
            .unit_invariant = a_ == 1, .translation_invariant = a_ == 0};
  }
  [[nodiscard]] std::size_t size() const noexcept { return w_.size(); }

 private:
  std::vector<double> w_;
  double a_;
};

/// Weighted Tchebycheff: f(y) = -max_j w_j (z_j - y_j) for an ideal (utopian) point z (Bowman 1976; every
/// Pareto-optimal point maximises it for some weights, Miettinen 1999, th. 3.4.5). With `rho > 0` it is the
/// augmented form + rho sum_j w_j (y_j - z_j), whose maximisers are properly Pareto optimal.
/// Properties: monotone; strictly monotone only when augmented (rho > 0) with all w_j > 0; not scale, unit or
/// translation invariant (z is fixed).
/// @throws precondition_error `[pluralism.commensurate.weights]`, `[pluralism.commensurate.size]`,
///   `[pluralism.commensurate.value]` (non-finite ideal, rho < 0 or non-finite y).
class tchebycheff {
 public:
  tchebycheff(std::vector<double> w, std::vector<double> ideal, double rho = 0.0)
      : w_(detail::commensurate::checked_weights(std::move(w), "tchebycheff")), z_(std::move(ideal)), rho_(rho) {
    detail::commensurate::check_size(z_, w_.size(), "tchebycheff (ideal point)");
    detail::commensurate::check_finite(z_, "tchebycheff", "ideal coordinate");
    PLURALISM_EXPECTS(std::isfinite(rho) && rho >= 0, "pluralism.commensurate.value",
                      "tchebycheff: rho is " + std::to_string(rho) + " (must be finite and >= 0)");
  }
  double operator()(std::span<const double> y) const {
    detail::commensurate::check_size(y, w_.size(), "tchebycheff");
    detail::commensurate::check_finite(y, "tchebycheff", "objective");
    double mx = -std::numeric_limits<double>::infinity(), s = 0;
    for (std::size_t j = 0; j < y.size(); ++j) {
      mx = std::max(mx, w_[j] * (z_[j] - y[j]));
      s += w_[j] * (y[j] - z_[j]);
    }
    return -mx + rho_ * s;
  }
  [[nodiscard]] commensurating_properties properties() const {
    return {.monotone = true, .strictly_monotone = rho_ > 0 && detail::commensurate::all_positive(w_),
            .scale_invariant = false, .unit_invariant = false, .translation_invariant = false};
  }
  [[nodiscard]] std::size_t size() const noexcept { return w_.size(); }

 private:
  std::vector<double> w_, z_;
  double rho_;
};

/// The augmented weighted Tchebycheff function: `tchebycheff(w, ideal, rho)` with rho > 0 (default 1e-6).
inline tchebycheff augmented_tchebycheff(std::vector<double> w, std::vector<double> ideal, double rho = 1e-6) {
  PLURALISM_EXPECTS(rho > 0, "pluralism.commensurate.value",
                    "augmented_tchebycheff: rho is " + std::to_string(rho) + " (must be > 0)");
  return tchebycheff(std::move(w), std::move(ideal), rho);
}

/// Achievement scalarising function (Wierzbicki 1980) for a reference (aspiration) point r and weights w > 0:
/// f(y) = -max_j (r_j - y_j) / w_j - rho sum_j (r_j - y_j) / w_j. Positive exactly when y beats the
/// aspiration in every objective. Properties: monotone; strictly monotone when rho > 0; not invariant.
/// @throws precondition_error `[pluralism.commensurate.weights]` (w must be > 0), `[pluralism.commensurate.size]`,
///   `[pluralism.commensurate.value]`.
class achievement {
 public:
  achievement(std::vector<double> reference, std::vector<double> w, double rho = 1e-6)
      : r_(std::move(reference)), w_(detail::commensurate::checked_weights(std::move(w), "achievement", true)), rho_(rho) {
    detail::commensurate::check_size(r_, w_.size(), "achievement (reference point)");
    detail::commensurate::check_finite(r_, "achievement", "reference coordinate");
    PLURALISM_EXPECTS(std::isfinite(rho) && rho >= 0, "pluralism.commensurate.value",
                      "achievement: rho is " + std::to_string(rho) + " (must be finite and >= 0)");
  }
  double operator()(std::span<const double> y) const {
    detail::commensurate::check_size(y, w_.size(), "achievement");
    detail::commensurate::check_finite(y, "achievement", "objective");
    double mx = -std::numeric_limits<double>::infinity(), s = 0;
    for (std::size_t j = 0; j < y.size(); ++j) {
      const double g = (r_[j] - y[j]) / w_[j];
      mx = std::max(mx, g);
      s += g;
    }
    return -mx - rho_ * s;
  }
  [[nodiscard]] commensurating_properties properties() const {
    return {.monotone = true, .strictly_monotone = rho_ > 0, .scale_invariant = false, .unit_invariant = false,
            .translation_invariant = false};
  }
  [[nodiscard]] std::size_t size() const noexcept { return w_.size(); }

 private:
  std::vector<double> r_, w_;
  double rho_;
};

/// Generalised Gini weights for m objectives (Weymark 1981): v_k = (2 (m - k) - 1) / m^2 for the k-th
/// smallest value, k = 0..m-1: decreasing, positive, summing to 1.
inline std::vector<double> gini_weights(std::size_t m) {
  PLURALISM_EXPECTS(m > 0, "pluralism.commensurate.size", "gini_weights: m is 0");
  std::vector<double> v(m);
  const double mm = static_cast<double>(m) * static_cast<double>(m);
  for (std::size_t k = 0; k < m; ++k) v[k] = static_cast<double>(2 * (m - k) - 1) / mm;
  return v;
}

/// Ordered weighted average (Yager 1988): f(y) = sum_k v_k y_(k) with y sorted ascending, so v_0 weighs the
/// worst-off objective. Weights >= 0, not all 0. `owa(gini_weights(m))` is the generalised Gini welfare.
/// Properties: monotone; strictly monotone when every v_k > 0; scale and translation invariant (symmetric in
/// the objectives by construction).
/// @throws precondition_error `[pluralism.commensurate.weights]`, `[pluralism.commensurate.size]`,
///   `[pluralism.commensurate.value]`.
class owa {
 public:
  explicit owa(std::vector<double> v) : v_(detail::commensurate::checked_weights(std::move(v), "owa")) {}
  double operator()(std::span<const double> y) const {
    detail::commensurate::check_size(y, v_.size(), "owa");
    detail::commensurate::check_finite(y, "owa", "objective");
    std::vector<double> s(y.begin(), y.end());
    std::sort(s.begin(), s.end());
    double r = 0;
    for (std::size_t k = 0; k < s.size(); ++k) r += v_[k] * s[k];
    return r;
  }
  [[nodiscard]] commensurating_properties properties() const {
    return {.monotone = true, .strictly_monotone = detail::commensurate::all_positive(v_), .scale_invariant = true,
            .unit_invariant = false, .translation_invariant = true};
  }
  [[nodiscard]] std::size_t size() const noexcept { return v_.size(); }

 private:
  std::vector<double> v_;
};

/// Leximin as an ordering (it has no continuous representation): sort each vector ascending and compare
/// lexicographically. Returns <0, 0, >0 as a is leximin-worse, equivalent or better than b. Refines maximin and
/// is strictly Pareto monotone.
/// @throws precondition_error `[pluralism.commensurate.size]` different lengths, `[pluralism.commensurate.value]` NaN.
inline int leximin_compare(std::span<const double> a, std::span<const double> b) {
  detail::commensurate::check_size(b, a.size(), "leximin_compare");
  for (std::size_t j = 0; j < a.size(); ++j)
    PLURALISM_EXPECTS(!std::isnan(a[j]) && !std::isnan(b[j]), "pluralism.commensurate.value",
                      "leximin_compare: objective " + std::to_string(j) + " is NaN");
  std::vector<double> x(a.begin(), a.end()), y(b.begin(), b.end());
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  for (std::size_t k = 0; k < x.size(); ++k) {
    if (x[k] < y[k]) return -1;
    if (y[k] < x[k]) return 1;
  }
  return 0;
}

}  // namespace pluralism
