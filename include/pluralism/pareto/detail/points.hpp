// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto/detail/points.hpp
/// @brief Internal: a dense, minimisation-oriented copy of a point set, with NaN policy applied and (on
/// request) constant columns removed. Every Pareto algorithm works on this form.

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "../../contract.hpp"
#include "../../matrix_view.hpp"
#include "../options.hpp"

namespace pluralism::detail::pareto {

/// The floating type an algorithm computes in: the input's own float type, else double.
template <class V>
using real_t = std::conditional_t<std::is_floating_point_v<V>, V, double>;

/// n points of d coordinates, row-major, all to be minimised.
template <class T>
struct point_set {
  std::vector<T> x;
  std::size_t n = 0;
  std::size_t d = 0;
  std::vector<std::size_t> row;  ///< original row of each point
  std::size_t input_rows = 0;
  [[nodiscard]] const T* p(std::size_t i) const noexcept { return x.data() + i * d; }
};

inline void check_senses(const senses& s, std::size_t cols, const char* fn) {
  PLURALISM_EXPECTS(s.empty() || s.size() == cols, "pluralism.pareto.senses",
                    std::string(fn) + ": " + std::to_string(s.size()) + " senses given for " + std::to_string(cols) +
                        " objective columns (give one per column, or none to minimise all)");
}

/// Copies `m` into minimisation form. `drop_constant`: remove columns on which every kept point agrees
/// (they never decide dominance).
template <class T, class V>
point_set<T> prepare(const matrix_view<const V>& m, const pareto_options& opt, const char* fn, bool drop_constant) {
  check_senses(opt.objectives, m.cols, fn);
  point_set<T> ps;
  ps.input_rows = m.rows;
  const std::size_t cols = m.cols;
  std::vector<T> sign(cols, T(1));
  for (std::size_t j = 0; j < opt.objectives.size(); ++j)
    if (opt.objectives[j] == sense::maximize) sign[j] = T(-1);
  ps.x.resize(m.rows * cols);
  ps.row.resize(m.rows);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < m.rows; ++i) {
    T* out = ps.x.data() + kept * cols;
    bool has_nan = false;
    for (std::size_t j = 0; j < cols; ++j) {
      const T v = static_cast<T>(m(i, j));
      if (v != v) [[unlikely]] {
        has_nan = true;
        PLURALISM_EXPECTS(opt.nans != objective_nan_policy::error, "pluralism.pareto.nan",
                          std::string(fn) + ": row " + std::to_string(i) + ", column " + std::to_string(j) +
                              " is NaN (objective_nan_policy::error; choose objective_nan_policy::worst or objective_nan_policy::drop)");
        out[j] = std::numeric_limits<T>::infinity();
      } else {
        out[j] = sign[j] * v;
      }
    }
    if (has_nan && opt.nans == objective_nan_policy::drop) continue;
    ps.row[kept++] = i;
  }
  ps.x.resize(kept * cols);
  ps.row.resize(kept);
  ps.n = ps.row.size();
  ps.d = cols;
  if (drop_constant && ps.n > 0 && cols > 0) {
    std::vector<std::size_t> keep;
    for (std::size_t j = 0; j < cols; ++j) {
      const T first = ps.x[j];
      for (std::size_t i = 1; i < ps.n; ++i)
        if (!(ps.x[i * cols + j] == first)) {
          keep.push_back(j);
          break;
        }
    }
    if (keep.size() < cols) {
      std::vector<T> y(ps.n * keep.size());
      for (std::size_t i = 0; i < ps.n; ++i)
        for (std::size_t k = 0; k < keep.size(); ++k) y[i * keep.size() + k] = ps.x[i * cols + keep[k]];
      ps.x.swap(y);
      ps.d = keep.size();
    }
  }
  return ps;
}

}  // namespace pluralism::detail::pareto
