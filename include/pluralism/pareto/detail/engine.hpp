// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto/detail/engine.hpp
/// @brief Internal kernels on minimisation-oriented points: row dominance, lexicographic order and runs of
/// identical points, the streaming window filter (BNL), the 2-D and 3-D sweeps, and the divide-and-conquer
/// ranking engine of Jensen (2003) as generalised to ties by Fortin, Grenier and Parizeau (2013) and Buzdalov
/// and Shalyto (2014), which also serves as the d >= 4 filter.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <numeric>
#include <span>
#include <tuple>
#include <vector>

#include "points.hpp"

namespace pluralism::detail::pareto {

/// a dominates b (minimisation): a <= b everywhere and a < b somewhere.
template <class T>
inline bool row_dominates(const T* a, const T* b, std::size_t d) noexcept {
  bool strict = false;
  for (std::size_t j = 0; j < d; ++j) {
    if (a[j] > b[j]) return false;
    strict = strict || a[j] < b[j];
  }
  return strict;
}

template <class T>
inline bool row_equal(const T* a, const T* b, std::size_t d) noexcept {
  for (std::size_t j = 0; j < d; ++j)
    if (!(a[j] == b[j])) return false;
  return true;
}

/// Point ids sorted lexicographically by coordinates, ties (identical points) by id.
template <class T>
std::vector<std::size_t> lex_order(const T* x, std::size_t n, std::size_t d) {
  std::vector<std::size_t> o(n);
  std::iota(o.begin(), o.end(), std::size_t{0});
  std::sort(o.begin(), o.end(), [x, d](std::size_t a, std::size_t b) {
    const T* pa = x + a * d;
    const T* pb = x + b * d;
    for (std::size_t j = 0; j < d; ++j) {
      if (pa[j] < pb[j]) return true;
      if (pb[j] < pa[j]) return false;
    }
    return a < b;
  });
  return o;
}

/// Block-nested-loops window filter (Borzsonyi, Kossmann and Stocker 2001) with the window kept sorted by
/// coordinate sum, as in sort-filter-skyline (Chomicki et al. 2003): a dominator has a sum <= the dominated
/// point's (floating-point addition is monotone), so a scan for p's dominator stops at the first window sum
/// above p's, and strong points (small sums) are tried first. Exact when it finishes.
/// Returns false (giving up) when the window would exceed `limit` points or the comparisons exceed `budget`;
/// on success `keep[i]` marks the non-dominated points (identical points all kept).
template <class T, std::size_t D>
bool bnl_filter_fixed(const T* x, std::size_t n, std::size_t dd, std::size_t limit, std::size_t budget,
                      std::vector<std::uint8_t>& keep) {
  const std::size_t d = D == 0 ? dd : D;
  std::vector<T> w, ws;  // window coordinates and sums, ascending sums
  std::vector<std::size_t> wid;
  std::size_t work = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const T* p = x + i * d;
    T sp = 0;
    for (std::size_t j = 0; j < d; ++j) sp += p[j];
    if (sp != sp) return false;  // +inf and -inf in one point: no sum order; the fallback handles it
    const std::size_t size = wid.size();
    bool dominated = false;
    std::size_t k = 0;
    for (; k < size && !(ws[k] > sp); ++k) {
      const T* q = w.data() + k * d;
      bool q_le = true, strict = false;
      for (std::size_t j = 0; j < d; ++j) {
        q_le = q_le && q[j] <= p[j];
        strict = strict || q[j] < p[j];
      }
      if (q_le && strict) {
        dominated = true;
        break;
      }
    }
    work += k + 1;
    if (dominated) continue;
    // p survives: drop the window points it dominates (their sums are >= sp), insert p in sum order.
    std::size_t out = 0, pos = size;
    for (std::size_t r = 0; r < size; ++r) {
      const T* q = w.data() + r * d;
      bool p_le = !(ws[r] < sp), strict = false;
      for (std::size_t j = 0; j < d && p_le; ++j) {
        p_le = p[j] <= q[j];
        strict = strict || p[j] < q[j];
      }
      if (p_le && strict) continue;
      if (pos == size && ws[r] > sp) pos = out;
      if (out != r) {
        std::copy_n(w.begin() + static_cast<std::ptrdiff_t>(r * d), d, w.begin() + static_cast<std::ptrdiff_t>(out * d));
        ws[out] = ws[r];
        wid[out] = wid[r];
      }
      ++out;
    }
    work += size;
    if (pos == size) pos = out;
    if (out >= limit || work > budget) return false;
    w.resize(out * d);
    ws.resize(out);
    wid.resize(out);
    w.insert(w.begin() + static_cast<std::ptrdiff_t>(pos * d), p, p + d);
    ws.insert(ws.begin() + static_cast<std::ptrdiff_t>(pos), sp);
    wid.insert(wid.begin() + static_cast<std::ptrdiff_t>(pos), i);
  }
  keep.assign(n, 0);
  for (auto id : wid) keep[id] = 1;
  return true;
}

