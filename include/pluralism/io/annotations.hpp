// SPDX-License-Identifier: MIT
#pragma once

/// @file io/annotations.hpp
/// @brief Loads a long-format annotation table (one row per item, annotator and rating) from CSV.
///
/// @code
/// auto data = pluralism::io::read_annotations("ratings.csv",
///     {.item = "comment", .annotator = "worker", .rating = "toxicity", .item_columns = {"text"}});
/// data.annotators.column("gender");     // annotator attributes, one row per annotator
/// data.ratings.raters(0);               // who rated the first item
/// @endcode
///
/// Semantics (each a documented choice):
/// - Items and annotators are numbered in order of first appearance in the file.
/// - Every column that is not the item, annotator or rating and not listed under `item_columns`, `item_key`
///   or `ignore` is an annotator attribute (unless `attributes` lists them explicitly; then the rest is
///   skipped). An attribute must have the same value on every row of its annotator, and an item column on
///   every row of its item; otherwise the load fails naming the annotator (item), the column, both values
///   and both lines. Values equal as numbers ("1" and "1.0") or both missing ("" and "NA") count as equal.
/// - A column is numeric when listed under `numeric`, or (with `auto_numeric`) when all its non-missing
///   values are finite numbers and there is at least one; otherwise categorical. Missing values (the strings
///   in `missing`) are NaN or `attribute_column::missing_code`; the empty string is always missing in a table.
/// - An (item, annotator) pair may occur once. Ratings must be finite numbers.
/// - Numbers are read with `std::from_chars` (locale independent), after trimming spaces and tabs and one
///   leading '+'.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "../contract.hpp"
#include "../error.hpp"
#include "../jury/annotations.hpp"
#include "csv.hpp"

namespace pluralism::io {

/// What to do with a row whose rating is missing (one of the `missing` strings).
enum class missing_rating_policy {
  error,  ///< default: `parse_error [pluralism.io.missing_rating]`
  skip    ///< the row adds no rating (its annotator and item are still registered and checked)
};

/// Which columns of the CSV mean what. The three names are required; everything else has a default.
struct annotation_columns {
  std::string item;       ///< the item id column
  std::string annotator;  ///< the annotator id column
  std::string rating;     ///< the rating column (finite numbers)
  /// Annotator attribute columns; empty: every column not named elsewhere in these options.
  std::vector<std::string> attributes = {};
  /// Columns describing the item (constant per item), stored in `annotations::items`.
  std::vector<std::string> item_columns = {};
  /// Further columns that, with `item`, identify an item (a composite key). The item id is then the values
  /// joined by '/', and the key columns are also stored as item columns.
  std::vector<std::string> item_key = {};
  /// Attributes or item columns stored as numbers whatever `auto_numeric` finds.
  std::vector<std::string> numeric = {};
  /// A column whose non-missing values are all finite numbers (at least one) is stored as numeric.
  bool auto_numeric = true;
  /// Columns to skip.
  std::vector<std::string> ignore = {};
  /// Values that mean "missing".
  std::vector<std::string> missing = {"", "NA"};
  missing_rating_policy missing_ratings = missing_rating_policy::error;
  csv_dialect dialect = {};
};

namespace detail {

/// Parses a whole field as a finite double (spaces/tabs trimmed, one leading '+' allowed).
inline bool parse_finite(std::string_view s, double& out) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.size() > 1 && s.front() == '+' && s[1] != '-' && s[1] != '+') s.remove_prefix(1);
  if (s.empty()) return false;
  const char* const e = s.data() + s.size();
  double v = 0;
  const auto [p, ec] = std::from_chars(s.data(), e, v);
  if (ec != std::errc{} || p != e || !std::isfinite(v)) return false;
  out = v;
  return true;
}

inline bool is_missing(std::string_view v, const std::vector<std::string>& missing) noexcept {
  for (const auto& m : missing)
    if (v == m) return true;
  return false;
}

inline std::string column_label(const std::string& name) {
  return name.empty() ? std::string("'' (unnamed)") : "'" + name + "'";
}

