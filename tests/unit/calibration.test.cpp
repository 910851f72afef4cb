// SPDX-License-Identifier: MIT
// Calibration: the published corner cases (torchmetrics issue 1648; the 0.7 vs 0.3 divergence of the notes),
// every preset against a reference that bins by explicit interval predicates (not by index arithmetic) on
// random inputs that include values exactly on the edges, top-label mode, Brier closed forms, and errors.
#include <pluralism/calibration.hpp>
#include <pluralism/interop/eigen.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support/errors.hpp"

namespace pl = pluralism;
using Catch::Matchers::WithinAbs;

namespace {
using pluralism_test::error_id;

struct ref_result {
  double ece = 0, mce = 0, rms = 0;
  std::vector<std::size_t> counts;
};

// Membership by interval predicates, the way each library's documentation states its bins.
ref_result reference(std::vector<double> p, const std::vector<double>& y, const std::string& preset, std::size_t n) {
  std::vector<double> e(n + 1);
  if (preset == "torchmetrics") {
    // torch.linspace(0, 1, n + 1, dtype=float32) on the CPU.
    const float step = 1.0f / static_cast<float>(n);
    for (std::size_t j = 0; j <= n; ++j)
      e[j] = static_cast<double>(j < (n + 1) / 2 ? static_cast<float>(j) * step
                                                 : 1.0f - static_cast<float>(n - j) * step);
  } else {
    // np.linspace(0, 1, n + 1): arange(n + 1) * (1 / n), last edge set to 1 (not j / n: they differ in the last bit)
    for (std::size_t j = 0; j <= n; ++j) e[j] = static_cast<double>(j) * (1.0 / static_cast<double>(n));
    e[n] = 1.0;
  }
  if (preset == "netcal")
    for (auto& x : p) x = std::min(std::max(x, std::numeric_limits<double>::epsilon()), 1.0 - std::numeric_limits<double>::epsilon());
  const std::size_t slots = preset == "torchmetrics" ? n + 1 : n;
  ref_result r;
  r.counts.assign(slots, 0);
  for (std::size_t b = 0; b < slots; ++b) {
    double sc = 0, sy = 0;
    std::size_t c = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      bool in = false;
      if (preset == "torchmetrics") {
        const double x = static_cast<double>(static_cast<float>(p[i]));
        in = b == n ? x >= 1.0 : (e[b] <= x && x < e[b + 1]);
      } else if (preset == "netcal") {
        in = (e[b] <= p[i] && p[i] < e[b + 1]) || (b == n - 1 && p[i] == e[n]);
      } else {
        in = (e[b] < p[i] && p[i] <= e[b + 1]) || (b == 0 && p[i] == e[0]);
      }
      if (in) {
        ++c;
        sc += p[i];
        sy += y[i];
      }
    }
    r.counts[b] = c;
    if (c == 0) continue;
    const double gap = std::abs(sy / static_cast<double>(c) - sc / static_cast<double>(c));
    const double w = static_cast<double>(c) / static_cast<double>(p.size());
    r.ece += w * gap;
    r.rms += w * gap * gap;
    r.mce = std::max(r.mce, gap);
  }
  r.rms = std::sqrt(r.rms);
  return r;
}
}  // namespace

