// SPDX-License-Identifier: MIT
// Benchmark: read_annotations on a generated 1,000,000-row annotation CSV (issue 3: under 2 s on one core).
// Bound in the same run: reading the file's bytes and counting its line breaks with memchr (what any CSV
// loader must at least do). Also shown: the CSV reader alone (fields split, no tables built).
//   bench_io [rows=1000000] [runs=5] [file=/tmp/pluralism_io_bench.csv]
// The file: rows in random order, 100,000 items with a quoted text (commas, doubled quotes) stored as an
// item column, 20,000 annotators with four attributes (gender, age band, politics as a number, education).

#include <pluralism/io.hpp>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Median wall time and median CPU time of this thread (the machine is shared: CPU time shows the work
// without the time spent waiting for a core).
struct timing {
  double wall, cpu;
};

template <class F>
timing median_time(int runs, F&& f) {
  std::vector<double> w, c;
  for (int r = 0; r < runs; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_now();
    f();
    c.push_back(cpu_now() - c0);
    w.push_back(seconds_since(t0));
  }
  std::sort(w.begin(), w.end());
  std::sort(c.begin(), c.end());
  return {w[w.size() / 2], c[c.size() / 2]};
}

void write_file(const std::string& path, std::size_t rows) {
  const std::size_t items = std::max<std::size_t>(1, rows / 10), annotators = std::max<std::size_t>(1, rows / 50);
  std::mt19937_64 rng(12345);
  const char* words[] = {"the", "people", "say", "\"\"quoted\"\"", "this,", "is", "fine", "not", "really", "ok"};
  const char* genders[] = {"man", "woman", "nonbinary"};
  const char* ages[] = {"18-24", "25-34", "35-44", "45-54", "55-64", "65+"};
  const char* education[] = {"High school", "College degree", "\"Master's, or more\""};
  std::vector<std::string> text(items), attrs(annotators);
  for (auto& t : text) {
    t = "\"";
    for (int w = 0; w < 10; ++w) t += std::string(words[rng() % 10]) + (w < 9 ? " " : "");
    t += "\"";
  }
  for (auto& a : attrs) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(rng() % 201) / 100.0 - 1.0);
    a = std::string(genders[rng() % 3]) + "," + ages[rng() % 6] + "," + buf + "," + education[rng() % 3];
  }
  // Each item rated by 10 distinct annotators (consecutive block, shifted per item), then shuffled.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  pairs.reserve(rows);
  for (std::size_t k = 0; k < rows; ++k) {
    const std::size_t i = k / 10, j = k % 10;
    pairs.emplace_back(static_cast<std::uint32_t>(i % items),
                       static_cast<std::uint32_t>((i * 7 + j) % annotators));
  }
  std::shuffle(pairs.begin(), pairs.end(), rng);
  std::string out = "comment,worker,toxicity,text,gender,age,politics,education\n";
  out.reserve(rows * 110);
  for (const auto& [i, a] : pairs) {
    out += "c" + std::to_string(i) + ",w" + std::to_string(a) + "," + std::to_string(rng() % 5) + ".0," + text[i] +
           "," + attrs[a] + "\n";
  }
  std::ofstream(path, std::ios::binary) << out;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  const std::string path = argc > 3 ? argv[3] : "/tmp/pluralism_io_bench.csv";
  write_file(path, rows);
  const std::string bytes = pluralism::io::read_text_file(path);
  std::printf("file: %s, %zu rows, %.1f MB\n", path.c_str(), rows, static_cast<double>(bytes.size()) / 1e6);

  std::size_t lines = 0;
  const timing bound = median_time(runs, [&] {
    const std::string t = pluralism::io::read_text_file(path);
    std::size_t n = 0;
    for (const char* p = t.data(); (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(t.data() + t.size() - p)))) != nullptr; ++p) ++n;
    lines = n;
  });

  std::size_t fields = 0;
  const timing split = median_time(runs, [&] {
    pluralism::io::csv_reader csv(pluralism::io::read_text_file(path), path);
    std::vector<pluralism::io::csv_field> rec;
    std::size_t n = 0;
    while (csv.next(rec)) n += rec.size();
    fields = n;
  });

  const pluralism::io::annotation_columns cols{
      .item = "comment", .annotator = "worker", .rating = "toxicity", .item_columns = {"text"}};
  std::size_t ratings = 0, items = 0, annotators = 0;
  const timing load = median_time(runs, [&] {
    const auto d = pluralism::io::read_annotations(path, cols);
    ratings = d.ratings.size();
    items = d.items.size();
    annotators = d.annotators.size();
  });

  std::printf("check: %zu lines, %zu fields, %zu ratings, %zu items, %zu annotators\n", lines, fields, ratings,
              items, annotators);
  const double mb = static_cast<double>(bytes.size()) / 1e6;
  std::printf("median of %d runs, one thread        wall s    CPU s   CPU MB/s   CPU / bound CPU\n", runs);
  auto row = [&](const char* what, timing t) {
    std::printf("  %-34s %7.3f  %7.3f   %8.0f   %6.2fx\n", what, t.wall, t.cpu, mb / t.cpu, t.cpu / bound.cpu);
  };
  row("bound: read bytes + memchr lines", bound);
  row("csv_reader: split into fields", split);
  row("read_annotations", load);
  std::printf("goal (under 2 s on one core): %s (CPU %.3f s, wall %.3f s)\n",
              load.cpu < 2.0 ? "met" : "NOT met", load.cpu, load.wall);
  return ratings == rows ? 0 : 1;
}
