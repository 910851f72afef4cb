// SPDX-License-Identifier: MIT
// `pluralism calibration --preset torchmetrics|netcal|sklearn [--bins N] [--reliability] PROBS.csv LABELS.csv`:
// PROBS has one line per prediction, either the positive-class probability (binary) or one probability per
// class (multiclass: top-label calibration); LABELS one label per line. Prints ECE, MCE and Brier.
#include <pluralism/calibration.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "commands.hpp"
#include "numeric_csv.hpp"

namespace pluralism_cli {
void add_calibration(CLI::App& app) {
  struct args {
    std::string preset = "torchmetrics", probs, labels;
    std::size_t bins = 0;
    bool reliability = false;
  };
  auto a = std::make_shared<args>();
  auto* cmd = app.add_subcommand("calibration", "Calibration errors (ECE, MCE, RMSCE) and Brier score of predictions");
  cmd->add_option("--preset", a->preset, "binning of torchmetrics (15 bins), netcal (10) or sklearn (5)");
  cmd->add_option("--bins", a->bins, "number of bins (default: the preset's)")->check(whole_number(1, 1000000));
  cmd->add_flag("--reliability", a->reliability, "also print the reliability-diagram bins");
  cmd->add_option("PROBS", a->probs, "predicted probabilities, one prediction per line")->required();
  cmd->add_option("LABELS", a->labels, "true labels (0/1, or class indices), one per line")->required();
  cmd->callback([a] {
    namespace pl = pluralism;
    const std::size_t defaults = a->preset == "netcal" ? 10 : a->preset == "sklearn" ? 5 : 15;
    const auto options = pl::calibration_preset(a->preset, a->bins == 0 ? defaults : a->bins);
    const auto probs = read_numeric_csv(a->probs);
    const auto label_rows = read_numeric_csv(a->labels);
    std::vector<double> labels;
    for (std::size_t i = 0; i < label_rows.size(); ++i) {
      if (label_rows[i].size() != 1)
        throw cli_error(a->labels + ":" + std::to_string(i + 1) + ": expected one label per line");
      labels.push_back(label_rows[i][0]);
    }
    const std::size_t k = probs.front().size();
    std::vector<double> flat;
    for (std::size_t i = 0; i < probs.size(); ++i) {
      if (probs[i].size() != k)
        throw cli_error(a->probs + ":" + std::to_string(i + 1) + ": " + std::to_string(probs[i].size()) +
                        " values, but line 1 has " + std::to_string(k));
      flat.insert(flat.end(), probs[i].begin(), probs[i].end());
    }
    pl::calibration_report r;
    double brier = 0.0;
    if (k == 1) {
      r = pl::calibration_error(flat, labels, options);
      brier = pl::brier_score(flat, labels);
    } else {
      const auto m = pl::as_matrix(flat, k);
      r = pl::top_label_calibration(m, labels, options);
      brier = pl::brier_score(m, labels);
    }
    std::printf("ECE %.17g\nMCE %.17g\nRMSCE %.17g\nBrier %.17g\n", r.ece, r.mce, r.rmsce, brier);
    if (a->reliability)
      for (const auto& b : r.bins)
        std::printf("bin %.17g %.17g %zu %.17g %.17g\n", b.lower, b.upper, b.count, b.confidence, b.accuracy);
  });
}
}  // namespace pluralism_cli
