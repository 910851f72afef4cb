// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto/detail/sweep_ranks.hpp
/// @brief Internal: Pareto ranks of two- and three-objective points by one sweep in lexicographic order.
///
/// In lexicographic order every dominator of p comes before p, and an earlier point q that is distinct from p
/// dominates p iff q's remaining coordinates are all <= p's. So rank(p) = 1 + the largest rank among the
/// earlier points whose remaining coordinates are <= p's. The sweep keeps, per front, the minimal elements of
/// the remaining coordinates of its points so far (for d = 3 a (y, z) staircase; for d = 2 the least y). The
/// fronts are nested: if front r has a point weakly below p (r >= 1), that point is dominated by an earlier
/// point of front r - 1, which is then weakly below p too. Hence "front r has a point weakly below p" holds
/// exactly for r < rank(p), and rank(p) is found by binary search over the fronts (Jensen 2003 for d = 2).
/// O(n log n log R) for d = 3 with R fronts.

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <map>
#include <utility>
#include <vector>

#include "points.hpp"

namespace pluralism::detail::pareto {

/// The minimal (y, z) pairs of a set of points: y strictly ascending, z strictly descending. Stored in blocks
/// of at most `max_block` contiguous pairs (fast to search and to edit), found through an ordered map from
/// each block's first y, so that every operation costs O(log n + max_block) whatever the order of arrival
/// (a single sorted array, or a flat list of blocks, is quadratic when points arrive in descending y).
template <class T>
class staircase {
 public:
  /// True when some pair (y', z') has y' <= y and z' <= z.
  [[nodiscard]] bool covers(T y, T z) const noexcept {
    // Last block whose first y is <= y, then the last pair in it with y' <= y (the smallest z among y' <= y).
    auto hb = dir_.upper_bound(y);
    if (hb == dir_.begin()) return false;
    const auto& b = pool_[std::prev(hb)->second];
    const auto it = std::upper_bound(b.begin(), b.end(), y, [](T v, const std::pair<T, T>& e) { return v < e.first; });
    return std::prev(it)->second <= z;
  }

  /// Adds (y, z), which must not be covered, and drops the pairs it covers.
  void insert(T y, T z) {
    if (dir_.empty()) {
      dir_.emplace(y, new_block());
      pool_[dir_.begin()->second].emplace_back(y, z);
      return;
    }
    // The block holding the first pair with y' >= y: the last block whose head is < y (else the first).
    auto hb = dir_.lower_bound(y);
    if (hb != dir_.begin()) --hb;
    const std::size_t b = hb->second;
    auto& cur = pool_[b];
    const auto pos = std::lower_bound(cur.begin(), cur.end(), y,
                                      [](const std::pair<T, T>& e, T v) { return e.first < v; });
    // Covered pairs (y' >= y and z' >= z) follow pos contiguously, since z descends; pairs with y' == y have
    // z' > z (else (y, z) would be covered), so they go too.
    auto end = pos;
    while (end != cur.end() && end->second >= z) ++end;
    const bool to_end = end == cur.end();
    const auto at = cur.erase(pos, end);
    cur.insert(at, {y, z});
    auto next = std::next(hb);
    if (hb->first != cur.front().first) {  // only the first block's head can change (y below every head)
      dir_.erase(hb);
      dir_.emplace(cur.front().first, b);
    }
    while (to_end && next != dir_.end()) {  // the run of covered pairs may continue into the next blocks
      auto& nb = pool_[next->second];
      auto e = nb.begin();
      while (e != nb.end() && e->second >= z) ++e;
      if (e == nb.end()) {
        nb.clear();
        free_.push_back(next->second);
        next = dir_.erase(next);
        continue;
      }
      nb.erase(nb.begin(), e);
      const std::size_t c = next->second;
      dir_.erase(next);
      dir_.emplace(nb.front().first, c);
      break;
    }
    if (pool_[b].size() > max_block) {  // split in two halves
      const std::size_t r = new_block();
      auto& left = pool_[b];  // after new_block, which may move the pool
      const auto half = static_cast<std::ptrdiff_t>(left.size() / 2);
      pool_[r].assign(left.begin() + half, left.end());
      left.resize(static_cast<std::size_t>(half));
      dir_.emplace(pool_[r].front().first, r);
    }
  }

