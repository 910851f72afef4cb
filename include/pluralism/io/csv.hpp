// SPDX-License-Identifier: MIT
#pragma once

/// @file io/csv.hpp
/// @brief A fast RFC 4180 CSV reader with 1-based line and column numbers for every field.
///
/// RFC 4180 (Shafranovich, 2005): fields separated by a delimiter (`,`), records by line breaks; a field may
/// be enclosed in double quotes, and then may contain delimiters, line breaks and quotes written twice (`""`).
/// Accepted beyond the RFC: LF, CRLF or a lone CR as the line break (mixed freely), an optional UTF-8 byte
/// order mark, no line break after the last record, and (by default) empty lines, which are skipped.
/// Rejected with a `parse_error` giving the file, line and column: an unterminated quoted field, text after
/// a closing quote (`"a"b`) and a quote inside an unquoted field (`a"b`).
///
/// Speed: the reader owns the whole text and hands out `std::string_view`s into it, so the hot path never
/// allocates; quoted fields with doubled quotes are unescaped in place (the text only shrinks). Columns are
/// counted in bytes from the start of the line (a UTF-8 character after the first byte counts per byte).
///
/// @code
/// pluralism::io::csv_reader csv(pluralism::io::read_text_file("ratings.csv"), "ratings.csv");
/// std::vector<pluralism::io::csv_field> row;
/// while (csv.next(row)) { /* row[k].value, row[k].line, row[k].column */ }
/// @endcode

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../contract.hpp"
#include "../error.hpp"

namespace pluralism::io {

namespace detail {
/// Throws `parse_error` (or prints and aborts when exceptions are off).
[[noreturn]] inline void throw_parse(std::string_view id, std::string_view file, std::size_t line,
                                     std::size_t column, const std::string& what) {
#if PLURALISM_HAS_EXCEPTIONS
  throw parse_error(id, file, line, column, what);
#else
  std::fprintf(stderr, "[%.*s] %.*s:%zu:%zu: %s\n", static_cast<int>(id.size()), id.data(),
               static_cast<int>(file.size()), file.data(), line, column, what.c_str());
  std::abort();
#endif
}

/// A value for a message: quoted, shortened to 60 bytes, control characters shown as `\n`, `\r`, `\xNN`.
inline std::string quoted(std::string_view v) {
  std::string out = "'";
  const std::size_t n = std::min<std::size_t>(v.size(), 60);
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (v.size() > n) out += "...";
  out += "'";
  return out;
}
/// Word-at-a-time search (SWAR): whether any byte of `w` equals the byte repeated in `pattern`. The
/// has-zero-byte test `(x - 0x01..01) & ~x & 0x80..80` is exact as a yes/no answer.
inline bool has_byte(std::uint64_t w, std::uint64_t pattern) noexcept {
  const std::uint64_t x = w ^ pattern;
  return ((x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull) != 0;
}
inline std::uint64_t load8(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
constexpr std::uint64_t repeat8(char c) noexcept { return 0x0101010101010101ull * static_cast<unsigned char>(c); }
}  // namespace detail

/// Reads a whole file into a string (binary, no newline translation).
/// @throws data_error `[pluralism.io.cannot_open]` naming the path when it cannot be opened or read.
inline std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) PLURALISM_THROW(data_error, "pluralism.io.cannot_open", "cannot open '" + path.string() + "'");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) PLURALISM_THROW(data_error, "pluralism.io.cannot_open", "cannot read '" + path.string() + "'");
  in.seekg(0, std::ios::beg);
  std::string text(static_cast<std::size_t>(size), '\0');
  if (size > 0 && !in.read(text.data(), static_cast<std::streamsize>(size)))
    PLURALISM_THROW(data_error, "pluralism.io.cannot_open", "cannot read '" + path.string() + "'");
  return text;
}

/// How the text is split. The defaults read RFC 4180 files.
struct csv_dialect {
  char delimiter = ',';         ///< `','`, `';'` or `'\t'`; never `'"'`, `'\r'` or `'\n'`
  bool skip_empty_lines = true;  ///< skip lines with nothing on them (outside quoted fields)
};

/// One field of a record: its value (unescaped) and where it starts (1-based, the opening quote if quoted).
struct csv_field {
  std::string_view value;
  std::size_t line = 0;
  std::size_t column = 0;
  bool quoted = false;
};

/// Reads records one at a time from a text it owns. Not copyable or movable: the `string_view`s it hands
/// out point into its text and stay valid while the reader lives.
class csv_reader {
 public:
  /// @param text the whole CSV text (moved in; quoted fields are unescaped in place).
  /// @param name the file name used in error messages.
  /// @throws precondition_error `[pluralism.io.csv.delimiter]` for a delimiter that is a quote or line break.
  explicit csv_reader(std::string text, std::string name = "<string>", csv_dialect dialect = {})
      : text_(std::move(text)), name_(std::move(name)), dialect_(dialect) {
    PLURALISM_EXPECTS(dialect_.delimiter != '"' && dialect_.delimiter != '\r' && dialect_.delimiter != '\n',
                      "pluralism.io.csv.delimiter", "the delimiter cannot be a quote or a line break");
    if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = line_start_ = 3;
    for (const char c : {dialect_.delimiter, '\n', '\r', '"'}) stops_[static_cast<unsigned char>(c)] = true;
  }
  csv_reader(const csv_reader&) = delete;
  csv_reader& operator=(const csv_reader&) = delete;

