// SPDX-License-Identifier: MIT
// Aggregation benchmark (issue 2): median and median-of-means of 10^7 doubles. The driver bench/aggregate.py
// writes the data once (NumPy, raw little-endian float64), runs this program and NumPy's median on that same
// file in one run, and prints the medians of the repeated timings and the ratios.
//
// Usage: bench_aggregate FILE REPS
// Output: one line per timed call, "<name> <seconds> <result with 17 significant digits>", so the driver can
// check that our median equals NumPy's bit for bit before it compares times.
#include <pluralism/aggregate.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

std::vector<double> read_doubles(const char* path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    std::fprintf(stderr, "bench_aggregate: cannot open %s\n", path);
    std::exit(2);
  }
  const auto bytes = static_cast<std::size_t>(in.tellg());
  std::vector<double> x(bytes / sizeof(double));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(x.data()), static_cast<std::streamsize>(x.size() * sizeof(double)));
  return x;
}

template <class F>
void time(const char* name, int reps, F f) {
  for (int r = 0; r < reps; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const double value = f();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("%s %.6f %.17g\n", name, took.count(), value);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: bench_aggregate FILE REPS\n");
    return 2;
  }
  const std::vector<double> x = read_doubles(argv[1]);
  const int reps = std::atoi(argv[2]);
  namespace pl = pluralism;
  // Each call copies the input (the estimators never reorder the caller's data), as np.median does.
  time("median", reps, [&] { return pl::median(x); });
  // 24 blocks (delta = 0.05); contiguous: a copy, k block sums, a median of 24.
  time("mom_contiguous", reps, [&] {
    return pl::median_of_means(x, {.delta = 0.05, .sigma = 1.0, .layout = pl::block_layout::contiguous}).estimate;
  });
  // The default random layout: one bounded Philox draw and a Fenwick-tree walk per value.
  time("mom_random", reps, [&] { return pl::median_of_means(x, {.delta = 0.05, .sigma = 1.0, .seed = 7}).estimate; });
  return 0;
}
