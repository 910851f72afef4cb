// SPDX-License-Identifier: MIT
// detail::small_sort (the branch-free sort of the jury means) against std::sort on many random inputs (fixed
// seeds): sizes 0..300 and a few larger, heavy ties, +-0.0, +-inf, denormals, sorted and reversed inputs, the
// jury-means shape; its 16-input network exhaustively by the zero-one principle; its integer keys.
#include <pluralism/detail/small_sort.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "catch.hpp"

using pluralism::detail::small_sort;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

/// Uniform double in [0, 1) from the engine's raw bits (the same on every platform, unlike the distributions).
double unit(std::mt19937_64& g) { return static_cast<double>(g() >> 11) * 0x1p-53; }

std::vector<double> make_input(std::mt19937_64& g, std::size_t n, int regime) {
  std::vector<double> v(n);
  const double small_set[] = {-1.0, 0.0, 0.5, 2.0};
  const double zeros_infs[] = {0.0, -0.0, inf, -inf, 1.0, -1.0};
  const double tiny = std::numeric_limits<double>::denorm_min(), least = std::numeric_limits<double>::min();
  for (std::size_t k = 0; k < n; ++k) {
    double& x = v[k];
    switch (regime) {
      case 0: x = unit(g) * 200.0 - 100.0; break;  // continuous, both signs
      case 1: x = small_set[g() % 4]; break;       // heavy ties
      case 2: x = zeros_infs[g() % 6]; break;      // +-0.0, +-inf, ties
      case 3: {                                    // denormals and the smallest normals, both signs
        const double d = (g() % 2 ? tiny * static_cast<double>(g() % 5) : least * unit(g));
        x = g() % 2 ? d : -d;
        break;
      }
      case 4: x = std::ldexp(unit(g) - 0.5, static_cast<int>(g() % 2000) - 1000); break;  // wide exponents
      case 5: {  // the jury means: the mean of 12 float predictions in [0, 4]
        double s = 0;
        for (int e = 0; e < 12; ++e) s += static_cast<double>(static_cast<float>(unit(g) * 4.0));
        x = s / 12;
        break;
      }
      case 6: x = static_cast<double>(k) * 0.25 - 3.0; break;          // already sorted
      case 7: x = 5.0 - static_cast<double>(k) * 0.5; break;           // reverse sorted
      case 8: x = 7.0; break;                                          // all equal
      default: x = static_cast<double>(g() % 3) - 1.0 + (g() % 2 ? 0.0 : -0.0);  // signed zeros among ties
    }
  }
  return v;
}

std::vector<std::uint64_t> sorted_bits(const std::vector<double>& v) {
  std::vector<std::uint64_t> b(v.size());
  for (std::size_t k = 0; k < v.size(); ++k) b[k] = std::bit_cast<std::uint64_t>(v[k]);
  std::sort(b.begin(), b.end());
  return b;
}

/// small_sort(v) has std::sort's values in order (== compares -0.0 and +0.0 equal), is a permutation of v bit
/// for bit, and gives the same bits when run again.
void check_against_std_sort(const std::vector<double>& input) {
  std::vector<double> ours = input, theirs = input, again = input;
  small_sort(ours.data(), ours.data() + ours.size());
  std::sort(theirs.begin(), theirs.end());
  REQUIRE(ours.size() == theirs.size());
  bool same_values = true;
  for (std::size_t k = 0; k < ours.size(); ++k) same_values = same_values && ours[k] == theirs[k];
  REQUIRE(same_values);
  REQUIRE(sorted_bits(ours) == sorted_bits(input));
  small_sort(again.data(), again.data() + again.size());
  REQUIRE(sorted_bits(again) == sorted_bits(ours));
  bool same_bits = true;
  for (std::size_t k = 0; k < ours.size(); ++k)
    same_bits = same_bits && std::bit_cast<std::uint64_t>(ours[k]) == std::bit_cast<std::uint64_t>(again[k]);
  REQUIRE(same_bits);
}

}  // namespace