/// Distinct strings stored back to back in one buffer and found through an open-addressing hash table
/// (linear probing, at most half full). Each slot holds the string's place in the buffer, so a lookup
/// touches one slot and the bytes it compares: this is a memory-latency-bound loop over a large file, and
/// a node-based map (or an offsets array) would add dependent cache misses per row.
class string_index {
 public:
  /// A string's place in the buffer.
  struct ref {
    std::uint32_t index;
    std::uint32_t size;
    std::size_t offset;
  };

  [[nodiscard]] static std::uint64_t hash(std::string_view s) noexcept { return std::hash<std::string_view>{}(s); }

  /// Hints the processor to load the slot `h` starts probing at.
  void prefetch(std::uint64_t h) const noexcept {
#if defined(__GNUC__) || defined(__clang__)
    if (!slots_.empty()) __builtin_prefetch(&slots_[static_cast<std::size_t>(h) & (slots_.size() - 1)]);
#else
    static_cast<void>(h);
#endif
  }

  /// The string `s` with hash `h` (from `hash(s)`), added when new; `second` is true when it was added.
  std::pair<ref, bool> insert(std::string_view s, std::uint64_t h) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t p = static_cast<std::size_t>(h) & mask;; p = (p + 1) & mask) {
      slot& sl = slots_[p];
      if (sl.used == 0) {
        PLURALISM_EXPECTS(count_ < std::numeric_limits<std::uint32_t>::max() &&
                              s.size() <= std::numeric_limits<std::uint32_t>::max(),
                          "pluralism.io.too_large", "more than 2^32 - 1 distinct values, or a value over 4 GB");
        sl = {tag, 1, ref{static_cast<std::uint32_t>(count_), static_cast<std::uint32_t>(s.size()), arena_.size()}};
        arena_.append(s);
        refs_.push_back(sl.r);
        ++count_;
        return {sl.r, true};
      }
      if (sl.tag == tag && view(sl.r) == s) return {sl.r, false};
    }
  }
  std::pair<ref, bool> insert(std::string_view s) { return insert(s, hash(s)); }

  [[nodiscard]] std::string_view view(const ref& r) const noexcept { return {arena_.data() + r.offset, r.size}; }
  [[nodiscard]] std::string_view view(std::size_t k) const noexcept { return view(refs_[k]); }
  [[nodiscard]] std::size_t size() const noexcept { return count_; }

 private:
  struct slot {
    std::uint32_t tag;   // high half of the hash
    std::uint32_t used;  // 0 = empty
    ref r;
  };
  void grow() {
    std::vector<slot> fresh(std::max<std::size_t>(16, slots_.size() * 2), slot{0, 0, ref{0, 0, 0}});
    const std::size_t mask = fresh.size() - 1;
    for (const slot& sl : slots_) {
      if (sl.used == 0) continue;
      std::size_t p = static_cast<std::size_t>(hash(view(sl.r))) & mask;
      while (fresh[p].used != 0) p = (p + 1) & mask;
      fresh[p] = sl;
    }
    slots_.swap(fresh);
  }
  std::vector<slot> slots_;
  std::string arena_;
  std::vector<ref> refs_;  // by index
  std::size_t count_ = 0;
};

/// Where a value was first seen: its place among the column's distinct values, line and column.
struct seen_value {
  string_index::ref value;
  std::size_t line;
  std::size_t column;
};

/// Ids in order of first appearance plus the first value of each of its columns, checked for constancy.
class keyed_rows {
 public:
  keyed_rows(std::string role, std::vector<std::size_t> csv_columns, std::vector<std::string> names,
             const std::vector<std::string>& missing)
      : role_(std::move(role)),
        csv_columns_(std::move(csv_columns)),
        names_(std::move(names)),
        missing_(&missing),
        distinct_(csv_columns_.size()) {}

  /// Starts loading what `row(id, hash)` will touch first.
  void prefetch(std::uint64_t hash) const noexcept { ids_.prefetch(hash); }

