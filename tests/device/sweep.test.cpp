// SPDX-License-Identifier: MIT
// The Thrust path against a plain CPU reference written here from the shared kernels (draw_jury,
// jury_mean, sorted_median, count_at_or_above, sorted_quantile): every output must be bitwise equal, on
// every back end this file is compiled for (OpenMP, serial C++; CUDA on the GPU machine).
#include <pluralism/device/jury.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include <thrust/device_vector.h>

#include "catch.hpp"
#include "support/skip.hpp"

namespace pd = pluralism::device;
using pluralism::sheet_pool;

#ifndef PLURALISM_EXPECTED_BACKEND
#error "the build names the expected back end"
#endif

namespace {

// ---- reference -------------------------------------------------------------------------------------------

struct reference {
  std::vector<double> verdict, share, quantiles, means;
  std::vector<pd::item_report> reports;
};

// The obvious loop: for each item, composition and jury, draw, average, then sort and summarise.
template <class Rating>
reference reference_sweep(const std::vector<pd::pool_composition>& comps, std::uint64_t first_item, std::size_t items,
                          const pd::sweep_options& o, Rating rating) {
  reference r;
  const std::size_t C = comps.size(), J = o.juries, Q = o.quantiles.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < items; ++i) {
    const std::uint64_t item = first_item + i;
    for (std::size_t c = 0; c < C; ++c) {
      std::vector<sheet_pool> pools;
      std::uint32_t seats = 0;
      for (const auto& s : comps[c]) {
        pools.push_back({s.members.data(), static_cast<std::uint32_t>(s.members.size()), s.seats});
        seats += s.seats;
      }
      std::vector<double> means(J);
      pd::item_report report{};
      for (std::uint32_t j = 0; j < J; ++j) {
        std::vector<std::uint32_t> jurors(seats), scratch(seats);
        pluralism::philox_stream st({.seed = o.seed, .item = item, .jury = j});
        const auto status = pluralism::draw_jury(pools.data(), static_cast<std::uint32_t>(pools.size()), st,
                                                 jurors.data(), scratch.data());
        if (!status.ok) {
          means[j] = nan;
          if (report.status == pd::item_status::ok)
            report = {pd::item_status::unfillable_sheet, j, status.failed_sheet, status.available};
          continue;
        }
        means[j] = pluralism::jury_mean(jurors.data(), seats, [&](std::uint32_t a) { return rating(item, a); });
        if (std::isnan(means[j]) && report.status == pd::item_status::ok) report = {pd::item_status::nan_rating, j, 0, 0};
      }
      r.means.insert(r.means.end(), means.begin(), means.end());
      r.reports.push_back(report);
      if (report.status != pd::item_status::ok) {
        r.verdict.push_back(nan);
        r.share.push_back(nan);
        r.quantiles.insert(r.quantiles.end(), Q, nan);
        continue;
      }
      std::sort(means.begin(), means.end());
      const auto n = static_cast<std::uint32_t>(J);
      r.verdict.push_back(pluralism::sorted_median(means.data(), n));
      r.share.push_back(static_cast<double>(pluralism::count_at_or_above(means.data(), n, o.threshold)) /
                        static_cast<double>(J));
      for (double q : o.quantiles) r.quantiles.push_back(pluralism::sorted_quantile(means.data(), n, q));
    }
  }
  return r;
}

// Bitwise equality; NaN equals NaN.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (std::isnan(a[k]) && std::isnan(b[k])) continue;
    if (std::bit_cast<std::uint64_t>(a[k]) != std::bit_cast<std::uint64_t>(b[k])) return false;
  }
  return true;
}

bool same_reports(const std::vector<pd::item_report>& a, const std::vector<pd::item_report>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) {
           return x.status == y.status && x.jury == y.jury && x.sheet == y.sheet && x.available == y.available;
         });
}

