// SPDX-License-Identifier: MIT
// libFuzzer target for the CSV reader and read_annotations (built and run by tests/fuzz/run.sh).
// Checks, on every input: (1) the fast reader agrees with the naive reference parser (same records, lines,
// columns and quoting, or the same error at the same place), with and without empty-line skipping;
// (2) read_annotations either succeeds with consistent tables or throws a pluralism::error (anything else,
// a crash or a sanitizer report, is a finding), for several choices of columns taken from the header.

#include <pluralism/io.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "reference_csv.hpp"

namespace {

[[noreturn]] void finding(const char* what) {
  std::fprintf(stderr, "fuzz finding: %s\n", what);
  std::abort();
}

void compare_with_reference(const std::string& text, bool skip_empty) {
  const auto want = pluralism_test::ref_parse(text, ',', skip_empty);
  std::vector<pluralism_test::ref_field> row;
  std::vector<std::vector<pluralism_test::ref_field>> got;
  try {
    pluralism::io::csv_reader csv(text, "fuzz", {.delimiter = ',', .skip_empty_lines = skip_empty});
    std::vector<pluralism::io::csv_field> rec;
    while (csv.next(rec)) {
      row.clear();
      for (const auto& f : rec) row.push_back({std::string(f.value), f.line, f.column, f.quoted});
      got.push_back(row);
    }
  } catch (const pluralism::parse_error& e) {
    if (want.error.empty()) finding("reader failed where the reference parsed");
    if (e.id() != "pluralism.io.csv." + want.error) finding("different error id");
    if (e.line() != want.line || e.column() != want.column) finding("different error position");
    return;
  }
  if (!want.error.empty()) finding("reader parsed where the reference failed");
  if (got.size() != want.records.size()) finding("different record count");
  for (std::size_t r = 0; r < got.size(); ++r) {
    if (got[r].size() != want.records[r].size()) finding("different field count");
    for (std::size_t k = 0; k < got[r].size(); ++k) {
      const auto &a = got[r][k], &b = want.records[r][k];
      if (a.value != b.value) finding("different value");
      if (a.line != b.line || a.column != b.column) finding("different field position");
      if (a.quoted != b.quoted) finding("different quoting");
    }
  }
}

void check_tables(const pluralism::annotations& d, std::size_t rows) {
  if (d.ratings.size() > rows) finding("more ratings than rows");
  if (d.ratings.items() != d.items.size() || d.ratings.annotators() != d.annotators.size())
    finding("rating store does not match the tables");
  for (const auto* t : {&d.items, &d.annotators})
    for (const auto& c : t->columns()) {
      if (c.size() != t->size()) finding("column size differs from the row count");
      if (c.kind == pluralism::attribute_kind::categorical)
        for (const auto code : c.codes)
          if (code != pluralism::attribute_column::missing_code &&
              (code < 0 || static_cast<std::size_t>(code) >= c.levels.size()))
            finding("category code out of range");
    }
  for (std::size_t i = 0; i < d.ratings.items(); ++i)
    for (const double r : d.ratings.ratings(i))
      if (!std::isfinite(r)) finding("non-finite rating stored");
}

void try_load(const std::string& text, const pluralism::io::annotation_columns& cols, std::size_t rows) {
  try {
    check_tables(pluralism::io::read_annotations_from_string(text, cols, "fuzz"), rows);
  } catch (const pluralism::error&) {
    // a documented data or precondition error: fine
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  compare_with_reference(text, true);
  compare_with_reference(text, false);

  const auto ref = pluralism_test::ref_parse(text);
  if (!ref.error.empty() || ref.records.empty()) {
    try_load(text, {.item = "item", .annotator = "worker", .rating = "score"}, 0);
    return 0;
  }
  const auto& h = ref.records[0];
  const std::size_t rows = ref.records.size() - 1;
  if (h.size() < 3) {
    try_load(text, {.item = h[0].value, .annotator = h[0].value, .rating = h[0].value}, rows);
    return 0;
  }
  pluralism::io::annotation_columns cols{.item = h[0].value, .annotator = h[1].value, .rating = h[2].value};
  try_load(text, cols, rows);
  if (h.size() >= 4) {
    auto a = cols;
    a.item_columns = {h[3].value};
    a.missing_ratings = pluralism::io::missing_rating_policy::skip;
    try_load(text, a, rows);
    auto b = cols;
    b.item_key = {h[3].value};
    b.numeric = {h.back().value};
    b.missing = {"NA", "-"};
    try_load(text, b, rows);
    auto c = cols;
    c.attributes = {h[3].value};
    c.auto_numeric = false;
    try_load(text, c, rows);
  }
  return 0;
}