  /// Row of `id` (with `hash` = `string_index::hash(id)`) for this record, adding it or checking its
  /// columns against its first row.
  std::uint32_t row(std::string_view id, std::uint64_t hash, const std::vector<csv_field>& rec,
                    const std::string& file) {
    if (last_row_ != none && id == ids_.view(last_row_)) {
      check(last_row_, rec, file);
      return last_row_;
    }
    const auto [r, added] = ids_.insert(id, hash);
    if (added) {
      for (std::size_t j = 0; j < csv_columns_.size(); ++j) {
        const csv_field& f = rec[csv_columns_[j]];
        values_.push_back({distinct_[j].insert(f.value).first, f.line, f.column});
      }
    } else {
      check(r.index, rec, file);
    }
    last_row_ = r.index;
    return r.index;
  }

  [[nodiscard]] std::size_t size() const noexcept { return ids_.size(); }
  [[nodiscard]] std::string_view id(std::size_t r) const { return ids_.view(r); }

  /// Builds the table: ids, then one column per name (numeric or categorical). Each distinct value is
  /// classified and parsed once.
  attribute_table build(const std::vector<std::string>& numeric, bool auto_numeric, const std::string& file) const {
    std::vector<std::string> ids;
    ids.reserve(ids_.size());
    for (std::size_t r = 0; r < ids_.size(); ++r) ids.emplace_back(ids_.view(r));
    attribute_table table(std::move(ids));
    const std::size_t n = ids_.size(), k = names_.size();
    for (std::size_t j = 0; j < k; ++j) {
      bool forced = false;
      for (const auto& name : numeric) forced = forced || name == names_[j];
      const string_index& d = distinct_[j];
      constexpr double nan = std::numeric_limits<double>::quiet_NaN();
      std::vector<char> missing(d.size(), 0), is_number(d.size(), 0);
      std::vector<double> value(d.size(), nan);
      bool all_numbers = true, any = false;
      for (std::size_t c = 0; c < d.size(); ++c) {  // each distinct value once
        missing[c] = is_missing(d.view(c), *missing_) ? 1 : 0;
        if (missing[c]) continue;
        is_number[c] = parse_finite(d.view(c), value[c]) ? 1 : 0;
        all_numbers = all_numbers && is_number[c];
        any = true;
      }
      if (forced && !all_numbers)
        for (std::size_t r = 0; r < n; ++r) {
          const seen_value& v = values_[r * k + j];
          if (!missing[v.value.index] && !is_number[v.value.index])
            throw_parse("pluralism.io.not_numeric", file, v.line, v.column,
                        "column " + column_label(names_[j]) + " is listed as numeric but " + role_ + " '" +
                            std::string(ids_.view(r)) + "' has " + quoted(d.view(v.value)) +
                            ", not a finite number (list it under `missing` if it means missing)");
        }
      if (forced || (auto_numeric && any && all_numbers)) {
        std::vector<double> numbers(n, nan);
        for (std::size_t r = 0; r < n; ++r) numbers[r] = value[values_[r * k + j].value.index];
        table.add_numeric(names_[j], std::move(numbers));
      } else {
        std::vector<std::string> text(n);
        for (std::size_t r = 0; r < n; ++r) {
          const string_index::ref& c = values_[r * k + j].value;
          if (!missing[c.index]) text[r] = std::string(d.view(c));
        }
        table.add_categorical(names_[j], text);
      }
    }
    return table;
  }

 private:
  static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

  void check(std::uint32_t r, const std::vector<csv_field>& rec, const std::string& file) const {
    const std::size_t k = csv_columns_.size();
    for (std::size_t j = 0; j < k; ++j) {
      const seen_value& first = values_[std::size_t{r} * k + j];
      const csv_field& now = rec[csv_columns_[j]];
      const std::string_view was = distinct_[j].view(first.value);
      if (now.value == was) [[likely]]
        continue;
      if (is_missing(now.value, *missing_) && is_missing(was, *missing_)) continue;
      double a = 0, b = 0;
      if (parse_finite(now.value, a) && parse_finite(was, b) && a == b) continue;
      const std::string hint =
          names_[j].empty()
              ? "; an unnamed column is often a row number: list \"\" under ignore"
          : role_ == "annotator"
              ? "; an annotator's attributes must be the same on every row (if " + column_label(names_[j]) +
                    " describes the item, list it under item_columns; if it changes from rating to rating, list "
                    "it under ignore)"
              : "; an item column must be the same on every row of the item (if it changes from rating to "
                "rating, list it under ignore)";
      throw_parse("pluralism.io.inconsistent_" + role_, file, now.line, now.column,
                  role_ + " '" + std::string(ids_.view(r)) + "': column " + column_label(names_[j]) + " is " +
                      quoted(was) + " on line " + std::to_string(first.line) + " but " + quoted(now.value) +
                      " on line " + std::to_string(now.line) + hint);
    }
  }