void require_same(const pd::sweep_result& got, const reference& want, bool means) {
  REQUIRE(same_reports(got.reports, want.reports));
  REQUIRE(same_bits(got.verdict, want.verdict));
  REQUIRE(same_bits(got.share, want.share));
  REQUIRE(same_bits(got.quantiles, want.quantiles));
  if (means) REQUIRE(same_bits(got.means, want.means));
}

std::vector<std::uint32_t> range(std::uint32_t lo, std::uint32_t hi) {
  std::vector<std::uint32_t> v(hi - lo);
  std::iota(v.begin(), v.end(), lo);
  return v;
}

// Random predictions in [0, 4) from the library's own generator (any fixed source would do).
template <class T>
std::vector<T> random_matrix(std::size_t rows, std::size_t pitch, std::uint64_t seed) {
  std::vector<T> m(rows * pitch);
  pluralism::philox_stream st({.seed = seed, .item = 0, .jury = 0});
  for (auto& x : m) x = static_cast<T>(4.0 * pluralism::uniform_double(st));
  return m;
}

// Disjoint sheets (as W1), overlapping sheets that always fill, a single seat from everyone, and a jury of
// 20 (more than the kernels' small-jury size of 16).
std::vector<pd::pool_composition> mixed_compositions(std::uint32_t annotators) {
  return {
      {{range(0, 20), 6}, {range(20, 35), 6}},
      {{range(0, 30), 5}, {range(20, 40), 5}},
      {{range(0, annotators), 1}},
      {{range(0, 30), 12}, {range(25, 50), 8}},
  };
}

// A model whose ratings are distinct powers of two: a jury mean (sum / k) then identifies the set of
// jurors exactly, so equal means are equal juries.
struct power_model {
  PLURALISM_HD double operator()(std::uint64_t, std::uint32_t a) const noexcept {
    return static_cast<double>(std::uint64_t{1} << a);
  }
};

}  // namespace

TEST_CASE("device: compiled for the expected Thrust back end") {
  REQUIRE(pd::backend_name() == PLURALISM_EXPECTED_BACKEND);
}

TEMPLATE_TEST_CASE("device: dense matrix sweep equals the CPU reference bit for bit", "", float, double) {
  const std::uint32_t A = 50;
  const std::size_t N = 120, pitch = 53;  // pitch > cols: rows are padded
  const auto host = random_matrix<TestType>(N, pitch, 7);
  const auto comps = mixed_compositions(A);
  pd::sweep_options o;
  o.juries = GENERATE(1u, 2u, 31u);
  o.threshold = 2.0;
  o.seed = 0x5eed'0000'0001ULL;
  o.quantiles = {0.0, 0.1, 0.25, 0.5, 0.9, 1.0};
  o.keep_means = true;
  o.first_item = 1'000'000'007ULL;
  const auto want = reference_sweep(comps, o.first_item, N, o, [&](std::uint64_t item, std::uint32_t a) {
    return static_cast<double>(host[(item - o.first_item) * pitch + a]);
  });
  const pd::composition_table table(comps, A);

  SECTION("matrix in device memory") {
    const thrust::device_vector<TestType> dev(host.begin(), host.end());
    o.batch_items = GENERATE(std::size_t{0}, std::size_t{1}, std::size_t{17});
    const auto got = pd::sweep(pd::device_matrix_ref<TestType>{thrust::raw_pointer_cast(dev.data()), N, A, pitch}, table, o);
    REQUIRE(got.items == N);
    REQUIRE(got.compositions == 4);
    require_same(got, want, true);
  }
  SECTION("matrix in host memory, streamed in chunks") {
    o.batch_items = GENERATE(std::size_t{0}, std::size_t{7}, std::size_t{1000});
    const auto got = pd::sweep(pd::host_matrix_ref<TestType>{host.data(), N, A, pitch}, table, o);
    require_same(got, want, true);
  }
}

