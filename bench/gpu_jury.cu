// SPDX-License-Identifier: MIT
// GPU benchmark and check of pluralism::device (DESIGN section 7, W1, W5 and a device-model variant).
// Built with nvcc by bench/gpu.sh (and compile-only in CI with PLURALISM_CUDA=ON). Modes:
//   gpu_jury check     sweeps on the GPU equal a CPU reference loop bit for bit (exit 1 if not)
//   gpu_jury memcheck  a tiny case of every path, for compute-sanitizer
//   gpu_jury time      W1, W5, the device-model variant and the read bound; median times and ratios
#include <pluralism/device/jury.hpp>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include <thrust/device_vector.h>
#include <thrust/reduce.h>

namespace pd = pluralism::device;

namespace {

#define BENCH_CHECK(call) pd::detail::check_cuda((call), #call)

std::vector<std::uint32_t> iota_vec(std::uint32_t lo, std::uint32_t hi) {
  std::vector<std::uint32_t> v(hi - lo);
  std::iota(v.begin(), v.end(), lo);
  return v;
}

// W1's composition: 6 seats from a pool of 400, 6 from a disjoint pool of 300. W5 shifts the first pool.
std::vector<pd::pool_composition> w1_compositions() { return {{{iota_vec(0, 400), 6}, {iota_vec(400, 700), 6}}}; }
std::vector<pd::pool_composition> w5_compositions(int count) {
  std::vector<pd::pool_composition> c;
  for (int k = 0; k < count; ++k) {
    const auto lo = static_cast<std::uint32_t>(k * 4);
    c.push_back({{iota_vec(lo, lo + 400), 6}, {iota_vec(700, 1000), static_cast<std::uint32_t>(4 + k % 5)}});
  }
  return c;
}

__global__ void fill_uniform(float* m, std::size_t n, std::uint64_t seed) {
  for (std::size_t k = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; k < n;
       k += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    m[k] = 4.0f * static_cast<float>(pluralism::random_word({seed, k / 4, 0}, static_cast<std::uint32_t>(k % 4)) >> 8) *
           0x1.0p-24f;
  }
}

// The bound: one read of the matrix, vectorised (float4), reduced per block.
__global__ void read_sum(const float4* m, std::size_t n4, float* block_sums) {
  float s = 0.0f;
  for (std::size_t k = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; k < n4;
       k += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    const float4 v = m[k];
    s += (v.x + v.y) + (v.z + v.w);
  }
  for (int off = 16; off > 0; off /= 2) s += __shfl_down_sync(0xffffffffu, s, off);
  __shared__ float warp_sums[32];
  if (threadIdx.x % 32 == 0) warp_sums[threadIdx.x / 32] = s;
  __syncthreads();
  if (threadIdx.x == 0) {
    float t = 0.0f;
    for (unsigned w = 0; w < blockDim.x / 32; ++w) t += warp_sums[w];
    block_sums[blockIdx.x] = t;
  }
}

template <class F>
double median_ms(int reps, F&& f) {
  f();  // warm-up
  BENCH_CHECK(cudaDeviceSynchronize());
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    BENCH_CHECK(cudaDeviceSynchronize());
    t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

// ---- CPU reference (the obvious loop over the shared kernels) ----------------------------------------
struct reference {
  std::vector<double> verdict, share, quantiles;
  std::vector<pd::item_report> reports;
};

template <class Rating>
reference cpu_reference(const std::vector<pd::pool_composition>& comps, std::size_t items, const pd::sweep_options& o,
                        Rating rating) {
  reference r;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < items; ++i) {
    const std::uint64_t item = o.first_item + i;
    for (const auto& comp : comps) {
      std::vector<pluralism::sheet_pool> pools;
      std::uint32_t seats = 0;
      for (const auto& s : comp) {
        pools.push_back({s.members.data(), static_cast<std::uint32_t>(s.members.size()), s.seats});
        seats += s.seats;
      }
      std::vector<double> means(o.juries);
      pd::item_report rep{};
      for (std::uint32_t j = 0; j < o.juries; ++j) {
        std::uint32_t jurors[pd::max_seats], scratch[pd::max_seats];
        pluralism::philox_stream st({o.seed, item, j});
        const auto s = pluralism::draw_jury(pools.data(), static_cast<std::uint32_t>(pools.size()), st, jurors, scratch);
        if (!s.ok) {
          if (rep.status == pd::item_status::ok) rep = {pd::item_status::unfillable_sheet, j, s.failed_sheet, s.available};
          means[j] = nan;
          continue;
        }
        double sum = 0.0;  // jury_mean, spelled out for a host-only rating
        for (std::uint32_t k = 0; k < seats; ++k) sum += rating(item, jurors[k]);
        means[j] = sum / static_cast<double>(seats);
      }
      r.reports.push_back(rep);
      if (rep.status != pd::item_status::ok) {
        r.verdict.push_back(nan);
        r.share.push_back(nan);
        r.quantiles.insert(r.quantiles.end(), o.quantiles.size(), nan);
        continue;
      }
      std::sort(means.begin(), means.end());
      r.verdict.push_back(pluralism::sorted_median(means.data(), o.juries));
      r.share.push_back(static_cast<double>(pluralism::count_at_or_above(means.data(), o.juries, o.threshold)) /
                        static_cast<double>(o.juries));
      for (double q : o.quantiles) r.quantiles.push_back(pluralism::sorted_quantile(means.data(), o.juries, q));
    }
  }
  return r;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k] != a[k] && b[k] != b[k]) continue;
    if (std::bit_cast<std::uint64_t>(a[k]) != std::bit_cast<std::uint64_t>(b[k])) return false;
  }
  return true;
}

