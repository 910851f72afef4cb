// SPDX-License-Identifier: MIT
#include <pluralism/random.hpp>

#include <set>

#include "catch.hpp"

#if __has_include(<Random123/philox.h>)
#include <Random123/philox.h>
#define PLURALISM_TEST_HAS_RANDOM123 1
#endif

using namespace pluralism;

// Random123's published known-answer vectors for philox4x32_10 (kat_vectors): counter; key -> output.
TEST_CASE("philox4x32_10 matches Random123's known-answer vectors", "[random][philox]") {
  struct kat {
    philox_counter ctr;
    philox_key key;
    philox_counter expected;
  };
  const kat cases[] = {
      {{{0, 0, 0, 0}}, {{0, 0}}, {{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}}},
      {{{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
       {{0xffffffffu, 0xffffffffu}},
       {{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}}},
      {{{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}},
       {{0xa4093822u, 0x299f31d0u}},
       {{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}}},
  };
  for (const auto& c : cases) {
    const auto out = philox4x32_10(c.ctr, c.key);
    for (int i = 0; i < 4; ++i) CHECK(out.w[i] == c.expected.w[i]);
  }
  STATIC_REQUIRE(philox4x32_10({{0, 0, 0, 0}}, {{0, 0}}).w[0] == 0x6627e8d5u);  // usable in constant expressions
}

#ifdef PLURALISM_TEST_HAS_RANDOM123
TEST_CASE("philox4x32_10 agrees with Random123 bit for bit on random counters and keys", "[random][philox]") {
  philox_stream source({.seed = 2024});
  r123::Philox4x32_R<10> reference;
  for (int n = 0; n < 10000; ++n) {
    philox_counter c{{source(), source(), source(), source()}};
    philox_key k{{source(), source()}};
    const r123::Philox4x32_R<10>::ctr_type rc = {{c.w[0], c.w[1], c.w[2], c.w[3]}};
    const r123::Philox4x32_R<10>::key_type rk = {{k.w[0], k.w[1]}};
    const auto expected = reference(rc, rk);
    const auto out = philox4x32_10(c, k);
    for (int i = 0; i < 4; ++i) REQUIRE(out.w[i] == expected.v[i]);
  }
}
#endif

TEST_CASE("a stream yields random_word(address, k) for k = 0, 1, 2, ... from any starting draw", "[random][stream]") {
  const stream_address a{.seed = 0x0123456789abcdefull, .item = 0x1'0000'0002ull, .jury = 7};
  for (std::uint32_t first : {0u, 1u, 2u, 3u, 4u, 5u, 13u}) {
    philox_stream s(a, first);
    for (std::uint32_t k = first; k < first + 40; ++k) {
      REQUIRE(s.draws() == k);
      REQUIRE(s() == random_word(a, k));
    }
  }
  // The address layout is the documented one: key = seed, counter = (k / 4, jury, item low, item high).
  const auto block = philox4x32_10({{2, 7, 2, 1}}, {{0x89abcdefu, 0x01234567u}});
  CHECK(random_word(a, 9) == block.w[1]);
}

TEST_CASE("bounded stays in range and the Lemire threshold rejects exactly the biased words", "[random][bounded]") {
  // A scripted stream makes the rejection branch deterministic: range 3 has threshold 2^32 mod 3 = 1, so
  // word 0 (low product 0 < 1) must be rejected and the next word used.
  struct scripted {
    std::uint32_t words[3];
    int next = 0;
    std::uint32_t operator()() { return words[next++]; }
  };
  scripted s{{0u, 0x80000000u, 0u}};
  CHECK(bounded(s, 3) == 1u);  // 0x80000000 * 3 >> 32 = 1
  CHECK(s.next == 2);
  philox_stream stream({.seed = 5});
  for (std::uint32_t range : {1u, 2u, 3u, 7u, 400u, 0x80000001u, 0xffffffffu})
    for (int i = 0; i < 1000; ++i) REQUIRE(bounded(stream, range) < range);
  REQUIRE_THROWS_AS(uniform_index(stream, 0), precondition_error);
}

TEST_CASE("uniform reals lie in the half-open unit interval and use the documented bits", "[random][uniform]") {
  struct scripted {
    std::uint32_t w[2];
    int n = 0;
    std::uint32_t operator()() { return w[n++]; }
  };
  scripted ones{{0xffffffffu, 0xffffffffu}};
  CHECK(uniform_double(ones) == 1.0 - 0x1.0p-53);
  scripted zero{{0u, 0u}};
  CHECK(uniform_double(zero) == 0.0);
  scripted top{{0xffffffffu, 0u}};
  CHECK(uniform_float(top) == 1.0f - 0x1.0p-24f);
}

TEST_CASE("Floyd sampling returns k distinct values in range and checks k <= m", "[random][floyd]") {
  philox_stream stream({.seed = 11});
  for (std::uint32_t m : {1u, 2u, 5u, 12u, 400u})
    for (std::uint32_t k = 0; k <= std::min(m, 13u); ++k)
      for (int rep = 0; rep < 50; ++rep) {
        const auto s = sample_without_replacement(stream, m, k);
        REQUIRE(s.size() == k);
        const std::set<std::uint32_t> distinct(s.begin(), s.end());
        REQUIRE(distinct.size() == k);
        if (k > 0) REQUIRE(*distinct.rbegin() < m);
      }
  REQUIRE_THROWS_AS(sample_without_replacement(stream, 3, 4), precondition_error);
  try {
    sample_without_replacement(stream, 3, 4);
  } catch (const precondition_error& e) {
    CHECK(e.id() == "pluralism.random.k_exceeds_m");
    CHECK(std::string(e.what()).find("k = 4 exceeds m = 3") != std::string::npos);
  }
}