TEST_CASE("device: a result reused across sweeps of different sizes equals fresh sweeps") {
  // sweep_into resizes the caller's result: from empty, larger, smaller and back (the host back ends once
  // copied from a null pointer when growing an empty vector).
  const std::uint32_t A = 50;
  const std::size_t N = 90;
  const auto host = random_matrix<double>(N, A, 11);
  const pd::composition_table table(mixed_compositions(A), A);
  const thrust::device_vector<double> dev(host.begin(), host.end());
  pd::sweep_options o;
  o.juries = 9;
  o.quantiles = {0.5};
  o.keep_means = true;
  pd::device_sweep_result reused;
  for (const std::size_t n : {std::size_t{40}, std::size_t{90}, std::size_t{0}, std::size_t{7}, std::size_t{60}}) {
    const pd::dense_predictions<double> model{thrust::raw_pointer_cast(dev.data()), A, 0};
    pd::sweep_into(model, n, table, o, reused);
    const auto want = pd::sweep(model, n, table, o);
    const auto got = reused.to_host();
    REQUIRE(got.items == n);
    REQUIRE(got.verdict == want.verdict);
    REQUIRE(got.share == want.share);
    REQUIRE(got.quantiles == want.quantiles);
    REQUIRE(got.means == want.means);
  }
}

TEST_CASE("device: sampled juries are the CPU path's juries") {
  // Power-of-two ratings: equal means are equal juror sets, so this compares the draws themselves.
  const std::uint32_t A = 48;
  const std::vector<pd::pool_composition> comps{{{range(0, 24), 6}, {range(24, 48), 6}},
                                                {{range(0, 40), 7}, {range(8, 48), 5}}};
  pd::sweep_options o;
  o.juries = 15;
  o.seed = 42;
  o.keep_means = true;
  o.first_item = 3;
  const auto want = reference_sweep(comps, o.first_item, 200, o, power_model{});
  const pd::composition_table table(comps, A);
  const auto got = pd::sweep(power_model{}, 200, table, o);
  REQUIRE(got.failures() == 0);
  require_same(got, want, true);
  // Common random numbers: the stream of (seed, item, jury) does not depend on the composition, so a
  // composition's juries are the same whether it is swept alone or with others.
  const std::vector<pd::pool_composition> second{comps[1]};
  const auto alone = pd::sweep(power_model{}, 200, pd::composition_table(second, A), o);
  for (std::size_t i = 0; i < 200; ++i)
    for (std::uint32_t j = 0; j < o.juries; ++j)
      REQUIRE(std::bit_cast<std::uint64_t>(alone.means[i * o.juries + j]) ==
              std::bit_cast<std::uint64_t>(got.means[(i * 2 + 1) * o.juries + j]));
}

TEST_CASE("device: low-rank model (no matrix) equals the reference") {
  const std::uint32_t A = 50, rank = 5;
  const std::size_t N = 90;
  const auto u = random_matrix<float>(N, rank, 11);
  const auto v = random_matrix<float>(A, rank, 12);
  const thrust::device_vector<float> du(u.begin(), u.end()), dv(v.begin(), v.end());
  pd::sweep_options o;
  o.juries = 21;
  o.seed = 9;
  o.threshold = 3.5;
  o.quantiles = {0.05, 0.95};
  const pd::low_rank_model<float> model{thrust::raw_pointer_cast(du.data()), thrust::raw_pointer_cast(dv.data()), rank,
                                        -0.25, 0};
  const auto rating = [&](std::uint64_t item, std::uint32_t a) {
    double s = -0.25;
    for (std::uint32_t k = 0; k < rank; ++k)
      s = std::fma(static_cast<double>(u[item * rank + k]), static_cast<double>(v[a * rank + k]), s);
    return s;
  };
  const auto comps = mixed_compositions(A);
  const auto want = reference_sweep(comps, 0, N, o, rating);
  const auto got = pd::sweep(model, N, pd::composition_table(comps, A), o);
  require_same(got, want, false);
  REQUIRE(got.means.empty());
}