/// The window filter on n x d row-major minimisation points (see `bnl_filter_fixed`).
template <class T>
bool bnl_filter(const T* x, std::size_t n, std::size_t d, std::size_t limit, std::size_t budget,
                std::vector<std::uint8_t>& keep) {
  switch (d) {
    case 2: return bnl_filter_fixed<T, 2>(x, n, d, limit, budget, keep);
    case 3: return bnl_filter_fixed<T, 3>(x, n, d, limit, budget, keep);
    case 4: return bnl_filter_fixed<T, 4>(x, n, d, limit, budget, keep);
    case 5: return bnl_filter_fixed<T, 5>(x, n, d, limit, budget, keep);
    default: return bnl_filter_fixed<T, 0>(x, n, d, limit, budget, keep);
  }
}
template <class T>
bool bnl_filter(const point_set<T>& ps, std::size_t limit, std::size_t budget, std::vector<std::uint8_t>& keep) {
  return bnl_filter(ps.x.data(), ps.n, ps.d, limit, budget, keep);
}

/// 2-D: after a lexicographic sort, a run of identical points is dominated iff some earlier point has a
/// second coordinate <= its own (Kung, Luccio and Preparata 1975). O(n log n).
template <class T>
void sweep2_filter(const point_set<T>& ps, std::vector<std::uint8_t>& keep) {
  // Sort (x, y, id) records, not ids: contiguous keys sort several times faster than an indirect comparator.
  struct rec {
    T x, y;
    std::size_t id;
  };
  std::vector<rec> o(ps.n);
  for (std::size_t i = 0; i < ps.n; ++i) o[i] = {ps.p(i)[0], ps.p(i)[1], i};
  std::sort(o.begin(), o.end(), [](const rec& a, const rec& b) {
    return a.x < b.x || (a.x == b.x && (a.y < b.y || (a.y == b.y && a.id < b.id)));
  });
  keep.assign(ps.n, 0);
  bool have = false;
  T miny{};
  for (std::size_t a = 0; a < o.size();) {
    std::size_t b = a + 1;
    while (b < o.size() && o[b].x == o[a].x && o[b].y == o[a].y) ++b;
    const T y = o[a].y;
    const bool dom = have && miny <= y;
    for (std::size_t k = a; k < b; ++k) keep[o[k].id] = dom ? 0 : 1;
    if (!have || y < miny) miny = y;
    have = true;
    a = b;
  }
}

/// 3-D: lexicographic sweep over the first coordinate with a staircase of the (y, z) projections of the
/// non-dominated points so far (Kung, Luccio and Preparata 1975). O(n log n).
template <class T>
void sweep3_filter(const point_set<T>& ps, std::vector<std::uint8_t>& keep) {
  struct rec {
    T x, y, z;
    std::size_t id;
  };
  std::vector<rec> o(ps.n);
  for (std::size_t i = 0; i < ps.n; ++i) o[i] = {ps.p(i)[0], ps.p(i)[1], ps.p(i)[2], i};
  std::sort(o.begin(), o.end(), [](const rec& a, const rec& b) {
    if (a.x != b.x) return a.x < b.x;
    if (a.y != b.y) return a.y < b.y;
    if (a.z != b.z) return a.z < b.z;
    return a.id < b.id;
  });
  keep.assign(ps.n, 0);
  std::map<T, T> stair;  // y ascending, z strictly descending
  for (std::size_t a = 0; a < o.size();) {
    std::size_t b = a + 1;
    while (b < o.size() && o[b].x == o[a].x && o[b].y == o[a].y && o[b].z == o[a].z) ++b;
    const T y = o[a].y;
    const T z = o[a].z;
    auto it = stair.upper_bound(y);
    bool dom = false;
    if (it != stair.begin()) dom = std::prev(it)->second <= z;
    if (!dom) {
      for (std::size_t k = a; k < b; ++k) keep[o[k].id] = 1;
      auto e = stair.lower_bound(y);
      while (e != stair.end() && e->second >= z) e = stair.erase(e);
      stair.emplace_hint(e, y, z);
    }
    a = b;
  }
}

