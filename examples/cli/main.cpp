// SPDX-License-Identifier: MIT
// `pluralism`: the library on CSV files, for people who do not write C++.
#include <pluralism/error.hpp>

#include <cstdio>
#include <exception>

#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"pluralism: jury learning, Pareto leaderboards and distributional metrics on CSV files"};
  app.require_subcommand(1);
  pluralism_cli::add_jury(app);
  pluralism_cli::add_pareto(app);
  pluralism_cli::add_divergence(app);
  pluralism_cli::add_calibration(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "pluralism: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {  // pluralism::error and cli_error from the subcommands
    std::fprintf(stderr, "pluralism: %s\n", e.what());
    return 2;
  }
  return 0;
}
