// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto/detail/tree_ranks.hpp
/// @brief Internal: Pareto ranks of d >= 4 objectives by the lexicographic sweep of `sweep_ranks.hpp` with a
/// bucket k-d tree per front over the last d - 1 coordinates, in the manner of ENS-NDT (Gustavsson and
/// Syberfeldt 2018). Expected fast on ordinary data; the caller bounds the work and falls back to the
/// divide-and-conquer engine, which is O(n log^(d-1) n) whatever the data.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "sweep_ranks.hpp"

namespace pluralism::detail::pareto {

/// The points of one front (their last k coordinates), in a k-d tree whose leaves hold up to `leaf_max`
/// points stored contiguously. Points of one front never coincide on those coordinates (in lexicographic
/// order the later one would be dominated), so a full leaf can always be split.
template <class T, std::size_t K>
class front_tree {
 public:
  static constexpr std::size_t leaf_max = 24;

  explicit front_tree(std::size_t k) : k_(K == 0 ? k : K) {
    nodes_.push_back(node{});
    lo_.resize(k_);
  }

  /// True when a stored point is <= p in every coordinate. Adds the nodes and points visited to `work`.
  bool covers(const T* p, std::size_t& work) const {
    const std::size_t k = K == 0 ? k_ : K;
    auto& stack = stack_;
    stack.clear();
    stack.push_back(0);
    while (!stack.empty()) {
      const std::uint32_t at = stack.back();
      const node& nd = nodes_[at];
      stack.pop_back();
      ++work;
      // Prune a subtree whose least corner is not <= p: none of its points can be.
      const T* lo = lo_.data() + std::size_t{at} * k;
      bool can = true;
      for (std::size_t j = 0; j < k; ++j) can &= lo[j] <= p[j];
      if (!can) continue;
      if (nd.left == 0) {
        const std::size_t m = nd.pts.size() / k;
        const T* q = nd.pts.data();
        for (std::size_t i = 0; i < m; ++i, q += k) {
          bool le = true;
          for (std::size_t j = 0; j < k; ++j) le &= q[j] <= p[j];
          if (le) {
            work += i + 1;
            return true;
          }
        }
        work += m;
        continue;
      }
      // Left holds values < split, right values >= split: right can cover p only when split <= p.
      if (!(p[nd.dim] < nd.split)) stack.push_back(nd.left + 1);
      stack.push_back(nd.left);  // popped first: smaller values, likelier to cover
    }
    return false;
  }

  /// Adds p; adds the nodes walked and the coordinates a split copies to `work`, so that a degenerate tree
  /// (the tree is never rebalanced: some orders of arrival make it a path) exhausts the caller's budget.
  void insert(const T* p, std::size_t& work) {
    const std::size_t k = K == 0 ? k_ : K;
    std::uint32_t at = 0;
    std::size_t depth = 0;
    for (;;) {
      T* lo = lo_.data() + std::size_t{at} * k;
      if (nodes_[at].pts.empty() && nodes_[at].left == 0) {
        std::copy_n(p, k, lo);
      } else {
        for (std::size_t j = 0; j < k; ++j) lo[j] = std::min(lo[j], p[j]);
      }
      if (nodes_[at].left == 0) break;
      const node& nd = nodes_[at];
      at = p[nd.dim] < nd.split ? nd.left : nd.left + 1;
      ++depth;
    }
    nodes_[at].pts.insert(nodes_[at].pts.end(), p, p + k);
    work += depth + 1;
    if (nodes_[at].pts.size() > leaf_max * k) {
      work += nodes_[at].pts.size();
      split(at, depth);
    }
  }

 private:
  struct node {
    T split{};
    std::uint32_t dim = 0;
    std::uint32_t left = 0;  ///< 0: a leaf; else the children are left and left + 1
    std::vector<T> pts;      ///< a leaf's points, k coordinates each
  };
  std::size_t k_;
  std::vector<node> nodes_;
  std::vector<T> lo_;                         ///< least corner of each node's points, k per node
  mutable std::vector<std::uint32_t> stack_;  ///< reused by `covers`

