// SPDX-License-Identifier: MIT
// The RFC 4180 reader: hand-written edge cases, every error with its id, line and column, and random texts
// checked against a naive reference parser (tests/fuzz/reference_csv.hpp), both texts written by a reference
// writer (which must parse back to what was written) and arbitrary strings over CSV's special characters.

#include <pluralism/io/csv.hpp>

#include <random>
#include <string>
#include <vector>

#include "catch.hpp"
#include "fuzz/reference_csv.hpp"

namespace io = pluralism::io;
using pluralism_test::ref_parse;
using pluralism_test::ref_write;

namespace {

using table = std::vector<std::vector<std::string>>;

table parse_all(std::string text, io::csv_dialect dialect = {}) {
  io::csv_reader csv(std::move(text), "t.csv", dialect);
  table out;
  std::vector<io::csv_field> rec;
  while (csv.next(rec)) {
    std::vector<std::string> row;
    for (const auto& f : rec) row.emplace_back(f.value);
    out.push_back(row);
  }
  return out;
}

struct where {
  std::string id;
  std::size_t line = 0, column = 0;
};

where error_of(std::string text, io::csv_dialect dialect = {}) {
  try {
    parse_all(std::move(text), dialect);
  } catch (const pluralism::parse_error& e) {
    CHECK(e.file() == "t.csv");
    return {e.id(), e.line(), e.column()};
  }
  return {};
}

// The fast reader's records, or its error, in the reference's shape.
pluralism_test::ref_result fast_parse(const std::string& text, char delim, bool skip_empty) {
  pluralism_test::ref_result out;
  try {
    io::csv_reader csv(text, "t.csv", {.delimiter = delim, .skip_empty_lines = skip_empty});
    std::vector<io::csv_field> rec;
    while (csv.next(rec)) {
      std::vector<pluralism_test::ref_field> row;
      for (const auto& f : rec) row.push_back({std::string(f.value), f.line, f.column, f.quoted});
      out.records.push_back(row);
    }
  } catch (const pluralism::parse_error& e) {
    out.error = e.id().substr(std::string("pluralism.io.csv.").size());
    out.line = e.line();
    out.column = e.column();
    out.records.clear();
  }
  return out;
}

bool same(const pluralism_test::ref_result& a, const pluralism_test::ref_result& b) {
  if (a.error != b.error) return false;
  if (!a.error.empty()) return a.line == b.line && a.column == b.column;
  if (a.records.size() != b.records.size()) return false;
  for (std::size_t r = 0; r < a.records.size(); ++r) {
    if (a.records[r].size() != b.records[r].size()) return false;
    for (std::size_t k = 0; k < a.records[r].size(); ++k) {
      const auto &x = a.records[r][k], &y = b.records[r][k];
      if (x.value != y.value || x.line != y.line || x.column != y.column || x.quoted != y.quoted) return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("csv: plain records, LF and CRLF, with or without a final line break") {
  const table want{{"a", "b", "c"}, {"1", "2", "3"}};
  CHECK(parse_all("a,b,c\n1,2,3\n") == want);
  CHECK(parse_all("a,b,c\n1,2,3") == want);
  CHECK(parse_all("a,b,c\r\n1,2,3\r\n") == want);
  CHECK(parse_all("a,b,c\r1,2,3\r") == want);  // lone CR (old Mac files)
  CHECK(parse_all("a,b,c\r\n1,2,3\n") == want);
  CHECK(parse_all("").empty());
  CHECK(parse_all("\n\r\n").empty());
}

TEST_CASE("csv: quoted fields hold delimiters, doubled quotes and line breaks") {
  CHECK(parse_all("\"a,b\",c\n") == table{{"a,b", "c"}});
  CHECK(parse_all("\"say \"\"hi\"\"\",x") == table{{"say \"hi\"", "x"}});
  CHECK(parse_all("\"\"\"\"") == table{{"\""}});
  CHECK(parse_all("\"\",\"\"\n") == table{{"", ""}});
  CHECK(parse_all("\"line1\nline2\",b\n") == table{{"line1\nline2", "b"}});
  CHECK(parse_all("\"line1\r\nline2\",b\r\n") == table{{"line1\r\nline2", "b"}});
  CHECK(parse_all("\"a\"\"\nb\"\"\",z") == table{{"a\"\nb\"", "z"}});
}

TEST_CASE("csv: empty fields, trailing delimiters, empty lines, BOM, other delimiters") {
  CHECK(parse_all(",\n") == table{{"", ""}});
  CHECK(parse_all("a,\n,b") == table{{"a", ""}, {"", "b"}});
  CHECK(parse_all("a,b,") == table{{"a", "b", ""}});
  CHECK(parse_all("a\n\nb\n") == table{{"a"}, {"b"}});
  CHECK(parse_all("a\n\nb\n", {.skip_empty_lines = false}) == table{{"a"}, {""}, {"b"}});
  CHECK(parse_all("\xEF\xBB\xBFid,x\n1,2\n") == table{{"id", "x"}, {"1", "2"}});
  CHECK(parse_all("a\tb,c\n", {.delimiter = '\t'}) == table{{"a", "b,c"}});
  CHECK(parse_all("a;\"b;\"\n", {.delimiter = ';'}) == table{{"a", "b;"}});
  CHECK_THROWS_AS(io::csv_reader("", "x", {.delimiter = '"'}), pluralism::precondition_error);
}

TEST_CASE("csv: fields know their 1-based line and column") {
  io::csv_reader csv("\xEF\xBB\xBFid,text\r\n7,\"two\nlines\",x\n\n8,\"\"\"q\"\n", "t.csv");
  std::vector<io::csv_field> rec;
  REQUIRE(csv.next(rec));
  CHECK(csv.record_line() == 1);
  CHECK((rec[1].line == 1 && rec[1].column == 4));
  REQUIRE(csv.next(rec));
  CHECK(csv.record_line() == 2);
  REQUIRE(rec.size() == 3);
  CHECK((rec[0].line == 2 && rec[0].column == 1 && !rec[0].quoted));
  CHECK((rec[1].line == 2 && rec[1].column == 3 && rec[1].quoted));
  CHECK((rec[2].line == 3 && rec[2].column == 8));  // after the line break inside the quoted field
  CHECK((csv.record_end_line() == 3 && csv.record_end_column() == 9));
  REQUIRE(csv.next(rec));
  CHECK(csv.record_line() == 5);
  CHECK((rec[1].value == "\"q" && rec[1].column == 3));
  CHECK_FALSE(csv.next(rec));
  CHECK(rec.empty());
}

TEST_CASE("csv: malformed text is a parse_error with id, line and column") {
  auto e = error_of("a,b\n1,\"open\n2,3\n");
  CHECK(e.id == "pluralism.io.csv.unterminated_quote");
  CHECK((e.line == 2 && e.column == 3));  // the opening quote

  e = error_of("a,b\n\"x\"y,2\n");
  CHECK(e.id == "pluralism.io.csv.text_after_quote");
  CHECK((e.line == 2 && e.column == 4));

  e = error_of("a,b\n\"x\ny\" z,2\n");
  CHECK(e.id == "pluralism.io.csv.text_after_quote");
  CHECK((e.line == 3 && e.column == 3));

  e = error_of("a,b\r\n1,2 \"inch\"\r\n");
  CHECK(e.id == "pluralism.io.csv.quote_in_field");
  CHECK((e.line == 2 && e.column == 5));

  try {
    parse_all("x\n\"");
    FAIL("no error");
  } catch (const pluralism::parse_error& err) {
    CHECK(std::string(err.what()).find("t.csv:2:1:") != std::string::npos);
  }
}

TEST_CASE("csv: read_text_file reads bytes as they are, and names a missing file") {
  CHECK_THROWS_AS(io::read_text_file("/nonexistent/pluralism/none.csv"), pluralism::data_error);
  try {
    (void)io::read_text_file("/nonexistent/pluralism/none.csv");
  } catch (const pluralism::data_error& e) {
    CHECK(e.id() == "pluralism.io.cannot_open");
    CHECK(std::string(e.what()).find("none.csv") != std::string::npos);
  }
}

TEST_CASE("csv: random tables written by the reference writer parse back exactly, as the reference parses them") {
  std::mt19937_64 rng(20261128);
  const std::string alphabet[] = {"a", "b", "Z", "0", " ", ",", "\"", "\n", "\r", "\r\n", ";", "\t", "\xC3\xA9"};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(alphabet) - 1), len(0, 6), nrec(0, 8), nfield(1, 5);
  for (int trial = 0; trial < 3000; ++trial) {
    const char delim = trial % 3 == 0 ? ';' : ',';
    table records(nrec(rng));
    const std::size_t width = nfield(rng);
    for (auto& rec : records) {
      rec.resize(width);
      for (auto& f : rec)
        for (std::size_t k = len(rng); k > 0; --k) f += alphabet[pick(rng)];
    }
    const std::string text = ref_write(records, rng, delim);
    INFO("text: " << text);
    CHECK(parse_all(text, {.delimiter = delim}) == records);
    CHECK(same(fast_parse(text, delim, true), ref_parse(text, delim, true)));
  }
}

TEST_CASE("csv: arbitrary strings over the special characters: same records, or the same error, as the reference") {
  std::mt19937_64 rng(7);
  const char alphabet[] = {'a', ',', '"', '\n', '\r', 'b', '"', ','};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(alphabet) - 1), len(0, 24);
  std::size_t errors = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    std::string text;
    for (std::size_t k = len(rng); k > 0; --k) text += alphabet[pick(rng)];
    if (trial % 50 == 0) text = "\xEF\xBB\xBF" + text;
    const bool skip = trial % 2 == 0;
    const auto want = ref_parse(text, ',', skip);
    if (!want.error.empty()) ++errors;
    INFO("text: " << text);
    CHECK(same(fast_parse(text, ',', skip), want));
  }
  // Both outcomes are well represented, so the comparison covers the error paths too.
  CHECK(errors > 2000);
  CHECK(errors < 18000);
}
