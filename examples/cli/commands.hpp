// SPDX-License-Identifier: MIT
#pragma once
// The `pluralism` tool's subcommands: each file in examples/cli/ registers one.
// A subcommand's callback throws `cli_error` (or a pluralism::error) for bad input; main prints one line
// and exits with code 2.

#include <CLI/CLI.hpp>

#include <stdexcept>
#include <string>

namespace pluralism_cli {

struct cli_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void add_jury(CLI::App& app);
void add_pareto(CLI::App& app);
void add_divergence(CLI::App& app);
void add_calibration(CLI::App& app);

}  // namespace pluralism_cli
