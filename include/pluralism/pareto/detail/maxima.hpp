// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto/detail/maxima.hpp
/// @brief Internal worst-case kernels of the non-dominated filter on minimisation-oriented points: the
/// multidimensional divide and conquer for the maxima problem (Kung, Luccio and Preparata 1975; Bentley 1980),
/// O(n log^(d-2) n) for d >= 4 objectives, and a 2-D sweep behind a linear-time radix sort.
///
/// Tie rule (both kernels): q dominates p iff q <= p in every coordinate and q < p in one (values compared
/// with `<` and `==`, so -0.0 == +0.0). Identical points never dominate each other: they are all kept or all
/// dropped together (the caller applies `duplicate_policy::keep_first` afterwards). Points must hold no NaN
/// (the caller's NaN policy removes them first); infinities are ordinary values.

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <type_traits>
#include <vector>

namespace pluralism::detail::pareto {

/// Order-preserving unsigned key of a float or double: a < b iff key(a) < key(b), a == b iff key(a) == key(b)
/// (-0.0 is mapped to +0.0 first). No NaN.
template <class T>
inline auto sort_key(T v) noexcept {
  using U = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;
  if (v == T(0)) v = T(0);
  const U u = std::bit_cast<U>(v);
  constexpr U top = U{1} << (sizeof(U) * 8 - 1);
  return (u & top) ? static_cast<U>(~u) : static_cast<U>(u | top);
}

/// Stably reorders `order` by the unsigned keys key_of(order[k]): a least-significant-digit radix sort with
/// 11-bit digits that skips the digits every key shares. O(n) for a fixed key width.
template <class U, class Id, class KeyOf>
void radix_sort_by(std::vector<Id>& order, KeyOf key_of) {
  const std::size_t n = order.size();
  struct rec {
    U key;
    Id id;
  };
  std::vector<rec> r(n);
  for (std::size_t k = 0; k < n; ++k) r[k] = {key_of(order[k]), order[k]};
  if (n < 256) {
    std::stable_sort(r.begin(), r.end(), [](const rec& a, const rec& b) { return a.key < b.key; });
  } else {
    constexpr unsigned bits = 11, words = (sizeof(U) * 8 + bits - 1) / bits;
    constexpr std::size_t buckets = std::size_t{1} << bits;
    const auto digit = [](U key, unsigned w) { return static_cast<std::size_t>(key >> (w * bits)) & (buckets - 1); };
    std::vector<std::array<std::size_t, buckets>> hist(words);
    for (auto& h : hist) h.fill(0);
    for (std::size_t i = 0; i < n; ++i)
      for (unsigned w = 0; w < words; ++w) ++hist[w][digit(r[i].key, w)];
    std::vector<rec> s(n);
    for (unsigned w = 0; w < words; ++w) {
      auto& h = hist[w];
      if (h[digit(r[0].key, w)] == n) continue;  // every key has this digit: the pass would move nothing
      std::size_t sum = 0;
      for (auto& c : h) {
        const std::size_t t = c;
        c = sum;
        sum += t;
      }
      for (std::size_t i = 0; i < n; ++i) s[h[digit(r[i].key, w)]++] = r[i];
      r.swap(s);
    }
  }
  for (std::size_t k = 0; k < n; ++k) order[k] = r[k].id;
}

/// Divide and conquer for the points no other point dominates, on m DISTINCT points in lexicographic order,
/// d >= 2, given by the dense ranks of their coordinates 1..d-1 (column j at cols[(j - 1) * m], point ids =
/// lexicographic positions; ranks compare exactly as the values, ties included). In lexicographic order a
/// dominator always comes first, so p is dominated iff an earlier point q has q_j <= p_j for j = 1..d-1
/// (coordinate 0 is already <=, and q != p).
///
/// `solve` halves the lexicographic order (the split on the first coordinate; exactly-equal first coordinates
/// on both sides of the split are handled by the order itself), filters the lower half, removes the points of
/// the upper half weakly dominated on coordinates 1..d-1 by a survivor of the lower half (`marry`), then
/// filters the upper half. `marry(L, H, k)` asks, for every p in H, whether some q in L has q_j <= p_j for
/// j = 1..k. It splits L u H at the median of coordinate k under the total order (value, position), positions
/// of L before those of H, so the lower part of L is <= the upper part of H on coordinate k (drop k: a
/// (k-1)-coordinate problem) and the upper part of L never weakly dominates the lower part of H on it. For
/// k = 3 it sweeps in coordinate-1 order with a prefix-minimum Fenwick tree (O(s log n)), for k = 2 it is a
/// linear sweep over the lists kept in coordinate-1 order (least coordinate 2 of the L points passed), for
/// k = 1 a comparison with L's least coordinate 1. With M_k(s) = 2 M_k(s/2) + M_(k-1)(s) + O(s) and
/// M_3(s) = O(s log n), M_k = O(s log^(k-2) n), and the whole is T(n) = 2 T(n/2) + M_(d-1)(n) =
/// O(n log^(d-2) n) for d >= 4 (O(n log n) for d = 2, 3). Memory O(n d) plus the marriage lists.
/// A point found dominated is not used again: a non-dominated point dominates whatever it dominated.
template <class Id>
class maxima_engine {
 public:
  maxima_engine(const Id* cols, std::size_t m, std::size_t d) : c_(cols), m_(m), d_(d), dom_(m, 0), buf_(m), tmp_(m) {
    std::iota(buf_.begin(), buf_.end(), Id{0});
    radix_sort_by<Id>(buf_, [this](Id a) { return col(1)[a]; });  // stable: ties by id
    pool_.reserve(4 * m + 16);
    if (d >= 4 && m > 0) {
      none_ = static_cast<Id>(*std::max_element(col(3), col(3) + m) + 1);
      fw_.assign(static_cast<std::size_t>(*std::max_element(col(2), col(2) + m)) + 2, none_);
    }
  }
  /// dominated()[i] = 1 when point i is dominated.
  const std::vector<std::uint8_t>& run() {
    if (m_ > 1) solve(0, m_);
    return dom_;
  }

