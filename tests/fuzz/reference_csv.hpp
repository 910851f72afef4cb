// SPDX-License-Identifier: MIT
#pragma once

// A deliberately naive CSV parser and writer: the reference the fast reader is compared with (unit tests
// on random texts, and the fuzzer's differential check). One character at a time, values copied into
// strings, line and column counted per character; no cleverness, so it is obviously right.
// Grammar (io/csv.hpp): line break = CRLF | LF | CR; optional UTF-8 BOM; empty lines skipped (optional);
// errors: unterminated quote (at the opening quote), text after a closing quote, quote in an unquoted field.

#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace pluralism_test {

struct ref_field {
  std::string value;
  std::size_t line = 0;
  std::size_t column = 0;
  bool quoted = false;
};

struct ref_result {
  std::vector<std::vector<ref_field>> records;
  std::string error;  // "" when the text parsed; else the id's last part, e.g. "unterminated_quote"
  std::size_t line = 0;
  std::size_t column = 0;
};

inline ref_result ref_parse(std::string_view s, char delim = ',', bool skip_empty = true) {
  ref_result out;
  std::size_t i = 0, line = 1, col = 1;
  const std::size_t n = s.size();
  if (s.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  auto is_break = [&](std::size_t k) { return k < n && (s[k] == '\r' || s[k] == '\n'); };
  auto newline = [&](std::string* keep) {
    if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') {
      if (keep) *keep += "\r\n";
      i += 2;
    } else {
      if (keep) *keep += s[i];
      i += 1;
    }
    ++line;
    col = 1;
  };
  auto fail = [&](const char* what, std::size_t l, std::size_t c) {
    out.error = what;
    out.line = l;
    out.column = c;
    return out;
  };
  for (;;) {
    if (skip_empty)
      while (is_break(i)) newline(nullptr);
    if (i >= n) return out;
    std::vector<ref_field> record;
    for (;;) {
      ref_field f;
      f.line = line;
      f.column = col;
      if (i < n && s[i] == '"') {
        f.quoted = true;
        ++i, ++col;
        for (;;) {
          if (i >= n) return fail("unterminated_quote", f.line, f.column);
          if (s[i] == '"') {
            if (i + 1 < n && s[i + 1] == '"') {
              f.value += '"';
              i += 2, col += 2;
              continue;
            }
            ++i, ++col;
            break;
          }
          if (is_break(i)) {
            newline(&f.value);
          } else {
            f.value += s[i];
            ++i, ++col;
          }
        }
        if (i < n && s[i] != delim && !is_break(i)) return fail("text_after_quote", line, col);
      } else {
        while (i < n && s[i] != delim && !is_break(i)) {
          if (s[i] == '"') return fail("quote_in_field", line, col);
          f.value += s[i];
          ++i, ++col;
        }
      }
      record.push_back(f);
      if (i >= n) {
        out.records.push_back(record);
        return out;
      }
      if (s[i] == delim) {
        ++i, ++col;
        continue;
      }
      newline(nullptr);
      out.records.push_back(record);
      break;
    }
  }
}

/// Writes records as CSV: a field is quoted when it must be (delimiter, quote, CR, LF; or a record made
/// of one empty field, which would otherwise be an empty line) or when `rng` says so; quotes doubled.
/// Line breaks are LF or CRLF at random; the last one is optional; a BOM is optional.
template <class Rng>
std::string ref_write(const std::vector<std::vector<std::string>>& records, Rng& rng, char delim = ',') {
  std::string out;
  std::bernoulli_distribution coin(0.5), rare(0.1);
  if (rare(rng)) out += "\xEF\xBB\xBF";
  for (std::size_t r = 0; r < records.size(); ++r) {
    const auto& rec = records[r];
    for (std::size_t k = 0; k < rec.size(); ++k) {
      const std::string& v = rec[k];
      bool must = v.find_first_of(std::string{delim, '"', '\r', '\n'}) != std::string::npos ||
                  (rec.size() == 1 && v.empty());
      if (must || rare(rng)) {
        out += '"';
        for (char c : v) {
          if (c == '"') out += '"';
          out += c;
        }
        out += '"';
      } else {
        out += v;
      }
      if (k + 1 < rec.size()) out += delim;
    }
    if (r + 1 < records.size() || coin(rng)) out += coin(rng) ? "\n" : "\r\n";
  }
  return out;
}

}  // namespace pluralism_test