TEST_CASE("published corner cases of torchmetrics, netcal and sklearn binning", "[calibration]") {
  // torchmetrics issue 1648: preds [1, 1, 1, 1, 0], target [0, 0, 1, 1, 1], 2 bins gives 0.6.
  const std::vector<double> p{1, 1, 1, 1, 0};
  const std::vector<int> y{0, 0, 1, 1, 1};
  const auto t = pl::calibration_error(p, y, pl::torchmetrics_binning(2));
  CHECK_THAT(t.ece, WithinAbs(0.6, 1e-15));
  REQUIRE(t.bins.size() == 3);  // [0, 0.5), [0.5, 1) and the extra bin of p = 1
  CHECK(t.bins[2].count == 4);
  CHECK(t.bins[2].accuracy == 0.5);
  // The notes' worked divergence: preds [1.0, 0.6], target [0, 1], 2 bins.
  const std::vector<double> p2{1.0, 0.6};
  const std::vector<int> y2{0, 1};
  CHECK_THAT(pl::calibration_error(p2, y2, pl::torchmetrics_binning(2)).ece, WithinAbs(0.7, 1e-15));
  CHECK_THAT(pl::calibration_error(p2, y2, pl::netcal_binning(2)).ece, WithinAbs(0.3, 1e-15));
  CHECK_THAT(pl::calibration_error(p2, y2, pl::sklearn_binning(2)).ece, WithinAbs(0.3, 1e-15));
  CHECK_THAT(pl::calibration_error(p2, y2, pl::torchmetrics_binning(2)).mce, WithinAbs(1.0, 1e-15));
  // A value on an inner edge: 0.5 is in [0.5, 1) for torchmetrics and netcal, in (0, 0.5] for sklearn.
  const std::vector<double> half{0.5};
  const std::vector<int> one{1};
  CHECK(pl::calibration_error(half, one, pl::torchmetrics_binning(2)).bins[1].count == 1);
  CHECK(pl::calibration_error(half, one, pl::netcal_binning(2)).bins[1].count == 1);
  CHECK(pl::calibration_error(half, one, pl::sklearn_binning(2)).bins[0].count == 1);
  // Perfect calibration in every bin gives 0.
  const std::vector<double> pc{0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75};
  const std::vector<int> yc{1, 0, 0, 0, 1, 1, 1, 0};
  CHECK(pl::calibration_error(pc, yc, pl::sklearn_binning(2)).ece == 0.0);
  CHECK(pl::calibration_preset("netcal", 7).bins == 7);
  CHECK(error_id([] { (void)pl::calibration_preset("pycalib", 7); }) == "pluralism.calibration.unknown_preset");
}

TEST_CASE("each preset equals a reference binning by interval predicates", "[calibration]") {
  std::mt19937_64 rng(314);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int trial = 0; trial < 120; ++trial) {
    const std::size_t n = 1 + static_cast<std::size_t>(trial % 17);
    const std::size_t m = 1 + static_cast<std::size_t>(trial * 7 % 200);
    std::vector<double> p(m), y(m);
    for (std::size_t i = 0; i < m; ++i) {
      const double r = u(rng);
      // a third on edges (j / n, and the float32 torch edges), some exactly 0 or 1
      if (r < 0.3) p[i] = std::floor(u(rng) * static_cast<double>(n + 1)) / static_cast<double>(n);
      else if (r < 0.35) p[i] = u(rng) < 0.5 ? 0.0 : 1.0;
      else p[i] = u(rng);
      p[i] = std::min(p[i], 1.0);
      y[i] = u(rng) < p[i] * 0.8 + 0.1 ? 1.0 : 0.0;
    }
    for (const std::string preset : {"torchmetrics", "netcal", "sklearn"}) {
      INFO(preset << " with " << n << " bins, " << m << " samples");
      const auto got = pl::calibration_error(p, y, pl::calibration_preset(preset, n));
      const auto ref = reference(p, y, preset, n);
      REQUIRE(got.bins.size() == ref.counts.size());
      for (std::size_t b = 0; b < ref.counts.size(); ++b) CHECK(got.bins[b].count == ref.counts[b]);
      CHECK_THAT(got.ece, WithinAbs(ref.ece, 1e-13));
      CHECK_THAT(got.mce, WithinAbs(ref.mce, 1e-13));
      CHECK_THAT(got.rmsce, WithinAbs(ref.rms, 1e-13));
      CHECK(got.samples == m);
    }
  }
}

TEST_CASE("quantile binning puts equal mass in each bin", "[calibration]") {
  std::vector<double> p(100), y(100);
  for (std::size_t i = 0; i < 100; ++i) {
    p[i] = (static_cast<double>(i) + 0.5) / 100.0;
    y[i] = i % 3 == 0 ? 1.0 : 0.0;
  }
  for (const auto& o : {pl::netcal_binning(4, pl::bin_spacing::quantile), pl::sklearn_binning(4, pl::bin_spacing::quantile)}) {
    const auto r = pl::calibration_error(p, y, o);
    REQUIRE(r.bins.size() == 4);
    for (const auto& b : r.bins) CHECK(b.count == 25);
    CHECK(r.bins.front().lower == 0.0);
    CHECK(r.bins.back().upper == 1.0);
  }
}

