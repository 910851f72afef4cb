// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/predicate.hpp
/// @brief Predicates over attribute columns: who may sit on a juror sheet, or which items a conditional-jury
/// rule applies to.
///
/// @code
/// namespace pl = pluralism;
/// auto liberal_parents = pl::attr("politics") == "liberal" && pl::attr("parent") == "yes";
/// auto middle_aged     = pl::attr("age").between(45, 54);          // numeric, inclusive
/// auto left            = pl::attr("politics_score") <= -0.5;
/// auto some_degrees    = pl::attr("education").in({"BA", "MA", "PhD"});
/// std::vector<char> mask = liberal_parents.evaluate(data.annotators);   // one flag per row
/// @endcode
///
/// Semantics (documented choices): a missing value never satisfies a comparison, equality or membership, so
/// `!(attr("a") == "x")` is true for rows where `a` is missing. Equality and membership on a categorical
/// column compare text; on a numeric column the text must parse as a number (`attr("age") == "30"` is
/// `age == 30`). Ordering comparisons and ranges need a numeric column. A predicate names attributes and
/// values by text, so it is built before the data exists and checked when evaluated: an unknown attribute or
/// a category level that never occurs is an error listing what does exist (a typo must not silently seat
/// nobody).

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../contract.hpp"
#include "../error.hpp"
#include "attribute_table.hpp"

namespace pluralism {

/// A boolean expression over the attribute columns of a table; cheap to copy (shared, immutable nodes).
class predicate {
 public:
  /// The node kinds of the expression tree.
  enum class kind : std::uint8_t { always, equals, one_of, range, all_of, any_of, negation };

  /// A predicate true for every row (the default: a sheet with no condition).
  predicate() : node_(std::make_shared<node>()) {}

  /// `name == level` (categorical) or `name == number` (numeric, given as text).
  static predicate equals(std::string name, std::string level) {
    auto n = make(kind::equals, std::move(name));
    n->levels.push_back(std::move(level));
    return predicate(std::move(n));
  }
  /// `name` is one of `levels`.
  static predicate one_of(std::string name, std::vector<std::string> levels) {
    auto n = make(kind::one_of, std::move(name));
    n->levels = std::move(levels);
    return predicate(std::move(n));
  }
  /// `lo <= name <= hi` on a numeric column; an open side is +-infinity; `strict_*` makes that side strict.
  /// @throws precondition_error `[pluralism.predicate.nan]` when lo or hi is NaN, and
  ///         `[pluralism.predicate.empty_range]` when the range holds no number (lo > hi, or lo = hi with a strict
  ///         side): a sheet that can match nobody is a mistake, not a filter.
  static predicate range(std::string name, double lo, double hi, bool strict_lo = false, bool strict_hi = false) {
    PLURALISM_EXPECTS(!std::isnan(lo) && !std::isnan(hi), "pluralism.predicate.nan",
                      joined("attribute '", name, "': a bound of the range is NaN"));
    PLURALISM_EXPECTS(lo < hi || (lo == hi && !strict_lo && !strict_hi), "pluralism.predicate.empty_range",
                      joined("attribute '", name, "': the range ", strict_lo ? "(" : "[", detail::to_text(lo), ", ",
                             detail::to_text(hi), strict_hi ? ")" : "]", " holds no value"));
    auto n = make(kind::range, std::move(name));
    n->lo = lo;
    n->hi = hi;
    n->strict_lo = strict_lo;
    n->strict_hi = strict_hi;
    return predicate(std::move(n));
  }

  friend predicate operator&&(const predicate& a, const predicate& b) { return combine(kind::all_of, a, b); }
  friend predicate operator||(const predicate& a, const predicate& b) { return combine(kind::any_of, a, b); }
  friend predicate operator!(const predicate& a) {
    auto n = make(kind::negation, {});
    n->children.push_back(a);
    return predicate(std::move(n));
  }

  [[nodiscard]] kind type() const noexcept { return node_->type; }
  /// The attribute a leaf tests ("" for always and the combinators).
  [[nodiscard]] const std::string& attribute() const noexcept { return node_->attribute; }
  /// The levels of an `equals` or `one_of` leaf.
  [[nodiscard]] const std::vector<std::string>& levels() const noexcept { return node_->levels; }
  /// The operands of `all_of`, `any_of` and `negation`.
  [[nodiscard]] const std::vector<predicate>& children() const noexcept { return node_->children; }