  std::string role_;
  std::vector<std::size_t> csv_columns_;
  std::vector<std::string> names_;
  const std::vector<std::string>* missing_;
  string_index ids_;
  std::vector<string_index> distinct_;  // per column: its distinct first values
  std::vector<seen_value> values_;      // row-major: ids x columns
  std::uint32_t last_row_ = none;
};

/// Maps option names to CSV column indices, with errors that list the header.
class header_map {
 public:
  header_map(const std::vector<csv_field>& header, std::string file, std::size_t line)
      : file_(std::move(file)), line_(line) {
    names_.reserve(header.size());
    for (const auto& f : header) names_.emplace_back(f.value);
    role_.assign(names_.size(), nullptr);
  }

  /// The index of `name`, claimed for `role`.
  /// @throws parse_error unknown_column / duplicate_column; precondition_error for a second role.
  std::size_t claim(const std::string& name, const char* role) {
    std::size_t found = names_.size(), count = 0;
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == name) {
        if (count++ == 0) found = i;
      }
    if (count == 0) {
      std::string known;
      for (const auto& n : names_) known += (known.empty() ? "" : ", ") + column_label(n);
      throw_parse("pluralism.io.unknown_column", file_, line_, 0,
                  "unknown column " + column_label(name) + " (given as " + role + "); the header has: " + known);
    }
    if (count > 1)
      throw_parse("pluralism.io.duplicate_column", file_, line_, 0,
                  "column " + column_label(name) + " (given as " + role + ") occurs " + std::to_string(count) +
                      " times in the header");
    PLURALISM_EXPECTS(role_[found] == nullptr, "pluralism.io.column_roles",
                      "column " + column_label(name) + " is given both as " + std::string(role_[found] ? role_[found] : "") +
                          " and as " + role);
    role_[found] = role;
    return found;
  }

  /// Columns no option has claimed, in header order (the default attributes).
  std::vector<std::size_t> unclaimed() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (role_[i] == nullptr) out.push_back(i);
    return out;
  }
  [[nodiscard]] const std::string& name(std::size_t i) const { return names_[i]; }
  [[nodiscard]] std::size_t size() const noexcept { return names_.size(); }
  [[nodiscard]] std::size_t count(const std::string& name) const {
    std::size_t c = 0;
    for (const auto& n : names_) c += n == name ? std::size_t{1} : std::size_t{0};
    return c;
  }
  [[nodiscard]] const char* role(std::size_t i) const { return role_[i]; }

 private:
  std::string file_;
  std::size_t line_;
  std::vector<std::string> names_;
  std::vector<const char*> role_;
};

}  // namespace detail

