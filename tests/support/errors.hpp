// SPDX-License-Identifier: MIT
#pragma once
// What a call throws, for tests that check an error's stable id or its message.

#include <pluralism/error.hpp>

#include <exception>
#include <string>

namespace pluralism_test {

/// The stable id of the pluralism::error that `f()` throws, or "no error".
template <class F>
std::string error_id(F&& f) {
  try {
    f();
  } catch (const pluralism::error& e) {
    return e.id();
  }
  return "no error";
}

/// The message of the exception that `f()` throws, or "" when it throws none.
template <class F>
std::string error_message(F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

}  // namespace pluralism_test
