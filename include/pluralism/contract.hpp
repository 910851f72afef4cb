// SPDX-License-Identifier: MIT
#pragma once

/// @file contract.hpp
/// @brief Preconditions: `PLURALISM_EXPECTS(cond, id, message)`.
///
/// A violated precondition is a caller bug. We still report it as an exception, not an abort: the guide
/// for this library is "bad input gets a clear error that names the argument and the value, never a crash",
/// and a test can check the error. Choose with `PLURALISM_CONTRACTS`:
///   - `PLURALISM_CONTRACTS_THROW` (default): throw `pluralism::precondition_error`;
///   - `PLURALISM_CONTRACTS_ABORT`: print the message and `std::abort()` (GSL style, for -fno-exceptions);
///   - `PLURALISM_CONTRACTS_OFF`: do not check (the caller promises valid input).
/// Define `PLURALISM_EXPECTS` yourself before including any header to take over completely.

#include <cstdio>
#include <cstdlib>
#include <string>

#include "error.hpp"

#define PLURALISM_CONTRACTS_OFF 0
#define PLURALISM_CONTRACTS_THROW 1
#define PLURALISM_CONTRACTS_ABORT 2

#ifndef PLURALISM_CONTRACTS
#if PLURALISM_HAS_EXCEPTIONS
#define PLURALISM_CONTRACTS PLURALISM_CONTRACTS_THROW
#else
#define PLURALISM_CONTRACTS PLURALISM_CONTRACTS_ABORT
#endif
#endif

namespace pluralism::detail {
[[noreturn]] inline void contract_violation(const char* id, const std::string& message) {
#if PLURALISM_CONTRACTS == PLURALISM_CONTRACTS_ABORT || !PLURALISM_HAS_EXCEPTIONS
  std::fprintf(stderr, "[%s] precondition failed: %s\n", id, message.c_str());
  std::abort();
#else
  throw precondition_error(id, message);
#endif
}
}  // namespace pluralism::detail

#ifndef PLURALISM_EXPECTS
#if PLURALISM_CONTRACTS == PLURALISM_CONTRACTS_OFF
#define PLURALISM_EXPECTS(cond, id, message) static_cast<void>(0)
#else
/// Checks a precondition; `message` is only built when the check fails.
#define PLURALISM_EXPECTS(cond, id, message)                                       \
  do {                                                                              \
    if (!(cond)) [[unlikely]] ::pluralism::detail::contract_violation((id), (message)); \
  } while (false)
#endif
#endif
