// SPDX-License-Identifier: MIT
// `pluralism divergence --metric M [--base B] [--positions LIST] [--order A] [--normalize] P.csv Q.csv`:
// one distribution per line in each file (comma separated, used as stored unless --normalize), one value per
// line out. Natural log unless --base; W1 over positions 0, 1, ..., k-1 unless --positions.
#include <pluralism/divergence.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "commands.hpp"
#include "numeric_csv.hpp"

namespace pluralism_cli {
void add_divergence(CLI::App& app) {
  struct args {
    std::string metric, p, q, positions;
    double base = 0.0, order = 2.0;
    bool normalize = false;
  };
  auto a = std::make_shared<args>();
  auto* cmd = app.add_subcommand(
      "divergence",
      "Divergence between two files of answer distributions, one distribution per line, used as stored. Natural "
      "log unless --base; hellinger is ||sqrt p - sqrt q|| / sqrt 2 (= sqrt(1 - sum sqrt(p q)) for rows summing to "
      "1); kl and renyi are not clamped at 0 (rows summing to 1 only up to rounding can give -1e-16)");
  cmd->add_option("--metric", a->metric,
                  "kl, js-divergence, js-distance, tv, hellinger, w1, chi2, renyi, representativeness, similarity")
      ->required();
  auto* base = cmd->add_option("--base", a->base, "logarithm base of kl, js-*, renyi and similarity (default e)");
  cmd->add_option("--positions", a->positions, "ordinal positions of the options for w1, e.g. 1,2,3,4 (default 0..k-1)");
  cmd->add_option("--order", a->order, "order of the Renyi divergence (default 2)");
  cmd->add_flag("--normalize", a->normalize, "divide each distribution by its sum first (scipy's convention)");
  cmd->add_option("P", a->p, "first file (the model)")->required();
  cmd->add_option("Q", a->q, "second file (the population)")->required();
  cmd->callback([a, base] {
    namespace pl = pluralism;
    const auto metric = pl::parse_divergence_metric(a->metric);
    const auto p = read_numeric_csv(a->p);
    const auto q = read_numeric_csv(a->q);
    if (p.size() != q.size())
      throw cli_error(a->p + " has " + std::to_string(p.size()) + " distributions but " + a->q + " has " +
                      std::to_string(q.size()));
    const auto positions = a->positions.empty() ? std::vector<double>{} : parse_number_list(a->positions, "--positions");
    pl::divergence_options o;
    if (base->count() > 0) o.base = a->base;  // the library rejects a base that is not finite, > 0 and != 1
    o.order = a->order;
    o.positions = positions;
    if (a->normalize) o.normalize = pl::normalization::renormalize;
    // Everything is computed before anything is printed: bad input gives one error line and no partial output.
    std::vector<double> out(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i].size() != q[i].size())
        throw cli_error("line " + std::to_string(i + 1) + ": " + std::to_string(p[i].size()) + " values in " + a->p +
                        " but " + std::to_string(q[i].size()) + " in " + a->q);
      try {
        out[i] = pl::divergence(metric, p[i], q[i], o);
      } catch (const pl::error& e) {
        throw cli_error("line " + std::to_string(i + 1) + ": " + e.what());
      }
    }
    for (double v : out) std::printf("%.17g\n", v);
  });
}
}  // namespace pluralism_cli
