// SPDX-License-Identifier: MIT
#pragma once

/// @file commensurate/concept.hpp
/// @brief `commensurating_function`: a map from an objective vector (higher is better in every objective) to
/// one number, which declares the axioms it satisfies.

#include <concepts>
#include <cstddef>
#include <span>

namespace pluralism {

/// The properties a commensurating function declares (Sen 1970; Moulin 2003; research note section 6.2).
/// Each is a promise tested by tests/unit/commensurate*.test.cpp on random inputs.
struct commensurating_properties {
  /// Weakly Pareto monotone: y >= y' in every objective implies f(y) >= f(y').
  bool monotone = false;
  /// Strictly Pareto monotone: y >= y' everywhere and y > y' somewhere implies f(y) > f(y') (on the
  /// function's domain), so every maximiser is non-dominated.
  bool strictly_monotone = false;
  /// The order of f is unchanged when every objective is multiplied by the same c > 0.
  bool scale_invariant = false;
  /// The order of f is unchanged when each objective is multiplied by its own c_j > 0 (incomparable units).
  bool unit_invariant = false;
  /// The order of f is unchanged when the same constant is added to every objective.
  bool translation_invariant = false;
  friend constexpr bool operator==(const commensurating_properties&, const commensurating_properties&) = default;
};

/// A commensurating function F.
///
/// Syntactic requirements, for `const F& f` and `std::span<const double> y`:
///   1. `f(y)` returns something convertible to `double`: the value of the objective vector y;
///   2. `f.properties()` returns `commensurating_properties`;
///   3. `f.size()` returns the number of objectives it expects (0: any number).
/// Semantic requirements: f is a pure function of y (deterministic, no state); higher values are better; the
/// declared properties hold for every y in f's documented domain; f throws `precondition_error` for y of the
/// wrong length or outside its domain.
/// Minimal model:
/// @code
/// struct total {
///   double operator()(std::span<const double> y) const { double s = 0; for (double v : y) s += v; return s; }
///   pluralism::commensurating_properties properties() const { return {true, true, true, false, true}; }
///   std::size_t size() const { return 0; }
/// };
/// static_assert(pluralism::commensurating_function<total>);
/// @endcode
template <class F>
concept commensurating_function = requires(const F& f, std::span<const double> y) {
  { f(y) } -> std::convertible_to<double>;
  { f.properties() } -> std::same_as<commensurating_properties>;
  { f.size() } -> std::convertible_to<std::size_t>;
};

}  // namespace pluralism
