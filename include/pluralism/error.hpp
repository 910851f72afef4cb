// SPDX-License-Identifier: MIT
#pragma once

/// @file error.hpp
/// @brief The exceptions the library throws, each carrying a stable id.
///
/// Every message starts with an id in brackets, for example `[pluralism.jury.empty_sheet]`, then says what
/// was wrong and the offending value. Ids are stable across releases, so callers may match on them; the
/// prose after them may change. `error::id()` returns the id alone.
///
/// Tiers (DESIGN section 5): `precondition_error` is a caller bug caught by `PLURALISM_EXPECTS`
/// (contract.hpp); `data_error` and its kin are data problems a caller can handle; numeric domain edges are
/// policies chosen per call, not exceptions.

#include <charconv>
#include <cstdlib>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

#include "config.hpp"

namespace pluralism {

namespace detail {
/// "[id] what", built by appending (GCC 12 gives a false -Wrestrict on `"[" + std::string(id)` at -O3).
inline std::string tagged_message(std::string_view id, std::string_view what) {
  std::string m;
  m.reserve(id.size() + what.size() + 3);
  m += '[';
  m += id;
  m += "] ";
  m += what;
  return m;
}
}  // namespace detail

/// Base of every exception thrown by the library.
class error : public std::runtime_error {
 public:
  /// @param id stable identifier without brackets, e.g. `pluralism.jury.empty_sheet`.
  /// @param what human-readable explanation naming the argument and value.
  error(std::string_view id, std::string_view what)
      : std::runtime_error(detail::tagged_message(id, what)), id_(id) {}
  /// The stable id, e.g. `pluralism.jury.empty_sheet`.
  [[nodiscard]] const std::string& id() const noexcept { return id_; }

 private:
  std::string id_;
};

/// A precondition of a function was violated (wrong sizes, k > m, NaN where not allowed, ...).
class precondition_error : public error {
 public:
  using error::error;
};

/// The data cannot answer the question (empty pool, unfillable sheet, malformed file, unknown attribute).
class data_error : public error {
 public:
  using error::error;
};

/// A sheet, rule or attribute name does not exist in the data.
class unknown_name_error : public data_error {
 public:
  using data_error::data_error;
};

/// Input text could not be parsed; `line()` and `column()` are 1-based, 0 when unknown.
class parse_error : public data_error {
 public:
  parse_error(std::string_view id, std::string_view file, std::size_t line, std::size_t column,
              std::string_view what)
      : data_error(id, std::string(file) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                           std::string(what)),
        file_(file),
        line_(line),
        column_(column) {}
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] std::size_t line() const noexcept { return line_; }
  [[nodiscard]] std::size_t column() const noexcept { return column_; }

 private:
  std::string file_;
  std::size_t line_;
  std::size_t column_;
};

namespace detail {
/// Throws `E(id, what)`, or prints and aborts when exceptions are off.
template <class E>
[[noreturn]] inline void raise(std::string_view id, const std::string& what) {
#if PLURALISM_HAS_EXCEPTIONS
  throw E(id, what);
#else
  std::fprintf(stderr, "[%.*s] %s\n", static_cast<int>(id.size()), id.data(), what.c_str());
  std::abort();
#endif
}

/// Shortest round-trippable text for a number in messages (std::to_chars' shortest form: 0.1, not
/// 0.10000000000000001).
inline std::string to_text(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}
}  // namespace detail

}  // namespace pluralism

/// Throws `pluralism::E` with a stable id and message (aborts when exceptions are disabled).
#define PLURALISM_THROW(E, id, msg) ::pluralism::detail::raise<::pluralism::E>((id), (msg))
