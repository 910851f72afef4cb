// SPDX-License-Identifier: MIT
// W2 (DESIGN section 7): the CPU jury. N items x A = 1000 annotators of dense float32 predictions; a
// composition of two sheets (6 seats from a pool of 400, 6 from a disjoint pool of 300); J = 101 juries per
// item; verdict = median of jury means. Prints the median time of several runs and juries per second, for
// 1 and 2 threads; bench/jury.sh runs NumPy's random-keys + argpartition version on the same shapes in the
// same run and prints the ratio.
//   usage: bench_jury [items=20000] [repeats=5]
#include <pluralism/jury.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace pl = pluralism;

int main(int argc, char** argv) {
  const std::uint32_t items = argc > 1 ? static_cast<std::uint32_t>(std::atoi(argv[1])) : 20000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
  const std::uint32_t A = 1000, J = 101;
  std::vector<float> predictions(static_cast<std::size_t>(items) * A);
  pl::philox_stream s({.seed = 1});
  for (auto& p : predictions) p = 4.0f * pl::uniform_float(s);
  pl::annotations data;
  std::vector<std::string> ids, group;
  for (std::uint32_t a = 0; a < A; ++a) {
    ids.push_back("a" + std::to_string(a));
    group.push_back(a < 400 ? "first" : a < 700 ? "second" : "other");
  }
  data.annotators = pl::attribute_table(ids);
  data.annotators.add_categorical("group", group);
  std::vector<std::string> item_ids;
  for (std::uint32_t i = 0; i < items; ++i) item_ids.push_back("i" + std::to_string(i));
  data.items = pl::attribute_table(item_ids);
  const pl::models::dense_predictions<float> model(pl::as_matrix(std::span<const float>(predictions), A));
  const pl::composition jury{pl::sheet{pl::attr("group") == "first", 6}, pl::sheet{pl::attr("group") == "second", 6}};

  double checksum = 0;
  for (unsigned threads : {1u, 2u}) {
    std::vector<double> times;
    for (int r = 0; r < repeats; ++r) {
      const auto t0 = std::chrono::steady_clock::now();
      const auto v = pl::convene_items(jury, model, data, {.juries = J, .threshold = 2.0, .seed = 42, .threads = threads});
      times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      checksum += v[items / 2].value;
    }
    std::sort(times.begin(), times.end());
    const double median = times[times.size() / 2];
    std::printf("pluralism convene_items threads=%u items=%u juries=%u: median %.4f s, %.3g juries/s\n", threads, items, J,
                median, static_cast<double>(items) * J / median);
  }
  std::printf("checksum %.6f\n", checksum);
}