 private:
  static constexpr std::size_t base_solve = 16;     // brute force below this many points
  static constexpr std::size_t base_marry = 96;     // ... and below this many pairs
  static constexpr std::size_t base_fenwick = 1024;  // three coordinates: brute force below this many pairs
  const Id* c_;
  std::size_t m_, d_;
  std::vector<std::uint8_t> dom_;
  std::vector<Id> buf_, tmp_;  // buf_: ids in coordinate-1 order within each solved range
  std::vector<Id> pool_;       // a stack of the marriage lists
  struct key {
    Id v, pos;
  };
  std::vector<key> keys_;
  std::vector<Id> fw_;  // prefix-minimum Fenwick tree over coordinate 2 of coordinate-3 ranks
  Id none_ = 0;

  [[nodiscard]] const Id* col(std::size_t j) const noexcept { return c_ + (j - 1) * m_; }
  [[nodiscard]] bool less1(Id a, Id b) const noexcept {
    const Id* c1 = col(1);
    return c1[a] < c1[b] || (c1[a] == c1[b] && a < b);
  }
  [[nodiscard]] bool le(Id q, Id p, std::size_t k) const noexcept {  // q_j <= p_j for j = 1..k
    for (std::size_t j = 1; j <= k; ++j)
      if (col(j)[q] > col(j)[p]) return false;
    return true;
  }

  // Ids lo..hi-1; buf_[lo, hi) holds them in coordinate-1 order on entry and on exit.
  void solve(std::size_t lo, std::size_t hi) {
    if (hi - lo <= base_solve) {
      for (std::size_t i = lo; i < hi; ++i) {
        if (dom_[i]) continue;
        for (std::size_t j = lo; j < i; ++j)
          if (!dom_[j] && le(static_cast<Id>(j), static_cast<Id>(i), d_ - 1)) {
            dom_[i] = 1;
            break;
          }
      }
      return;
    }
    const std::size_t mid = lo + (hi - lo) / 2;
    Id* b = buf_.data();
    {  // stable partition by position, keeping the coordinate-1 order within each half
      std::size_t a = lo, c = mid;
      for (std::size_t k = lo; k < hi; ++k) tmp_[b[k] < mid ? a++ : c++] = b[k];
      std::copy(tmp_.data() + lo, tmp_.data() + hi, b + lo);
    }
    solve(lo, mid);
    const std::size_t base = pool_.size();
    for (std::size_t k = lo; k < mid; ++k)
      if (!dom_[b[k]]) pool_.push_back(b[k]);
    const std::size_t nl = pool_.size() - base;
    for (std::size_t k = mid; k < hi; ++k)
      if (!dom_[b[k]]) pool_.push_back(b[k]);
    marry(base, nl, base + nl, pool_.size() - base - nl, d_ - 1);
    pool_.resize(base);
    solve(mid, hi);
    b = buf_.data();
    std::merge(b + lo, b + mid, b + mid, b + hi, tmp_.data() + lo, [this](Id a, Id c) { return less1(a, c); });
    std::copy(tmp_.data() + lo, tmp_.data() + hi, b + lo);
  }

