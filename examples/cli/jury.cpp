// SPDX-License-Identifier: MIT
// `pluralism jury`: registered here; its implementation lands with its issue.
#include "commands.hpp"

namespace pluralism_cli {
void add_jury(CLI::App& app) {
  auto* cmd = app.add_subcommand("jury", "not available in this build yet");
  cmd->callback([] { throw cli_error("'jury' is not available in this build yet"); });
}
}  // namespace pluralism_cli
