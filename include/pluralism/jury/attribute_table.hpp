// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/attribute_table.hpp
/// @brief Columnar attributes of annotators (or items): categorical and numeric columns with missing values.
///
/// One row per annotator, one column per attribute. Categorical values are stored as codes into a list of
/// levels (`missing_code` when absent); numeric values as doubles (NaN when absent). Columns are contiguous
/// arrays so that a sheet predicate is evaluated over the whole pool in one pass.

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "../contract.hpp"
#include "../error.hpp"

namespace pluralism {

/// Whether a column holds categories or numbers.
enum class attribute_kind { categorical, numeric };

/// One attribute column.
struct attribute_column {
  static constexpr std::int32_t missing_code = -1;

  std::string name;
  attribute_kind kind = attribute_kind::categorical;
  std::vector<std::string> levels;  ///< categorical: the distinct values, in order of first appearance
  std::vector<std::int32_t> codes;  ///< categorical: one code per row, `missing_code` when missing
  std::vector<double> numbers;      ///< numeric: one value per row, NaN when missing

  [[nodiscard]] std::size_t size() const noexcept {
    return kind == attribute_kind::categorical ? codes.size() : numbers.size();
  }
  /// The code of a level, or `missing_code` when the level does not occur.
  [[nodiscard]] std::int32_t code_of(std::string_view level) const {
    for (std::size_t i = 0; i < levels.size(); ++i)
      if (levels[i] == level) return static_cast<std::int32_t>(i);
    return missing_code;
  }
  [[nodiscard]] bool is_missing(std::size_t row) const noexcept {
    return kind == attribute_kind::categorical ? codes[row] == missing_code : std::isnan(numbers[row]);
  }
  /// The value of a row as text ("" when missing); numbers in shortest round-trip form.
  [[nodiscard]] std::string text(std::size_t row) const {
    if (is_missing(row)) return {};
    if (kind == attribute_kind::categorical) return levels[static_cast<std::size_t>(codes[row])];
    return detail::to_text(numbers[row]);
  }
};

/// Rows with string ids plus named attribute columns; used for the annotator pool and for items.
class attribute_table {
 public:
  attribute_table() = default;
  /// @throws data_error `[pluralism.table.duplicate_id]` when an id occurs twice.
  explicit attribute_table(std::vector<std::string> ids) : ids_(std::move(ids)) {
    index_.reserve(ids_.size());
    for (std::size_t i = 0; i < ids_.size(); ++i)
      if (!index_.emplace(ids_[i], i).second)
        PLURALISM_THROW(data_error, "pluralism.table.duplicate_id", "duplicate id '" + ids_[i] + "'");
  }

  [[nodiscard]] std::size_t size() const noexcept { return ids_.size(); }
  [[nodiscard]] const std::vector<std::string>& ids() const noexcept { return ids_; }
  [[nodiscard]] const std::string& id(std::size_t row) const { return ids_.at(row); }
  /// Row of an id. @throws unknown_name_error `[pluralism.table.unknown_id]`.
  [[nodiscard]] std::size_t row_of(std::string_view id) const {
    const auto it = index_.find(std::string(id));
    if (it == index_.end()) PLURALISM_THROW(unknown_name_error, "pluralism.table.unknown_id", "unknown id '" + std::string(id) + "'");
    return it->second;
  }
  [[nodiscard]] bool contains_id(std::string_view id) const { return index_.count(std::string(id)) != 0; }

  /// Adds a categorical column from one text value per row ("" = missing).
  /// @throws precondition_error when the size differs from the row count or the name exists.
  attribute_column& add_categorical(std::string name, const std::vector<std::string>& values) {
    check_new_column(name, values.size());
    attribute_column c{std::move(name), attribute_kind::categorical, {}, {}, {}};
    c.codes.reserve(values.size());
    std::unordered_map<std::string, std::int32_t> seen;
    for (const auto& v : values) {
      if (v.empty()) {
        c.codes.push_back(attribute_column::missing_code);
        continue;
      }
      auto [it, inserted] = seen.emplace(v, static_cast<std::int32_t>(c.levels.size()));
      if (inserted) c.levels.push_back(v);
      c.codes.push_back(it->second);
    }
    columns_.push_back(std::move(c));
    return columns_.back();
  }
  /// Adds a numeric column (NaN = missing).
  /// @throws precondition_error when the size differs from the row count or the name exists.
  attribute_column& add_numeric(std::string name, std::vector<double> values) {
    check_new_column(name, values.size());
    columns_.push_back(attribute_column{std::move(name), attribute_kind::numeric, {}, {}, std::move(values)});
    return columns_.back();
  }

  [[nodiscard]] const std::vector<attribute_column>& columns() const noexcept { return columns_; }
  [[nodiscard]] bool has_column(std::string_view name) const noexcept {
    for (const auto& c : columns_)
      if (c.name == name) return true;
    return false;
  }
  /// The column with this name. @throws unknown_name_error `[pluralism.table.unknown_attribute]` listing the
  /// names that exist.
  [[nodiscard]] const attribute_column& column(std::string_view name) const {
    for (const auto& c : columns_)
      if (c.name == name) return c;
    std::string known;
    for (const auto& c : columns_) known += (known.empty() ? "" : ", ") + c.name;
    PLURALISM_THROW(unknown_name_error, "pluralism.table.unknown_attribute",
                    "unknown attribute '" + std::string(name) + "' (known: " + known + ")");
  }

  /// The columns named in `names`, or every categorical column when `names` is empty: what a model groups or
  /// embeds annotators by.
  /// @param error_id, who, reason make the error for a named numeric column:
  ///   "<who>: attribute '<name>' is numeric; <reason>".
  /// @throws unknown_name_error `[pluralism.table.unknown_attribute]` for an unknown name; precondition_error
  ///   `[error_id]` for a numeric one.
  [[nodiscard]] std::vector<const attribute_column*> categorical_columns(const std::vector<std::string>& names,
                                                                         const char* error_id,
                                                                         std::string_view who,
                                                                         std::string_view reason) const {
    std::vector<const attribute_column*> out;
    if (names.empty()) {
      for (const auto& c : columns_)
        if (c.kind == attribute_kind::categorical) out.push_back(&c);
      return out;
    }
    for (const auto& name : names) {
      const auto& c = column(name);
      PLURALISM_EXPECTS(c.kind == attribute_kind::categorical, error_id,
                        std::string(who) + ": attribute '" + name + "' is numeric; " + std::string(reason));
      out.push_back(&c);
    }
    return out;
  }

 private:
  void check_new_column(const std::string& name, std::size_t n) const {
    PLURALISM_EXPECTS(n == ids_.size(), "pluralism.table.column_size",
                      "column '" + name + "' has " + std::to_string(n) + " values for " + std::to_string(ids_.size()) + " rows");
    PLURALISM_EXPECTS(!has_column(name), "pluralism.table.duplicate_column", "column '" + name + "' already exists");
  }

  std::vector<std::string> ids_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<attribute_column> columns_;
};

}  // namespace pluralism
