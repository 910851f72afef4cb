// SPDX-License-Identifier: MIT
// read_annotations: random annotation tables written by the reference CSV writer and read back (compared
// with the generating truth), every documented error with its id, line and column, the options, and the two
// real data sets in ../shared/data (checked against the naive reference parser's reading of the same file).

#include <pluralism/io.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support/skip.hpp"
#include "fuzz/reference_csv.hpp"

namespace io = pluralism::io;
using pluralism::attribute_kind;

namespace {

const io::annotation_columns basic{.item = "item", .annotator = "worker", .rating = "score"};

struct failure {
  std::string id;
  std::size_t line = 0, column = 0;
  std::string what;
};

failure error_of(const std::string& text, const io::annotation_columns& cols = basic) {
  try {
    (void)io::read_annotations_from_string(text, cols, "t.csv");
  } catch (const pluralism::parse_error& e) {
    CHECK(e.file() == "t.csv");
    return {e.id(), e.line(), e.column(), e.what()};
  }
  FAIL("no parse_error for: " << text);
  return {};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string shared_data() {
  if (const char* env = std::getenv("PLURALISM_SHARED_DATA")) return env;
#ifdef PLURALISM_SHARED_DATA
  return PLURALISM_SHARED_DATA;
#else
  return "";
#endif
}

double number(const std::string& s) {
  double v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  REQUIRE((ec == std::errc{} && p == s.data() + s.size()));
  return v;
}

}  // namespace

TEST_CASE("annotations: a small table, ids in order of first appearance") {
  const std::string text =
      "item,worker,score,gender,age,text\n"
      "c2,w1,1.5,man,30,\"hello, \"\"world\"\"\"\n"
      "c1,w2,0,woman,NA,bye\n"
      "c2,w2,-2,woman,,\"hello, \"\"world\"\"\"\n"
      "c1,w1,4,man,30.0,bye\n";
  auto cols = basic;
  cols.item_columns = {"text"};
  const auto d = io::read_annotations_from_string(text, cols);
  REQUIRE(d.items.ids() == std::vector<std::string>{"c2", "c1"});
  REQUIRE(d.annotators.ids() == std::vector<std::string>{"w1", "w2"});
  CHECK(d.ratings.size() == 4);
  CHECK(d.ratings.find(0, 0) == 1.5);
  CHECK(d.ratings.find(0, 1) == -2.0);
  CHECK(d.ratings.find(1, 1) == 0.0);
  CHECK(d.ratings.find(1, 0) == 4.0);
  const auto& gender = d.annotators.column("gender");
  CHECK(gender.kind == attribute_kind::categorical);
  CHECK(gender.levels == std::vector<std::string>{"man", "woman"});
  const auto& age = d.annotators.column("age");
  REQUIRE(age.kind == attribute_kind::numeric);
  CHECK(age.numbers[0] == 30.0);
  CHECK(std::isnan(age.numbers[1]));
  CHECK(d.annotators.columns().size() == 2);
  REQUIRE(d.items.columns().size() == 1);
  CHECK(d.items.column("text").text(0) == "hello, \"world\"");
  CHECK(d.items.column("text").text(1) == "bye");
}

TEST_CASE("annotations: random tables round-trip through the reference writer") {
  std::mt19937_64 rng(42);
  const std::vector<std::string> pieces{"a", "b", " ", ",", "\"", "\n", "\r\n", "\xC3\xA9", "1", "x"};
  auto random_text = [&](std::size_t max_len) {
    std::string s;
    for (std::size_t k = std::uniform_int_distribution<std::size_t>(1, max_len)(rng); k > 0; --k)
      s += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
    return s;
  };
  std::bernoulli_distribution coin(0.5), rare(0.15);
  for (int trial = 0; trial < 300; ++trial) {
    // The truth: annotators with a categorical and a numeric attribute, items with a text, sparse ratings.
    const std::size_t n_ann = std::uniform_int_distribution<std::size_t>(1, 12)(rng);
    const std::size_t n_items = std::uniform_int_distribution<std::size_t>(1, 10)(rng);
    std::vector<std::string> ann_id, group, item_id, item_text;
    std::vector<double> age;  // NaN = missing
    std::set<std::string> used;
    for (std::size_t a = 0; a < n_ann; ++a) {
      std::string id;
      do id = random_text(4) + "#" + std::to_string(a);
      while (!used.insert(id).second);
      ann_id.push_back(id);
      const char* groups[] = {"x", "y, z", "\"q\"", ""};
      group.emplace_back(groups[std::uniform_int_distribution<int>(0, 3)(rng)]);
      age.push_back(rare(rng) ? std::nan("") : std::uniform_int_distribution<int>(-40, 90)(rng) * 0.5);
    }
    for (std::size_t i = 0; i < n_items; ++i) {
      item_id.push_back("item " + random_text(3) + std::to_string(i));
      item_text.push_back(random_text(8));
    }
    struct row {
      std::size_t i, a;
      double r;
    };
    std::vector<row> rows;
    for (std::size_t i = 0; i < n_items; ++i)
      for (std::size_t a = 0; a < n_ann; ++a)
        if (coin(rng)) rows.push_back({i, a, std::uniform_int_distribution<int>(-100, 100)(rng) / 8.0});
    std::shuffle(rows.begin(), rows.end(), rng);

    // Written with the columns in a random order; missing ages as "" or "NA", numbers in two spellings.
    std::vector<std::string> header{"item", "worker", "score", "group", "age", "text", "junk"};
    std::vector<std::size_t> perm(header.size());
    for (std::size_t k = 0; k < perm.size(); ++k) perm[k] = k;
    std::shuffle(perm.begin(), perm.end(), rng);
    std::vector<std::vector<std::string>> records(1);
    for (const std::size_t k : perm) records[0].push_back(header[k]);
    for (const auto& r : rows) {
      char buf[64];
      auto spell = [&](double v) {
        const auto res = std::to_chars(buf, buf + sizeof buf, v);
        std::string s(buf, res.ptr);
        if (coin(rng) && s.find('.') != std::string::npos && s.find('e') == std::string::npos) s += "0";
        return s;
      };
      const std::string age_text = std::isnan(age[r.a]) ? (coin(rng) ? "" : "NA") : spell(age[r.a]);
      const std::vector<std::string> values{item_id[r.i], ann_id[r.a], spell(r.r), group[r.a],
                                            age_text,     item_text[r.i], random_text(5)};
      std::vector<std::string> rec;
      for (const std::size_t k : perm) rec.push_back(values[k]);
      records.push_back(rec);
    }
    const std::string csv = pluralism_test::ref_write(records, rng);
    INFO("csv: " << csv);

    auto cols = basic;
    cols.item_columns = {"text"};
    cols.ignore = {"junk"};
    const auto d = io::read_annotations_from_string(csv, cols);

    // Expected order of first appearance, computed from the rows.
    std::vector<std::size_t> ann_order, item_order;
    for (const auto& r : rows) {
      if (std::find(ann_order.begin(), ann_order.end(), r.a) == ann_order.end()) ann_order.push_back(r.a);
      if (std::find(item_order.begin(), item_order.end(), r.i) == item_order.end()) item_order.push_back(r.i);
    }
    REQUIRE(d.annotators.size() == ann_order.size());
    REQUIRE(d.items.size() == item_order.size());
    REQUIRE(d.ratings.size() == rows.size());
    const auto& g = d.annotators.column("group");
    const auto& ages = d.annotators.column("age");
    bool any_age = false;
    for (const std::size_t a : ann_order) any_age = any_age || !std::isnan(age[a]);
    CHECK((ages.kind == attribute_kind::numeric) == any_age);
    for (std::size_t k = 0; k < ann_order.size(); ++k) {
      const std::size_t a = ann_order[k];
      CHECK(d.annotators.id(k) == ann_id[a]);
      CHECK(g.text(k) == group[a]);
      if (any_age) {
        if (std::isnan(age[a]))
          CHECK(std::isnan(ages.numbers[k]));
        else
          CHECK(ages.numbers[k] == age[a]);
      }
    }
    for (std::size_t k = 0; k < item_order.size(); ++k) {
      CHECK(d.items.id(k) == item_id[item_order[k]]);
      CHECK(d.items.column("text").text(k) == item_text[item_order[k]]);
    }
    for (const auto& r : rows) {
      const auto got = d.ratings.find(d.items.row_of(item_id[r.i]), d.annotators.row_of(ann_id[r.a]));
      REQUIRE(got.has_value());
      CHECK(*got == r.r);
    }
    CHECK_FALSE(d.annotators.has_column("junk"));
    CHECK_FALSE(d.annotators.has_column("text"));
  }
}

TEST_CASE("annotations: options choose attributes, numeric columns, missing strings and composite items") {
  const std::string text =
      "id,item,sub,worker,score,a,b,c\n"
      "1,p,1,w1,1,x,5,u\n"
      "2,p,2,w1,2,x,5,v\n"
      "3,q,1,w2,3,-,07,v\n";
  SECTION("explicit attributes skip the rest") {
    auto cols = basic;
    cols.attributes = {"b"};
    cols.item_key = {"sub"};
    const auto d = io::read_annotations_from_string(text, cols);
    CHECK(d.annotators.columns().size() == 1);
    CHECK(d.annotators.column("b").kind == attribute_kind::numeric);
    CHECK(d.items.ids() == std::vector<std::string>{"p/1", "p/2", "q/1"});
    REQUIRE(d.items.columns().size() == 2);  // the key columns: item, sub
    CHECK(d.items.column("item").text(2) == "q");
    CHECK(d.items.column("sub").numbers[1] == 2.0);
  }
  SECTION("numeric forced, auto_numeric off, custom missing strings") {
    auto cols = basic;
    cols.ignore = {"id", "c"};
    cols.item_key = {"sub"};
    cols.missing = {"-"};
    cols.auto_numeric = false;
    cols.numeric = {"b"};
    cols.missing_ratings = io::missing_rating_policy::error;
    const auto d = io::read_annotations_from_string(text, cols);
    CHECK(d.annotators.column("a").kind == attribute_kind::categorical);
    CHECK(d.annotators.column("a").is_missing(1));
    CHECK(d.annotators.column("b").numbers == std::vector<double>{5.0, 7.0});
    cols.item_key = {};  // without the key, item p is rated twice by w1
    cols.ignore = {"id", "c", "sub"};
    CHECK(error_of(text, cols).id == "pluralism.io.duplicate_rating");
  }
  SECTION("auto_numeric off leaves numbers as text") {
    auto cols = basic;
    cols.ignore = {"id", "c"};
    cols.item_key = {"sub"};
    cols.auto_numeric = false;
    const auto d = io::read_annotations_from_string(text, cols);
    CHECK(d.annotators.column("b").kind == attribute_kind::categorical);
    CHECK(d.annotators.column("b").levels == std::vector<std::string>{"5", "07"});
  }
  SECTION("numbers equal as numbers, and the two missing spellings, are the same value") {
    const auto d = io::read_annotations_from_string(
        "item,worker,score,age,g\ni1,w,1,2.50,NA\ni2,w,1,+2.5,\ni3,w,1, 2.5e0 ,NA\n", basic);
    CHECK(d.annotators.column("age").numbers == std::vector<double>{2.5});
    CHECK(d.annotators.column("g").is_missing(0));
  }
  SECTION("missing ratings can be skipped") {
    auto cols = basic;
    cols.missing_ratings = io::missing_rating_policy::skip;
    const auto d = io::read_annotations_from_string("item,worker,score\ni1,w1,NA\ni1,w2,3\ni2,w3,\n", cols);
    CHECK(d.ratings.size() == 1);
    CHECK(d.annotators.size() == 3);
    CHECK(d.items.size() == 2);
  }
  SECTION("a header alone gives empty tables; tab-separated files") {
    const auto d = io::read_annotations_from_string("item,worker,score,g\n", basic);
    CHECK((d.items.size() == 0 && d.annotators.size() == 0 && d.ratings.size() == 0));
    auto cols = basic;
    cols.dialect.delimiter = '\t';
    const auto t = io::read_annotations_from_string("item\tworker\tscore\tg\ni,w,1\t\"w\"\t1\tx, y\n", cols);
    CHECK(t.items.id(0) == "i,w,1");
    CHECK(t.annotators.column("g").text(0) == "x, y");
  }
}

TEST_CASE("annotations: every data error names the file, line and column") {
  SECTION("empty text") {
    const auto e = error_of("");
    CHECK(e.id == "pluralism.io.empty");
  }
  SECTION("unknown column lists the header") {
    auto cols = basic;
    cols.rating = "toxicity";
    const auto e = error_of("item,worker,score\n", cols);
    CHECK(e.id == "pluralism.io.unknown_column");
    CHECK(e.line == 1);
    CHECK(contains(e.what, "'toxicity'"));
    CHECK(contains(e.what, "'item', 'worker', 'score'"));
    cols = basic;
    cols.ignore = {"nope"};
    CHECK(error_of("item,worker,score\n", cols).id == "pluralism.io.unknown_column");
    cols = basic;
    cols.numeric = {"nope"};
    CHECK(error_of("item,worker,score\n", cols).id == "pluralism.io.unknown_column");
  }
  SECTION("duplicate column names") {
    CHECK(error_of("item,worker,score,item\n").id == "pluralism.io.duplicate_column");
    CHECK(error_of("item,worker,score,g,g\n").id == "pluralism.io.duplicate_column");
    auto cols = basic;
    cols.ignore = {"g"};
    CHECK_THROWS_AS(io::read_annotations_from_string("item,worker,score,g,g\n", cols), pluralism::parse_error);
    cols.attributes = {"h"};
    cols.ignore = {};
    CHECK_NOTHROW(io::read_annotations_from_string("item,worker,score,g,g,h\n", cols));  // unused duplicates
  }
  SECTION("wrong field counts") {
    auto e = error_of("item,worker,score\ni,w,1\ni,v\n");
    CHECK(e.id == "pluralism.io.field_count");
    CHECK((e.line == 3 && e.column == 4));
    CHECK(contains(e.what, "has 2 fields, the header has 3"));
    e = error_of("item,worker,score\r\ni,w,1,extra\r\n");
    CHECK(e.id == "pluralism.io.field_count");
    CHECK((e.line == 2 && e.column == 7));
    e = error_of("item,worker,score\n\"a\nb\",w\n");
    CHECK((e.id == "pluralism.io.field_count" && e.line == 3 && e.column == 5));
  }
  SECTION("malformed CSV") {
    const auto e = error_of("item,worker,score\ni,\"w,1\n");
    CHECK(e.id == "pluralism.io.csv.unterminated_quote");
    CHECK((e.line == 2 && e.column == 3));
  }
  SECTION("missing ids") {
    auto e = error_of("item,worker,score\ni,,1\n");
    CHECK((e.id == "pluralism.io.missing_id" && e.line == 2 && e.column == 3));
    e = error_of("item,worker,score\nNA,w,1\n");
    CHECK((e.id == "pluralism.io.missing_id" && e.line == 2 && e.column == 1));
  }
  SECTION("ratings that are not finite numbers") {
    for (const std::string bad : {"high", "nan", "NaN", "inf", "-inf", "1e999", "1.5x", "0x10", "--1", "1 2"}) {
      const auto e = error_of("item,worker,score\ni,w,1\nj,w," + bad + "\n");
      INFO(bad);
      CHECK(e.id == "pluralism.io.bad_rating");
      CHECK((e.line == 3 && e.column == 5));
      CHECK(contains(e.what, "'" + bad + "'"));
    }
    const auto e = error_of("item,worker,score\ni,w,NA\n");
    CHECK((e.id == "pluralism.io.missing_rating" && e.line == 2 && e.column == 5));
  }
  SECTION("an annotator whose attributes differ: both values and both lines") {
    const auto e = error_of("item,worker,score,gender\ni1,w7,1,man\ni2,w8,1,woman\ni3,w7,2,woman\n");
    CHECK(e.id == "pluralism.io.inconsistent_annotator");
    CHECK((e.line == 4 && e.column == 9));
    CHECK(contains(e.what, "'w7'"));
    CHECK(contains(e.what, "'gender'"));
    CHECK(contains(e.what, "'man' on line 2"));
    CHECK(contains(e.what, "'woman' on line 4"));
    CHECK(contains(e.what, "item_columns"));
    // a per-item column left as an attribute
    const auto t = error_of("item,worker,score,text\ni1,w,1,\"a\nb\"\ni2,w,1,c\n");
    CHECK((t.id == "pluralism.io.inconsistent_annotator" && t.line == 4 && t.column == 8));
    CHECK(contains(t.what, "'a\\nb' on line 2"));
    // missing versus present is a difference
    CHECK(error_of("item,worker,score,g\ni1,w,1,\ni2,w,1,x\n").id == "pluralism.io.inconsistent_annotator");
  }
  SECTION("an item column that differs") {
    auto cols = basic;
    cols.item_columns = {"text"};
    const auto e = error_of("item,worker,score,text\ni1,w1,1,hi\ni1,w2,1,ho\n", cols);
    CHECK(e.id == "pluralism.io.inconsistent_item");
    CHECK((e.line == 3 && e.column == 9));
    CHECK(contains(e.what, "'hi' on line 2"));
    CHECK(contains(e.what, "'ho' on line 3"));
  }
  SECTION("a composite key that could collide is caught by the key columns") {
    auto cols = basic;
    cols.item_key = {"sub"};
    const auto e = error_of("item,worker,score,sub\na/b,w1,1,c\na,w2,1,b/c\n", cols);
    CHECK(e.id == "pluralism.io.inconsistent_item");
  }
  SECTION("the same item rated twice by one annotator: both lines") {
    const auto e = error_of("item,worker,score\ni1,w1,1\ni2,w1,1\ni3,w2,1\ni1,w1,2\ni2,w1,3\n");
    CHECK(e.id == "pluralism.io.duplicate_rating");
    CHECK(e.line == 5);
    CHECK(contains(e.what, "'i1'"));
    CHECK(contains(e.what, "'w1'"));
    CHECK(contains(e.what, "on line 2 and on line 5"));
  }
  SECTION("a non-number in a column listed as numeric") {
    auto cols = basic;
    cols.numeric = {"age"};
    const auto e = error_of("item,worker,score,age\ni,w1,1,30\ni,w2,1,old\n", cols);
    CHECK((e.id == "pluralism.io.not_numeric" && e.line == 3 && e.column == 8));
  }
  SECTION("an unnamed column that varies suggests ignoring it") {
    const auto e = error_of(",item,worker,score\n0,i1,w,1\n1,i2,w,1\n");
    CHECK(e.id == "pluralism.io.inconsistent_annotator");
    CHECK(contains(e.what, "unnamed"));
    auto cols = basic;
    cols.ignore = {""};
    CHECK(io::read_annotations_from_string(",item,worker,score\n0,i1,w,1\n1,i2,w,1\n", cols).ratings.size() == 2);
  }
}

TEST_CASE("annotations: of two problems in a file the earlier one is reported wherever reading batches end") {
  // The loader reads records in batches (of 16) before checking them; a problem in a record read early must not
  // hide an earlier record's problem, and the reverse. Two problems of every pair of kinds, at every pair of
  // lines across several batches: the error is the earlier line's.
  struct kind {
    const char* id;
    std::string row;  // replaces the good row at its line
  };
  const std::vector<kind> kinds{
      {"pluralism.io.inconsistent_annotator", "i{n},w1,1,b"},      // w1's group is 'a' on line 2
      {"pluralism.io.field_count", "i{n},w{n},1"},
      {"pluralism.io.bad_rating", "i{n},w{n},high,a"},
      {"pluralism.io.missing_id", ",w{n},1,a"},
      {"pluralism.io.csv.text_after_quote", "i{n},\"w{n}\"x,1,a"},
      {"pluralism.io.csv.unterminated_quote", "i{n},w{n},1,\"a"},  // swallows the rest of the text
  };
  auto with_n = [](const std::string& row, std::size_t n) {  // appends: GCC 12 warns wrongly on replace() here
    std::string out;
    for (std::size_t at = 0;;) {
      const std::size_t p = row.find("{n}", at);
      out.append(row, at, p == std::string::npos ? std::string::npos : p - at);
      if (p == std::string::npos) return out;
      out += std::to_string(n);
      at = p + 3;
    }
  };
  const std::size_t rows = 40;
  for (std::size_t k1 = 0; k1 < kinds.size(); ++k1)
    for (std::size_t k2 = 0; k2 < kinds.size(); ++k2)
      for (std::size_t l1 = 3; l1 <= rows + 1; l1 += 5)
        for (std::size_t l2 : {l1 + 1, l1 + 7, l1 + 16, l1 + 17}) {
          // An unterminated quote runs to the next quote: a later quoted field closes it, and the problem
          // is then really there (as any CSV reader sees it).
          if (l2 > rows + 1 || (k1 + 1 == kinds.size() && kinds[k2].row.find('"') != std::string::npos)) continue;
          std::string text = "item,worker,score,group\ni1,w1,1,a\n";  // line 2: w1 in group a
          for (std::size_t line = 3; line <= rows + 1; ++line) {
            const std::string row = line == l1   ? with_n(kinds[k1].row, line)
                                    : line == l2 ? with_n(kinds[k2].row, line)
                                                 : with_n("i{n},w{n},1,a", line);
            text += row;
            text += '\n';
          }
          INFO("kinds " << kinds[k1].id << " on line " << l1 << ", " << kinds[k2].id << " on line " << l2);
          const failure f = error_of(text);
          CHECK(f.id == kinds[k1].id);
          CHECK(f.line == l1);
        }
}

TEST_CASE("annotations: caller bugs in the options are precondition errors") {
  auto cols = basic;
  cols.item_columns = {"score"};
  CHECK_THROWS_AS(io::read_annotations_from_string("item,worker,score\n", cols), pluralism::precondition_error);
  cols = basic;
  cols.ignore = {"g"};
  cols.numeric = {"g"};
  CHECK_THROWS_AS(io::read_annotations_from_string("item,worker,score,g\n", cols), pluralism::precondition_error);
  cols = basic;
  cols.annotator = "item";
  CHECK_THROWS_AS(io::read_annotations_from_string("item,worker,score\n", cols), pluralism::precondition_error);
  CHECK_THROWS_AS(io::read_annotations("/nonexistent/x.csv", basic), pluralism::data_error);
}

TEST_CASE("annotations: POPQUORN offensiveness (real data)") {
  const std::filesystem::path file = std::filesystem::path(shared_data()) / "popquorn-offensiveness/raw_data.csv";
  if (!std::filesystem::exists(file)) {
    PLURALISM_SKIP_TEST(file << " not found (set PLURALISM_SHARED_DATA)");
  }
  const auto d = io::read_annotations(
      file, {.item = "instance_id", .annotator = "user_id", .rating = "offensiveness", .item_columns = {"text"}});
  CHECK(d.ratings.size() == 13036);
  CHECK(d.items.size() == 1500);
  CHECK(d.annotators.size() == 262);
  CHECK(d.items.id(0) == "530");
  CHECK(d.annotators.id(0) == "0");
  for (const char* name : {"gender", "race", "age", "occupation", "education"}) {
    INFO(name);
    CHECK(d.annotators.column(name).kind == attribute_kind::categorical);
  }
  CHECK(d.annotators.columns().size() == 5);
  CHECK(d.annotators.column("gender").code_of("Man") != pluralism::attribute_column::missing_code);

  // Every rating and every item text agrees with the naive reference parser's reading of the file.
  const auto ref = pluralism_test::ref_parse(io::read_text_file(file));
  REQUIRE(ref.error.empty());
  REQUIRE(ref.records.size() == 13037);
  std::map<std::string, std::string> text_of;
  for (std::size_t r = 1; r < ref.records.size(); ++r) {
    const auto& rec = ref.records[r];
    const auto got = d.ratings.find(d.items.row_of(rec[0].value), d.annotators.row_of(rec[1].value));
    REQUIRE(got.has_value());
    CHECK(*got == number(rec[3].value));
    text_of[rec[0].value] = rec[2].value;
  }
  std::size_t with_quotes = 0;
  for (std::size_t i = 0; i < d.items.size(); ++i) {
    CHECK(d.items.column("text").text(i) == text_of.at(d.items.id(i)));
    if (text_of.at(d.items.id(i)).find('"') != std::string::npos) ++with_quotes;
  }
  CHECK(with_quotes > 100);  // the file exercises doubled quotes (it has no multi-line texts)

  // Without `item_columns`, text is taken as an annotator attribute and the error points at it.
  try {
    (void)io::read_annotations(file, {.item = "instance_id", .annotator = "user_id", .rating = "offensiveness"});
    FAIL("no error");
  } catch (const pluralism::parse_error& e) {
    CHECK(e.id() == "pluralism.io.inconsistent_annotator");
    CHECK(e.line() == 3);
    CHECK(contains(e.what(), "'text'"));
  }
}

TEST_CASE("annotations: annotators-with-attitudes small-scale study (real data, complete matrix)") {
  const std::filesystem::path file = std::filesystem::path(shared_data()) / "annotators-with-attitudes/smallScale.csv";
  if (!std::filesystem::exists(file)) {
    PLURALISM_SKIP_TEST(file << " not found (set PLURALISM_SHARED_DATA)");
  }
  // A post is (postCategory, postId); the first, unnamed column is a row number; five rating columns, one used.
  const io::annotation_columns cols{.item = "postCategory",
                                    .annotator = "annID",
                                    .rating = "off_avg",
                                    .item_key = {"postId"},
                                    .ignore = {"", "toyou", "toany", "intent", "racist"}};
  const auto d = io::read_annotations(file, cols);
  CHECK(d.annotators.size() == 641);
  CHECK(d.items.size() == 12);
  CHECK(d.ratings.size() == 641 * 12);
  for (std::size_t i = 0; i < d.items.size(); ++i) CHECK(d.ratings.raters(i).size() == 641);
  CHECK(d.items.id(0) == "Vulgar/1");
  const auto& politics = d.annotators.column("annotatorPolitics");
  REQUIRE(politics.kind == attribute_kind::numeric);
  CHECK(std::count_if(politics.numbers.begin(), politics.numbers.end(), [](double v) { return std::isnan(v); }) == 1);
  CHECK(*std::min_element(politics.numbers.begin(), politics.numbers.end(), [](double a, double b) {
    return std::isnan(b) || a < b;
  }) == -1.0);
  const auto& race = d.annotators.column("annotatorRace");
  CHECK(race.kind == attribute_kind::categorical);
  CHECK(race.code_of("asian, white") != pluralism::attribute_column::missing_code);
  for (const char* name : {"empathy", "racism", "freeSpeech", "harmHateSpeech", "lingPurism", "traditionalism",
                           "altruism"})
    CHECK(d.annotators.column(name).kind == attribute_kind::numeric);
  CHECK(d.annotators.column("annotatorGender").kind == attribute_kind::categorical);
  CHECK(d.annotators.columns().size() == 20);

  // Ratings agree with the reference parser's reading of the file.
  const auto ref = pluralism_test::ref_parse(io::read_text_file(file));
  REQUIRE(ref.error.empty());
  REQUIRE(ref.records.size() == 7693);
  for (std::size_t r = 1; r < ref.records.size(); ++r) {
    const auto& rec = ref.records[r];  // 0 row, 1 annID, 2 postCategory, 3 postId, 8 off_avg
    const auto got = d.ratings.find(d.items.row_of(rec[2].value + "/" + rec[3].value), d.annotators.row_of(rec[1].value));
    REQUIRE(got.has_value());
    CHECK(*got == number(rec[8].value));
  }
}