TEST_CASE("top-label calibration and the multiclass Brier score", "[calibration]") {
  Eigen::MatrixXd P(4, 3);
  P << 0.7, 0.2, 0.1,  //
      0.1, 0.3, 0.6,   //
      0.4, 0.4, 0.2,   // a tie: the first class wins, as np.argmax
      0.2, 0.5, 0.3;
  const std::vector<int> y{0, 1, 1, 1};
  const auto r = pl::top_label_calibration(P, y, pl::sklearn_binning(1));
  // One bin: confidence (0.7 + 0.6 + 0.4 + 0.5) / 4 = 0.55, accuracy (1 + 0 + 0 + 1) / 4 = 0.5.
  CHECK_THAT(r.ece, WithinAbs(0.05, 1e-15));
  CHECK_THAT(r.bins[0].confidence, WithinAbs(0.55, 1e-15));
  CHECK(r.bins[0].accuracy == 0.5);
  // Brier: sum_k (p - onehot)^2 per row, mean: (0.14 + 1.46 + 0.72 + 0.38) / 4.
  const double sum = (0.09 + 0.04 + 0.01 + 0.01 + 0.49 + 0.36 + 0.16 + 0.36 + 0.04 + 0.04 + 0.25 + 0.09) / 4.0;
  CHECK_THAT(pl::brier_score(P, y), WithinAbs(sum, 1e-15));
  CHECK_THAT(pl::brier_score(P, y, pl::brier_scaling::half), WithinAbs(sum / 2, 1e-15));
  // Two classes: sklearn's 'auto' halves, which equals the binary score on the positive column.
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Eigen::MatrixXd B(50, 2);
  std::vector<double> pos(50), lab(50);
  for (Eigen::Index i = 0; i < 50; ++i) {
    const auto k = static_cast<std::size_t>(i);
    pos[k] = u(rng);
    lab[k] = u(rng) < pos[k] ? 1.0 : 0.0;
    B(i, 0) = 1.0 - pos[k];
    B(i, 1) = pos[k];
  }
  double ref = 0;
  for (std::size_t i = 0; i < 50; ++i) ref += (pos[i] - lab[i]) * (pos[i] - lab[i]) / 50.0;
  CHECK_THAT(pl::brier_score(pos, lab), WithinAbs(ref, 1e-15));
  CHECK_THAT(pl::brier_score(B, lab), WithinAbs(ref, 1e-15));
  CHECK_THAT(pl::brier_score(B, lab, pl::brier_scaling::sum), WithinAbs(2 * ref, 1e-15));
  // Binary top-label on the two columns is not positive-class calibration: different confidences.
  CHECK(pl::top_label_calibration(B, lab, pl::netcal_binning()).bins.front().count == 0);  // max prob >= 0.5
}

TEST_CASE("calibration input errors name the argument", "[calibration]") {
  const std::vector<double> p{0.2, 0.8};
  CHECK(error_id([&] { (void)pl::calibration_error(p, std::vector{0, 1, 1}); }) == "pluralism.calibration.size");
  CHECK(error_id([&] { (void)pl::calibration_error(std::vector{0.2, 1.2}, std::vector{0, 1}); }) ==
        "pluralism.calibration.probability");
  CHECK(error_id([&] { (void)pl::calibration_error(std::vector{0.2, std::nan("")}, std::vector{0, 1}); }) ==
        "pluralism.calibration.probability");
  CHECK(error_id([&] { (void)pl::calibration_error(p, std::vector{0, 2}); }) == "pluralism.calibration.label");
  CHECK(error_id([&] { (void)pl::calibration_error(std::vector<double>{}, std::vector<int>{}); }) ==
        "pluralism.calibration.empty");
  CHECK(error_id([&] { (void)pl::calibration_error(p, std::vector{0, 1}, pl::netcal_binning(0)); }) ==
        "pluralism.calibration.bins");
  CHECK(error_id([&] { (void)pl::brier_score(p, std::vector{0.5, 1.0}); }) == "pluralism.calibration.label");
  Eigen::MatrixXd P(1, 2);
  P << 0.5, 0.5;
  CHECK(error_id([&] { (void)pl::top_label_calibration(P, std::vector{2}); }) == "pluralism.calibration.label");
}
