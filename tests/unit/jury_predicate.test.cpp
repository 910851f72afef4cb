// SPDX-License-Identifier: MIT
// Sheet predicates against a brute-force evaluator over row values, on random tables and random trees.
#include <pluralism/jury/predicate.hpp>
#include <pluralism/random.hpp>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support/errors.hpp"

namespace pl = pluralism;

namespace {
// A random table: two categorical columns (levels a..d, some missing) and two numeric ones (some NaN).
struct table_fixture {
  pl::attribute_table table;
  std::vector<std::vector<std::string>> cat;  // [column][row], "" = missing
  std::vector<std::vector<double>> num;
};

table_fixture random_table(std::uint64_t seed, std::uint32_t rows) {
  pl::philox_stream s({.seed = seed});
  table_fixture f;
  std::vector<std::string> ids;
  for (std::uint32_t r = 0; r < rows; ++r) ids.push_back(std::string("p") + std::to_string(r));
  f.table = pl::attribute_table(ids);
  for (int c = 0; c < 2; ++c) {
    std::vector<std::string> col;
    for (std::uint32_t r = 0; r < rows; ++r) {
      const auto k = pl::bounded(s, 5);
      col.push_back(k == 4 ? "" : std::string(1, static_cast<char>('a' + k)));
    }
    // Make sure every level occurs, so equality on any of a..d is valid.
    for (std::uint32_t k = 0; k < 4 && k < rows; ++k) col[k] = std::string(1, static_cast<char>('a' + k));
    f.table.add_categorical(std::string("c") + std::to_string(c), col);
    f.cat.push_back(col);
  }
  for (int c = 0; c < 2; ++c) {
    std::vector<double> col;
    for (std::uint32_t r = 0; r < rows; ++r)
      col.push_back(pl::bounded(s, 8) == 0 ? std::nan("") : static_cast<double>(pl::bounded(s, 10)) - 5.0);
    f.table.add_numeric(std::string("n") + std::to_string(c), col);
    f.num.push_back(col);
  }
  return f;
}

// A random predicate with its reference evaluation on one row.
struct random_pred {
  pl::predicate p;
  std::function<bool(const table_fixture&, std::size_t)> ref;
};

random_pred make_pred(pl::philox_stream& s, int depth) {
  const auto k = pl::bounded(s, depth > 0 ? 7u : 4u);
  const int c = static_cast<int>(pl::bounded(s, 2));
  const std::string cat = std::string("c") + std::to_string(c), num = std::string("n") + std::to_string(c);
  switch (k) {
    case 0: {
      const std::string level(1, static_cast<char>('a' + pl::bounded(s, 4)));
      return {pl::attr(cat) == level, [=](const table_fixture& f, std::size_t r) { return f.cat[static_cast<std::size_t>(c)][r] == level; }};
    }
    case 1: {
      const std::string l1(1, static_cast<char>('a' + pl::bounded(s, 4))), l2(1, static_cast<char>('a' + pl::bounded(s, 4)));
      return {pl::attr(cat).in({l1, l2}), [=](const table_fixture& f, std::size_t r) {
                const auto& v = f.cat[static_cast<std::size_t>(c)][r];
                return !v.empty() && (v == l1 || v == l2);
              }};
    }
    case 2: {
      const double lo = static_cast<double>(pl::bounded(s, 10)) - 5.0, hi = lo + static_cast<double>(pl::bounded(s, 4));
      return {pl::attr(num).between(lo, hi), [=](const table_fixture& f, std::size_t r) {
                const double v = f.num[static_cast<std::size_t>(c)][r];
                return v >= lo && v <= hi;  // false for NaN
              }};
    }
    case 3: {
      const double t = static_cast<double>(pl::bounded(s, 10)) - 5.0;
      const auto op = pl::bounded(s, 5);
      const pl::attr a(num);
      pl::predicate p = op == 0 ? a < t : op == 1 ? a <= t : op == 2 ? a > t : op == 3 ? a >= t : a == t;
      return {p, [=](const table_fixture& f, std::size_t r) {
                const double v = f.num[static_cast<std::size_t>(c)][r];
                return op == 0 ? v < t : op == 1 ? v <= t : op == 2 ? v > t : op == 3 ? v >= t : v == t;
              }};
    }
    case 4: {
      auto a = make_pred(s, depth - 1), b = make_pred(s, depth - 1);
      return {a.p && b.p, [=](const table_fixture& f, std::size_t r) { return a.ref(f, r) && b.ref(f, r); }};
    }
    case 5: {
      auto a = make_pred(s, depth - 1), b = make_pred(s, depth - 1);
      return {a.p || b.p, [=](const table_fixture& f, std::size_t r) { return a.ref(f, r) || b.ref(f, r); }};
    }
    default: {
      auto a = make_pred(s, depth - 1);
      return {!a.p, [=](const table_fixture& f, std::size_t r) { return !a.ref(f, r); }};
    }
  }
}
}  // namespace