  /// Number of pairs (for tests).
  [[nodiscard]] std::size_t size() const noexcept {
    std::size_t s = 0;
    for (const auto& [head, b] : dir_) s += pool_[b].size();
    return s;
  }

  static constexpr std::size_t max_block = 512;

 private:
  std::map<T, std::size_t> dir_;                    ///< first y of each block -> the block in `pool_`
  std::vector<std::vector<std::pair<T, T>>> pool_;  ///< blocks; the free ones are listed in `free_`
  std::vector<std::size_t> free_;

  std::size_t new_block() {
    if (!free_.empty()) {
      const std::size_t b = free_.back();
      free_.pop_back();
      return b;
    }
    pool_.emplace_back();
    return pool_.size() - 1;
  }
};

/// The first of `count` nested fronts that does not cover a point, where `covers(f)` says whether front f
/// does: fronts [0, r) cover it and [r, count) do not (see the file comment), so r is found by binary search.
/// The last front is tried first: it is small, and with correlated objectives it often covers the point (which
/// then opens a new front).
template <class Covers>
std::size_t first_open_front(std::size_t count, Covers covers) {
  std::size_t lo = 0, hi = count;
  if (hi > 0) {
    if (covers(hi - 1)) return hi;
    --hi;
  }
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (covers(mid)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/// Ranks of n points with d = 2 or d = 3 minimisation coordinates (identical points share a rank).
template <class T>
std::vector<std::size_t> sweep_ranks(const point_set<T>& ps) {
  const std::size_t n = ps.n;
  std::vector<std::size_t> rank(n, 0);
  if (n == 0) return rank;
  // Sort packed records, not ids: contiguous keys sort several times faster than an indirect comparator.
  struct rec {
    T x, y, z;
    std::size_t id;
  };
  std::vector<rec> o(n);
  const bool three = ps.d == 3;
  for (std::size_t i = 0; i < n; ++i) {
    const T* p = ps.p(i);
    o[i] = {p[0], p[1], three ? p[2] : T(0), i};
  }
  std::sort(o.begin(), o.end(), [](const rec& a, const rec& b) {
    if (a.x != b.x) return a.x < b.x;
    if (a.y != b.y) return a.y < b.y;
    return a.z < b.z;
  });
  if (!three) {
    // fy[k]: least y of front k so far, non-decreasing in k; a point joins the first front whose fy exceeds
    // its y (Jensen 2003). Identical points are adjacent and get the same answer.
    std::vector<T> fy;
    for (std::size_t a = 0; a < n;) {
      std::size_t b = a + 1;
      while (b < n && o[b].x == o[a].x && o[b].y == o[a].y) ++b;
      const T y = o[a].y;
      const auto k = static_cast<std::size_t>(std::upper_bound(fy.begin(), fy.end(), y) - fy.begin());
      if (k == fy.size()) {
        fy.push_back(y);
      } else {
        fy[k] = y;
      }
      for (std::size_t i = a; i < b; ++i) rank[o[i].id] = k;
      a = b;
    }
    return rank;
  }
  std::vector<staircase<T>> fronts;
  for (std::size_t a = 0; a < n;) {
    std::size_t b = a + 1;
    while (b < n && o[b].x == o[a].x && o[b].y == o[a].y && o[b].z == o[a].z) ++b;
    const T y = o[a].y, z = o[a].z;
    const std::size_t lo = first_open_front(fronts.size(), [&](std::size_t f) { return fronts[f].covers(y, z); });
    if (lo == fronts.size()) fronts.emplace_back();
    fronts[lo].insert(y, z);
    for (std::size_t i = a; i < b; ++i) rank[o[i].id] = lo;
    a = b;
  }
  return rank;
}

}  // namespace pluralism::detail::pareto
