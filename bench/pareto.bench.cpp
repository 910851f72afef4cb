// SPDX-License-Identifier: MIT
// Benchmark W3 (DESIGN section 7): Pareto filter and ranks, one core, doubles, minimisation.
// Usage: bench_pareto DIR
//   reads DIR/<name>.f64 (raw little-endian doubles, row-major) written by bench/pareto.py, which also runs
//   moocore on the same files and prints the ratios; each case prints one line
//   "case <name> n=<n> d=<d> median_s=<t> result=<checksum>".
// Also the commensuration throughput (issue 5): weighted sums, N models x K functions x m = 8 objectives,
// with the goal of 1e9 evaluations/s on one core (goal_ratio = measured / 1e9). Run only that case with a
// DIR that holds no Pareto files: bench_pareto /nonexistent 5.
#include <pluralism/commensurate.hpp>
#include <pluralism/pareto.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

namespace pl = pluralism;

namespace {
std::vector<double> load(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return {};
  const auto bytes = static_cast<std::size_t>(in.tellg());
  std::vector<double> v(bytes / sizeof(double));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(double)));
  return v;
}

template <class F>
double median_seconds(int reps, F f) {
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) {
    const auto a = std::chrono::steady_clock::now();
    f();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_pareto DIR [reps]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int reps = argc > 2 ? std::atoi(argv[2]) : 3;
  struct job {
    const char* name;
    std::size_t d;
    bool ranks;
  };
  const job jobs[] = {{"uniform_1e7_2d", 2, false}, {"uniform_1e7_3d", 3, false}, {"uniform_1e7_4d", 4, false},
                      {"uniform_1e7_5d", 5, false}, {"simplex_1e6_2d", 2, false}, {"simplex_1e6_3d", 3, false},
                      {"simplex_1e5_4d", 4, false}, {"uniform_1e6_3d", 3, true},  {"uniform_1e6_2d", 2, true},
                      {"uniform_1e5_4d", 4, true},  {"uniform_1e5_5d", 5, true}};
  for (const auto& j : jobs) {
    const auto v = load(dir + "/" + j.name + ".f64");
    if (v.empty()) continue;
    const auto m = pl::as_matrix(v, j.d);
    std::size_t result = 0;
    const double t = median_seconds(reps, [&] {
      if (j.ranks) {
        const auto r = pl::pareto_ranks(m);
        result = *std::max_element(r.begin(), r.end()) + 1;  // number of fronts
      } else {
        result = pl::nondominated_indices(m).size();
      }
    });
    std::printf("case %s%s n=%zu d=%zu median_s=%.6f result=%zu\n", j.ranks ? "ranks_" : "filter_", j.name, m.rows, j.d, t,
                result);
    std::fflush(stdout);
  }
  // Commensuration throughput: K weighted sums over N models with m = 8 objectives (argmax per function).
  {
    const std::size_t n = 1000000, k = 256, mm = 8;
    std::vector<double> y(n * mm), w(k * mm);
    std::uint64_t s = 88172645463325252ull;
    auto next = [&s] {
      s ^= s << 13, s ^= s >> 7, s ^= s << 17;
      return static_cast<double>(s >> 11) * 0x1.0p-53;
    };
    for (auto& x : y) x = next();
    for (auto& x : w) x = next();
    std::size_t check = 0;
    const double t = median_seconds(reps, [&] {
      const auto b = pl::best_by_weighted_sums(pl::as_matrix(y, mm), pl::as_matrix(w, mm));
      check = b[0];
    });
    // Self-check of the kernel as compiled here (-march=native: the FMA/AVX2 path the unit tests do not
    // build): the plain sequential argmax with the same mul_add for every 16th function.
    const auto got = pl::best_by_weighted_sums(pl::as_matrix(y, mm), pl::as_matrix(w, mm));
    bool verified = true;
    for (std::size_t f = 0; f < k; f += 16) {
      double best = -std::numeric_limits<double>::infinity();
      std::size_t at = 0;
      for (std::size_t i = 0; i < n; ++i) {
        double sc = 0;
        for (std::size_t j = 0; j < mm; ++j)
          sc = pl::detail::commensurate::mul_add(w[f * mm + j], y[i * mm + j], sc);
        if (sc > best) best = sc, at = i;
      }
      verified = verified && got[f] == at;
    }
    std::printf("case weighted_sum_evals n=%zu k=%zu m=%zu median_s=%.6f evals_per_s=%.3e result=%zu "
                "goal_ratio=%.3f verified=%s\n",
                n, k, mm, t, static_cast<double>(n * k) / t, check, static_cast<double>(n * k) / t / 1e9,
                verified ? "yes" : "NO");
    if (!verified) return 1;
  }
  return 0;
}
