// SPDX-License-Identifier: MIT
#pragma once
// The `pluralism` tool's subcommands: each file in examples/cli/ registers one.
// A subcommand's callback throws `cli_error` (or a pluralism::error) for bad input; main prints one line
// and exits with code 2.

#include <CLI/CLI.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <system_error>

namespace pluralism_cli {

struct cli_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// An option's check: a finite number ("nan" and "inf" parse as doubles but mean nothing here).
inline const CLI::Validator finite_number(
    [](std::string& text) -> std::string {
      double v = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      const bool ok = ec == std::errc{} && end == text.data() + text.size() && std::isfinite(v);
      return ok ? std::string() : "'" + text + "' is not a finite number";
    },
    "FINITE");

/// An option's check: a whole number from lo to hi, written in decimal digits (CLI11 would wrap "-1" into an
/// unsigned option).
inline CLI::Validator whole_number(std::uint64_t lo, std::uint64_t hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        std::uint64_t v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec == std::errc{} && end == text.data() + text.size() && v >= lo && v <= hi) return {};
        return "'" + text + "' is not a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
      },
      "WHOLE");
}

void add_jury(CLI::App& app);
void add_pareto(CLI::App& app);
void add_divergence(CLI::App& app);
void add_calibration(CLI::App& app);

}  // namespace pluralism_cli
