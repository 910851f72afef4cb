// SPDX-License-Identifier: MIT
#pragma once

/// @file calibration.hpp
/// @brief Calibration of probabilistic predictions: expected, maximum, average and RMS calibration error, the
/// reliability-diagram data behind them, and the Brier score, with binning presets that reproduce
/// torchmetrics, netcal and scikit-learn.
///
/// ECE is not standardised: three reference libraries bin differently (notes `aggregation-calibration-peers.md`
/// section 3.5), so every convention is an explicit option and each library is a named preset:
///
/// | preset                  | bins | a bin is                     | p = 1.0          | edges                  |
/// |-------------------------|------|------------------------------|------------------|------------------------|
/// | `torchmetrics_binning`  | 15   | [lo, hi)                     | its own extra bin| float32, torch linspace|
/// | `netcal_binning`        | 10   | [lo, hi), last [lo, 1]       | last bin; inputs clipped to [eps, 1 - eps] | numpy linspace |
/// | `sklearn_binning`       | 5    | (lo, hi], first [0, hi]      | last bin         | numpy linspace         |
///
/// Binary input is scored as all three libraries do: confidence = predicted probability of the positive class,
/// "accuracy" = the label (positive-class reliability, not top-label). Multiclass input (`top_label_calibration`)
/// uses the top label: confidence = the largest probability, accuracy = (its class == label).
/// scikit-learn has no ECE: its preset bins like `calibration_curve(y, p, n_bins, strategy)` and weighs each
/// bin's |prob_true - prob_pred| by its share of samples.
///
/// Differences from the libraries, on purpose: probabilities outside [0, 1] are an error here (torchmetrics
/// silently applies a sigmoid or softmax); netcal's rule "two or fewer distinct labels means binary" is not
/// copied (choose the function); torchmetrics accumulates bin means in float32, we in double (results agree to
/// float32 rounding, about 1e-7).
///
/// @code
/// auto r = pl::calibration_error(probs, labels, pl::netcal_binning());   // r.ece, r.mce, r.rmsce, r.bins
/// double b = pl::brier_score(probs, labels);
/// @endcode

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "aggregate/basic.hpp"
#include "concepts/sequence.hpp"
#include "contract.hpp"
#include "error.hpp"
#include "matrix_view.hpp"