  /// One flag per row of `table` (1 = satisfies).
  /// @throws unknown_name_error `[pluralism.table.unknown_attribute]` for an attribute not in the table;
  ///         `[pluralism.predicate.unknown_level]` for a category level that does not occur in the column.
  /// @throws precondition_error `[pluralism.predicate.not_numeric]` for a range on a categorical column or a
  ///         non-number compared with a numeric column (a NaN bound is refused earlier, by `range`).
  [[nodiscard]] std::vector<char> evaluate(const attribute_table& table) const {
    std::vector<char> mask(table.size(), 0);
    evaluate_into(table, mask);
    return mask;
  }
  /// Rows of `table` that satisfy the predicate, ascending. Throws as `evaluate`.
  [[nodiscard]] std::vector<std::uint32_t> matching_rows(const attribute_table& table) const {
    const auto mask = evaluate(table);
    std::vector<std::uint32_t> rows;
    for (std::size_t r = 0; r < mask.size(); ++r)
      if (mask[r]) rows.push_back(static_cast<std::uint32_t>(r));
    return rows;
  }
  /// Whether row `row` of `table` satisfies the predicate. Throws as `evaluate`.
  [[nodiscard]] bool test(const attribute_table& table, std::size_t row) const {
    switch (node_->type) {
      case kind::always: return true;
      case kind::all_of:
        return std::all_of(node_->children.begin(), node_->children.end(),
                           [&](const predicate& c) { return c.test(table, row); });
      case kind::any_of:
        return std::any_of(node_->children.begin(), node_->children.end(),
                           [&](const predicate& c) { return c.test(table, row); });
      case kind::negation: return !node_->children.front().test(table, row);
      default: break;
    }
    const attribute_column& col = table.column(node_->attribute);
    return leaf_test(col, row, bind(col));
  }

  /// Readable form, e.g. `politics == liberal && age in [45, 54]`.
  [[nodiscard]] std::string to_string() const { return text(false); }

  /// The number of `equals` leaves (the places a counterfactual may change one attribute value).
  [[nodiscard]] std::size_t equality_count() const {
    if (node_->type == kind::equals) return 1;
    std::size_t n = 0;
    for (const auto& c : node_->children) n += c.equality_count();
    return n;
  }
  /// The `index`-th `equals` leaf in left-to-right order. Precondition: index < equality_count().
  [[nodiscard]] const predicate& equality(std::size_t index) const {
    const predicate* found = find_equality(index);
    PLURALISM_EXPECTS(found != nullptr, "pluralism.predicate.index",
                      std::string("equality index ") + std::to_string(index) + " >= " + std::to_string(equality_count()));
    return *found;
  }
  /// A copy with the `index`-th `equals` leaf testing `level` instead. Precondition: index < equality_count().
  [[nodiscard]] predicate with_equality_level(std::size_t index, std::string level) const {
    PLURALISM_EXPECTS(index < equality_count(), "pluralism.predicate.index",
                      std::string("equality index ") + std::to_string(index) + " >= " + std::to_string(equality_count()));
    return replace(index, level);
  }

 private:
  // Text from pieces by appends: GCC 12 reports bogus overflows (-Wrestrict, -Wstringop-overflow) in chains of
  // "literal" + std::string once they are inlined, which -Werror in a user's build would turn into errors.
  template <class... Parts>
  static std::string joined(const Parts&... parts) {
    std::string s;
    (s += ... += parts);
    return s;
  }

  struct node {
    kind type = kind::always;
    std::string attribute;
    std::vector<std::string> levels;
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    bool strict_lo = false, strict_hi = false;
    std::vector<predicate> children;
  };
  /// A leaf bound to a column: category codes to accept, or a numeric interval.
  struct bound_leaf {
    std::vector<std::int32_t> codes;  // categorical
    double lo = 0, hi = 0;            // numeric: accepted values
    bool strict_lo = false, strict_hi = false;
    std::vector<double> numbers;      // numeric equality / membership
  };

