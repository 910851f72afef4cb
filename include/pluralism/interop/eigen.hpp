// SPDX-License-Identifier: MIT
#pragma once

/// @file interop/eigen.hpp
/// @brief Eigen as a first-class input: dense Eigen matrices, maps and blocks with direct access become
/// `matrix_view`s (any storage order, any strides). Part of the component target `pluralism::eigen`.
/// Eigen vectors are already ranges (Eigen 3.4 has begin/end), so 1-D algorithms take them directly.

#include <Eigen/Core>

#include <cstddef>
#include <type_traits>

#include "../matrix_view.hpp"

namespace pluralism {

/// Eigen dense objects with direct access (Matrix, Array, Map, Ref, contiguous Block).
template <class M>
  requires std::is_base_of_v<Eigen::DenseBase<M>, M> && requires(const M& m) {
    m.data();
    m.innerStride();
    m.outerStride();
  }
struct matrix_traits<M> {
  using scalar = std::remove_const_t<typename M::Scalar>;
  static matrix_view<const scalar> view(const M& m) noexcept {
    const auto inner = static_cast<std::ptrdiff_t>(m.innerStride());
    const auto outer = static_cast<std::ptrdiff_t>(m.outerStride());
    constexpr bool row_major = (M::Flags & Eigen::RowMajorBit) != 0;
    return {m.data(), static_cast<std::size_t>(m.rows()), static_cast<std::size_t>(m.cols()), row_major ? outer : inner,
            row_major ? inner : outer};
  }
};

}  // namespace pluralism