/// Unique points in lexicographic order: `ux` (m x d) and, for every input point, its unique id.
template <class T>
struct unique_points {
  std::vector<T> ux;
  std::size_t m = 0;
  std::vector<std::size_t> of;     ///< unique id of each input point
  std::vector<std::size_t> first;  ///< lowest input id of each unique point
};

template <class T>
unique_points<T> make_unique(const point_set<T>& ps) {
  unique_points<T> u;
  const auto o = lex_order(ps.x.data(), ps.n, ps.d);
  u.of.assign(ps.n, 0);
  for (std::size_t a = 0; a < o.size();) {
    std::size_t b = a + 1;
    while (b < o.size() && row_equal(ps.p(o[a]), ps.p(o[b]), ps.d)) ++b;
    u.ux.insert(u.ux.end(), ps.p(o[a]), ps.p(o[a]) + ps.d);
    u.first.push_back(o[a]);
    for (std::size_t k = a; k < b; ++k) u.of[o[k]] = u.m;
    ++u.m;
    a = b;
  }
  return u;
}

/// Divide and conquer over the lexicographic order (Jensen 2003; Fortin et al. 2013; Buzdalov and Shalyto
/// 2014): rank(p) = 1 + max rank of the points that dominate p. The points must be distinct, in
/// lexicographic order, d >= 2. `FilterOnly` caps ranks at 1 and skips dominated points (first front only).
/// O(n log^(d-1) n); the two-objective merge is a linear sweep and the three-objective one a max-Fenwick tree.
template <class T, bool FilterOnly>
class rank_engine {
 public:
  rank_engine(const T* x, std::size_t m, std::size_t d) : x_(x), m_(m), d_(d), r_(m, 0), buf_(m), tmp_(m) {
    std::iota(buf_.begin(), buf_.end(), std::size_t{0});
    std::sort(buf_.begin(), buf_.end(), [this](std::size_t a, std::size_t b) {
      return at(a, 1) < at(b, 1) || (at(a, 1) == at(b, 1) && a < b);
    });
    if (d_ >= 3) {  // dense ranks of coordinate 2 for the Fenwick tree
      std::vector<std::size_t> o(m);
      std::iota(o.begin(), o.end(), std::size_t{0});
      std::sort(o.begin(), o.end(), [this](std::size_t a, std::size_t b) { return at(a, 2) < at(b, 2); });
      c2_.assign(m, 0);
      std::size_t rank = 0;
      for (std::size_t k = 0; k < m; ++k) {
        if (k > 0 && at(o[k - 1], 2) < at(o[k], 2)) ++rank;
        c2_[o[k]] = rank + 1;  // 1-based
      }
      fw_.assign(rank + 2, 0);
    }
    if (d_ == 3) {  // positions also kept in coordinate-2 order, for the local Fenwick tree of `merge3`
      buf2_.resize(m);
      std::iota(buf2_.begin(), buf2_.end(), std::size_t{0});
      std::sort(buf2_.begin(), buf2_.end(), [this](std::size_t a, std::size_t b) { return less2(a, b); });
      tmp2_.resize(m);
      loc_.resize(m);
    }
  }
  std::vector<std::size_t>& run() {
    if (m_ > 1) solve(0, m_);
    return r_;
  }

 private:
  const T* x_;
  std::size_t m_, d_;
  std::vector<std::size_t> r_, buf_, tmp_, c2_, fw_, buf2_, tmp2_, loc_, lfw_;

