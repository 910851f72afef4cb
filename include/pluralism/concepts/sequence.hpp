// SPDX-License-Identifier: MIT
#pragma once

/// @file concepts/sequence.hpp
/// @brief `arithmetic_sequence`: anything with `begin()`/`end()` whose elements are numbers. Every 1-D
/// estimator (mean, median, median-of-means, votes, ...) takes its input through this concept.
///
/// Why not `std::ranges::input_range`? xtensor 0.24's expression iterators (the iterator of `a + b`) are not
/// default-constructible, so `xt::xfunction` is not a `std::ranges::range`, although it iterates fine.
/// This concept asks only for what a single forward pass needs.

#include <concepts>
#include <iterator>
#include <type_traits>
#include <utility>

namespace pluralism {

namespace detail::sequence_access {
using std::begin;
using std::end;
/// `begin(r)` found as std::begin (member begin(), raw arrays) or by argument-dependent lookup.
template <class R>
constexpr auto sequence_begin(R& r) -> decltype(begin(r)) {
  return begin(r);
}
template <class R>
constexpr auto sequence_end(R& r) -> decltype(end(r)) {
  return end(r);
}
}  // namespace detail::sequence_access

namespace detail {
using sequence_access::sequence_begin;
using sequence_access::sequence_end;
}  // namespace detail

/// A sequence of numbers read in one forward pass.
///
/// Syntactic requirements, for an lvalue `r` of type `R`:
///   1. `begin(r)` and `end(r)` are valid (members, std::begin/std::end for raw arrays, or found by ADL);
///   2. the iterator `it` supports `it != end(r)`, `++it` and `*it`;
///   3. `*it` is (a reference to) an arithmetic type (`double`, `float`, `int`, ...).
/// Semantic requirements: iterating does not change the values, and it visits a finite number of elements.
/// Models: std containers, `std::span`, raw arrays, std views, Eigen 3.4 vectors and vector expressions
/// (use `m.reshaped()` for a matrix), xtensor containers, views and expressions (`a + b`, `xt::arange`;
/// a 2-D container is read in its storage order).
/// @code
/// static_assert(pluralism::arithmetic_sequence<std::vector<int>>);
/// static_assert(pluralism::arithmetic_sequence<const double[3]>);
/// @endcode
template <class R>
concept arithmetic_sequence =
    requires(R& r) {
      detail::sequence_begin(r);
      detail::sequence_end(r);
    } &&
    requires(decltype(detail::sequence_begin(std::declval<R&>())) it,
             decltype(detail::sequence_end(std::declval<R&>())) last) {
      { it != last } -> std::convertible_to<bool>;
      ++it;
      *it;
    } && std::is_arithmetic_v<std::remove_cvref_t<decltype(*detail::sequence_begin(std::declval<R&>()))>>;

/// The element type of an `arithmetic_sequence` (cv and reference removed).
template <arithmetic_sequence R>
using sequence_value_t = std::remove_cvref_t<decltype(*detail::sequence_begin(std::declval<R&>()))>;

}  // namespace pluralism
