// SPDX-License-Identifier: MIT
// `pluralism divergence`: registered here; its implementation lands with its issue.
#include "commands.hpp"

namespace pluralism_cli {
void add_divergence(CLI::App& app) {
  auto* cmd = app.add_subcommand("divergence", "not available in this build yet");
  cmd->callback([] { throw cli_error("'divergence' is not available in this build yet"); });
}
}  // namespace pluralism_cli