  /// The file name used in messages.
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// Line where the last record returned by `next` began.
  [[nodiscard]] std::size_t record_line() const noexcept { return record_line_; }
  /// Line and column just past the last record's last field (where a missing field would have started).
  [[nodiscard]] std::size_t record_end_line() const noexcept { return end_line_; }
  [[nodiscard]] std::size_t record_end_column() const noexcept { return end_column_; }

  /// Reads the next record into `fields` (cleared first; its capacity is reused, so no allocation once warm).
  /// @returns false at the end of the text (then `fields` is empty).
  /// @throws parse_error `[pluralism.io.csv.unterminated_quote]` (at the opening quote),
  ///         `[pluralism.io.csv.text_after_quote]`, `[pluralism.io.csv.quote_in_field]` (at the character).
  bool next(std::vector<csv_field>& fields) {
    fields.clear();
    const std::size_t end = text_.size();
    if (dialect_.skip_empty_lines)
      while (pos_ < end && (text_[pos_] == '\n' || text_[pos_] == '\r')) consume_line_break();
    if (pos_ >= end) return false;
    record_line_ = line_;
    for (;;) {
      fields.push_back(read_field());
      if (pos_ >= end) {
        mark_end();
        return true;
      }
      const char c = text_[pos_];
      if (c == dialect_.delimiter) {
        ++pos_;
        continue;
      }
      // read_field stops only at the end, the delimiter or a line break.
      mark_end();
      consume_line_break();
      return true;
    }
  }

 private:
  void mark_end() noexcept {
    end_line_ = line_;
    end_column_ = pos_ - line_start_ + 1;
  }
  // At '\r' or '\n': consume CRLF, LF or CR as one line break.
  void consume_line_break() noexcept {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
    line_start_ = pos_;
  }

  csv_field read_field() {
    csv_field f;
    f.line = line_;
    f.column = pos_ - line_start_ + 1;
    const std::size_t end = text_.size();
    char* const base = text_.data();
    if (pos_ < end && base[pos_] == '"') {
      f.quoted = true;
      ++pos_;
      const std::size_t begin = pos_;
      std::size_t write = pos_;
      for (;;) {
        const void* q = std::memchr(base + pos_, '"', end - pos_);
        if (q == nullptr)
          detail::throw_parse("pluralism.io.csv.unterminated_quote", name_, f.line, f.column,
                              "quoted field never closed (no matching '\"' before the end of the text)");
        const auto qi = static_cast<std::size_t>(static_cast<const char*>(q) - base);
        count_breaks(pos_, qi);
        if (write != pos_) std::memmove(base + write, base + pos_, qi - pos_);
        write += qi - pos_;
        pos_ = qi + 1;
        if (pos_ < end && base[pos_] == '"') {  // "" inside quotes is one quote
          base[write++] = '"';
          ++pos_;
          continue;
        }
        break;
      }
      f.value = std::string_view(base + begin, write - begin);
      if (pos_ < end) {
        const char c = base[pos_];
        if (c != dialect_.delimiter && c != '\n' && c != '\r')
          detail::throw_parse("pluralism.io.csv.text_after_quote", name_, line_, pos_ - line_start_ + 1,
                              "unexpected " + detail::quoted(std::string_view(base + pos_, 1)) +
                                  " after the closing quote of a field (a quote inside a quoted field is written "
                                  "twice: \"\")");
      }
      return f;
    }
    const std::size_t begin = pos_;
    while (pos_ < end) {
      const char c = base[pos_];
      if (!stops_[static_cast<unsigned char>(c)]) [[likely]] {
        ++pos_;
        continue;
      }
      if (c != '"') break;  // the delimiter or a line break
      detail::throw_parse("pluralism.io.csv.quote_in_field", name_, line_, pos_ - line_start_ + 1,
                          "a quote inside an unquoted field (quote the whole field and write the quote twice)");
    }
    f.value = std::string_view(base + begin, pos_ - begin);
    return f;
  }

  // Line breaks inside [from, to) of a quoted field: CRLF, LF and CR each count once.
  void count_breaks(std::size_t from, std::size_t to) noexcept {
    constexpr std::uint64_t lf = detail::repeat8('\n'), cr = detail::repeat8('\r');
    for (std::size_t i = from; i < to; ++i) {
      while (i + 8 <= to) {  // skip 8 bytes at a time while they hold no line break
        const std::uint64_t w = detail::load8(text_.data() + i);
        if (detail::has_byte(w, lf) || detail::has_byte(w, cr)) break;
        i += 8;
      }
      if (i >= to) break;
      const char c = text_[i];
      if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < to && text_[i + 1] == '\n') ++i;
        ++line_;
        line_start_ = i + 1;
      }
    }
  }

  std::string text_;
  std::string name_;
  csv_dialect dialect_;
  std::array<bool, 256> stops_{};  // bytes that end an unquoted field: delimiter, LF, CR (and '"', an error)
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
  std::size_t record_line_ = 0;
  std::size_t end_line_ = 0;
  std::size_t end_column_ = 0;
};

}  // namespace pluralism::io