bool compare(const char* name, const pd::sweep_result& got, const reference& want) {
  bool ok = same_bits(got.verdict, want.verdict) && same_bits(got.share, want.share) &&
            same_bits(got.quantiles, want.quantiles) && got.reports.size() == want.reports.size();
  for (std::size_t k = 0; ok && k < want.reports.size(); ++k)
    ok = got.reports[k].status == want.reports[k].status && got.reports[k].jury == want.reports[k].jury &&
         got.reports[k].sheet == want.reports[k].sheet && got.reports[k].available == want.reports[k].available;
  std::printf("check %-52s %s (%zu items x %zu compositions, %zu failures)\n", name, ok ? "identical" : "MISMATCH",
              got.items, got.compositions, got.failures());
  return ok;
}

int run_check(std::size_t N) {
  const std::uint32_t A = 1000;
  std::vector<float> host(N * A);
  pluralism::philox_stream st({7, 0, 0});
  for (auto& x : host) x = 4.0f * pluralism::uniform_float(st);
  thrust::device_vector<float> dev(host.begin(), host.end());
  auto comps = w5_compositions(4);
  comps.push_back({{iota_vec(0, 8), 3}, {iota_vec(5, 10), 4}});  // overlapping: some juries cannot be drawn
  const pd::composition_table table(comps, A);
  pd::sweep_options o;
  o.juries = 101;
  o.threshold = 2.0;
  o.seed = 2026;
  o.first_item = 123456789;
  o.quantiles = {0.05, 0.25, 0.5, 0.75, 0.95};
  const auto rating = [&](std::uint64_t item, std::uint32_t a) {
    return static_cast<double>(host[(item - o.first_item) * A + a]);
  };
  const auto want = cpu_reference(comps, N, o, rating);
  bool ok = compare("dense float matrix in device memory", pd::sweep(pd::device_matrix_ref<float>{
                                                               thrust::raw_pointer_cast(dev.data()), N, A, A}, table, o), want);
  o.batch_items = 97;
  ok = compare("dense matrix streamed from host memory (chunks of 97)",
               pd::sweep(pd::host_matrix_ref<float>{host.data(), N, A, A}, table, o), want) && ok;
  o.batch_items = 0;
  // Device model: low rank 8, factors in device memory; the reference uses the same explicit fma order.
  const std::uint32_t rank = 8;
  std::vector<float> u(N * rank), v(A * rank);
  for (auto& x : u) x = pluralism::uniform_float(st) - 0.5f;
  for (auto& x : v) x = pluralism::uniform_float(st) - 0.5f;
  thrust::device_vector<float> du(u.begin(), u.end()), dv(v.begin(), v.end());
  const pd::low_rank_model<float> model{thrust::raw_pointer_cast(du.data()), thrust::raw_pointer_cast(dv.data()), rank,
                                        2.0, o.first_item};
  const auto lr = [&](std::uint64_t item, std::uint32_t a) {
    double s = 2.0;
    for (std::uint32_t k = 0; k < rank; ++k)
      s = std::fma(static_cast<double>(u[(item - o.first_item) * rank + k]), static_cast<double>(v[a * rank + k]), s);
    return s;
  };
  ok = compare("low-rank device model (no matrix)", pd::sweep(model, N, table, o), cpu_reference(comps, N, o, lr)) && ok;
  std::printf("check: %s\n", ok ? "ALL IDENTICAL" : "FAILED");
  return ok ? 0 : 1;
}

