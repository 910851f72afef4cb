// SPDX-License-Identifier: MIT
// W3 peer: pagmo2 (Debian libpagmo-dev) on subsets of the W3 data, against pluralism on the same points.
// Built and run by bench/pareto.sh only (pagmo is LGPL/GPL; it is never linked into the library or its tests).
// pagmo's sorting is Deb's O(M N^2) fast non-dominated sort, so its sizes are small.
#include <pagmo/utils/hypervolume.hpp>
#include <pagmo/utils/multi_objective.hpp>
#include <pluralism/pareto.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {
std::vector<double> load(const std::string& path, std::size_t count) {
  std::ifstream in(path, std::ios::binary);
  std::vector<double> v(count);
  in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(count * sizeof(double)));
  v.resize(static_cast<std::size_t>(in.gcount()) / sizeof(double));
  return v;
}
template <class F>
double best_of(int reps, F f) {
  double b = 1e300;
  for (int r = 0; r < reps; ++r) {
    const auto a = std::chrono::steady_clock::now();
    f();
    b = std::min(b, std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count());
  }
  return b;
}
std::vector<pagmo::vector_double> rows(const std::vector<double>& v, std::size_t d) {
  std::vector<pagmo::vector_double> r;
  for (std::size_t i = 0; i + d <= v.size(); i += d) r.emplace_back(v.begin() + static_cast<long>(i), v.begin() + static_cast<long>(i + d));
  return r;
}
}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "/tmp/pluralism-w3";
  std::printf("pagmo2 peer (one core)\n%-40s %9s %12s %12s %8s\n", "case", "n", "pluralism s", "pagmo s", "ratio");
  {  // 2-D filter: pagmo::non_dominated_front_2d
    const std::size_t n = 1000000;
    const auto v = load(dir + "/uniform_1e7_2d.f64", n * 2);
    const auto r = rows(v, 2);
    std::size_t a = 0, b = 0;
    const double tp = best_of(3, [&] { a = pluralism::nondominated_indices(pluralism::as_matrix(v, 2)).size(); });
    const double tg = best_of(3, [&] { b = pagmo::non_dominated_front_2d(r).size(); });
    std::printf("%-40s %9zu %12.4f %12.4f %8.1f %s\n", "filter uniform 2-D", n, tp, tg, tg / tp, a == b ? "same" : "DIFFERENT");
  }
  {  // ranks: pagmo::fast_non_dominated_sorting (O(M N^2))
    const std::size_t n = 20000;
    const auto v = load(dir + "/uniform_1e6_3d.f64", n * 3);
    const auto r = rows(v, 3);
    std::size_t a = 0, b = 0;
    const double tp = best_of(3, [&] {
      const auto rk = pluralism::pareto_ranks(pluralism::as_matrix(v, 3));
      a = *std::max_element(rk.begin(), rk.end()) + 1;
    });
    const double tg = best_of(1, [&] { b = std::get<0>(pagmo::fast_non_dominated_sorting(r)).size(); });
    std::printf("%-40s %9zu %12.4f %12.4f %8.1f %s\n", "ranks uniform 3-D", n, tp, tg, tg / tp, a == b ? "same" : "DIFFERENT");
  }
  for (std::size_t d : {3u, 4u}) {  // hypervolume of an all-non-dominated set
    const std::size_t n = d == 3 ? 100000 : 5000;
    const auto v = load(dir + (d == 3 ? "/simplex_1e6_3d.f64" : "/simplex_1e5_4d.f64"), n * d);
    const auto r = rows(v, d);
    const std::vector<double> ref(d, 1.0);
    double a = 0, b = 0;
    const double tp = best_of(3, [&] { a = pluralism::hypervolume(pluralism::as_matrix(v, d), ref); });
    const double tg = best_of(1, [&] { b = pagmo::hypervolume(r, false).compute(ref); });
    std::printf("%-40s %9zu %12.4f %12.4f %8.1f %s (%.12g vs %.12g)\n", d == 3 ? "hypervolume simplex 3-D" : "hypervolume simplex 4-D",
                n, tp, tg, tg / tp, std::abs(a - b) <= 1e-9 * std::abs(b) ? "same" : "DIFFERENT", a, b);
  }
  return 0;
}
