// SPDX-License-Identifier: MIT
// `pluralism calibration`: registered here; its implementation lands with its issue.
#include "commands.hpp"

namespace pluralism_cli {
void add_calibration(CLI::App& app) {
  auto* cmd = app.add_subcommand("calibration", "not available in this build yet");
  cmd->callback([] { throw cli_error("'calibration' is not available in this build yet"); });
}
}  // namespace pluralism_cli
