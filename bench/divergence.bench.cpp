// SPDX-License-Identifier: MIT
// W4 (DESIGN section 7): row-wise divergences of 10^6 questions x 5 options, and the bound: one read of both
// inputs, on one thread and on every core. Prints "name median_ms" lines that bench/divergence.py sets against
// scipy and NumPy.
// Usage: bench_divergence [rows] [reps]
#include <pluralism/divergence.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace pl = pluralism;

namespace {
template <class F>
double median_ms(int reps, F&& f) {
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) {
    const auto a = std::chrono::steady_clock::now();
    f();
    const auto b = std::chrono::steady_clock::now();
    t.push_back(std::chrono::duration<double, std::milli>(b - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}
volatile double sink = 0.0;
}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const int reps = argc > 2 ? std::atoi(argv[2]) : 7;
  const std::size_t k = 5;
  std::mt19937_64 rng(4);
  std::exponential_distribution<double> ex(1.0);
  std::vector<double> p(n * k), q(n * k);
  for (auto* m : {&p, &q})
    for (std::size_t i = 0; i < n; ++i) {
      double s = 0;
      for (std::size_t j = 0; j < k; ++j) s += (*m)[i * k + j] = ex(rng);
      for (std::size_t j = 0; j < k; ++j) (*m)[i * k + j] /= s;
    }
  const auto P = pl::as_matrix(p, k), Q = pl::as_matrix(q, k);
  std::vector<double> out(n);
  std::printf("rows %zu options %zu reps %d\n", n, k, reps);
  // The bound: read both inputs once (a sum the compiler cannot drop) and write one double per row; on one
  // thread, and split over every core as the threaded runs below are.
  const auto read_rows = [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) {
      double s = 0;
      for (std::size_t j = 0; j < k; ++j) s += p[i * k + j] + q[i * k + j];
      out[i] = s;
    }
  };
  std::printf("read_inputs %.3f\n", median_ms(reps, [&] {
                read_rows(0, n);
                sink = sink + out[n / 2];
              }));
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::printf("threads %u\n", cores);
  std::printf("read_inputs_threads %.3f\n", median_ms(reps, [&] {
                std::vector<std::thread> pool;
                for (unsigned t = 1; t < cores; ++t) pool.emplace_back(read_rows, n * t / cores, n * (t + 1) / cores);
                read_rows(0, n / cores);
                for (auto& th : pool) th.join();
                sink = sink + out[n / 2];
              }));
  using M = pl::divergence_metric;
  const std::pair<const char*, M> metrics[] = {{"js_distance", M::js_distance}, {"kl", M::kl},
                                               {"total_variation", M::total_variation}, {"hellinger", M::hellinger},
                                               {"wasserstein1", M::wasserstein1}};
  for (const auto& [name, m] : metrics) {
    std::printf("%s %.3f\n", name, median_ms(reps, [&] {
                  pl::divergence_rows(m, P, Q, std::span<double>(out));
                  sink = sink + out[n / 2];
                }));
  }
  for (const auto& [name, m] : {std::pair{"js_distance_threads", M::js_distance}, std::pair{"kl_threads", M::kl}})
    std::printf("%s %.3f\n", name, median_ms(reps, [&] {
                  pl::divergence_rows(m, P, Q, std::span<double>(out), {.threads = 0});
                  sink = sink + out[n / 2];
                }));
  std::printf("js_distance_renormalize %.3f\n", median_ms(reps, [&] {
                pl::divergence_rows(M::js_distance, P, Q, std::span<double>(out),
                                    {.normalize = pl::normalization::renormalize});
                sink = sink + out[n / 2];
              }));
}