  [[nodiscard]] bool less2(std::size_t a, std::size_t b) const noexcept {
    return at(a, 2) < at(b, 2) || (at(a, 2) == at(b, 2) && a < b);
  }

  // Three objectives, L = [lo, mid), H = [mid, hi): buf_ holds both sorted by coordinate 1 and buf2_ by
  // coordinate 2. Coordinate 2 is compressed locally (dense ranks over L u H, a linear merge), so the max-Fenwick
  // tree has |L| + |H| slots and stays in cache at the deep levels where most of the work is.
  void merge3(std::size_t lo, std::size_t mid, std::size_t hi) {
    const std::size_t* c2 = buf2_.data();
    std::size_t i = lo, j = mid, rank = 0;
    bool first = true;
    T last{};
    while (i < mid || j < hi) {
      const bool take_l = j >= hi || (i < mid && !less2(c2[j], c2[i]));
      const std::size_t id = take_l ? c2[i++] : c2[j++];
      if (first || last < at(id, 2)) ++rank;
      first = false;
      last = at(id, 2);
      loc_[id] = rank;
    }
    lfw_.assign(rank + 1, 0);
    const std::size_t* b = buf_.data();
    std::size_t a = lo;
    for (std::size_t k = mid; k < hi; ++k) {
      const std::size_t p = b[k];
      while (a < mid && at(b[a], 1) <= at(p, 1)) {
        const std::size_t q = b[a++];
        if (skip(q)) continue;
        for (std::size_t x = loc_[q]; x < lfw_.size(); x += x & (~x + 1)) lfw_[x] = std::max(lfw_[x], r_[q] + 1);
      }
      if (skip(p)) continue;
      std::size_t best = 0;
      for (std::size_t x = loc_[p]; x > 0; x -= x & (~x + 1)) best = std::max(best, lfw_[x]);
      if (best > 0) r_[p] = FilterOnly ? 1 : std::max(r_[p], best);
    }
  }

  [[nodiscard]] T at(std::size_t id, std::size_t j) const noexcept { return x_[id * d_ + j]; }
  [[nodiscard]] bool le_upto(std::size_t q, std::size_t p, std::size_t k) const noexcept {
    for (std::size_t j = 1; j <= k; ++j)
      if (at(q, j) > at(p, j)) return false;
    return true;
  }
  void raise(std::size_t p, std::size_t q) noexcept {
    if constexpr (FilterOnly) {
      r_[p] = 1;
    } else {
      r_[p] = std::max(r_[p], r_[q] + 1);
    }
  }
  [[nodiscard]] bool skip(std::size_t id) const noexcept { return FilterOnly && r_[id] > 0; }

  // Ids lo..hi-1 (lexicographic positions); buf_[lo, hi) holds them sorted by coordinate 1 on entry and exit.
  void solve(std::size_t lo, std::size_t hi) {
    if (hi - lo <= 24) {
      for (std::size_t i = lo; i < hi; ++i) {
        if (skip(i)) continue;
        for (std::size_t j = lo; j < i; ++j)
          if (!skip(j) && le_upto(j, i, d_ - 1)) {
            raise(i, j);
            if constexpr (FilterOnly) break;
          }
      }
      return;
    }
    const std::size_t mid = lo + (hi - lo) / 2;
    auto* b = buf_.data();
    {  // stable partition by position (left half first), keeping the coordinate-1 order within each half
      std::size_t a = lo, c = mid;
      for (std::size_t k = lo; k < hi; ++k) tmp_[b[k] < mid ? a++ : c++] = b[k];
      std::copy(tmp_.data() + lo, tmp_.data() + hi, b + lo);
    }
    if (d_ == 3) {
      auto* b2 = buf2_.data();
      std::size_t a = lo, c = mid;
      for (std::size_t k = lo; k < hi; ++k) tmp2_[b2[k] < mid ? a++ : c++] = b2[k];
      std::copy(tmp2_.data() + lo, tmp2_.data() + hi, b2 + lo);
    }
    solve(lo, mid);
    if (d_ == 3) {
      merge3(lo, mid, hi);
    } else {
      helper(std::span<const std::size_t>(b + lo, mid - lo), std::span<const std::size_t>(b + mid, hi - mid), d_ - 1);
    }
    solve(mid, hi);
    std::merge(b + lo, b + mid, b + mid, b + hi, tmp_.data() + lo, [this](std::size_t a, std::size_t c) {
      return at(a, 1) < at(c, 1) || (at(a, 1) == at(c, 1) && a < c);
    });
    std::copy(tmp_.data() + lo, tmp_.data() + hi, b + lo);
    if (d_ == 3) {
      auto* b2 = buf2_.data();
      std::merge(b2 + lo, b2 + mid, b2 + mid, b2 + hi, tmp2_.data() + lo,
                 [this](std::size_t a, std::size_t c) { return less2(a, c); });
      std::copy(tmp2_.data() + lo, tmp2_.data() + hi, b2 + lo);
    }
  }