TEST_CASE("predicates agree with a brute-force evaluator on random tables and trees") {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const auto f = random_table(seed, 60);
    pl::philox_stream s({.seed = seed, .item = 1});
    const auto rp = make_pred(s, 3);
    const auto mask = rp.p.evaluate(f.table);
    const auto rows = rp.p.matching_rows(f.table);
    std::vector<std::uint32_t> expected_rows;
    for (std::size_t r = 0; r < 60; ++r) {
      const bool want = rp.ref(f, r);
      INFO("seed " << seed << ", predicate " << rp.p.to_string() << ", row " << r);
      REQUIRE(static_cast<bool>(mask[r]) == want);
      REQUIRE(rp.p.test(f.table, r) == want);
      if (want) expected_rows.push_back(static_cast<std::uint32_t>(r));
    }
    REQUIRE(rows == expected_rows);
  }
}

TEST_CASE("predicate text, equality leaves and their replacement") {
  const auto p = pl::attr("politics") == "liberal" && (pl::attr("parent") == "yes" || pl::attr("age").between(45, 54));
  CHECK(p.to_string() == "politics == liberal && (parent == yes || age in [45, 54])");
  CHECK((pl::attr("x") <= -0.5).to_string() == "x <= -0.5");
  CHECK((pl::attr("x") > 2).to_string() == "x > 2");
  CHECK(pl::attr("e").in({"BA", "MA"}).to_string() == "e in {BA, MA}");
  CHECK((!(pl::attr("a") == "x")).to_string() == "!a == x");
  REQUIRE(p.equality_count() == 2);
  CHECK(p.equality(1).attribute() == "parent");
  const auto q = p.with_equality_level(1, "no");
  CHECK(q.to_string() == "politics == liberal && (parent == no || age in [45, 54])");
  CHECK(p.to_string() == "politics == liberal && (parent == yes || age in [45, 54])");  // unchanged
  CHECK_THROWS_AS(p.equality(2), pl::precondition_error);
  CHECK(pl::predicate{}.to_string() == "anyone");
}

TEST_CASE("missing values never match a comparison, and negation is logical not") {
  pl::attribute_table t({"a", "b", "c"});
  t.add_categorical("g", {"x", "", "y"});
  t.add_numeric("n", {1.0, std::nan(""), 3.0});
  CHECK((pl::attr("g") == "x").evaluate(t) == std::vector<char>{1, 0, 0});
  CHECK((!(pl::attr("g") == "x")).evaluate(t) == std::vector<char>{0, 1, 1});
  CHECK((pl::attr("n") >= 0).evaluate(t) == std::vector<char>{1, 0, 1});
  CHECK((pl::attr("n") == "3").evaluate(t) == std::vector<char>{0, 0, 1});  // numeric text on a numeric column
}

TEST_CASE("bad predicates name the attribute and the value") {
  pl::attribute_table t({"a", "b"});
  t.add_categorical("politics", {"liberal", "conservative"});
  t.add_numeric("age", {30, 40});
  try {
    (void)(pl::attr("politcs") == "liberal").evaluate(t);
    FAIL("no exception");
  } catch (const pl::unknown_name_error& e) {
    CHECK(e.id() == "pluralism.table.unknown_attribute");
    CHECK(std::string(e.what()).find("politcs") != std::string::npos);
    CHECK(std::string(e.what()).find("known: politics, age") != std::string::npos);
  }
  try {
    (void)(pl::attr("politics") == "libral").evaluate(t);
    FAIL("no exception");
  } catch (const pl::unknown_name_error& e) {
    CHECK(e.id() == "pluralism.predicate.unknown_level");
    CHECK(std::string(e.what()).find("'libral'") != std::string::npos);
  }
  CHECK_THROWS_AS((pl::attr("politics") <= 1).evaluate(t), pl::precondition_error);
  CHECK_THROWS_AS((pl::attr("age") == "old").evaluate(t), pl::precondition_error);
  CHECK(pluralism_test::error_id([] { (void)pl::attr("age").between(std::nan(""), 3); }) == "pluralism.predicate.nan");
}

TEST_CASE("an empty range is refused when it is written, naming the attribute and the bounds") {
  CHECK(pluralism_test::error_id([] { (void)pl::attr("age").between(54, 45); }) == "pluralism.predicate.empty_range");
  CHECK(pluralism_test::error_message([] { (void)pl::attr("age").between(54, 45); }).find("age': the range [54, 45]") !=
        std::string::npos);
  CHECK(pluralism_test::error_id([] { (void)pl::predicate::range("age", 3, 3, true, false); }) ==
        "pluralism.predicate.empty_range");
  CHECK_NOTHROW(pl::attr("age").between(45, 45));  // one value: age == 45
}
