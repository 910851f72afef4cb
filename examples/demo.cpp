// SPDX-License-Identifier: MIT
// Demo: draw a few juries of 6 + 6 from two overlapping pools and print their rosters.
#include <pluralism/jury/draw.hpp>

#include <cstdio>
#include <numeric>
#include <vector>

int main() {
  std::vector<std::uint32_t> liberals(40), parents(30);
  std::iota(liberals.begin(), liberals.end(), 0u);   // annotators 0..39
  std::iota(parents.begin(), parents.end(), 30u);    // annotators 30..59 (overlap 30..39)
  const pluralism::sheet_pool sheets[] = {{liberals.data(), 40, 6}, {parents.data(), 30, 6}};
  std::uint32_t jurors[12], scratch[12];
  double verdicts = 0;
  for (std::uint32_t jury = 0; jury < 5; ++jury) {
    pluralism::philox_stream stream({.seed = 42, .item = 0, .jury = jury});
    pluralism::draw_jury(sheets, 2, stream, jurors, scratch);
    const double mean = pluralism::jury_mean(jurors, 12, [](std::uint32_t a) { return a % 5; });
    verdicts += mean;
    std::printf("jury %u:", jury);
    for (auto j : jurors) std::printf(" %u", j);
    std::printf("  mean %.2f\n", mean);
  }
  std::printf("average verdict %.2f\n", verdicts / 5);
}
