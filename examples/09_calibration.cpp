// SPDX-License-Identifier: MIT
// Is a classifier's confidence honest? Expected calibration error three ways, and a reliability diagram.
//
// "ECE" is not one number: torchmetrics, netcal and scikit-learn bin differently (15, 10 and 5 bins; which
// side of an edge a value falls; torchmetrics puts p = 1.0 in a bin of its own). pluralism names each
// convention. The example writes reliability.svg (or the path given as the first argument).
#include <pluralism/calibration.hpp>

#include <cstdint>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace pl = pluralism;

namespace {
// A uniform double from the raw 64-bit output of mt19937_64, which the standard fixes bit for bit.
double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// The reliability diagram as SVG: one bar per non-empty bin at its observed frequency, the diagonal of perfect
// calibration, and a dot at (mean confidence, observed frequency) per bin: on the diagonal when calibrated.
void write_svg(const pl::calibration_report& r, const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) throw std::runtime_error("cannot write " + path);
  const double size = 400, pad = 40;
  auto X = [&](double v) { return pad + v * size; };
  auto Y = [&](double v) { return pad + (1.0 - v) * size; };
  std::fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" font-family=\"sans-serif\" font-size=\"12\">\n",
               size + 2 * pad, size + 2 * pad);
  std::fprintf(f, "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" fill=\"none\" stroke=\"#333\"/>\n", pad, pad, size, size);
  for (const auto& b : r.bins) {
    if (b.count == 0 || b.upper <= b.lower) continue;
    std::fprintf(f, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#4c78a8\" stroke=\"white\"/>\n",
                 X(b.lower), Y(b.accuracy), X(b.upper) - X(b.lower), Y(0) - Y(b.accuracy));
    std::fprintf(f, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3\" fill=\"#e45756\"/>\n", X(b.confidence), Y(b.accuracy));
  }
  std::fprintf(f, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"#999\" stroke-dasharray=\"4\"/>\n", X(0), Y(0), X(1), Y(1));
  std::fprintf(f, "<text x=\"%g\" y=\"%g\" text-anchor=\"middle\">confidence</text>\n", pad + size / 2, size + 2 * pad - 8);
  std::fprintf(f, "<text x=\"12\" y=\"%g\" transform=\"rotate(-90 12 %g)\" text-anchor=\"middle\">observed frequency</text>\n",
               pad + size / 2, pad + size / 2);
  std::fprintf(f, "<text x=\"%g\" y=\"24\">ECE %.3f  MCE %.3f</text>\n</svg>\n", pad, r.ece, r.mce);
  std::fclose(f);
}
}  // namespace

int main(int argc, char** argv) {
  // An over-confident binary classifier: the true probability is 0.5 + 0.6 (p - 0.5).
  std::mt19937_64 rng(2024);
  std::vector<double> p(5000);
  std::vector<int> y(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) {
    p[i] = uniform(rng);
    y[i] = uniform(rng) < 0.5 + 0.6 * (p[i] - 0.5) ? 1 : 0;
  }
  const auto tm = pl::calibration_error(p, y, pl::torchmetrics_binning());
  const auto nc = pl::calibration_error(p, y, pl::netcal_binning());
  const auto sk = pl::calibration_error(p, y, pl::sklearn_binning());
  std::printf("ECE torchmetrics (15 bins)  %.4f\n", tm.ece);
  std::printf("ECE netcal (10 bins)        %.4f\n", nc.ece);
  std::printf("ECE sklearn bins (5)        %.4f\n", sk.ece);
  std::printf("MCE netcal                  %.4f\n", nc.mce);
  std::printf("RMSCE netcal                %.4f\n", nc.rmsce);
  std::printf("Brier                       %.4f\n", pl::brier_score(p, y));

  // The conventions matter at the edges: preds [1.0, 0.6], labels [0, 1], two bins.
  const std::vector<double> edge_p{1.0, 0.6};
  const std::vector<int> edge_y{0, 1};
  std::printf("edge case: torchmetrics %.1f, netcal %.1f, sklearn %.1f\n",
              pl::calibration_error(edge_p, edge_y, pl::torchmetrics_binning(2)).ece,
              pl::calibration_error(edge_p, edge_y, pl::netcal_binning(2)).ece,
              pl::calibration_error(edge_p, edge_y, pl::sklearn_binning(2)).ece);

  const std::string path = argc > 1 ? argv[1] : "reliability.svg";
  write_svg(nc, path);
  std::printf("wrote %s (%zu bins)\n", path.c_str(), nc.bins.size());
}