TEST_CASE("device: conditional juries are the assigned columns of the full sweep") {
  const std::uint32_t A = 50;
  const std::size_t N = 77;
  const auto comps = mixed_compositions(A);
  const pd::composition_table table(comps, A);
  pd::sweep_options o;
  o.juries = 11;
  o.seed = 5;
  o.first_item = 40;
  o.quantiles = {0.3};
  o.keep_means = true;
  std::vector<std::uint32_t> assign(N);
  for (std::size_t i = 0; i < N; ++i) assign[i] = static_cast<std::uint32_t>((i * 7 + i / 3) % comps.size());
  const thrust::device_vector<std::uint32_t> dassign(assign.begin(), assign.end());
  const auto full = pd::sweep(power_model{}, N, table, o);
  o.batch_items = 10;
  const auto cond = pd::sweep_conditional(power_model{}, N, table, thrust::raw_pointer_cast(dassign.data()), o);
  REQUIRE(cond.compositions == 1);
  REQUIRE(cond.items == N);
  for (std::size_t i = 0; i < N; ++i) {
    const std::size_t p = full.at(i, assign[i]);
    REQUIRE(std::bit_cast<std::uint64_t>(cond.verdict[i]) == std::bit_cast<std::uint64_t>(full.verdict[p]));
    REQUIRE(std::bit_cast<std::uint64_t>(cond.share[i]) == std::bit_cast<std::uint64_t>(full.share[p]));
    REQUIRE(std::bit_cast<std::uint64_t>(cond.quantiles[i]) == std::bit_cast<std::uint64_t>(full.quantiles[p]));
    for (std::uint32_t j = 0; j < o.juries; ++j)
      REQUIRE(std::bit_cast<std::uint64_t>(cond.means[i * o.juries + j]) ==
              std::bit_cast<std::uint64_t>(full.means[p * o.juries + j]));
  }
  assign[N - 1] = static_cast<std::uint32_t>(comps.size());
  const thrust::device_vector<std::uint32_t> bad(assign.begin(), assign.end());
  try {
    static_cast<void>(pd::sweep_conditional(power_model{}, N, table, thrust::raw_pointer_cast(bad.data()), o));
    FAIL("no exception");
  } catch (const pluralism::precondition_error& e) {
    REQUIRE(e.id() == "pluralism.jury.assignment");
  }
}

TEST_CASE("device: juries that cannot be drawn are reported, not undefined") {
  // Sheet 2 (3 seats from {2, 3, 4}) fails whenever sheet 1 seated 2 or 3.
  const std::uint32_t A = 6;
  const std::vector<pd::pool_composition> comps{{{range(0, 4), 2}, {range(2, 5), 3}}, {{range(0, 6), 3}}};
  const auto host = random_matrix<double>(40, A, 3);
  pd::sweep_options o;
  o.juries = 5;
  o.quantiles = {0.5};
  const auto rating = [&](std::uint64_t item, std::uint32_t a) { return host[item * A + a]; };
  const auto want = reference_sweep(comps, 0, 40, o, rating);
  const pd::composition_table table(comps, A);
  const auto got = pd::sweep(pd::host_matrix_ref<double>{host.data(), 40, A, A}, table, o);
  require_same(got, want, false);
  std::size_t failed = 0;
  for (std::size_t i = 0; i < 40; ++i) {
    failed += got.reports[got.at(i, 0)].status == pd::item_status::unfillable_sheet ? 1u : 0u;
    REQUIRE(got.reports[got.at(i, 1)].status == pd::item_status::ok);
  }
  // P(one jury fills) = C(2,2)/C(4,2) = 1/6, so nearly every item has a failing jury among 5.
  REQUIRE(failed > 30);
  o.on_failure = pd::failure_policy::throw_error;
  REQUIRE_THROWS_WITH(pd::sweep(pd::host_matrix_ref<double>{host.data(), 40, A, A}, table, o),
                      Catch::Matchers::Contains("[pluralism.jury.unfillable_sheet]"));
}