namespace pluralism {

/// Which half-open side a bin has.
enum class bin_rule {
  left_closed,            ///< [lo, hi), the last bin closed [lo, 1] (numpy `histogram`: netcal)
  right_closed,           ///< (lo, hi], the first bin closed [0, hi] (numpy `searchsorted`: sklearn)
  left_closed_extra_one,  ///< [lo, hi) and p = 1.0 in an extra (n+1)-th bin (`bucketize(right=True) - 1`: torchmetrics)
};

/// Where bin edges lie.
enum class bin_spacing {
  uniform,   ///< n equal-width bins on [0, 1]
  quantile,  ///< equal-mass bins: edges at the (j / n)-quantiles of the confidences (linear rule), ends 0 and 1
};

/// How uniform edges are computed (it decides which bin a confidence exactly on an edge falls in).
enum class edge_arithmetic {
  numpy_double,   ///< j * (1 / n) in double, last edge exactly 1 (`np.linspace`)
  torch_float32,  ///< torch's CPU linspace in float32 (first half start + step j, second half end - step (n - j));
                  ///< confidences are compared in float32, as torchmetrics casts them
};

/// Binning of a calibration measure.
struct calibration_options {
  std::size_t bins = 15;
  bin_spacing spacing = bin_spacing::uniform;
  bin_rule rule = bin_rule::left_closed_extra_one;
  edge_arithmetic edges = edge_arithmetic::torch_float32;
  /// Confidences are clipped to [clip, 1 - clip] before binning (netcal: machine epsilon); 0 = no clipping.
  double clip = 0.0;
  /// Bins with fewer samples count in no error measure (netcal's `sample_threshold`); empty bins never count.
  std::size_t min_count = 1;
};

/// torchmetrics `binary_calibration_error` / `multiclass_calibration_error` (v1.x), default 15 bins.
inline calibration_options torchmetrics_binning(std::size_t bins = 15) {
  return {bins, bin_spacing::uniform, bin_rule::left_closed_extra_one, edge_arithmetic::torch_float32, 0.0, 1};
}
/// netcal `ECE`/`MCE`/`ACE` (`equal_intervals=True` is uniform, False is quantile), default 10 bins.
inline calibration_options netcal_binning(std::size_t bins = 10, bin_spacing spacing = bin_spacing::uniform) {
  return {bins, spacing, bin_rule::left_closed, edge_arithmetic::numpy_double, std::numeric_limits<double>::epsilon(), 1};
}
/// scikit-learn `calibration_curve` (`strategy='uniform'` or `'quantile'`), default 5 bins.
inline calibration_options sklearn_binning(std::size_t bins = 5, bin_spacing spacing = bin_spacing::uniform) {
  return {bins, spacing, bin_rule::right_closed, edge_arithmetic::numpy_double, 0.0, 1};
}
/// A preset by name: `torchmetrics`, `netcal` or `sklearn`, with `bins` bins.
/// @throws unknown_name_error `[pluralism.calibration.unknown_preset]`.
inline calibration_options calibration_preset(std::string_view name, std::size_t bins) {
  if (name == "torchmetrics") return torchmetrics_binning(bins);
  if (name == "netcal") return netcal_binning(bins);
  if (name == "sklearn") return sklearn_binning(bins);
  PLURALISM_THROW(unknown_name_error, "pluralism.calibration.unknown_preset",
                  "unknown calibration preset '" + std::string(name) + "' (expected torchmetrics, netcal or sklearn)");
}

/// One bar of a reliability diagram.
struct reliability_bin {
  double lower = 0.0;       ///< lower edge
  double upper = 0.0;       ///< upper edge (torchmetrics' extra bin is [1, 1])
  std::size_t count = 0;    ///< samples in the bin
  double confidence = 0.0;  ///< mean confidence (0 when empty)
  double accuracy = 0.0;    ///< mean outcome: observed frequency (binary) or accuracy (top label); 0 when empty
};

/// Calibration errors and the reliability-diagram data they come from. With b_i the share of samples in
/// bin i, a_i its accuracy and c_i its confidence, over bins with at least `min_count` samples:
/// ECE = sum b_i |a_i - c_i|, MCE = max |a_i - c_i|, RMSCE = sqrt(sum b_i (a_i - c_i)^2),
/// ACE = mean over those bins of |a_i - c_i| (netcal's ACE).
struct calibration_report {
  std::vector<reliability_bin> bins;  ///< every bin, empty ones included, in increasing confidence
  std::size_t samples = 0;
  double ece = 0.0;
  double mce = 0.0;
  double rmsce = 0.0;
  double ace = 0.0;
};

namespace detail {

inline void check_probability(double p, const char* fn, const char* arg, std::size_t i) {
  if (!(p >= 0.0 && p <= 1.0))
    PLURALISM_THROW(data_error, "pluralism.calibration.probability",
                    std::string(fn) + ": " + arg + "[" + std::to_string(i) + "] = " + to_text(p) +
                        " is not a probability in [0, 1]");
}

inline std::size_t check_label(double y, std::size_t classes, const char* fn, std::size_t i) {
  if (!(y >= 0.0 && y < static_cast<double>(classes) && y == std::floor(y)))
    PLURALISM_THROW(data_error, "pluralism.calibration.label",
                    std::string(fn) + ": labels[" + std::to_string(i) + "] = " + to_text(y) + " is not a class in [0, " +
                        std::to_string(classes) + ")");
  return static_cast<std::size_t>(y);
}

/// Edges e_0 < ... <= e_n of the bins, as doubles (torch's float32 edges converted exactly).
inline std::vector<double> bin_edges(const std::vector<double>& conf, const calibration_options& o) {
  const std::size_t n = o.bins;
  std::vector<double> e(n + 1);
  if (o.spacing == bin_spacing::quantile) {
    std::vector<double> qs(n + 1);
    for (std::size_t j = 0; j <= n; ++j) qs[j] = static_cast<double>(j) * (1.0 / static_cast<double>(n));
    qs[n] = 1.0;
    e = quantiles(conf, qs);
    e[0] = 0.0;
    e[n] = 1.0;
    return e;
  }
  if (o.edges == edge_arithmetic::torch_float32) {
    const std::size_t steps = n + 1, halfway = steps / 2;
    const float step = 1.0f / static_cast<float>(n);
    for (std::size_t j = 0; j < steps; ++j)
      e[j] = static_cast<double>(j < halfway ? step * static_cast<float>(j)
                                             : 1.0f - step * static_cast<float>(steps - j - 1));
    return e;
  }
  const double step = 1.0 / static_cast<double>(n);
  for (std::size_t j = 0; j < n; ++j) e[j] = static_cast<double>(j) * step;
  e[n] = 1.0;
  return e;
}

/// The bin of confidence x under the options' rule.
inline std::size_t bin_of(double x, const std::vector<double>& e, const calibration_options& o) {
  const std::size_t n = e.size() - 1;
  if (o.rule == bin_rule::right_closed)  // number of inner edges strictly below x
    return static_cast<std::size_t>(std::lower_bound(e.begin() + 1, e.end() - 1, x) - (e.begin() + 1));
  const double v = o.edges == edge_arithmetic::torch_float32 && o.spacing == bin_spacing::uniform
                       ? static_cast<double>(static_cast<float>(x))
                       : x;
  const auto le = static_cast<std::size_t>(std::upper_bound(e.begin(), e.end(), v) - e.begin());  // edges <= v
  const std::size_t idx = le == 0 ? 0 : le - 1;
  if (o.rule == bin_rule::left_closed_extra_one) return idx;  // in [0, n]: n is the extra bin of x >= e_n
  return std::min(idx, n - 1);                                 // the last bin is closed
}

/// The report from (confidence, outcome) pairs with outcome in [0, 1].
inline calibration_report calibration_from_pairs(std::vector<double> conf, const std::vector<double>& outcome,
                                                 const calibration_options& o, const char* fn) {
  PLURALISM_EXPECTS(o.bins >= 1, "pluralism.calibration.bins", std::string(fn) + ": bins must be >= 1");
  PLURALISM_EXPECTS(o.clip >= 0.0 && o.clip < 0.5, "pluralism.calibration.clip",
                    std::string(fn) + ": clip must lie in [0, 0.5), got " + to_text(o.clip));
  PLURALISM_EXPECTS(!conf.empty(), "pluralism.calibration.empty", std::string(fn) + ": no predictions");
  if (o.clip > 0.0)
    for (auto& c : conf) c = std::clamp(c, o.clip, 1.0 - o.clip);
  const auto e = bin_edges(conf, o);
  const std::size_t slots = o.rule == bin_rule::left_closed_extra_one ? o.bins + 1 : o.bins;
  calibration_report r;
  r.samples = conf.size();
  r.bins.resize(slots);
  for (std::size_t b = 0; b < slots; ++b) {
    r.bins[b].lower = b < o.bins ? e[b] : 1.0;
    r.bins[b].upper = b < o.bins ? e[b + 1] : 1.0;
  }
  std::vector<double> sum_conf(slots, 0.0), sum_out(slots, 0.0);
  for (std::size_t i = 0; i < conf.size(); ++i) {
    const std::size_t b = bin_of(conf[i], e, o);
    ++r.bins[b].count;
    sum_conf[b] += conf[i];
    sum_out[b] += outcome[i];
  }
  const double n = static_cast<double>(conf.size());
  double ece = 0.0, sq = 0.0, mce = 0.0, ace = 0.0;
  std::size_t counted = 0;
  for (std::size_t b = 0; b < slots; ++b) {
    auto& bin = r.bins[b];
    if (bin.count == 0) continue;
    const double c = static_cast<double>(bin.count);
    bin.confidence = sum_conf[b] / c;
    bin.accuracy = sum_out[b] / c;
    if (bin.count < o.min_count) continue;
    const double gap = std::abs(bin.accuracy - bin.confidence);
    ece += c / n * gap;
    sq += c / n * gap * gap;
    mce = std::max(mce, gap);
    ace += gap;
    ++counted;
  }
  r.ece = ece;
  r.rmsce = std::sqrt(sq);
  r.mce = mce;
  r.ace = counted == 0 ? 0.0 : ace / static_cast<double>(counted);
  return r;
}

template <class R>
std::vector<double> read_numbers(R& values) {
  using value_type = sequence_value_t<R>;
  std::vector<double> out;
  for (auto it = sequence_begin(values), last = sequence_end(values); it != last; ++it)
    out.push_back(static_cast<double>(static_cast<value_type>(*it)));
  return out;
}

}  // namespace detail

/// Calibration of binary predictions: `probabilities[i]` is the predicted probability that `labels[i]` = 1.
/// Returns ECE, MCE, RMSCE, ACE and the reliability-diagram bins under `options` (a preset or your own).
/// @throws precondition_error `[pluralism.calibration.size]`, `.empty`, `.bins`, `.clip`.
/// @throws data_error `[pluralism.calibration.probability]` (outside [0, 1] or NaN), `.label` (not 0 or 1).
template <arithmetic_sequence P, arithmetic_sequence L>
calibration_report calibration_error(P&& probabilities, L&& labels, const calibration_options& options = {}) {
  const char* fn = "calibration_error";
  auto p = detail::read_numbers(probabilities);
  const auto y = detail::read_numbers(labels);
  PLURALISM_EXPECTS(p.size() == y.size(), "pluralism.calibration.size",
                    std::string(fn) + ": " + std::to_string(p.size()) + " probabilities but " +
                        std::to_string(y.size()) + " labels");
  for (std::size_t i = 0; i < p.size(); ++i) {
    detail::check_probability(p[i], fn, "probabilities", i);
    static_cast<void>(detail::check_label(y[i], 2, fn, i));
  }
  return detail::calibration_from_pairs(std::move(p), y, options, fn);
}

/// Top-label calibration of multiclass predictions: row i of `probabilities` (items x classes) holds the
/// predicted class probabilities, `labels[i]` the true class. Confidence = the row's largest probability, its
/// class the first of the largest (as `np.argmax`); outcome = (that class == label).
/// @throws as `calibration_error`; `[pluralism.calibration.label]` for a label outside [0, classes).
template <matrix_like M, arithmetic_sequence L>
calibration_report top_label_calibration(const M& probabilities, L&& labels, const calibration_options& options = {}) {
  const char* fn = "top_label_calibration";
  const auto v = as_matrix(probabilities);
  const auto y = detail::read_numbers(labels);
  PLURALISM_EXPECTS(v.rows == y.size(), "pluralism.calibration.size",
                    std::string(fn) + ": " + std::to_string(v.rows) + " rows of probabilities but " +
                        std::to_string(y.size()) + " labels");
  PLURALISM_EXPECTS(v.cols >= 1, "pluralism.calibration.empty", std::string(fn) + ": no classes");
  std::vector<double> conf(v.rows), hit(v.rows);
  for (std::size_t i = 0; i < v.rows; ++i) {
    std::size_t best = 0;
    double top = -1.0;
    for (std::size_t j = 0; j < v.cols; ++j) {
      const auto pij = static_cast<double>(v(i, j));
      detail::check_probability(pij, fn, "probabilities (row-major)", i * v.cols + j);
      if (pij > top) top = pij, best = j;
    }
    conf[i] = top;
    hit[i] = detail::check_label(y[i], v.cols, fn, i) == best ? 1.0 : 0.0;
  }
  return detail::calibration_from_pairs(std::move(conf), hit, options, fn);
}

/// Brier score of binary predictions: mean (p_i - y_i)^2, in [0, 1] (sklearn `brier_score_loss` on 1-D input).
/// @throws as `calibration_error`.
template <arithmetic_sequence P, arithmetic_sequence L>
double brier_score(P&& probabilities, L&& labels) {
  const char* fn = "brier_score";
  const auto p = detail::read_numbers(probabilities);
  const auto y = detail::read_numbers(labels);
  PLURALISM_EXPECTS(p.size() == y.size(), "pluralism.calibration.size",
                    std::string(fn) + ": " + std::to_string(p.size()) + " probabilities but " +
                        std::to_string(y.size()) + " labels");
  PLURALISM_EXPECTS(!p.empty(), "pluralism.calibration.empty", std::string(fn) + ": no predictions");
  double s = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    detail::check_probability(p[i], fn, "probabilities", i);
    const double d = p[i] - static_cast<double>(detail::check_label(y[i], 2, fn, i));
    s += d * d;
  }
  return s / static_cast<double>(p.size());
}

