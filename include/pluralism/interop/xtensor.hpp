// SPDX-License-Identifier: MIT
#pragma once

/// @file interop/xtensor.hpp
/// @brief xtensor as a first-class input: 2-D containers (xtensor, xarray, adaptors) become `matrix_view`s.
/// Works with xtensor 0.24 (Debian; flat header paths) and 0.26+ (headers moved into subfolders).
/// Part of the component target `pluralism::xtensor`.

#if __has_include(<xtensor/containers/xtensor.hpp>)
#include <xtensor/containers/xarray.hpp>
#include <xtensor/containers/xtensor.hpp>
#else
#include <xtensor/xarray.hpp>
#include <xtensor/xtensor.hpp>
#endif

#include <cstddef>
#include <string>
#include <type_traits>

#include "../contract.hpp"
#include "../matrix_view.hpp"

namespace pluralism {

/// xtensor containers with contiguous storage and element strides (xtensor<T, 2>, xarray<T> of dimension 2).
template <class M>
  requires xt::is_xexpression<M>::value && requires(const M& m) {
    m.data();
    m.strides();
    m.shape();
    m.dimension();
  }
struct matrix_traits<M> {
  using scalar = std::remove_const_t<typename M::value_type>;
  /// @throws precondition_error `[pluralism.matrix.dimension]` when the expression is not 2-D.
  static matrix_view<const scalar> view(const M& m) {
    PLURALISM_EXPECTS(m.dimension() == 2, "pluralism.matrix.dimension",
                      "as_matrix: expected a 2-D xtensor expression, got dimension " + std::to_string(m.dimension()));
    const auto& st = m.strides();
    return {m.data(), static_cast<std::size_t>(m.shape()[0]), static_cast<std::size_t>(m.shape()[1]),
            static_cast<std::ptrdiff_t>(st[0]), static_cast<std::ptrdiff_t>(st[1])};
  }
};

}  // namespace pluralism