TEST_CASE("device: a NaN rating makes the item's status nan_rating") {
  const std::uint32_t A = 10;
  auto host = random_matrix<float>(8, A, 5);
  for (std::uint32_t a = 0; a < A; ++a) host[3 * A + a] = std::numeric_limits<float>::quiet_NaN();
  host[5 * A + 4] = std::numeric_limits<float>::quiet_NaN();
  const std::vector<pd::pool_composition> comps{{{range(0, A), 4}}};
  pd::sweep_options o;
  o.juries = 9;
  const auto rating = [&](std::uint64_t item, std::uint32_t a) { return static_cast<double>(host[item * A + a]); };
  const auto want = reference_sweep(comps, 0, 8, o, rating);
  const thrust::device_vector<float> dev(host.begin(), host.end());
  const auto got = pd::sweep(pd::device_matrix_ref<float>{thrust::raw_pointer_cast(dev.data()), 8, A, A},
                             pd::composition_table(comps, A), o);
  require_same(got, want, false);
  REQUIRE(got.reports[3].status == pd::item_status::nan_rating);
  REQUIRE(got.reports[3].jury == 0);
  REQUIRE(std::isnan(got.verdict[3]));
  REQUIRE(got.reports[0].status == pd::item_status::ok);
  o.on_failure = pd::failure_policy::throw_error;
  REQUIRE_THROWS_WITH(pd::sweep(pd::host_matrix_ref<float>{host.data(), 8, A, A}, pd::composition_table(comps, A), o),
                      Catch::Matchers::Contains("[pluralism.jury.no_prediction]"));
}

TEST_CASE("device: bad input is a clear error") {
  const std::uint32_t A = 10;
  using C = std::vector<pd::pool_composition>;
  const auto id_of = [](auto&& f) {
    try {
      f();
    } catch (const pluralism::error& e) {
      return e.id();
    }
    return std::string("no error");
  };
  REQUIRE(id_of([&] { pd::composition_table t(C{}, A); }) == "pluralism.device.no_compositions");
  REQUIRE(id_of([&] { pd::composition_table t(C{{}}, A); }) == "pluralism.jury.empty_composition");
  REQUIRE(id_of([&] { pd::composition_table t(C{{{{3, 2}, 1}}}, A); }) == "pluralism.jury.pool_order");
  REQUIRE(id_of([&] { pd::composition_table t(C{{{{2, 2}, 1}}}, A); }) == "pluralism.jury.pool_order");
  REQUIRE(id_of([&] { pd::composition_table t(C{{{{1, 10}, 1}}}, A); }) == "pluralism.jury.annotator_range");
  REQUIRE(id_of([&] { pd::composition_table t(C{{{{1, 2}, 3}}}, A); }) == "pluralism.jury.unfillable_sheet");
  REQUIRE(id_of([&] { pd::composition_table t(C{{{{1, 2}, 0}}}, A); }) == "pluralism.jury.seats");
  REQUIRE(id_of([&] { pd::composition_table t(C{{{range(0, 100), 65}}}, 100); }) == "pluralism.jury.seats");
  REQUIRE_THROWS_AS(pd::composition_table(C{{{{1, 2}, 3}}}, A), pluralism::data_error);

  const pd::composition_table table(C{{{range(0, A), 3}}}, A);
  const std::vector<double> m(4 * A, 1.0);
  const auto run = [&](pd::sweep_options o, std::size_t pitch = 10, std::size_t cols = 10) {
    return id_of([&] { static_cast<void>(pd::sweep(pd::host_matrix_ref<double>{m.data(), 4, cols, pitch}, table, o)); });
  };
  pd::sweep_options o;
  REQUIRE(run(o) == "no error");
  o.juries = 0;
  REQUIRE(run(o) == "pluralism.jury.juries");
  o = {};
  o.threshold = std::numeric_limits<double>::quiet_NaN();
  REQUIRE(run(o) == "pluralism.jury.threshold");
  o = {};
  o.quantiles = {0.5, 1.5};
  REQUIRE(run(o) == "pluralism.jury.quantile");
  REQUIRE(run({}, A - 1) == "pluralism.device.pitch");
  REQUIRE(run({}, A - 1, A - 1) == "pluralism.jury.annotator_range");
  // Zero items is an empty result, not an error.
  REQUIRE(pd::sweep(power_model{}, 0, table).verdict.empty());
}