/// How the multiclass Brier score is scaled.
enum class brier_scaling {
  sklearn_auto,  ///< default: halved for two classes (range [0, 1]), not for more ([0, 2]), as sklearn >= 1.7
  sum,           ///< mean over items of sum_k (p_ik - 1[y_i = k])^2, range [0, 2] (Brier 1950)
  half,          ///< that divided by 2, range [0, 1]
};

/// Multiclass Brier score: mean over items of sum_k (p_ik - 1[y_i = k])^2, scaled by `scaling`.
/// @throws as `top_label_calibration`.
template <matrix_like M, arithmetic_sequence L>
double brier_score(const M& probabilities, L&& labels, brier_scaling scaling = brier_scaling::sklearn_auto) {
  const char* fn = "brier_score";
  const auto v = as_matrix(probabilities);
  const auto y = detail::read_numbers(labels);
  PLURALISM_EXPECTS(v.rows == y.size(), "pluralism.calibration.size",
                    std::string(fn) + ": " + std::to_string(v.rows) + " rows of probabilities but " +
                        std::to_string(y.size()) + " labels");
  PLURALISM_EXPECTS(v.rows > 0 && v.cols > 0, "pluralism.calibration.empty", std::string(fn) + ": no predictions");
  double s = 0.0;
  for (std::size_t i = 0; i < v.rows; ++i) {
    const std::size_t label = detail::check_label(y[i], v.cols, fn, i);
    for (std::size_t j = 0; j < v.cols; ++j) {
      const auto pij = static_cast<double>(v(i, j));
      detail::check_probability(pij, fn, "probabilities (row-major)", i * v.cols + j);
      const double d = pij - (j == label ? 1.0 : 0.0);
      s += d * d;
    }
  }
  const bool halve = scaling == brier_scaling::half || (scaling == brier_scaling::sklearn_auto && v.cols == 2);
  return s / static_cast<double>(v.rows) * (halve ? 0.5 : 1.0);
}

}  // namespace pluralism