  // For every p in H = pool_[ho, ho + nh): dominated if some q in L = pool_[lo, lo + nl) has q_j <= p_j for
  // j = 1..k. Both lists are in coordinate-1 order; points of L are final (never marked here).
  void marry(std::size_t lo, std::size_t nl, std::size_t ho, std::size_t nh, std::size_t k) {
    if (nl == 0 || nh == 0) return;
    const Id* L = pool_.data() + lo;
    const Id* H = pool_.data() + ho;
    const Id* c1 = col(1);
    if (k == 1) {  // L's first point has the least coordinate 1
      const Id m = c1[L[0]];
      for (std::size_t i = 0; i < nh; ++i)
        if (m <= c1[H[i]]) dom_[H[i]] = 1;
      return;
    }
    const Id* c2 = col(2);
    if (k == 2) {  // sweep in coordinate-1 order, keeping the least coordinate 2 of the L points passed
      std::size_t j = 0;
      Id m = std::numeric_limits<Id>::max();
      bool have = false;
      for (std::size_t i = 0; i < nh; ++i) {
        const Id p = H[i];
        for (; j < nl && c1[L[j]] <= c1[p]; ++j) {
          m = std::min(m, c2[L[j]]);
          have = true;
        }
        if (have && m <= c2[p]) dom_[p] = 1;
      }
      return;
    }
    if (nl * nh <= (k == 3 ? base_fenwick : base_marry)) {
      for (std::size_t i = 0; i < nh; ++i) {
        const Id p = H[i];
        if (dom_[p]) continue;
        for (std::size_t j = 0; j < nl; ++j)
          if (le(L[j], p, k)) {
            dom_[p] = 1;
            break;
          }
      }
      return;
    }
    if (k == 3) {
      // Sweep in coordinate-1 order; the tree answers "least coordinate 3 over the L points passed with
      // coordinate 2 <= p's" (equal values share a dense rank, so ties count as <=). O(s log n).
      const Id* c3 = col(3);
      const std::size_t size = fw_.size();
      std::size_t j = 0;
      for (std::size_t i = 0; i < nh; ++i) {
        const Id p = H[i];
        for (; j < nl && c1[L[j]] <= c1[p]; ++j) {
          const Id v = c3[L[j]];
          for (std::size_t t = static_cast<std::size_t>(c2[L[j]]) + 1; t < size; t += t & (~t + 1)) fw_[t] = std::min(fw_[t], v);
        }
        Id best = none_;
        for (std::size_t t = static_cast<std::size_t>(c2[p]) + 1; t > 0; t -= t & (~t + 1)) best = std::min(best, fw_[t]);
        if (best <= c3[p]) dom_[p] = 1;
      }
      for (std::size_t i = 0; i < j; ++i)
        for (std::size_t t = static_cast<std::size_t>(c2[L[i]]) + 1; t < size; t += t & (~t + 1)) fw_[t] = none_;
      return;
    }
    const Id* ck = col(k);
    Id lmin = ck[L[0]], lmax = lmin, hmin = ck[H[0]], hmax = hmin;
    for (std::size_t i = 1; i < nl; ++i) lmin = std::min(lmin, ck[L[i]]), lmax = std::max(lmax, ck[L[i]]);
    for (std::size_t i = 1; i < nh; ++i) hmin = std::min(hmin, ck[H[i]]), hmax = std::max(hmax, ck[H[i]]);
    if (hmax < lmin) return;  // no q_k <= p_k anywhere
    if (lmax <= hmin) {       // coordinate k never decides
      marry(lo, nl, ho, nh, k - 1);
      return;
    }
    // Median of L u H under (coordinate k, position), positions of L before those of H.
    const std::size_t s = nl + nh;
    keys_.resize(s);
    for (std::size_t i = 0; i < nl; ++i) keys_[i] = {ck[L[i]], static_cast<Id>(i)};
    for (std::size_t i = 0; i < nh; ++i) keys_[nl + i] = {ck[H[i]], static_cast<Id>(nl + i)};
    const auto kless = [](const key& a, const key& c) { return a.v < c.v || (a.v == c.v && a.pos < c.pos); };
    std::nth_element(keys_.begin(), keys_.begin() + static_cast<std::ptrdiff_t>(s / 2), keys_.end(), kless);
    const key piv = keys_[s / 2];
    // Children, each in coordinate-1 order: la = L below the pivot, lb = L at or above it; ha, hb likewise.
    const std::size_t base = pool_.size();
    pool_.resize(base + s);
    L = pool_.data() + lo;
    H = pool_.data() + ho;
    Id* out = pool_.data() + base;
    std::size_t na = 0, nb = 0;
    for (std::size_t i = 0; i < nl; ++i) {
      const Id q = L[i];
      if (kless({ck[q], static_cast<Id>(i)}, piv)) {
        out[na++] = q;
      } else {
        out[nl - 1 - nb++] = q;  // from the back, reversed below
      }
    }
    std::reverse(out + na, out + nl);
    std::size_t ma = 0, mb = 0;
    Id* outh = out + nl;
    for (std::size_t i = 0; i < nh; ++i) {
      const Id p = H[i];
      if (dom_[p]) continue;
      if (kless({ck[p], static_cast<Id>(nl + i)}, piv)) {
        outh[ma++] = p;
      } else {
        outh[nh - 1 - mb++] = p;
      }
    }
    std::reverse(outh + nh - mb, outh + nh);
    const std::size_t la = base, lb = base + na, ha = base + nl, hb = base + nl + nh - mb;
    marry(la, na, ha, ma, k);
    marry(la, na, hb, mb, k - 1);
    std::size_t live = 0;  // drop the points of hb found dominated just now, keeping the order
    for (std::size_t i = 0; i < mb; ++i) {
      const Id p = pool_[hb + i];
      if (!dom_[p]) pool_[hb + live++] = p;
    }
    marry(lb, nb, hb, live, k);
    pool_.resize(base);
  }
};

/// Dense ranks (0-based; equal values share one) of column j of the n x d row-major points, for every point.
template <class T, class Id>
void column_ranks(const T* x, std::size_t n, std::size_t d, std::size_t j, Id* rank) {
  std::vector<Id> o(n);
  std::iota(o.begin(), o.end(), Id{0});
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    using U = decltype(sort_key(T{}));
    radix_sort_by<U>(o, [x, d, j](Id i) { return sort_key(x[static_cast<std::size_t>(i) * d + j]); });
  } else {
    std::sort(o.begin(), o.end(), [x, d, j](Id a, Id b) { return x[static_cast<std::size_t>(a) * d + j] < x[static_cast<std::size_t>(b) * d + j]; });
  }
  Id r = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (k > 0 && x[static_cast<std::size_t>(o[k - 1]) * d + j] < x[static_cast<std::size_t>(o[k]) * d + j]) ++r;
    rank[o[k]] = r;
  }
}

