// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto/filter.hpp
/// @brief The non-dominated (Pareto) filter: a mask or the indices of the rows no other row dominates.
///
/// Adaptive: a streaming window pass (BNL) first, which is linear in practice when the front is small (the
/// expected front of n i.i.d. points has about ln^(d-1) n / (d-1)! points); if the window or the work grows
/// past a budget it falls back to a worst-case-bounded algorithm: a sweep behind a radix sort for 2 objectives
/// (O(n) for float and double), the O(n log n) staircase sweep for 3 (Kung, Luccio and Preparata 1975) and, for 4 and more, their
/// multidimensional divide and conquer (detail/maxima.hpp), O(n log^(d-2) n). Constant columns are dropped
/// first (they never decide). The window gives up after O(n d) work at most (its budget), so these bounds
/// hold for the whole filter.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "../matrix_view.hpp"
#include "detail/engine.hpp"
#include "detail/maxima.hpp"
#include "detail/points.hpp"
#include "options.hpp"

namespace pluralism {

namespace detail::pareto {
/// Streaming first: give up once the window passes ~4 sqrt(n) points or the work passes a few
/// sort-equivalents, so the fallback bounds the worst case.
inline std::size_t window_limit(std::size_t n, std::size_t d) {
  // Two objectives: the radix sweep costs a few window comparisons per point, so the window gets little room.
  if (d <= 2) return 256;
  return static_cast<std::size_t>(std::max(256.0, 4.0 * std::sqrt(static_cast<double>(n))));
}
inline std::size_t window_budget(std::size_t n, std::size_t d) {
  const std::size_t limit = window_limit(n, d);
  return static_cast<std::size_t>(static_cast<double>(n) * (d <= 3 ? 48.0 : 400.0)) + limit * limit;
}

/// keep[i] for the points of `ps` (after NaN handling), with duplicates all kept. `window`: try the
/// streaming window first (false when the caller's window already gave up on the same points).
template <class T>
std::vector<std::uint8_t> nondominated_points(const point_set<T>& ps, bool window = true) {
  std::vector<std::uint8_t> keep;
  if (ps.n == 0) return keep;
  if (ps.d == 0) return std::vector<std::uint8_t>(ps.n, 1);
  if (ps.d == 1) {
    T best = ps.x[0];
    for (std::size_t i = 1; i < ps.n; ++i) best = std::min(best, ps.x[i]);
    keep.resize(ps.n);
    for (std::size_t i = 0; i < ps.n; ++i) keep[i] = ps.x[i] == best ? 1 : 0;
    return keep;
  }
  if (window && bnl_filter(ps, window_limit(ps.n, ps.d), window_budget(ps.n, ps.d), keep)) return keep;
  if (ps.d == 2) {
    radix_sweep2(ps.x.data(), ps.n, keep);
  } else if (ps.d == 3) {
    sweep3_filter(ps, keep);
  } else {
    maxima_filter(ps.x.data(), ps.n, ps.d, keep);
  }
  return keep;
}

/// Applies duplicate_policy::keep_first: of identical kept points only the lowest index stays.
template <class T>
void keep_first_duplicates(const T* x, std::size_t d, std::vector<std::uint8_t>& keep) {
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < keep.size(); ++i)
    if (keep[i]) kept.push_back(i);
  std::sort(kept.begin(), kept.end(), [x, d](std::size_t a, std::size_t b) {
    for (std::size_t j = 0; j < d; ++j) {
      if (x[a * d + j] < x[b * d + j]) return true;
      if (x[b * d + j] < x[a * d + j]) return false;
    }
    return a < b;
  });
  for (std::size_t k = 1; k < kept.size(); ++k)
    if (row_equal(x + kept[k - 1] * d, x + kept[k] * d, d)) keep[kept[k]] = 0;
}
template <class T>
void keep_first_duplicates(const point_set<T>& ps, std::vector<std::uint8_t>& keep) {
  keep_first_duplicates(ps.x.data(), ps.d, keep);
}

/// The mask over the input rows (dropped NaN rows are false).
template <class V>
std::vector<std::uint8_t> nondominated_rows(const matrix_view<const V>& m, const pareto_options& opt, const char* fn) {
  using T = real_t<V>;
  // Fast path without a copy: dense row-major floating input, every objective minimised, two or more of them.
  // A NaN makes the window give up (its sum is NaN), and the copying path below applies the NaN policy.
  bool window = true;
  if constexpr (std::is_same_v<T, V>) {
    check_senses(opt.objectives, m.cols, fn);
    const bool all_min = std::none_of(opt.objectives.begin(), opt.objectives.end(),
                                      [](sense s) { return s == sense::maximize; });
    if (all_min && m.row_major_dense() && m.cols >= 2 && m.rows > 0) {
      std::vector<std::uint8_t> keep;
      if (bnl_filter(m.data, m.rows, m.cols, window_limit(m.rows, m.cols), window_budget(m.rows, m.cols), keep)) {
        if (opt.duplicates == duplicate_policy::keep_first) keep_first_duplicates(m.data, m.cols, keep);
        return keep;
      }
      // It gave up on these points and would again below, unless it stopped at a row whose sum is NaN (a NaN
      // coordinate, or +inf and -inf): the copying path below applies the NaN policy first, so try it there.
      bool nan_sum = false;
      for (std::size_t i = 0; i < m.rows && !nan_sum; ++i) {
        T sum = 0;
        for (std::size_t j = 0; j < m.cols; ++j) sum += m.data[i * m.cols + j];
        nan_sum = sum != sum;
      }
      window = nan_sum;
      // Two objectives without NaN: the radix sweep straight on the input, no copy.
      if (m.cols == 2 && std::none_of(m.data, m.data + 2 * m.rows, [](T v) { return v != v; })) {
        radix_sweep2(m.data, m.rows, keep);
        if (opt.duplicates == duplicate_policy::keep_first) keep_first_duplicates(m.data, m.cols, keep);
        return keep;
      }
    }
  }
  const auto ps = prepare<T>(m, opt, fn, true);
  auto keep = nondominated_points(ps, window);
  if (opt.duplicates == duplicate_policy::keep_first) keep_first_duplicates(ps, keep);
  std::vector<std::uint8_t> out(m.rows, 0);
  for (std::size_t i = 0; i < ps.n; ++i) out[ps.row[i]] = keep[i];
  return out;
}
}  // namespace detail::pareto

