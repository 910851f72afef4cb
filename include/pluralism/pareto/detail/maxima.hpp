// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto/detail/maxima.hpp
/// @brief Internal worst-case kernels of the non-dominated filter on minimisation-oriented points: the
/// multidimensional divide and conquer for the maxima problem (Kung, Luccio and Preparata 1975; Bentley 1980),
/// O(n log^(d-2) n) for d >= 4 objectives, and a 2-D sweep behind a linear-time radix sort.
///
/// Tie rule (both kernels): q dominates p iff q <= p in every coordinate and q != p in one (values compared
/// with `<` and `==`, so -0.0 == +0.0). Identical points are never dominated by each other: they are all
/// kept or all dropped together (the caller applies `duplicate_policy::keep_first` afterwards). Points must
/// hold no NaN (the caller's NaN policy removes them first); infinities are ordinary values.

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <type_traits>
#include <vector>

namespace pluralism::detail::pareto {

/// Divide and conquer for the points no other point dominates, on m DISTINCT points given in lexicographic
/// order (row-major m x d, d >= 2). In lexicographic order a dominator always comes first, so p is dominated
/// iff an earlier point q has q_j <= p_j for j = 1..d-1 (coordinate 0 is already <=, and q != p).
///
/// `solve` halves the lexicographic order (the split on the first coordinate, with exactly-equal first
/// coordinates on both sides handled by the order itself), filters the lower half, removes the points of the
/// upper half weakly dominated on coordinates 1..d-1 by a survivor of the lower half (`marry`), then filters
/// the upper half. `marry(L, H, k)` asks, for every p in H, whether some q in L has q_j <= p_j for j = 1..k. It
/// splits L u H at the median of coordinate k under the total order (value, L before H, position), so that
/// the lower part of L is <= the upper part of H on coordinate k (drop k: a (k-1)-coordinate problem) and the
/// upper part of L can never weakly dominate the lower part of H; for k = 2 it is a linear sweep over lists
/// kept sorted by coordinate 1 (the minimum of coordinate 2 over the L points passed), for k = 1 a comparison
/// with L's minimum. With M_k(s) = 2 M_k(s/2) + M_(k-1)(s) + O(s) and M_2 linear, M_k = O(s log^(k-2) s); the
/// whole is T(n) = 2 T(n/2) + M_(d-1)(n) = O(n log^(d-2) n) for d >= 4, O(n log n) for d = 2 and 3, after the
/// O(n log n) sorts. Memory O(n) plus the marriage lists (O(n d log n) at worst, O(n) in practice).
/// A point found dominated is not used again: a non-dominated point dominates whatever it dominated.
template <class T, class Id>
class maxima_engine {
 public:
  maxima_engine(const T* x, std::size_t m, std::size_t d) : x_(x), m_(m), d_(d), dom_(m, 0), buf_(m), tmp_(m) {
    for (std::size_t i = 0; i < m; ++i) buf_[i] = static_cast<Id>(i);
    std::sort(buf_.begin(), buf_.end(), [this](Id a, Id b) { return less1(a, b); });
    pool_.reserve(4 * m + 16);
    if (d >= 4) {  // dense ranks of coordinates 2 and 3 for the three-coordinate marriage
      rank2_ = dense_ranks(2);
      rank3_ = dense_ranks(3);
      none_ = static_cast<Id>(*std::max_element(rank3_.begin(), rank3_.end()) + 1);
      fw_.assign(static_cast<std::size_t>(*std::max_element(rank2_.begin(), rank2_.end())) + 1, none_);
    }
  }
  /// dominated()[i] = 1 when point i is dominated.
  const std::vector<std::uint8_t>& run() {
    if (m_ > 1) solve(0, m_);
    return dom_;
  }

 private:
  static constexpr std::size_t base_solve = 16;   // brute force below this many points
  static constexpr std::size_t base_marry = 96;   // ... and below this many pairs
  const T* x_;
  std::size_t m_, d_;
  std::vector<std::uint8_t> dom_;
  std::vector<Id> buf_, tmp_;  // buf_: ids in coordinate-1 order within each solved range
  std::vector<Id> pool_;       // a stack of the marriage lists
  struct key {
    T v;
    Id pos;
  };
  std::vector<key> keys_;
  std::vector<Id> rank2_, rank3_, fw_;  // prefix-minimum Fenwick tree over rank2_ of rank3_ values
  Id none_ = 0;

