// SPDX-License-Identifier: MIT
// `pluralism pareto`: registered here; its implementation lands with its issue.
#include "commands.hpp"

namespace pluralism_cli {
void add_pareto(CLI::App& app) {
  auto* cmd = app.add_subcommand("pareto", "not available in this build yet");
  cmd->callback([] { throw cli_error("'pareto' is not available in this build yet"); });
}
}  // namespace pluralism_cli