/// The divide and conquer with point ids of type Id (Id must hold n).
template <class Id, class T>
void maxima_filter_with(const T* x, std::size_t n, std::size_t d, std::vector<std::uint8_t>& keep) {
  // Dense ranks of every column, then the lexicographic order by a stable radix sort on each column's ranks,
  // last column first.
  std::vector<Id> rk(n * d);
  for (std::size_t j = 0; j < d; ++j) column_ranks(x, n, d, j, rk.data() + j * n);
  std::vector<Id> o(n);
  std::iota(o.begin(), o.end(), Id{0});
  for (std::size_t j = d; j-- > 0;) radix_sort_by<Id>(o, [&rk, n, j](Id i) { return rk[j * n + i]; });
  // Merge identical points (equal ranks everywhere): unique id u in lexicographic order, its rank columns.
  std::vector<Id> of(n);
  std::size_t m = 0;
  const auto same = [&rk, n, d](Id a, Id b) {
    for (std::size_t j = 0; j < d; ++j)
      if (rk[j * n + a] != rk[j * n + b]) return false;
    return true;
  };
  std::vector<Id> first;
  for (std::size_t a = 0; a < n;) {
    std::size_t b = a + 1;
    while (b < n && same(o[a], o[b])) ++b;
    first.push_back(o[a]);
    for (std::size_t k = a; k < b; ++k) of[o[k]] = static_cast<Id>(m);
    ++m;
    a = b;
  }
  std::vector<Id> cols((d - 1) * m);
  for (std::size_t j = 1; j < d; ++j)
    for (std::size_t u = 0; u < m; ++u) cols[(j - 1) * m + u] = rk[j * n + first[u]];
  maxima_engine<Id> e(cols.data(), m, d);
  const auto& dom = e.run();
  for (std::size_t i = 0; i < n; ++i) keep[i] = dom[of[i]] ? 0 : 1;
}

