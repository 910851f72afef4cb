// SPDX-License-Identifier: MIT
#pragma once

/// @file divergence/logarithm.hpp
/// @brief The branch-free natural logarithm of the divergence kernels: exponent reduction by bit operations
/// and a short atanh polynomial, so that row-wise loops vectorise without a library call. Not public API
/// (namespace detail).

#include <bit>
#include <cmath>
#include <cstdint>

namespace pluralism::detail {

/// 2 atanh(f) = log((1 + f) / (1 - f)) for |f| <= 0.1716: 2f + 2f z P(z), z = f^2, with P a near-minimax
/// polynomial of degree 6 for (atanh(f) / f - 1) / z on [0, 0.1716^2] (Chebyshev fit in 50-digit arithmetic,
/// coefficients rounded to double: |z (P - exact)| < 5e-18, so the truncation adds under 0.05 ulp; the Taylor
/// series needs degree 9 for the same). Estrin's scheme: short dependency chains for the vectorised loops.
inline double log_series(double f) noexcept {
  const double z = f * f, z2 = z * z, z4 = z2 * z2;
  const double a = 0x1.5555555555558p-2 + 0x1.99999999952d7p-3 * z;
  const double b = 0x1.2492492df281ap-3 + 0x1.c71c62e3f11e6p-4 * z;
  const double c = 0x1.7462b51cb66b1p-4 + 0x1.39fe51a7c18f9p-4 * z;
  const double p = (a + b * z2) + z4 * (c + 0x1.2b5900de53b32p-4 * z2);
  const double f2 = f + f;
  return f2 + (f2 * z) * p;
}

/// c ? a : b through integer masks. Both values are computed before the choice, so the compiler keeps loops
/// over these kernels free of branches (with GCC's default -ftrapping-math it will not if-convert a
/// floating-point branch) and vectorises them.
inline double select(bool c, double a, double b) noexcept {
  const std::uint64_t m = std::uint64_t{0} - static_cast<std::uint64_t>(c);
  return std::bit_cast<double>((std::bit_cast<std::uint64_t>(a) & m) | (std::bit_cast<std::uint64_t>(b) & ~m));
}

/// The argument reduction of `log_near`, split from its division so that `js_pair` can share one division
/// between two logarithms: log u = e ln 2 + 2 atanh(num / den).
struct log_parts {
  double num, den, e;
};

/// For a finite u >= 0 given also d = u - 1 when that is known more accurately than u (pass d = u - 1
/// otherwise): for |d| < 1/4, num / den = d / (2 + d) and e = 0; else u = m 2^e with m in [sqrt(1/2), sqrt(2))
/// and num / den = (m - 1) / (m + 1) (m - 1 is exact). Subnormal u is scaled first; u = 0 (or NaN) gives finite
/// parts whose logarithm every caller discards with a select. No branches, so that row-wise loops vectorise.
inline log_parts log_reduce(double u, double d) noexcept {
  const auto ub = std::bit_cast<std::uint64_t>(u);
  const bool sub = ub < 0x0010000000000000ULL;  // u < DBL_MIN (u >= 0): scale subnormals by 2^54
  const auto sb = std::bit_cast<std::uint64_t>(u * 0x1p54);
  const std::uint64_t mask = std::uint64_t{0} - static_cast<std::uint64_t>(sub);
  const std::uint64_t bits = (sb & mask) | (ub & ~mask);
  // the exponent field as an exact double: (field | 2^52 bit pattern) - 2^52
  const double field = std::bit_cast<double>((bits >> 52) | 0x4330000000000000ULL) - 0x1p52;
  const std::uint64_t mb = (bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL;  // m in [1, 2)
  const bool big = mb > 0x3ff6a09e667f3bcdULL;                                      // m > sqrt(2): use m / 2
  const double m = std::bit_cast<double>(big ? mb - 0x0010000000000000ULL : mb);
  const bool near = std::abs(d) < 0.25;
  return {select(near, d, m - 1.0), select(near, 2.0 + d, m + 1.0),
          select(near, 0.0, field - (1023.0 - select(big, 1.0, 0.0)) - select(sub, 54.0, 0.0))};
}

/// e ln 2 + 2 atanh(f), e ln 2 in two parts (fdlibm's split: e ln2_hi is exact).
inline double log_finish(double f, double e) noexcept {
  constexpr double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  return e * ln2_hi + (log_series(f) + e * ln2_lo);
}

/// log(u) for a finite u >= 0 given also d = u - 1 when that is known more accurately than u (see
/// `log_reduce`): one series and one division, no branches and no library call, so that row-wise loops
/// vectorise. Error about 1 ulp (checked against std::log and std::log1p in the tests).
inline double log_near(double u, double d) noexcept {
  const log_parts p = log_reduce(u, d);
  return log_finish(p.num / p.den, p.e);
}

/// Natural logarithm of a finite x >= 0 (see `log_near`).
inline double log_kernel(double x) noexcept { return log_near(x, x - 1.0); }

}  // namespace pluralism::detail
