// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto/hypervolume.hpp
/// @brief The hypervolume indicator (the Lebesgue measure of the region dominated by a point set and bounded
/// by a reference point) and each point's exclusive contribution.
///
/// Algorithms: one objective is a difference; two a sort and sweep; three the dimension sweep of Beume et al.
/// (2009, "On the complexity of computing the hypervolume indicator", O(n log n)) over a staircase; four and
/// more WFG (While, Bradstreet and Barone 2012): hv(S) = sum_i exclhv(s_i, {s_j : j > i}) with the points
/// sorted worst-first in the last objective, so every limit set shares s_i's last coordinate and is solved one
/// dimension down. Contributions: exclhv(p, S \ {p}) = vol(p) - hv(limit set).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "../concepts/sequence.hpp"
#include "../contract.hpp"
#include "../matrix_view.hpp"
#include "detail/points.hpp"
#include "filter.hpp"
#include "options.hpp"

namespace pluralism {

namespace detail::pareto {

/// Points (n x d, row-major, minimisation) that all strictly dominate `ref`.
struct hv_set {
  std::vector<double> x;
  std::size_t n = 0;
  std::size_t d = 0;
  [[nodiscard]] const double* p(std::size_t i) const noexcept { return x.data() + i * d; }
};

inline double hv_box(const double* p, const double* ref, std::size_t d) noexcept {
  double v = 1.0;
  for (std::size_t j = 0; j < d; ++j) v *= ref[j] - p[j];
  return v;
}

inline double hv2(const hv_set& s, const double* ref) {
  std::vector<std::size_t> o(s.n);
  std::iota(o.begin(), o.end(), std::size_t{0});
  std::sort(o.begin(), o.end(), [&s](std::size_t a, std::size_t b) {
    return s.p(a)[0] < s.p(b)[0] || (s.p(a)[0] == s.p(b)[0] && s.p(a)[1] < s.p(b)[1]);
  });
  double v = 0.0, top = ref[1];
  for (auto i : o) {
    const double* p = s.p(i);
    if (p[1] < top) {
      v += (ref[0] - p[0]) * (top - p[1]);
      top = p[1];
    }
  }
  return v;
}

/// Sweep in z over a staircase of (x, y) projections with its dominated area (Beume et al. 2009).
inline double hv3(const hv_set& s, const double* ref) {
  std::vector<std::size_t> o(s.n);
  std::iota(o.begin(), o.end(), std::size_t{0});
  std::sort(o.begin(), o.end(), [&s](std::size_t a, std::size_t b) { return s.p(a)[2] < s.p(b)[2]; });
  std::map<double, double> st;  // x ascending, y strictly descending
  double area = 0.0, v = 0.0;
  for (std::size_t k = 0; k < o.size(); ++k) {
    const double* p = s.p(o[k]);
    const double px = p[0], py = p[1];
    auto right = st.upper_bound(px);
    double h = ref[1];  // staircase height at px before p is added
    bool covered = false;
    if (right != st.begin()) {
      auto left = std::prev(right);
      covered = left->second <= py;  // weakly dominated in (x, y): the area does not change
      h = left->second;
      if (left->first == px) right = left;  // same x, higher y: p removes it
    }
    if (!covered) {
      // Remove the entries p dominates (x >= px, y >= py), adding the area between p and the old staircase.
      double x0 = px;
      auto e = right;
      while (e != st.end() && e->second >= py) {
        area += (e->first - x0) * (h - py);
        x0 = e->first;
        h = e->second;
        e = st.erase(e);
      }
      const double xr = e == st.end() ? ref[0] : e->first;
      area += (xr - x0) * (h - py);
      st[px] = py;
    }
    const double znext = k + 1 < o.size() ? s.p(o[k + 1])[2] : ref[2];
    v += area * (znext - p[2]);
  }
  return v;
}

inline hv_set nondominated_unique(hv_set s) {
  if (s.n <= 1) return s;
  point_set<double> ps;
  ps.x = s.x;
  ps.n = s.n;
  ps.d = s.d;
  ps.row.resize(s.n);
  auto keep = nondominated_points(ps);
  keep_first_duplicates(ps, keep);
  hv_set out;
  out.d = s.d;
  for (std::size_t i = 0; i < s.n; ++i)
    if (keep[i]) out.x.insert(out.x.end(), s.p(i), s.p(i) + s.d), ++out.n;
  return out;
}

inline double hv_any(hv_set s, const double* ref);

/// WFG with the last objective sliced off: s must be non-dominated.
inline double hv_wfg(hv_set s, const double* ref) {
  const std::size_t d = s.d, last = d - 1;
  std::vector<std::size_t> o(s.n);
  std::iota(o.begin(), o.end(), std::size_t{0});
  std::sort(o.begin(), o.end(), [&s, last](std::size_t a, std::size_t b) { return s.p(a)[last] > s.p(b)[last]; });
  double v = 0.0;
  hv_set lim;
  lim.d = last;
  for (std::size_t i = 0; i < o.size(); ++i) {
    const double* p = s.p(o[i]);
    lim.x.clear();
    lim.n = 0;
    for (std::size_t k = i + 1; k < o.size(); ++k) {
      const double* q = s.p(o[k]);
      for (std::size_t j = 0; j < last; ++j) lim.x.push_back(std::max(p[j], q[j]));
      ++lim.n;
    }
    const double slab = ref[last] - p[last];
    v += slab * (hv_box(p, ref, last) - hv_any(nondominated_unique(lim), ref));
  }
  return v;
}

inline double hv_any(hv_set s, const double* ref) {
  if (s.n == 0) return 0.0;
  if (s.n == 1) return hv_box(s.p(0), ref, s.d);
  switch (s.d) {
    case 1: {
      double m = s.x[0];
      for (double v : s.x) m = std::min(m, v);
      return ref[0] - m;
    }
    case 2: return hv2(s, ref);
    case 3: return hv3(s, ref);
    default: return hv_wfg(nondominated_unique(std::move(s)), ref);
  }
}

/// Orients points and reference for minimisation and keeps the points that strictly dominate the reference.
template <class V, class R>
std::pair<hv_set, std::vector<double>> hv_prepare(const matrix_view<const V>& m, const R& reference,
                                                  const pareto_options& opt, const char* fn,
                                                  std::vector<std::size_t>* rows = nullptr) {
  PLURALISM_EXPECTS(m.cols >= 1, "pluralism.pareto.objectives", std::string(fn) + ": needs at least one objective");
  std::vector<double> ref;
  for (auto it = detail::sequence_begin(reference); it != detail::sequence_end(reference); ++it)
    ref.push_back(static_cast<double>(*it));
  PLURALISM_EXPECTS(ref.size() == m.cols, "pluralism.pareto.reference",
                    std::string(fn) + ": the reference point has " + std::to_string(ref.size()) +
                        " coordinates for " + std::to_string(m.cols) + " objectives");
  for (std::size_t j = 0; j < ref.size(); ++j)
    PLURALISM_EXPECTS(std::isfinite(ref[j]), "pluralism.pareto.reference",
                      std::string(fn) + ": reference coordinate " + std::to_string(j) + " is " + std::to_string(ref[j]) +
                          " (must be finite)");
  const auto ps = prepare<double>(m, opt, fn, false);
  for (std::size_t j = 0; j < opt.objectives.size(); ++j)
    if (opt.objectives[j] == sense::maximize) ref[j] = -ref[j];
  hv_set s;
  s.d = m.cols;
  for (std::size_t i = 0; i < ps.n; ++i) {
    const double* p = ps.p(i);
    bool inside = true;
    for (std::size_t j = 0; j < s.d; ++j) inside = inside && p[j] < ref[j];
    if (!inside) continue;  // contributes nothing: its box is empty
    s.x.insert(s.x.end(), p, p + s.d);
    ++s.n;
    if (rows) rows->push_back(ps.row[i]);
  }
  return {std::move(s), std::move(ref)};
}

}  // namespace detail::pareto

/// The hypervolume of `points` with respect to `reference`: the measure of the union of the boxes between
/// each point and the reference point, under `opt.objectives` (minimised objectives need reference >= point).
/// Points that do not strictly dominate the reference contribute nothing (their box is empty); duplicates and
/// dominated points do not change the result.
/// Complexity: O(n log n) for 1 to 3 objectives; WFG above (exponential in the worst case, fast in practice).
/// @throws precondition_error `[pluralism.pareto.reference]` wrong length or non-finite coordinate;
///   `[pluralism.pareto.objectives]` zero objectives; as `nondominated_mask` for senses and NaN (a NaN is the
///   worst value under `objective_nan_policy::worst`, so its point contributes nothing).
template <matrix_like M, arithmetic_sequence R>
double hypervolume(const M& points, const R& reference, const pareto_options& opt = {}) {
  auto [s, ref] = detail::pareto::hv_prepare(as_matrix(points), reference, opt, "hypervolume");
  return detail::pareto::hv_any(std::move(s), ref.data());
}

/// Which points a contribution is measured against.
enum class contribution_basis : std::uint8_t {
  nondominated,  ///< default (moocore's `ignore_dominated`): dominated points are removed first
  all_points,    ///< hypervolume(all) - hypervolume(all but that row), dominated points included
};

/// Each row's exclusive hypervolume contribution. With `contribution_basis::nondominated` (default) it is
/// hypervolume(F) - hypervolume(F without the row) for the non-dominated set F; with `all_points` the set is
/// every row (so removing a front point can uncover dominated ones). Dominated rows, rows with a duplicate,
/// rows outside the reference box and dropped NaN rows contribute 0.
/// Complexity: one hypervolume of a limit set per point (O(n^2 log n) for three objectives).
/// @throws precondition_error as `hypervolume`.
template <matrix_like M, arithmetic_sequence R>
std::vector<double> hypervolume_contributions(const M& points, const R& reference, const pareto_options& opt = {},
                                              contribution_basis basis = contribution_basis::nondominated) {
  namespace dp = detail::pareto;
  const auto m = as_matrix(points);
  std::vector<std::size_t> rows;
  // Named references, not a structured binding: Clang before 16 cannot capture bindings in the lambdas below.
  auto prepared = dp::hv_prepare(m, reference, opt, "hypervolume_contributions", &rows);
  dp::hv_set& s = prepared.first;
  std::vector<double>& ref = prepared.second;
  std::vector<double> out(m.rows, 0.0);
  std::vector<std::uint8_t> active(s.n, 1);
  if (basis == contribution_basis::nondominated && s.n > 1) {
    dp::point_set<double> ps;
    ps.x = s.x;
    ps.n = s.n;
    ps.d = s.d;
    ps.row.resize(s.n);
    active = dp::nondominated_points(ps);
  }
  if (s.d == 2 && basis == contribution_basis::nondominated) {
    // Two objectives: along the front sorted by the first objective, a point's exclusive box is bounded by
    // its neighbours: (x_next - x) * (y_prev - y). O(n log n).
    std::vector<std::size_t> o;
    for (std::size_t i = 0; i < s.n; ++i)
      if (active[i]) o.push_back(i);
    std::sort(o.begin(), o.end(), [&s](std::size_t a, std::size_t b) {
      return s.p(a)[0] < s.p(b)[0] || (s.p(a)[0] == s.p(b)[0] && a < b);
    });
    for (std::size_t k = 0; k < o.size(); ++k) {
      const double* p = s.p(o[k]);
      const bool dup = (k > 0 && s.p(o[k - 1])[0] == p[0]) || (k + 1 < o.size() && s.p(o[k + 1])[0] == p[0]);
      if (dup) continue;  // identical points (same x on a front means same y): nothing exclusive
      const double xn = k + 1 < o.size() ? s.p(o[k + 1])[0] : ref[0];
      const double yp = k > 0 ? s.p(o[k - 1])[1] : ref[1];
      out[rows[o[k]]] = (xn - p[0]) * (yp - p[1]);
    }
    return out;
  }
  dp::hv_set lim;
  for (std::size_t i = 0; i < s.n; ++i) {
    if (!active[i]) continue;
    const double* p = s.p(i);
    lim = dp::hv_set{};
    lim.d = s.d;
    bool covered = false;
    for (std::size_t k = 0; k < s.n && !covered; ++k) {
      if (k == i || !active[k]) continue;
      const double* q = s.p(k);
      bool q_le = true;
      for (std::size_t j = 0; j < s.d; ++j) {
        q_le = q_le && q[j] <= p[j];
        lim.x.push_back(std::max(p[j], q[j]));
      }
      covered = q_le;  // weakly dominated or duplicated: nothing exclusive
      ++lim.n;
    }
    if (covered) continue;
    out[rows[i]] = dp::hv_box(p, ref.data(), s.d) - dp::hv_any(std::move(lim), ref.data());
  }
  return out;
}

}  // namespace pluralism
