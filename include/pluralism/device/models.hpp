// SPDX-License-Identifier: MIT
#pragma once

/// @file device/models.hpp
/// @brief Juror models the device kernels can call: a dense prediction matrix in device memory, and a
/// low-rank model (item factors times annotator factors) that never builds the matrix.
///
/// A device juror model is a trivially copyable callable, `PLURALISM_HD`, with
/// `model(std::uint64_t item, std::uint32_t annotator)` returning an arithmetic rating. `item` is the global
/// item index (the one the random streams use), so a model sees the same item numbering whatever the
/// chunking. Semantic requirements: deterministic, and safe to call concurrently; for results that are
/// identical on every back end it must also give the same bits on host and device, which excludes
/// expressions a compiler may contract into fused multiply-adds (nvcc contracts by default, GCC does under
/// -march=native). `low_rank_model` therefore spells its fused multiply-adds out.

#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "../config.hpp"

namespace pluralism::device {

/// What the device kernels accept as a juror model (see the file comment for the semantic requirements).
template <class M>
concept device_juror_model = std::is_trivially_copyable_v<M> && std::copy_constructible<M> &&
    requires(const M& m, std::uint64_t item, std::uint32_t annotator) {
      { m(item, annotator) } -> std::convertible_to<double>;
    };

/// A row-major items x annotators matrix of predictions: `data[(item - first_item) * pitch + annotator]`.
/// `pitch` counts elements (not bytes) between rows, >= the number of annotators. `data` points to memory the
/// back end can read: device memory for CUDA, ordinary memory for the OpenMP and serial back ends.
template <class T>
struct dense_predictions {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>, "predictions are float or double");
  const T* data = nullptr;
  std::size_t pitch = 0;
  std::uint64_t first_item = 0;  ///< global index of row 0

  PLURALISM_HD double operator()(std::uint64_t item, std::uint32_t annotator) const noexcept {
    return static_cast<double>(data[static_cast<std::size_t>(item - first_item) * pitch + annotator]);
  }
};

/// Low-rank predictions: rating(item, a) = sum over k of U[item - first_item][k] * V[a][k] (+ bias), with U
/// (items x rank) and V (annotators x rank) row-major in device memory. The sum runs over k in order, in
/// double, as explicit fused multiply-adds, so host and device give the same bits. A factor model of
/// jury learning (Gordon et al., CHI 2022, section 4) is of this form.
template <class T>
struct low_rank_model {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>, "factors are float or double");
  const T* item_factors = nullptr;
  const T* annotator_factors = nullptr;
  std::uint32_t rank = 0;
  double bias = 0.0;
  std::uint64_t first_item = 0;  ///< global index of row 0 of the item factors

  PLURALISM_HD double operator()(std::uint64_t item, std::uint32_t annotator) const noexcept {
    const T* u = item_factors + static_cast<std::size_t>(item - first_item) * rank;
    const T* v = annotator_factors + static_cast<std::size_t>(annotator) * rank;
    double sum = bias;
    for (std::uint32_t k = 0; k < rank; ++k) {
#if PLURALISM_DEVICE_PASS
      sum = ::fma(static_cast<double>(u[k]), static_cast<double>(v[k]), sum);
#else
      sum = std::fma(static_cast<double>(u[k]), static_cast<double>(v[k]), sum);
#endif
    }
    return sum;
  }
};

static_assert(device_juror_model<dense_predictions<float>>);
static_assert(device_juror_model<low_rank_model<double>>);

}  // namespace pluralism::device
