// SPDX-License-Identifier: MIT
#pragma once

/// @file matrix_view.hpp
/// @brief A non-owning 2-D view (rows x columns with strides) and `as_matrix`, the one way every
/// row-wise algorithm (Pareto filters, batched divergences) accepts its input.
///
/// Core `matrix_traits` cover `std::vector<std::array<T, D>>`, `std::span<const std::array<T, D>>`
/// and `matrix_view` itself; `as_matrix(span, cols)` takes a flat row-major buffer with a runtime column
/// count. `interop/eigen.hpp` and `interop/xtensor.hpp` add Eigen matrices and xtensor 2-D containers.
/// Algorithms take anything `as_matrix` accepts:
/// @code
/// template <class M> requires pluralism::matrix_like<M>
/// auto f(const M& m) { auto v = pluralism::as_matrix(m); ... v(i, j) ... }
/// @endcode

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "contract.hpp"

namespace pluralism {

/// Rows x columns of `T` at `data + i * row_stride + j * col_stride` (strides in elements).
template <class T>
struct matrix_view {
  using value_type = std::remove_const_t<T>;

  T* data = nullptr;
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::ptrdiff_t row_stride = 0;
  std::ptrdiff_t col_stride = 1;

  [[nodiscard]] constexpr T& operator()(std::size_t i, std::size_t j) const noexcept {
    return data[static_cast<std::ptrdiff_t>(i) * row_stride + static_cast<std::ptrdiff_t>(j) * col_stride];
  }
  /// True when row i is the contiguous range data + i * cols ... (row-major, dense).
  [[nodiscard]] constexpr bool row_major_dense() const noexcept {
    return col_stride == 1 && row_stride == static_cast<std::ptrdiff_t>(cols);
  }
  /// Row i as a span; precondition: col_stride == 1.
  [[nodiscard]] constexpr std::span<T> row(std::size_t i) const noexcept {
    return {data + static_cast<std::ptrdiff_t>(i) * row_stride, cols};
  }
};

/// How a type becomes a `matrix_view`: specialise `matrix_traits<M>` with
/// `static matrix_view<const T> view(const M&)`. A class template (not an overload) so that
/// specialisations in headers included later (interop/eigen.hpp, interop/xtensor.hpp) are still found when
/// an algorithm is instantiated.
template <class M>
struct matrix_traits;

template <class T>
struct matrix_traits<matrix_view<T>> {
  static constexpr matrix_view<const std::remove_const_t<T>> view(matrix_view<T> m) noexcept {
    return {m.data, m.rows, m.cols, m.row_stride, m.col_stride};
  }
};

/// Points with a compile-time number of objectives, one `std::array` per row.
template <class T, std::size_t D, class A>
struct matrix_traits<std::vector<std::array<T, D>, A>> {
  static constexpr matrix_view<const T> view(const std::vector<std::array<T, D>, A>& rows) noexcept {
    return {rows.empty() ? nullptr : rows.front().data(), rows.size(), D, static_cast<std::ptrdiff_t>(D), 1};
  }
};
template <class T, std::size_t D, std::size_t E>
struct matrix_traits<std::span<const std::array<T, D>, E>> {
  static constexpr matrix_view<const T> view(std::span<const std::array<T, D>, E> rows) noexcept {
    return {rows.empty() ? nullptr : rows.front().data(), rows.size(), D, static_cast<std::ptrdiff_t>(D), 1};
  }
};

/// Anything with a `matrix_traits` specialisation.
template <class M>
concept matrix_like = requires(const M& m) {
  { matrix_traits<std::remove_cvref_t<M>>::view(m) };
};

/// The view of a matrix-like object (see `matrix_traits`).
template <matrix_like M>
constexpr auto as_matrix(const M& m) {
  return matrix_traits<std::remove_cvref_t<M>>::view(m);
}

/// A flat row-major buffer with a runtime column count.
/// @throws precondition_error `[pluralism.matrix.ragged]` when the size is not a multiple of `cols`.
template <class T>
matrix_view<const T> as_matrix(std::span<const T> flat, std::size_t cols) {
  PLURALISM_EXPECTS(cols > 0 ? flat.size() % cols == 0 : flat.empty(), "pluralism.matrix.ragged",
                    "as_matrix: " + std::to_string(flat.size()) + " values do not split into rows of " +
                        std::to_string(cols) + " columns");
  return {flat.data(), cols == 0 ? 0 : flat.size() / cols, cols, static_cast<std::ptrdiff_t>(cols), 1};
}
template <class T, class A>
matrix_view<const T> as_matrix(const std::vector<T, A>& flat, std::size_t cols) {
  return as_matrix(std::span<const T>(flat), cols);
}

}  // namespace pluralism
