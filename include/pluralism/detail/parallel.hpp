// SPDX-License-Identifier: MIT
#pragma once

/// @file detail/parallel.hpp
/// @brief `parallel_for`: plain C++ threads over contiguous chunks of an index range, with the first error
/// rethrown. Not public API (namespace detail).

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace pluralism::detail {

/// Runs f(0..n-1) on `threads` threads (0: hardware concurrency) in contiguous chunks, in index order within
/// each; rethrows the error of the lowest chunk that failed, which is the error a single thread would have
/// thrown first. Callers make each f(i) write only its own outputs, so results cannot depend on the chunking.
template <class F>
void parallel_for(std::size_t n, unsigned threads, F&& f) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t t = std::min<std::size_t>(threads, n);
  if (t <= 1) {
    for (std::size_t i = 0; i < n; ++i) f(i);
    return;
  }
  const std::size_t chunk = (n + t - 1) / t;
  std::vector<std::exception_ptr> errors(t);
  auto work = [&](std::size_t w) {
    try {
      for (std::size_t i = w * chunk; i < std::min(n, (w + 1) * chunk); ++i) f(i);
    } catch (...) {
      errors[w] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(t - 1);
  for (std::size_t w = 1; w < t; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace pluralism::detail
