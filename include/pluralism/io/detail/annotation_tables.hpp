// SPDX-License-Identifier: MIT
#pragma once

/// @file io/detail/annotation_tables.hpp
/// @brief Internals of read_annotations: number parsing, the interning hash index, per-id rows checked
/// for constancy, and the header's column roles.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "../../contract.hpp"
#include "../../error.hpp"
#include "../../jury/attribute_table.hpp"
#include "../csv.hpp"

namespace pluralism::io {

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

  /// The place of the string that probably has hash `h` (the first slot whose tag matches, the string itself
  /// not compared, so that nothing outside the table is read), or null: for prefetching only.
  [[nodiscard]] const ref* guess(std::uint64_t h) const noexcept {
    if (slots_.empty()) return nullptr;
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t p = static_cast<std::size_t>(h) & mask;; p = (p + 1) & mask) {
      const slot& sl = slots_[p];
      if (sl.used == 0) return nullptr;
      if (sl.tag == tag) return &sl.r;
    }
  }
  /// Hints the processor to load the first bytes of the string at `r`.
  void prefetch(const ref& r) const noexcept {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(arena_.data() + r.offset);
#else
    static_cast<void>(r);
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

  /// Starts loading what `row(id, hash)` will touch first: the hash table's slot.
  void prefetch(std::uint64_t hash) const noexcept { ids_.prefetch(hash); }
  /// Then, once that slot is in cache, what `row` reads next: the id's bytes and its first values.
  void prefetch_row(std::uint64_t hash) const noexcept {
    const string_index::ref* r = ids_.guess(hash);
    if (r == nullptr) return;
    ids_.prefetch(*r);
#if defined(__GNUC__) || defined(__clang__)
    const std::size_t at = std::size_t{r->index} * csv_columns_.size();
    if (at < values_.size()) __builtin_prefetch(values_.data() + at);
#endif
  }

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

}  // namespace pluralism::io