/// For each row of `points` (rows = candidates, columns = objectives), whether no other row dominates it.
///
/// Input: anything `as_matrix` accepts (Eigen, xtensor 2-D, `std::vector<std::array<T, D>>`, `matrix_view`,
/// `as_matrix(flat, cols)` for a runtime number of objectives); float or double (integers compute in double).
/// Semantics: dominance is "at least as good in every objective, better in one" under `opt.objectives`
/// (values compared exactly: equal means `==`, so -0.0 equals +0.0; a row tied with another in some
/// objectives and better in one dominates it, whatever the algorithm or the row order); identical rows do not
/// dominate each other and are all kept (`duplicate_policy::keep_all`) or only the first (`keep_first`);
/// zero objectives make every row equal (all kept); one objective keeps the rows attaining the best value.
/// Rows with NaN: `objective_nan_policy::error` throws, `worst` treats NaN as the worst value, `drop` marks them false.
/// Complexity: O(n d) expected on typical data (small fronts: the window pass); worst case O(n) for 2
/// objectives (a radix sort and a sweep; O(n log n) beyond float, double or 2^32 rows), O(n log n) for 3 (a staircase sweep) and O(n log^(d-2) n) for
/// d >= 4 (the divide and conquer of Kung, Luccio and Preparata 1975), d fixed; plus O(n log n) for `keep_first`.
/// @throws precondition_error `[pluralism.pareto.senses]` wrong number of senses; `[pluralism.pareto.nan]`
///   NaN under `objective_nan_policy::error` (names row and column).
template <matrix_like M>
std::vector<bool> nondominated_mask(const M& points, const pareto_options& opt = {}) {
  const auto k = detail::pareto::nondominated_rows(as_matrix(points), opt, "nondominated_mask");
  return std::vector<bool>(k.begin(), k.end());
}

/// The 0-based indices, ascending, of the non-dominated rows; same semantics and errors as `nondominated_mask`.
template <matrix_like M>
std::vector<std::size_t> nondominated_indices(const M& points, const pareto_options& opt = {}) {
  const auto k = detail::pareto::nondominated_rows(as_matrix(points), opt, "nondominated_indices");
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < k.size(); ++i)
    if (k[i]) idx.push_back(i);
  return idx;
}

}  // namespace pluralism
