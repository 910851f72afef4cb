// SPDX-License-Identifier: MIT
// Uses only the core: draw a 3-of-10 sample and check it is three distinct values in range.
#include <pluralism/random.hpp>

#include <cstdio>
#include <set>

int main() {
  pluralism::philox_stream stream({.seed = 42, .item = 0, .jury = 0});
  const auto sample = pluralism::sample_without_replacement(stream, 10, 3);
  const std::set<std::uint32_t> distinct(sample.begin(), sample.end());
  const bool ok = distinct.size() == 3 && *distinct.rbegin() < 10;
  std::printf("core consumer: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