/// Reads annotations from CSV text.
/// @param text the CSV text (taken by value: `std::move` a string in to avoid the copy).
/// @param columns which columns mean what (see `annotation_columns`).
/// @param name the file name used in error messages.
/// @throws parse_error (a `data_error`) with the file, line and column for: malformed CSV
///   (`[pluralism.io.csv.*]`), an empty text (`[pluralism.io.empty]`), an unknown or repeated column name
///   (`[pluralism.io.unknown_column]` listing the header, `[pluralism.io.duplicate_column]`), a row with the
///   wrong number of fields (`[pluralism.io.field_count]`), a missing item or annotator id
///   (`[pluralism.io.missing_id]`), a rating that is not a finite number (`[pluralism.io.bad_rating]`) or is
///   missing (`[pluralism.io.missing_rating]`, unless `missing_ratings` is `skip`), an attribute that differs
///   between rows of one annotator (`[pluralism.io.inconsistent_annotator]`) or an item column between rows of
///   one item (`[pluralism.io.inconsistent_item]`), a second rating of an item by the same annotator
///   (`[pluralism.io.duplicate_rating]`), a non-number in a column listed as numeric (`[pluralism.io.not_numeric]`).
/// @throws precondition_error `[pluralism.io.column_roles]` when one column is given two roles, or
///   `[pluralism.io.numeric_column]` when a `numeric` name is not an attribute or item column.
inline annotations read_annotations_from_string(std::string text, const annotation_columns& columns,
                                                const std::string& name = "<string>") {
  using detail::throw_parse;
  csv_reader csv(std::move(text), name, columns.dialect);
  std::vector<csv_field> rec;
  if (!csv.next(rec)) throw_parse("pluralism.io.empty", name, 1, 1, "no header line: the text is empty");
  const std::size_t header_line = csv.record_line();
  detail::header_map header(rec, name, header_line);
  const std::size_t width = header.size();

  const std::size_t item_col = header.claim(columns.item, "item");
  const std::size_t annotator_col = header.claim(columns.annotator, "annotator");
  const std::size_t rating_col = header.claim(columns.rating, "rating");
  std::vector<std::size_t> key_cols;
  for (const auto& c : columns.item_key) key_cols.push_back(header.claim(c, "item_key"));
  std::vector<std::size_t> item_cols;
  if (!key_cols.empty()) {
    item_cols.push_back(item_col);
    item_cols.insert(item_cols.end(), key_cols.begin(), key_cols.end());
  }
  for (const auto& c : columns.item_columns) item_cols.push_back(header.claim(c, "item_columns"));
  for (const auto& c : columns.ignore) header.claim(c, "ignore");
  std::vector<std::size_t> attr_cols;
  if (!columns.attributes.empty()) {
    for (const auto& c : columns.attributes) attr_cols.push_back(header.claim(c, "attributes"));
  } else {
    attr_cols = header.unclaimed();
    for (const std::size_t c : attr_cols)
      if (header.count(header.name(c)) > 1)
        throw_parse("pluralism.io.duplicate_column", name, header_line, 0,
                    "column " + detail::column_label(header.name(c)) +
                        " occurs more than once in the header (list it under ignore, or name the attributes)");
  }
  for (const auto& n : columns.numeric) {
    bool known = false;
    for (const std::size_t c : attr_cols) known = known || header.name(c) == n;
    for (const std::size_t c : item_cols) known = known || header.name(c) == n;
    if (!known && header.count(n) == 0) header.claim(n, "numeric");  // throws unknown_column
    PLURALISM_EXPECTS(known, "pluralism.io.numeric_column",
                      "column " + detail::column_label(n) + " is listed under numeric but is not an attribute or item column");
  }
  auto names_of = [&](const std::vector<std::size_t>& cols) {
    std::vector<std::string> out;
    for (const std::size_t c : cols) out.push_back(header.name(c));
    return out;
  };
  detail::keyed_rows annotators("annotator", attr_cols, names_of(attr_cols), columns.missing);
  detail::keyed_rows items("item", item_cols, names_of(item_cols), columns.missing);

  std::vector<rating_entry> entries;
  std::vector<std::size_t> lines;  // of each entry's record
  std::string scratch;             // a composite item id

  auto id_of = [&](const csv_field& f, const char* role) {
    if (detail::is_missing(f.value, columns.missing))
      throw_parse("pluralism.io.missing_id", name, f.line, f.column,
                  std::string("missing ") + role + " id " + detail::quoted(f.value));
    return f.value;
  };

  while (csv.next(rec)) {
    if (rec.size() != width) {
      const bool extra = rec.size() > width;
      throw_parse("pluralism.io.field_count", name, extra ? rec[width].line : csv.record_end_line(),
                  extra ? rec[width].column : csv.record_end_column(),
                  "the record starting on line " + std::to_string(csv.record_line()) + " has " +
                      std::to_string(rec.size()) + " fields, the header has " + std::to_string(width));
    }
    std::string_view item_id = id_of(rec[item_col], "item");
    if (!key_cols.empty()) {
      scratch.assign(item_id);
      for (const std::size_t c : key_cols) {
        scratch += '/';
        scratch += id_of(rec[c], "item");
      }
      item_id = scratch;
    }
    const std::string_view annotator_id = id_of(rec[annotator_col], "annotator");
    const std::uint64_t item_hash = detail::string_index::hash(item_id);
    const std::uint64_t annotator_hash = detail::string_index::hash(annotator_id);
    annotators.prefetch(annotator_hash);  // its cache miss overlaps the item's
    const std::uint32_t i = items.row(item_id, item_hash, rec, name);
    const std::uint32_t a = annotators.row(annotator_id, annotator_hash, rec, name);

    const csv_field& rf = rec[rating_col];
    double r = 0;
    if (!detail::parse_finite(rf.value, r)) [[unlikely]] {
      if (detail::is_missing(rf.value, columns.missing)) {
        if (columns.missing_ratings == missing_rating_policy::skip) continue;
        throw_parse("pluralism.io.missing_rating", name, rf.line, rf.column,
                    "missing rating " + detail::quoted(rf.value) + " (item '" + std::string(item_id) +
                        "', annotator '" + std::string(annotator_id) + "'; missing_ratings = skip drops such rows)");
      }
      throw_parse("pluralism.io.bad_rating", name, rf.line, rf.column,
                  "rating " + detail::quoted(rf.value) + " in column " + detail::column_label(columns.rating) +
                      " is not a finite number");
    }
    entries.push_back({i, a, r});
    lines.push_back(csv.record_line());
  }

  // Order the entries by item (counting sort, stable) and then by annotator and file position within each
  // item; a repeated (item, annotator) is then adjacent. Report the pair whose second occurrence comes first.
  std::vector<std::size_t> start(items.size() + 1, 0);
  for (const auto& e : entries) ++start[e.item + 1];
  for (std::size_t i = 0; i < items.size(); ++i) start[i + 1] += start[i];
  std::vector<std::size_t> order(entries.size());
  {
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (std::size_t k = 0; k < entries.size(); ++k) order[next[entries[k].item]++] = k;
  }
  std::size_t dup_first = 0, dup_second = 0;
  bool dup = false;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto b = order.begin() + static_cast<std::ptrdiff_t>(start[i]);
    const auto e = order.begin() + static_cast<std::ptrdiff_t>(start[i + 1]);
    std::sort(b, e, [&](std::size_t x, std::size_t y) {
      return entries[x].annotator != entries[y].annotator ? entries[x].annotator < entries[y].annotator : x < y;
    });
    for (auto it = b; it != e && it + 1 != e; ++it)
      if (entries[*it].annotator == entries[*(it + 1)].annotator && (!dup || lines[*(it + 1)] < lines[dup_second])) {
        dup = true;
        dup_first = *it;
        dup_second = *(it + 1);
      }
  }
  if (dup)
    throw_parse("pluralism.io.duplicate_rating", name, lines[dup_second], 1,
                "item '" + std::string(items.id(entries[dup_second].item)) + "' is rated twice by annotator '" +
                    std::string(annotators.id(entries[dup_second].annotator)) + "', on line " +
                    std::to_string(lines[dup_first]) + " and on line " + std::to_string(lines[dup_second]));
  std::vector<rating_entry> sorted;
  sorted.reserve(entries.size());
  for (const std::size_t k : order) sorted.push_back(entries[k]);
  entries = std::vector<rating_entry>();
  lines = std::vector<std::size_t>();

  annotations out;
  out.annotators = annotators.build(columns.numeric, columns.auto_numeric, name);
  out.items = items.build(columns.numeric, columns.auto_numeric, name);
  out.ratings = rating_store(out.items.size(), out.annotators.size(), std::move(sorted));
  return out;
}

/// Reads annotations from a CSV file (read whole, then parsed in place).
/// @throws data_error `[pluralism.io.cannot_open]` when the file cannot be read; otherwise as
///   `read_annotations_from_string`, with the path as the file name in messages.
inline annotations read_annotations(const std::filesystem::path& path, const annotation_columns& columns) {
  return read_annotations_from_string(read_text_file(path), columns, path.string());
}

}  // namespace pluralism::io