int run_time(std::size_t N, int reps) {
  const std::uint32_t A = 1000;
  cudaDeviceProp prop{};
  BENCH_CHECK(cudaGetDeviceProperties(&prop, 0));
  std::printf("device: %s, %zu MiB\n", prop.name, static_cast<std::size_t>(prop.totalGlobalMem >> 20));
  thrust::device_vector<float> m(N * A);
  fill_uniform<<<4096, 256>>>(thrust::raw_pointer_cast(m.data()), m.size(), 3);
  BENCH_CHECK(cudaGetLastError());
  BENCH_CHECK(cudaDeviceSynchronize());
  const double gb = static_cast<double>(m.size()) * sizeof(float) / 1e9;

  // Bound: one read of the matrix (our vectorised kernel, and thrust::reduce; the faster counts).
  thrust::device_vector<float> block_sums(prop.multiProcessorCount * 8);
  const double t_read = median_ms(reps, [&] {
    read_sum<<<static_cast<unsigned>(block_sums.size()), 512>>>(
        reinterpret_cast<const float4*>(thrust::raw_pointer_cast(m.data())), m.size() / 4,
        thrust::raw_pointer_cast(block_sums.data()));
    BENCH_CHECK(cudaGetLastError());
  });
  float sink = 0.0f;
  const double t_reduce = median_ms(reps, [&] { sink += thrust::reduce(m.begin(), m.end(), 0.0f); });
  const double t_bound = std::min(t_read, t_reduce);
  std::printf("bound: read of %.2f GB: kernel %.3f ms, thrust::reduce %.3f ms -> %.3f ms (%.2f TB/s)\n", gb, t_read,
              t_reduce, t_bound, gb / t_bound / 1e3);

  pd::sweep_options o;
  o.juries = 101;
  o.threshold = 2.0;
  o.seed = 42;
  const pd::composition_table w1(w1_compositions(), A);
  const pd::dense_predictions<float> dense{thrust::raw_pointer_cast(m.data()), A, 0};
  pd::device_sweep_result out;
  const double t_w1 = median_ms(reps, [&] { pd::sweep_into(dense, N, w1, o, out); });
  const double juries = static_cast<double>(N) * o.juries;
  std::printf("W1 sweep_into (results in device memory): %.3f ms, %.4g juries/s, %.2fx the bound\n", t_w1,
              juries / t_w1 * 1e3, t_w1 / t_bound);
  const double t_w1h =
      median_ms(reps, [&] { static_cast<void>(pd::sweep(pd::device_matrix_ref<float>{dense.data, N, A, A}, w1, o)); });
  std::printf("W1 sweep (results copied to the host): %.3f ms\n", t_w1h);

  {  // W1 with the matrix in page-locked host memory, streamed in chunks.
    float* pinned = nullptr;
    BENCH_CHECK(cudaMallocHost(&pinned, m.size() * sizeof(float)));
    BENCH_CHECK(cudaMemcpy(pinned, dense.data, m.size() * sizeof(float), cudaMemcpyDeviceToHost));
    const double t_host =
        median_ms(std::max(1, reps / 2), [&] { static_cast<void>(pd::sweep(pd::host_matrix_ref<float>{pinned, N, A, A}, w1, o)); });
    std::printf("W1 streamed from pinned host memory: %.3f ms (%.2f GB/s of rows)\n", t_host, gb / t_host * 1e3);
    BENCH_CHECK(cudaFreeHost(pinned));
  }

  {  // W5: 100,000 items x 64 compositions x 101 juries.
    const std::size_t n5 = std::min<std::size_t>(N, 100000);
    const pd::composition_table w5(w5_compositions(64), A);
    const double t_w5 = median_ms(reps, [&] { pd::sweep_into(dense, n5, w5, o, out); });
    const double j5 = static_cast<double>(n5) * 64 * o.juries;
    std::printf("W5 sweep_into: %zu items x 64 compositions x 101 juries: %.3f ms, %.4g juries/s\n", n5, t_w5,
                j5 / t_w5 * 1e3);
  }

  {  // Device model, no matrix: low rank 16.
    const std::uint32_t rank = 16;
    thrust::device_vector<float> u(N * rank), v(A * rank);
    fill_uniform<<<1024, 256>>>(thrust::raw_pointer_cast(u.data()), u.size(), 5);
    fill_uniform<<<64, 256>>>(thrust::raw_pointer_cast(v.data()), v.size(), 6);
    BENCH_CHECK(cudaGetLastError());
    const pd::low_rank_model<float> model{thrust::raw_pointer_cast(u.data()), thrust::raw_pointer_cast(v.data()), rank,
                                          0.0, 0};
    const double t_model = median_ms(reps, [&] { pd::sweep_into(model, N, w1, o, out); });
    std::printf("device model (low rank %u, no matrix), W1 shape: %.3f ms, %.4g juries/s\n", rank, t_model,
                juries / t_model * 1e3);
  }
  std::printf("RESULT bound_ms=%.4f w1_ms=%.4f w1_over_bound=%.3f (sink %g)\n", t_bound, t_w1, t_w1 / t_bound,
              static_cast<double>(sink));
  return 0;
}

