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
#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../contract.hpp"
#include "../error.hpp"
#include "../jury/annotations.hpp"
#include "csv.hpp"
#include "detail/annotation_tables.hpp"

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
  std::vector<csv_field> header_fields;
  if (!csv.next(header_fields)) throw_parse("pluralism.io.empty", name, 1, 1, "no header line: the text is empty");
  const std::size_t header_line = csv.record_line();
  detail::header_map header(header_fields, name, header_line);
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

  struct located_entry {
    rating_entry entry;
    std::size_t line;  // of its record
  };
  std::vector<located_entry> entries;
  std::string scratch;  // a composite item id

  auto id_of = [&](const csv_field& f, const char* role) {
    if (detail::is_missing(f.value, columns.missing))
      throw_parse("pluralism.io.missing_id", name, f.line, f.column,
                  std::string("missing ") + role + " id " + detail::quoted(f.value));
    return f.value;
  };

  // One record, checked and stored; `hashes` = {item, annotator} from `string_index::hash`, or empty for a
  // composite item id (hashed here).
  auto take = [&](const std::vector<csv_field>& rec, std::optional<std::array<std::uint64_t, 2>> hashes) {
    if (rec.size() != width) {  // the last record read: the reader's record_end is its end
      const bool extra = rec.size() > width;
      throw_parse("pluralism.io.field_count", name, extra ? rec[width].line : csv.record_end_line(),
                  extra ? rec[width].column : csv.record_end_column(),
                  "the record starting on line " + std::to_string(rec.front().line) + " has " +
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
    if (!hashes) hashes = {{detail::string_index::hash(item_id), detail::string_index::hash(annotator_id)}};
    const std::uint32_t i = items.row(item_id, (*hashes)[0], rec, name);
    const std::uint32_t a = annotators.row(annotator_id, (*hashes)[1], rec, name);

    const csv_field& rf = rec[rating_col];
    double r = 0;
    if (!detail::parse_finite(rf.value, r)) [[unlikely]] {
      if (detail::is_missing(rf.value, columns.missing)) {
        if (columns.missing_ratings == missing_rating_policy::skip) return;
        throw_parse("pluralism.io.missing_rating", name, rf.line, rf.column,
                    "missing rating " + detail::quoted(rf.value) + " (item '" + std::string(item_id) +
                        "', annotator '" + std::string(annotator_id) + "'; missing_ratings = skip drops such rows)");
      }
      throw_parse("pluralism.io.bad_rating", name, rf.line, rf.column,
                  "rating " + detail::quoted(rf.value) + " in column " + detail::column_label(columns.rating) +
                      " is not a finite number");
    }
    entries.push_back({{i, a, r}, rec.front().line});  // a record's line is its first field's
  };

  // Records are read in batches whose ids' hash-table slots are prefetched together: on a large file the
  // tables outgrow the cache, and the misses of a batch then overlap instead of queueing one after another.
  // The records are still taken one by one in file order, and reading stops at a malformed record, so every
  // error is the one the file's first problem gives.
  constexpr std::size_t batch = 16;
  std::vector<std::vector<csv_field>> records(batch);
  std::array<std::array<std::uint64_t, 2>, batch> ids_hashed{};
  for (bool more = true; more;) {
    std::size_t n = 0;
    std::exception_ptr failure;  // from the reader, raised after the records before it are taken
    while (n < batch) {
      try {
        more = csv.next(records[n]);
      } catch (...) {
        failure = std::current_exception();
        more = false;
      }
      if (!more) break;
      const auto& fields = records[n++];
      if (fields.size() != width) break;  // taken last, where it throws
      if (key_cols.empty()) {
        ids_hashed[n - 1] = {detail::string_index::hash(fields[item_col].value),
                             detail::string_index::hash(fields[annotator_col].value)};
        items.prefetch(ids_hashed[n - 1][0]);
        annotators.prefetch(ids_hashed[n - 1][1]);
      }
    }
    if (key_cols.empty())
      for (std::size_t j = 0; j < n; ++j) {  // the slots have arrived by now: fetch what they point to
        items.prefetch_row(ids_hashed[j][0]);
        annotators.prefetch_row(ids_hashed[j][1]);
      }
    for (std::size_t j = 0; j < n; ++j)
      take(records[j], key_cols.empty() ? std::optional(ids_hashed[j]) : std::nullopt);
    if (failure) std::rethrow_exception(failure);
  }

  // Group the entries by item (a stable counting sort: one pass, one scattered write each), then order each
  // item's few entries by annotator and line, in place and in cache; a repeated (item, annotator) is then
  // adjacent. Report the pair whose second occurrence comes first in the file.
  std::vector<std::size_t> start(items.size() + 1, 0);
  for (const auto& e : entries) ++start[e.entry.item + 1];
  for (std::size_t i = 0; i < items.size(); ++i) start[i + 1] += start[i];
  std::vector<located_entry> grouped(entries.size());
  {
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (const auto& e : entries) grouped[next[e.entry.item]++] = e;
  }
  entries = std::vector<located_entry>();
  const located_entry* dup = nullptr;  // the second occurrence of the earliest-reported duplicate pair
  const located_entry* dup_first = nullptr;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto b = grouped.begin() + static_cast<std::ptrdiff_t>(start[i]);
    const auto e = grouped.begin() + static_cast<std::ptrdiff_t>(start[i + 1]);
    std::sort(b, e, [](const located_entry& x, const located_entry& y) {
      return x.entry.annotator != y.entry.annotator ? x.entry.annotator < y.entry.annotator : x.line < y.line;
    });
    for (auto it = b; it != e && it + 1 != e; ++it)
      if (it->entry.annotator == (it + 1)->entry.annotator && (dup == nullptr || (it + 1)->line < dup->line)) {
        dup_first = &*it;
        dup = &*(it + 1);
      }
  }
  if (dup != nullptr)
    throw_parse("pluralism.io.duplicate_rating", name, dup->line, 1,
                "item '" + std::string(items.id(dup->entry.item)) + "' is rated twice by annotator '" +
                    std::string(annotators.id(dup->entry.annotator)) + "', on line " +
                    std::to_string(dup_first->line) + " and on line " + std::to_string(dup->line));
  std::vector<rating_entry> sorted;
  sorted.reserve(grouped.size());
  for (const auto& e : grouped) sorted.push_back(e.entry);
  grouped = std::vector<located_entry>();

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
