// SPDX-License-Identifier: MIT
// W2 (DESIGN section 7): W1 with N = 20,000 items on the CPU. The Thrust OpenMP back end of
// pluralism::device::sweep beside a plain C++ loop over the same shared kernels (serial, and with an
// OpenMP parallel for), all in one run, checking that every verdict is bitwise equal. Prints medians and
// ratios. Driver: bench/device.sh.
#ifndef THRUST_DEVICE_SYSTEM
#define THRUST_DEVICE_SYSTEM THRUST_DEVICE_SYSTEM_OMP
#endif
#include <pluralism/device/jury.hpp>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace pd = pluralism::device;

namespace {

struct plain_result {
  std::vector<double> verdict, share;
};

// The plain loop: for each item, J juries through draw_jury and jury_mean, sort, median and share.
plain_result plain_loop(const std::vector<float>& m, std::size_t items, std::uint32_t annotators,
                        const std::vector<pluralism::sheet_pool>& pools, std::uint32_t seats, std::uint32_t J,
                        std::uint64_t seed, double threshold, bool parallel) {
  plain_result r{std::vector<double>(items), std::vector<double>(items)};
  const auto n = static_cast<long>(items);
#pragma omp parallel for schedule(static) if (parallel)
  for (long li = 0; li < n; ++li) {
    const auto i = static_cast<std::size_t>(li);
    std::vector<double> means(J);
    std::uint32_t jurors[pd::max_seats], scratch[pd::max_seats];
    const float* row = m.data() + i * annotators;
    for (std::uint32_t j = 0; j < J; ++j) {
      pluralism::philox_stream st({.seed = seed, .item = i, .jury = j});
      pluralism::draw_jury(pools.data(), static_cast<std::uint32_t>(pools.size()), st, jurors, scratch);
      means[j] = pluralism::jury_mean(jurors, seats, [row](std::uint32_t a) { return row[a]; });
    }
    std::sort(means.begin(), means.end());
    r.verdict[i] = pluralism::sorted_median(means.data(), J);
    r.share[i] = static_cast<double>(pluralism::count_at_or_above(means.data(), J, threshold)) / J;
  }
  return r;
}

template <class F>
double median_seconds(int reps, F&& f) {
  std::vector<double> t;
  for (int k = 0; k < reps; ++k) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

bool same(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](double x, double y) {
           return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y);
         });
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t N = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 20000;
  const int reps = argc > 2 ? std::atoi(argv[2]) : 5;
  const std::uint32_t A = 1000, J = 101;
  const std::uint64_t seed = 42;
  const double threshold = 2.0;
  std::vector<float> m(N * A);
  pluralism::philox_stream st({.seed = 1, .item = 0, .jury = 0});
  for (auto& x : m) x = 4.0f * pluralism::uniform_float(st);
  std::vector<std::uint32_t> p1(400), p2(300);
  std::iota(p1.begin(), p1.end(), 0u);
  std::iota(p2.begin(), p2.end(), 400u);
  const std::vector<pd::pool_composition> comps{{{p1, 6}, {p2, 6}}};
  const std::vector<pluralism::sheet_pool> pools{{p1.data(), 400, 6}, {p2.data(), 300, 6}};
  const pd::composition_table table(comps, A);
  pd::sweep_options o;
  o.juries = J;
  o.seed = seed;
  o.threshold = threshold;

  int threads = 1;
#ifdef _OPENMP
  threads = omp_get_max_threads();
#endif
  std::printf("W2: N = %zu items, A = %u, 2 sheets (6 of 400, 6 of 300), J = %u, %d threads, back end %s\n", N, A, J,
              threads, std::string(pd::backend_name()).c_str());
  plain_result serial, par;
  pd::sweep_result dev;
  const double t_serial = median_seconds(reps, [&] { serial = plain_loop(m, N, A, pools, 12, J, seed, threshold, false); });
  const double t_par = median_seconds(reps, [&] { par = plain_loop(m, N, A, pools, 12, J, seed, threshold, true); });
  const double t_dev = median_seconds(reps, [&] { dev = pd::sweep(pd::device_matrix_ref<float>{m.data(), N, A, A}, table, o); });
  const bool ok = same(serial.verdict, dev.verdict) && same(serial.share, dev.share) && same(par.verdict, dev.verdict);
  const double juries = static_cast<double>(N) * J;
  std::printf("identical verdicts and shares (plain loops vs sweep): %s\n", ok ? "yes" : "NO");
  std::printf("%-38s %10s %14s %8s\n", "variant", "median s", "juries/s", "ratio");
  std::printf("%-38s %10.4f %14.4g %8.2f\n", "plain C++ loop, serial", t_serial, juries / t_serial, 1.0);
  std::printf("%-38s %10.4f %14.4g %8.2f\n", "plain C++ loop, OpenMP parallel for", t_par, juries / t_par, t_serial / t_par);
  std::printf("%-38s %10.4f %14.4g %8.2f\n", "pluralism::device::sweep (Thrust OMP)", t_dev, juries / t_dev, t_serial / t_dev);
  std::printf("sweep vs parallel plain loop: %.2fx the loop's time\n", t_dev / t_par);
  return ok ? 0 : 1;
}