TEST_CASE("small_sort: the values of std::sort on sizes 0..300, every regime", "[small_sort]") {
  std::mt19937_64 g(20261129);
  for (int regime = 0; regime <= 9; ++regime)
    for (std::size_t n = 0; n <= 300; ++n)
      for (int trial = 0; trial < 2; ++trial) {
        INFO("regime " << regime << ", n " << n << ", trial " << trial);
        check_against_std_sort(make_input(g, n, regime));
      }
}

TEST_CASE("small_sort: larger sizes, around the std::sort cutoff and past it", "[small_sort]") {
  std::mt19937_64 g(7);
  for (std::size_t n : {511u, 512u, 513u, 1000u, 1023u, 1024u, 1025u, 5000u})
    for (int regime : {0, 1, 2, 5, 7}) {
      INFO("regime " << regime << ", n " << n);
      check_against_std_sort(make_input(g, n, regime));
    }
}

TEST_CASE("small_sort: a signed zero keeps its sign, -0.0 before +0.0", "[small_sort]") {
  std::vector<double> v = {0.0, -0.0, 1.0, -0.0, 0.0, -1.0};
  small_sort(v.data(), v.data() + v.size());
  REQUIRE(v[0] == -1.0);
  REQUIRE(std::signbit(v[1]));
  REQUIRE(std::signbit(v[2]));
  REQUIRE(!std::signbit(v[3]));
  REQUIRE(!std::signbit(v[4]));
  REQUIRE(v[5] == 1.0);
}

TEST_CASE("small_sort: a NaN (outside the precondition) goes last, the rest sorted", "[small_sort]") {
  std::mt19937_64 g(3);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t n : {2u, 17u, 101u, 2000u})
    for (std::size_t at : {std::size_t{0}, n / 2, n - 1}) {  // in the vector part and the scalar tail of the copy
      std::vector<double> v = make_input(g, n, 0);
      v[at] = nan;
      std::vector<double> rest = v;
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(at));
      std::sort(rest.begin(), rest.end());
      small_sort(v.data(), v.data() + v.size());
      REQUIRE(std::isnan(v.back()));
      v.pop_back();
      REQUIRE(v == rest);
    }
}

TEST_CASE("small_sort: the 16-input network sorts every zero-one input (so every input)", "[small_sort]") {
  bool all_sorted = true;
  for (std::uint32_t bits = 0; bits < (1u << 16); ++bits) {
    double v[16];
    for (int k = 0; k < 16; ++k) v[k] = static_cast<double>((bits >> k) & 1u);
    pluralism::detail::sort16_network(v);
    all_sorted = all_sorted && std::is_sorted(v, v + 16);
  }
  REQUIRE(all_sorted);
}

TEST_CASE("small_sort: the integer keys keep the order and round-trip", "[small_sort]") {
  using pluralism::detail::from_sort_key;
  using pluralism::detail::sort_key;
  std::mt19937_64 g(11);
  std::vector<double> v = make_input(g, 2000, 4);
  for (double x : {0.0, -0.0, inf, -inf, std::numeric_limits<double>::denorm_min(),
                   -std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::max(),
                   std::numeric_limits<double>::lowest()})
    v.push_back(x);
  bool order = true, round_trip = true;
  for (std::size_t k = 0; k < v.size(); ++k) {
    round_trip = round_trip && std::bit_cast<std::uint64_t>(from_sort_key(sort_key(v[k]))) ==
                                   std::bit_cast<std::uint64_t>(v[k]);
    const double y = v[(k * 7919 + 13) % v.size()];
    if (v[k] < y) order = order && sort_key(v[k]) < sort_key(y);
    if (y < v[k]) order = order && sort_key(y) < sort_key(v[k]);
  }
  REQUIRE(order);
  REQUIRE(round_trip);
  REQUIRE(sort_key(-0.0) + 1 == sort_key(0.0));
}