/// The non-dominated filter by divide and conquer on n x d row-major minimisation points without NaN, any
/// d >= 1, duplicates allowed: keep[i] = 1 iff no point dominates point i (identical points all kept).
/// Ranks every column and sorts lexicographically (radix sorts for float and double), merges identical points
/// and runs `maxima_engine`: O(n log^(d-2) n) for d >= 4, O(n log n) for d = 2, 3 (the sweeps of engine.hpp
/// and `radix_sweep2` are faster there; the filter uses this path for d >= 4).
template <class T>
void maxima_filter(const T* x, std::size_t n, std::size_t d, std::vector<std::uint8_t>& keep) {
  keep.assign(n, 1);
  if (n < 2 || d == 0) return;
  if (d == 1) {
    const T best = *std::min_element(x, x + n);
    for (std::size_t i = 0; i < n; ++i) keep[i] = x[i] == best ? 1 : 0;
    return;
  }
  if (n <= std::numeric_limits<std::uint32_t>::max()) {
    maxima_filter_with<std::uint32_t>(x, n, d, keep);
  } else {
    maxima_filter_with<std::size_t>(x, n, d, keep);
  }
}

/// 2-D filter on n x 2 row-major minimisation points without NaN: a radix sort on the first coordinate
/// (`radix_sort_by`, O(n)), then one sweep over the runs of equal first coordinate (Kung, Luccio and Preparata
/// 1975): the points of a run with its least second coordinate y are kept iff no earlier run reached a second
/// coordinate <= y; the other points of the run are dominated by them. Identical points all kept.
template <class T>
void radix_sweep2(const T* x, std::size_t n, std::vector<std::uint8_t>& keep) {
  keep.assign(n, 0);
  if (n == 0) return;
  // The sweep over the ids in ascending first coordinate (ties in any order).
  const auto sweep = [x, n, &keep](const auto& o) {
    bool have = false;
    T miny{};
    for (std::size_t a = 0; a < n;) {
      const std::size_t ia = static_cast<std::size_t>(o[a]);
      const T xa = x[2 * ia];
      T runmin = x[2 * ia + 1];
      std::size_t b = a + 1;
      for (; b < n && x[2 * static_cast<std::size_t>(o[b])] == xa; ++b)
        runmin = std::min(runmin, x[2 * static_cast<std::size_t>(o[b]) + 1]);
      if (!(have && miny <= runmin))
        for (std::size_t k = a; k < b; ++k)
          if (x[2 * static_cast<std::size_t>(o[k]) + 1] == runmin) keep[static_cast<std::size_t>(o[k])] = 1;
      if (!have || runmin < miny) miny = runmin;
      have = true;
      a = b;
    }
  };
  constexpr bool radix = std::is_same_v<T, float> || std::is_same_v<T, double>;
  if constexpr (radix) {
    if (n <= std::numeric_limits<std::uint32_t>::max()) {
      using U = decltype(sort_key(T{}));
      std::vector<std::uint32_t> o(n);
      std::iota(o.begin(), o.end(), std::uint32_t{0});
      radix_sort_by<U>(o, [x](std::uint32_t i) { return sort_key(x[2 * static_cast<std::size_t>(i)]); });
      sweep(o);
      return;
    }
  }
  std::vector<std::size_t> o(n);
  std::iota(o.begin(), o.end(), std::size_t{0});
  std::sort(o.begin(), o.end(), [x](std::size_t a, std::size_t b) { return x[2 * a] < x[2 * b]; });
  sweep(o);
}

}  // namespace pluralism::detail::pareto