  explicit predicate(std::shared_ptr<const node> n) : node_(std::move(n)) {}
  static std::shared_ptr<node> make(kind k, std::string name) {
    auto n = std::make_shared<node>();
    n->type = k;
    n->attribute = std::move(name);
    return n;
  }
  static predicate combine(kind k, const predicate& a, const predicate& b) {
    auto n = make(k, {});
    for (const predicate* p : {&a, &b}) {  // flatten a && b && c into one node
      if (p->node_->type == k) n->children.insert(n->children.end(), p->node_->children.begin(), p->node_->children.end());
      else n->children.push_back(*p);
    }
    return predicate(std::move(n));
  }

  static bool parse_number(std::string_view s, double& out) {
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && ptr == s.data() + s.size();
  }

  [[nodiscard]] bound_leaf bind(const attribute_column& col) const {
    const node& n = *node_;
    bound_leaf b;
    if (n.type == kind::range) {
      PLURALISM_EXPECTS(col.kind == attribute_kind::numeric, "pluralism.predicate.not_numeric",
                        joined("'", to_string(), "': attribute '", col.name, "' is categorical; ranges need a numeric column"));
      b.lo = n.lo;
      b.hi = n.hi;
      b.strict_lo = n.strict_lo;
      b.strict_hi = n.strict_hi;
      return b;
    }
    for (const auto& level : n.levels) {
      if (col.kind == attribute_kind::numeric) {
        double v = 0;
        PLURALISM_EXPECTS(parse_number(level, v) && !std::isnan(v), "pluralism.predicate.not_numeric",
                          joined("'", to_string(), "': attribute '", col.name, "' is numeric but '", level,
                                 "' is not a number"));
        b.numbers.push_back(v);
      } else {
        const std::int32_t code = col.code_of(level);
        if (code == attribute_column::missing_code) {
          std::string known;
          for (const auto& l : col.levels) known += joined(known.empty() ? "" : ", ", l);
          PLURALISM_THROW(unknown_name_error, "pluralism.predicate.unknown_level",
                          joined("'", to_string(), "': attribute '", col.name, "' has no value '", level,
                                 "' (values: ", known, ")"));
        }
        b.codes.push_back(code);
      }
    }
    return b;
  }

  [[nodiscard]] bool leaf_test(const attribute_column& col, std::size_t row, const bound_leaf& b) const {
    if (col.kind == attribute_kind::categorical) {
      const std::int32_t c = col.codes[row];
      return c != attribute_column::missing_code && std::find(b.codes.begin(), b.codes.end(), c) != b.codes.end();
    }
    const double v = col.numbers[row];
    if (std::isnan(v)) return false;
    if (node_->type == kind::range)
      return (b.strict_lo ? v > b.lo : v >= b.lo) && (b.strict_hi ? v < b.hi : v <= b.hi);
    return std::find(b.numbers.begin(), b.numbers.end(), v) != b.numbers.end();
  }

  void evaluate_into(const attribute_table& table, std::vector<char>& mask) const {
    const node& n = *node_;
    switch (n.type) {
      case kind::always: std::fill(mask.begin(), mask.end(), char{1}); return;
      case kind::all_of:
      case kind::any_of: {
        std::fill(mask.begin(), mask.end(), static_cast<char>(n.type == kind::all_of ? 1 : 0));
        std::vector<char> sub(mask.size());
        for (const auto& c : n.children) {
          c.evaluate_into(table, sub);
          for (std::size_t r = 0; r < mask.size(); ++r)
            mask[r] = static_cast<char>(n.type == kind::all_of ? (mask[r] & sub[r]) : (mask[r] | sub[r]));
        }
        return;
      }
      case kind::negation:
        n.children.front().evaluate_into(table, mask);
        for (auto& m : mask) m = static_cast<char>(!m);
        return;
      default: break;
    }
    const attribute_column& col = table.column(n.attribute);
    const bound_leaf b = bind(col);
    for (std::size_t r = 0; r < mask.size(); ++r) mask[r] = static_cast<char>(leaf_test(col, r, b));
  }