int run_memcheck() {
  const std::uint32_t A = 1000;
  const std::size_t N = 64;
  std::vector<float> host(N * A, 1.5f);
  thrust::device_vector<float> dev(host.begin(), host.end());
  auto comps = w5_compositions(3);
  comps.push_back({{iota_vec(0, 8), 3}, {iota_vec(5, 10), 4}});
  const pd::composition_table table(comps, A);
  pd::sweep_options o;
  o.juries = 11;
  o.quantiles = {0.1, 0.9};
  o.keep_means = true;
  o.batch_items = 10;
  const auto a = pd::sweep(pd::device_matrix_ref<float>{thrust::raw_pointer_cast(dev.data()), N, A, A}, table, o);
  const auto b = pd::sweep(pd::host_matrix_ref<float>{host.data(), N, A, A}, table, o);
  std::printf("memcheck case done: %zu + %zu failures reported, verdict[0] = %g\n", a.failures(), b.failures(), a.verdict[0]);
  return same_bits(a.verdict, b.verdict) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "check";
  try {
    if (mode == "check") return run_check(argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 3000);
    if (mode == "memcheck") return run_memcheck();
    if (mode == "time") return run_time(argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000000, argc > 3 ? std::atoi(argv[3]) : 7);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gpu_jury: %s\n", e.what());
    return 2;
  }
  std::fprintf(stderr, "usage: gpu_jury check [N] | memcheck | time [N] [reps]\n");
  return 2;
}
