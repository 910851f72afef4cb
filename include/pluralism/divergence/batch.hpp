// SPDX-License-Identifier: MIT
#pragma once

/// @file divergence/batch.hpp
/// @brief Row-wise divergences over a batch: questions x options matrices (Eigen, xtensor 2-D, `matrix_view`,
/// `std::vector<std::array<T, K>>`), one result per question.
///
/// @code
/// Eigen::MatrixXd model(n, 5), human(n, 5);                      // one question per row
/// auto js = pl::divergence_rows(pl::divergence_metric::js_distance, model, human, {.base = 2});
/// @endcode
/// Row i of the result is exactly `divergence(metric, row i of P, row i of Q, options)`; errors name the row.
/// `options.threads` shares large batches out over threads (chunks of 8192 rows) without changing a bit.
/// Dense row-major double inputs are read in place; anything else (floats, column-major, strided) is copied
/// one row at a time into a small buffer.

#include <algorithm>
#include <cstddef>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "../contract.hpp"
#include "../detail/parallel.hpp"
#include "../matrix_view.hpp"
#include "kernels.hpp"
#include "options.hpp"
#include "row_blocks.hpp"

namespace pluralism {

/// Writes `divergence(metric, P.row(i), Q.row(i), options)` to `out[i]` for every row i.
/// Preconditions: P and Q have the same shape, at least one column; `out.size()` = rows.
/// @throws precondition_error `[pluralism.divergence.shape]` on shape mismatch, `[pluralism.divergence.size]` on
///         a wrong `out` size, and the errors of `divergence` (data errors name the row).
template <matrix_like MP, matrix_like MQ>
void divergence_rows(divergence_metric metric, const MP& P, const MQ& Q, std::span<double> out,
                     const divergence_options& options = {}) {
  const char* fn = "divergence_rows";
  const auto a = as_matrix(P);
  const auto b = as_matrix(Q);
  PLURALISM_EXPECTS(a.rows == b.rows && a.cols == b.cols, "pluralism.divergence.shape",
                    std::string(fn) + ": P is " + std::to_string(a.rows) + " x " + std::to_string(a.cols) +
                        " but Q is " + std::to_string(b.rows) + " x " + std::to_string(b.cols));
  PLURALISM_EXPECTS(out.size() == a.rows, "pluralism.divergence.size",
                    std::string(fn) + ": out has " + std::to_string(out.size()) + " slots for " +
                        std::to_string(a.rows) + " rows");
  if (a.rows == 0) return;
  PLURALISM_EXPECTS(a.cols > 0, "pluralism.divergence.empty", std::string(fn) + ": the rows have no options");
  detail::check_options(metric, options, fn);
  const double divisor = detail::log_divisor(options.base, fn);
  const std::size_t k = a.cols;
  const bool ordinal = metric == divergence_metric::wasserstein1 || metric == divergence_metric::representativeness;
  const auto scale = ordinal ? detail::make_ordinal_scale(options.positions, k, fn) : detail::ordinal_scale{};
  using TP = typename decltype(a)::value_type;
  using TQ = typename decltype(b)::value_type;
  // In place when nothing is rewritten: double, contiguous rows, no normalisation or smoothing.
  const bool rewrites = detail::rewrites_inputs(metric, options);
  bool in_place = false;
  if constexpr (std::is_same_v<TP, double> && std::is_same_v<TQ, double>)
    in_place = !rewrites && a.col_stride == 1 && b.col_stride == 1;
  // Chunks of rows, each on the fast path or else row by row; the chunks run on `options.threads` threads.
  constexpr std::size_t chunk = 8192;
  const std::size_t chunks = (a.rows + chunk - 1) / chunk;
  detail::with_metric(metric, [&]<divergence_metric M>() {
    detail::parallel_for(chunks, options.threads, [&](std::size_t c) {
      const std::size_t r0 = c * chunk, rows = std::min(chunk, a.rows - r0);
      if constexpr (detail::elementwise_metric<M> && std::is_same_v<TP, double> && std::is_same_v<TQ, double>) {
        // Fast path: dense rows as stored, no support check; falls through on invalid entries to name the row.
        const bool support_free = M != divergence_metric::kl || options.zeros == zero_policy::infinite;
        const bool smoothing = options.zeros == zero_policy::smooth && detail::zero_sensitive(M, options.order);
        if (support_free && !smoothing && options.normalize != normalization::require && a.col_stride == 1 &&
            b.col_stride == 1 && a.row_major_dense() && b.row_major_dense() &&
            detail::elementwise_rows<M>(a.data + r0 * k, b.data + r0 * k, rows, k, out.data() + r0, divisor,
                                        options.normalize == normalization::renormalize))
          return;
      }
      std::vector<double> bufp(k), bufq(k);
      for (std::size_t i = r0; i < r0 + rows; ++i) {
        const detail::divergence_site site{fn, i};
        if constexpr (std::is_same_v<TP, double> && std::is_same_v<TQ, double>) {
          if (in_place) {
            out[i] = detail::evaluate_read_only<M>(a.row(i).data(), b.row(i).data(), k, options, divisor, scale, site);
            continue;
          }
        }
        for (std::size_t j = 0; j < k; ++j) {
          bufp[j] = static_cast<double>(a(i, j));
          bufq[j] = static_cast<double>(b(i, j));
        }
        out[i] = detail::evaluate_in_place<M>(bufp.data(), bufq.data(), k, options, divisor, scale, site);
      }
    });
    return 0;
  });
}

/// The row-wise divergences as a vector (see the overload writing to a span).
template <matrix_like MP, matrix_like MQ>
std::vector<double> divergence_rows(divergence_metric metric, const MP& P, const MQ& Q,
                                    const divergence_options& options = {}) {
  std::vector<double> out(as_matrix(P).rows);
  divergence_rows(metric, P, Q, std::span<double>(out), options);
  return out;
}

}  // namespace pluralism