  // For every p in H: raise by every q in L with q_j <= p_j for j = 1..k. L and H sorted by coordinate 1.
  void helper(std::span<const std::size_t> L, std::span<const std::size_t> H, std::size_t k) {
    if (L.empty() || H.empty()) return;
    if (L.size() * H.size() <= 256) {
      for (auto p : H) {
        if (skip(p)) continue;
        for (auto q : L)
          if (!skip(q) && le_upto(q, p, k)) {
            raise(p, q);
            if constexpr (FilterOnly) break;
          }
      }
      return;
    }
    if (k == 1) {
      std::size_t best = 0;  // 1 + max rank seen, 0 = none
      std::size_t j = 0;
      for (auto p : H) {
        while (j < L.size() && at(L[j], 1) <= at(p, 1)) {
          if (!skip(L[j])) best = std::max(best, r_[L[j]] + 1);
          ++j;
        }
        if (best > 0 && !skip(p)) r_[p] = FilterOnly ? 1 : std::max(r_[p], best);
      }
      return;
    }
    if (k == 2) {
      std::size_t j = 0;
      for (auto p : H) {
        while (j < L.size() && at(L[j], 1) <= at(p, 1)) {
          if (!skip(L[j])) fw_update(c2_[L[j]], r_[L[j]] + 1);
          ++j;
        }
        if (skip(p)) continue;
        const std::size_t best = fw_query(c2_[p]);
        if (best > 0) r_[p] = FilterOnly ? 1 : std::max(r_[p], best);
      }
      for (std::size_t i = 0; i < j; ++i) fw_clear(c2_[L[i]]);
      return;
    }
    // k >= 3: split L u H at the median of (coordinate k, from-H, id); see helper's proof in the tests' notes:
    // left-of-split L can dominate right-of-split H on coordinate k, never the reverse.
    std::vector<std::tuple<T, int, std::size_t>> keys;
    keys.reserve(L.size() + H.size());
    for (auto q : L)
      if (!skip(q)) keys.emplace_back(at(q, k), 0, q);
    for (auto p : H)
      if (!skip(p)) keys.emplace_back(at(p, k), 1, p);
    if (keys.size() < 2) return;
    auto nth = keys.begin() + static_cast<std::ptrdiff_t>(keys.size() / 2);
    std::nth_element(keys.begin(), nth, keys.end());
    const auto pivot = *nth;
    std::vector<std::size_t> la, lb, ha, hb;
    for (auto q : L) {
      if (skip(q)) continue;
      (std::make_tuple(at(q, k), 0, q) < pivot ? la : lb).push_back(q);
    }
    for (auto p : H) {
      if (skip(p)) continue;
      (std::make_tuple(at(p, k), 1, p) < pivot ? ha : hb).push_back(p);
    }
    helper(la, ha, k);
    helper(la, hb, k - 1);
    helper(lb, hb, k);
  }

  void fw_update(std::size_t i, std::size_t v) noexcept {
    for (; i < fw_.size(); i += i & (~i + 1)) fw_[i] = std::max(fw_[i], v);
  }
  [[nodiscard]] std::size_t fw_query(std::size_t i) const noexcept {
    std::size_t v = 0;
    for (; i > 0; i -= i & (~i + 1)) v = std::max(v, fw_[i]);
    return v;
  }
  void fw_clear(std::size_t i) noexcept {
    for (; i < fw_.size(); i += i & (~i + 1)) fw_[i] = 0;
  }
};

}  // namespace pluralism::detail::pareto