  [[nodiscard]] std::string text(bool nested) const {
    const node& n = *node_;
    auto number = [](double v) { return detail::to_text(v); };
    switch (n.type) {
      case kind::always: return "anyone";
      case kind::equals: return joined(n.attribute, " == ", n.levels.front());
      case kind::one_of: {
        std::string s = n.attribute + " in {";
        for (std::size_t i = 0; i < n.levels.size(); ++i) s += joined(i ? ", " : "", n.levels[i]);
        return joined(s, "}");
      }
      case kind::range: {
        const bool lo_open = std::isinf(n.lo), hi_open = std::isinf(n.hi);
        if (lo_open && !hi_open) return joined(n.attribute, n.strict_hi ? " < " : " <= ", number(n.hi));
        if (hi_open && !lo_open) return joined(n.attribute, n.strict_lo ? " > " : " >= ", number(n.lo));
        return joined(n.attribute, " in ", n.strict_lo ? "(" : "[", number(n.lo), ", ", number(n.hi),
                      n.strict_hi ? ")" : "]");
      }
      case kind::negation: return joined("!", n.children.front().text(true));
      case kind::all_of:
      case kind::any_of: {
        std::string s;
        for (std::size_t i = 0; i < n.children.size(); ++i)
          s += joined(i ? (n.type == kind::all_of ? " && " : " || ") : "", n.children[i].text(true));
        return nested ? joined("(", s, ")") : s;
      }
    }
    return {};
  }

  [[nodiscard]] const predicate* find_equality(std::size_t& index) const {
    if (node_->type == kind::equals) {
      if (index == 0) return this;
      --index;
      return nullptr;
    }
    for (const auto& c : node_->children)
      if (const predicate* p = c.find_equality(index)) return p;
    return nullptr;
  }
  [[nodiscard]] const predicate* find_equality(std::size_t&& index) const { return find_equality(index); }

  // Rebuilds the path to the index-th equality leaf; `index` counts down as leaves are passed.
  [[nodiscard]] predicate replace(std::size_t& index, const std::string& level) const {
    if (node_->type == kind::equals) {
      if (index-- == 0) return equals(node_->attribute, level);
      return *this;
    }
    if (node_->children.empty()) return *this;
    auto n = std::make_shared<node>(*node_);
    for (auto& c : n->children) c = c.replace(index, level);
    return predicate(std::move(n));
  }
  [[nodiscard]] predicate replace(std::size_t&& index, const std::string& level) const {
    return replace(index, level);
  }

  std::shared_ptr<const node> node_;
};

/// A reference to an attribute by name, the left-hand side of a comparison: `attr("age") >= 45`.
class attr {
 public:
  explicit attr(std::string name) : name_(std::move(name)) {}

  friend predicate operator==(const attr& a, std::string_view level) { return predicate::equals(a.name_, std::string(level)); }
  friend predicate operator==(const attr& a, const char* level) { return predicate::equals(a.name_, level); }
  template <class N>
    requires std::is_arithmetic_v<N>
  friend predicate operator==(const attr& a, N v) {
    return predicate::range(a.name_, static_cast<double>(v), static_cast<double>(v));
  }
  template <class N>
    requires std::is_arithmetic_v<N>
  friend predicate operator!=(const attr& a, N v) { return !(a == v); }
  friend predicate operator!=(const attr& a, std::string_view level) { return !(a == level); }
  friend predicate operator!=(const attr& a, const char* level) { return !(a == level); }
  template <class N>
    requires std::is_arithmetic_v<N>
  friend predicate operator<(const attr& a, N v) { return predicate::range(a.name_, -inf(), static_cast<double>(v), false, true); }
  template <class N>
    requires std::is_arithmetic_v<N>
  friend predicate operator<=(const attr& a, N v) { return predicate::range(a.name_, -inf(), static_cast<double>(v)); }
  template <class N>
    requires std::is_arithmetic_v<N>
  friend predicate operator>(const attr& a, N v) { return predicate::range(a.name_, static_cast<double>(v), inf(), true, false); }
  template <class N>
    requires std::is_arithmetic_v<N>
  friend predicate operator>=(const attr& a, N v) { return predicate::range(a.name_, static_cast<double>(v), inf()); }

  /// `lo <= value <= hi`.
  [[nodiscard]] predicate between(double lo, double hi) const { return predicate::range(name_, lo, hi); }
  /// The value is one of `levels`.
  [[nodiscard]] predicate in(std::vector<std::string> levels) const { return predicate::one_of(name_, std::move(levels)); }
  [[nodiscard]] predicate in(std::initializer_list<const char*> levels) const {
    return predicate::one_of(name_, std::vector<std::string>(levels.begin(), levels.end()));
  }
  [[nodiscard]] const std::string& name() const noexcept { return name_; }

 private:
  static constexpr double inf() noexcept { return std::numeric_limits<double>::infinity(); }
  std::string name_;
};

}  // namespace pluralism