  [[nodiscard]] std::vector<Id> dense_ranks(std::size_t j) const {
    std::vector<Id> o(m_), r(m_);
    for (std::size_t i = 0; i < m_; ++i) o[i] = static_cast<Id>(i);
    std::sort(o.begin(), o.end(), [this, j](Id a, Id b) { return at(a, j) < at(b, j); });
    Id rank = 1;
    for (std::size_t i = 0; i < m_; ++i) {
      if (i > 0 && at(o[i - 1], j) < at(o[i], j)) ++rank;
      r[o[i]] = rank;
    }
    return r;
  }

  [[nodiscard]] T at(Id id, std::size_t j) const noexcept { return x_[static_cast<std::size_t>(id) * d_ + j]; }
  [[nodiscard]] bool less1(Id a, Id b) const noexcept { return at(a, 1) < at(b, 1) || (at(a, 1) == at(b, 1) && a < b); }
  [[nodiscard]] bool le(Id q, Id p, std::size_t k) const noexcept {  // q_j <= p_j for j = 1..k
    const T* a = x_ + static_cast<std::size_t>(q) * d_;
    const T* b = x_ + static_cast<std::size_t>(p) * d_;
    for (std::size_t j = 1; j <= k; ++j)
      if (a[j] > b[j]) return false;
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
    if (k == 1) {  // L's first point has the smallest coordinate 1
      const T m = at(L[0], 1);
      for (std::size_t i = 0; i < nh; ++i)
        if (m <= at(H[i], 1)) dom_[H[i]] = 1;
      return;
    }
    if (k == 2) {  // sweep in coordinate-1 order, keeping the least coordinate 2 of the L points passed
      std::size_t j = 0;
      T m = std::numeric_limits<T>::infinity();
      bool have = false;
      for (std::size_t i = 0; i < nh; ++i) {
        const Id p = H[i];
        const T p1 = at(p, 1);
        for (; j < nl && at(L[j], 1) <= p1; ++j) {
          m = std::min(m, at(L[j], 2));
          have = true;
        }
        if (have && m <= at(p, 2)) dom_[p] = 1;
      }
      return;
    }
    if (k == 3) {
      // Sweep in coordinate-1 order; the tree answers "least coordinate 3 over the L points passed with
      // coordinate 2 <= p's" (equal values share a dense rank, so ties count as <=). O(s log m).
      std::size_t j = 0;
      for (std::size_t i = 0; i < nh; ++i) {
        const Id p = H[i];
        const T p1 = at(p, 1);
        for (; j < nl && at(L[j], 1) <= p1; ++j)
          for (std::size_t t = rank2_[L[j]]; t < fw_.size(); t += t & (~t + 1)) fw_[t] = std::min(fw_[t], rank3_[L[j]]);
        Id best = none_;
        for (std::size_t t = rank2_[p]; t > 0; t -= t & (~t + 1)) best = std::min(best, fw_[t]);
        if (best <= rank3_[p]) dom_[p] = 1;
      }
      for (std::size_t i = 0; i < j; ++i)
        for (std::size_t t = rank2_[L[i]]; t < fw_.size(); t += t & (~t + 1)) fw_[t] = none_;
      return;
    }
    if (nl * nh <= base_marry) {
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
    T lmin = at(L[0], k), lmax = lmin, hmin = at(H[0], k), hmax = hmin;
    for (std::size_t i = 1; i < nl; ++i) lmin = std::min(lmin, at(L[i], k)), lmax = std::max(lmax, at(L[i], k));
    for (std::size_t i = 1; i < nh; ++i) hmin = std::min(hmin, at(H[i], k)), hmax = std::max(hmax, at(H[i], k));
    if (hmax < lmin) return;  // no q_k <= p_k anywhere
    if (lmax <= hmin) {       // coordinate k never decides
      marry(lo, nl, ho, nh, k - 1);
      return;
    }
    // Median of L u H under (coordinate k, position), positions of L before those of H.
    const std::size_t s = nl + nh;
    keys_.resize(s);
    for (std::size_t i = 0; i < nl; ++i) keys_[i] = {at(L[i], k), static_cast<Id>(i)};
    for (std::size_t i = 0; i < nh; ++i) keys_[nl + i] = {at(H[i], k), static_cast<Id>(nl + i)};
    const auto kless = [](const key& a, const key& c) { return a.v < c.v || (a.v == c.v && a.pos < c.pos); };
    std::nth_element(keys_.begin(), keys_.begin() + static_cast<std::ptrdiff_t>(s / 2), keys_.end(), kless);
    const key piv = keys_[s / 2];
    // Children, in coordinate-1 order: la = L below the pivot, lb = L at or above, ha, hb likewise.
    const std::size_t base = pool_.size();
    pool_.resize(base + s);
    L = pool_.data() + lo;
    H = pool_.data() + ho;
    Id* out = pool_.data() + base;
    std::size_t na = 0, nb = 0;
    for (std::size_t i = 0; i < nl; ++i) {
      const Id q = L[i];
      if (kless({at(q, k), static_cast<Id>(i)}, piv)) {
        out[na++] = q;
      } else {
        out[nl - 1 - nb++] = q;  // reversed for now
      }
    }
    std::reverse(out + na, out + nl);
    std::size_t ma = 0, mb = 0;
    Id* outh = out + nl;
    for (std::size_t i = 0; i < nh; ++i) {
      const Id p = H[i];
      if (dom_[p]) continue;
      if (kless({at(p, k), static_cast<Id>(nl + i)}, piv)) {
        outh[ma++] = p;
      } else {
        outh[nh - 1 - mb++] = p;
      }
    }
    std::reverse(outh + nh - mb, outh + nh);
    const std::size_t la = base, lb = base + na, ha = base + nl, hb = base + nl + nh - mb;
    marry(la, na, ha, ma, k);
    marry(la, na, hb, mb, k - 1);
    // Drop the points of hb found dominated just now (keeps lb x hb small), preserving order.
    std::size_t live = 0;
    for (std::size_t i = 0; i < mb; ++i) {
      const Id p = pool_[hb + i];
      if (!dom_[p]) pool_[hb + live++] = p;
    }
    marry(lb, nb, hb, live, k);
    pool_.resize(base);
  }
};

/// Runs `maxima_engine` on m distinct points in lexicographic order; returns dominated flags.
template <class T>
std::vector<std::uint8_t> maxima_dominated(const T* ux, std::size_t m, std::size_t d) {
  if (m <= std::numeric_limits<std::uint32_t>::max()) {
    maxima_engine<T, std::uint32_t> e(ux, m, d);
    return e.run();
  }
  maxima_engine<T, std::size_t> e(ux, m, d);
  return e.run();
}

/// The non-dominated filter by divide and conquer on n x d row-major minimisation points without NaN, any
/// d >= 2, duplicates allowed: keep[i] = 1 iff no point dominates point i (identical points all kept).
/// Sorts lexicographically, merges identical points, runs `maxima_engine`. O(n log^(d-2) n) for d >= 4,
/// O(n log n) for d = 2, 3 (the sweeps of engine.hpp are faster there; this path is for d >= 4).
template <class T>
void maxima_filter(const T* x, std::size_t n, std::size_t d, std::vector<std::uint8_t>& keep) {
  keep.assign(n, 1);
  if (n < 2 || d == 0) return;
  if (d == 1) {
    const T best = *std::min_element(x, x + n);
    for (std::size_t i = 0; i < n; ++i) keep[i] = x[i] == best ? 1 : 0;
    return;
  }
  std::vector<std::size_t> o(n);
  std::iota(o.begin(), o.end(), std::size_t{0});
  std::sort(o.begin(), o.end(), [x, d](std::size_t a, std::size_t b) {
    return std::lexicographical_compare(x + a * d, x + a * d + d, x + b * d, x + b * d + d);
  });
  std::vector<T> ux;
  ux.reserve(n * d);
  std::vector<std::size_t> of(n);
  std::size_t m = 0;
  for (std::size_t a = 0; a < n;) {
    const T* pa = x + o[a] * d;
    std::size_t b = a + 1;
    while (b < n && std::equal(pa, pa + d, x + o[b] * d)) ++b;
    ux.insert(ux.end(), pa, pa + d);
    for (std::size_t k = a; k < b; ++k) of[o[k]] = m;
    ++m;
    a = b;
  }
  const auto dom = maxima_dominated(ux.data(), m, d);
  for (std::size_t i = 0; i < n; ++i) keep[i] = dom[of[i]] ? 0 : 1;
}

/// Order-preserving unsigned key of a float or double (a < b implies key(a) < key(b); -0.0 sorts just
/// before +0.0, which compare equal, so runs of equal values stay contiguous). No NaN.
template <class T>
inline auto sort_key(T v) noexcept {
  using U = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;
  const U u = std::bit_cast<U>(v);
  constexpr U top = U{1} << (sizeof(U) * 8 - 1);
  return (u & top) ? static_cast<U>(~u) : static_cast<U>(u | top);
}

/// 2-D filter on n x 2 row-major minimisation points without NaN: a least-significant-digit radix sort on
/// the first coordinate (11-bit digits, passes over constant digits skipped: O(n) for a fixed word size),
/// then one sweep over runs of equal first coordinate (Kung, Luccio and Preparata 1975): the points of a run
/// with its least second coordinate y are kept iff no earlier run reached a second coordinate <= y; the
/// others in the run are dominated by them. Identical points all kept.
template <class T>
void radix_sweep2(const T* x, std::size_t n, std::vector<std::uint8_t>& keep) {
  keep.assign(n, 0);
  if (n == 0) return;
  // The sweep over the ids in ascending first coordinate (ties in any order).
  const auto sweep = [x, n, &keep](auto id_at) {
    bool have = false;
    T miny{};
    for (std::size_t a = 0; a < n;) {
      const T xa = x[2 * id_at(a)];
      T runmin = x[2 * id_at(a) + 1];
      std::size_t b = a + 1;
      for (; b < n && x[2 * id_at(b)] == xa; ++b) runmin = std::min(runmin, x[2 * id_at(b) + 1]);
      if (!(have && miny <= runmin))
        for (std::size_t k = a; k < b; ++k)
          if (x[2 * id_at(k) + 1] == runmin) keep[id_at(k)] = 1;
      if (!have || runmin < miny) miny = runmin;
      have = true;
      a = b;
    }
  };
  constexpr bool radix = std::is_same_v<T, float> || std::is_same_v<T, double>;
  if (!radix || n < 512 || n > std::numeric_limits<std::uint32_t>::max()) {
    std::vector<std::size_t> o(n);
    std::iota(o.begin(), o.end(), std::size_t{0});
    std::sort(o.begin(), o.end(), [x](std::size_t a, std::size_t b) { return x[2 * a] < x[2 * b]; });
    sweep([&o](std::size_t k) { return o[k]; });
    return;
  }
  if constexpr (radix) {
    using U = decltype(sort_key(T{}));
    struct rec {
      U key;
      std::uint32_t id;
    };
    std::vector<rec> r(n), s(n);
    for (std::size_t i = 0; i < n; ++i) r[i] = {sort_key(x[2 * i]), static_cast<std::uint32_t>(i)};
    constexpr unsigned bits = 11, words = (sizeof(U) * 8 + bits - 1) / bits;
    constexpr std::size_t buckets = std::size_t{1} << bits;
    const auto digit = [](U key, unsigned w) { return static_cast<std::size_t>(key >> (w * bits)) & (buckets - 1); };
    std::vector<std::array<std::size_t, buckets>> hist(words);
    for (auto& h : hist) h.fill(0);
    for (std::size_t i = 0; i < n; ++i)
      for (unsigned w = 0; w < words; ++w) ++hist[w][digit(r[i].key, w)];
    for (unsigned w = 0; w < words; ++w) {
      auto& h = hist[w];
      if (h[digit(r[0].key, w)] == n) continue;  // every key has this digit: the pass would not move anything
      std::size_t sum = 0;
      for (auto& c : h) {
        const std::size_t t = c;
        c = sum;
        sum += t;
      }
      for (std::size_t i = 0; i < n; ++i) s[h[digit(r[i].key, w)]++] = r[i];
      r.swap(s);
    }
    sweep([&r](std::size_t k) { return static_cast<std::size_t>(r[k].id); });
  }
}

}  // namespace pluralism::detail::pareto