  void split(std::uint32_t at, std::size_t depth) {
    const std::size_t k = K == 0 ? k_ : K;
    std::vector<T> pts = std::move(nodes_[at].pts);
    const std::size_t m = pts.size() / k;
    std::vector<T> vals(m);
    // Cycle through the coordinates by depth; skip a coordinate on which the leaf's points all agree.
    for (std::size_t t = 0; t < k; ++t) {
      const std::size_t dim = (depth + t) % k;
      for (std::size_t i = 0; i < m; ++i) vals[i] = pts[i * k + dim];
      auto mid = vals.begin() + static_cast<std::ptrdiff_t>(m / 2);
      std::nth_element(vals.begin(), mid, vals.end());
      T s = *mid;
      const T lo = *std::min_element(vals.begin(), vals.end());
      if (!(lo < s)) {  // the median is the minimum: split just above it, if anything is above
        bool found = false;
        for (auto v : vals)
          if (lo < v && (!found || v < s)) s = v, found = true;
        if (!found) continue;
      }
      node l, r;
      std::vector<T> llo(k), rlo(k);
      bool lfirst = true, rfirst = true;
      for (std::size_t i = 0; i < m; ++i) {
        const T* q = pts.data() + i * k;
        const bool left = q[dim] < s;
        auto& dst = left ? l.pts : r.pts;
        dst.insert(dst.end(), q, q + k);
        auto& c = left ? llo : rlo;
        bool& first = left ? lfirst : rfirst;
        for (std::size_t j = 0; j < k; ++j) c[j] = first ? q[j] : std::min(c[j], q[j]);
        first = false;
      }
      const auto child = static_cast<std::uint32_t>(nodes_.size());
      lo_.insert(lo_.end(), llo.begin(), llo.end());
      lo_.insert(lo_.end(), rlo.begin(), rlo.end());
      nodes_.push_back(std::move(l));
      nodes_.push_back(std::move(r));
      nodes_[at].split = s;
      nodes_[at].dim = static_cast<std::uint32_t>(dim);
      nodes_[at].left = child;
      return;
    }
    nodes_[at].pts = std::move(pts);  // all coordinates agree (not reachable for one front): stay a big leaf
  }
};

/// Ranks of the m distinct points `ux` (m x d, lexicographic order, d >= 2) by the sweep with one
/// `front_tree` per front. Returns false, leaving `r` unspecified, once the work passes `budget`.
template <class T, std::size_t K>
bool tree_ranks_fixed(const T* ux, std::size_t m, std::size_t d, std::size_t budget, std::vector<std::size_t>& r,
                      std::size_t* work_out = nullptr) {
  const std::size_t k = d - 1;
  r.assign(m, 0);
  std::vector<front_tree<T, K>> fronts;
  std::size_t work = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const T* p = ux + i * d + 1;
    const std::size_t lo = first_open_front(fronts.size(), [&](std::size_t f) { return fronts[f].covers(p, work); });
    if (lo == fronts.size()) fronts.emplace_back(k);
    fronts[lo].insert(p, work);
    if (work > budget) return false;
    r[i] = lo;
  }
  if (work_out != nullptr) *work_out = work;
  return true;
}

/// The work budget of `tree_ranks` before the caller falls back: about ten times what uniform random data
/// needs (150-200 node visits and point tests per point for 10^5 points in 4 and 5 objectives).
inline std::size_t tree_ranks_budget(std::size_t m) {
  std::size_t lg = 1;
  while ((std::size_t{1} << lg) < m && lg < 63) ++lg;
  return m * 128 * (lg + 1) + 4096;
}

template <class T>
bool tree_ranks(const T* ux, std::size_t m, std::size_t d, std::size_t budget, std::vector<std::size_t>& r) {
  switch (d) {
    case 4: return tree_ranks_fixed<T, 3>(ux, m, d, budget, r);
    case 5: return tree_ranks_fixed<T, 4>(ux, m, d, budget, r);
    case 6: return tree_ranks_fixed<T, 5>(ux, m, d, budget, r);
    default: return tree_ranks_fixed<T, 0>(ux, m, d, budget, r);
  }
}

}  // namespace pluralism::detail::pareto