#if defined(__SANITIZE_ADDRESS__)
#define PLURALISM_TEST_ASAN 1  // AddressSanitizer aborts on a failed operator new instead of throwing
#else
#define PLURALISM_TEST_ASAN 0
#endif

TEST_CASE("device: running out of device memory is a clear exception") {
  if (PLURALISM_TEST_ASAN) {
    PLURALISM_SKIP_TEST("under AddressSanitizer, whose operator new aborts rather than throw std::bad_alloc");
  }
  const pd::composition_table table(std::vector<pd::pool_composition>{{{range(0, 10), 3}}}, 10);
  pd::sweep_options o;
  o.keep_means = true;
  try {
    static_cast<void>(pd::sweep(power_model{}, std::uint64_t{1} << 50, table, o));
    FAIL("no exception");
  } catch (const pd::device_error& e) {
    REQUIRE(e.id() == "pluralism.device.out_of_memory");
  }
}

#if !PLURALISM_DEVICE_COMPILER
// The host back ends also run the CPU API itself: a sweep equals `convene_items` bit for bit.
#include <pluralism/jury/convene.hpp>
#include <pluralism/jury/models.hpp>
#include <pluralism/jury/synthetic.hpp>

TEST_CASE("device: a sweep equals the CPU convene_items bit for bit") {
  namespace pl = pluralism;
  const auto pop = pl::make_synthetic_population({.annotators = 200, .items = 60, .raters_per_item = 5, .seed = 77});
  const std::uint32_t A = 200;
  std::vector<float> predictions(60 * A);
  for (std::size_t i = 0; i < 60; ++i)
    for (std::uint32_t a = 0; a < A; ++a) predictions[i * A + a] = static_cast<float>(pop.truth.predict(i, a));
  const pl::models::dense_predictions<float> model(pl::as_matrix(std::span<const float>(predictions), A));
  const pl::composition jury{pl::sheet{pl::attr("politics") == "liberal", 4}, pl::sheet{pl::attr("parent") == "yes", 4}};
  const pl::jury_options cpu{.juries = 31, .threshold = 1.5, .seed = 99, .quantiles = {0.05, 0.5, 0.95}};
  const auto want = pl::convene_items(jury, model, pop.data, cpu);
  const std::vector<pd::pool_composition> comps{pd::to_pool_composition(jury, pop.data.annotators)};
  const pd::composition_table table(comps, A);
  pd::sweep_options o;
  o.juries = 31;
  o.threshold = 1.5;
  o.seed = 99;
  o.quantiles = {0.05, 0.5, 0.95};
  o.keep_means = true;
  const thrust::device_vector<float> dev(predictions.begin(), predictions.end());
  const auto got = pd::sweep(pd::device_matrix_ref<float>{thrust::raw_pointer_cast(dev.data()), 60, A, A}, table, o);
  for (std::size_t i = 0; i < 60; ++i) {
    REQUIRE(want[i].ok);
    CHECK(got.verdict[i] == want[i].value);
    CHECK(got.share[i] == want[i].share());
    for (std::size_t q = 0; q < 3; ++q) CHECK(got.quantiles[i * 3 + q] == want[i].quantiles[q]);
    for (std::uint32_t j = 0; j < 31; ++j) CHECK(got.means[i * 31 + j] == want[i].jury_means[j]);
  }
}
#endif
