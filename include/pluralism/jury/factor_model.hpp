// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/factor_model.hpp
/// @brief A latent-factor juror model with attribute embeddings, fit by alternating least squares (Eigen).
///
/// Model (a biased matrix factorisation whose annotator vector is shifted by one learned embedding per
/// categorical attribute level, the "group embedding" of jury learning's recommender, Gordon et al. CHI 2022,
/// research/jury-learning.md section 1.5, here without text features):
///
///     r_ia ~ mu + b_i + c_a + u_a . q_i,      u_a = p_a + sum_{columns k} e_{k, level of a in k}
///
/// fit by minimising
///
///     L = sum_{(i,a) observed} (r_ia - mu - b_i - c_a - u_a . q_i)^2
///         + lambda (sum_i |q_i|^2 + sum_a |p_a|^2 + sum_levels |e|^2) + bias_lambda (sum_i b_i^2 + sum_a c_a^2).
///
/// Alternating least squares: each block update below is the exact minimiser of L over that block with the
/// others fixed (a closed-form ridge solve), so L never increases (block coordinate descent; Koren, Bell,
/// Volinsky, "Matrix factorization techniques for recommender systems", IEEE Computer 2009, for the model;
/// Zhou et al., "Large-scale parallel collaborative filtering for the Netflix prize", 2008, for ALS).
///   - mu: the mean residual (unpenalised);
///   - item i: (b_i, q_i) jointly, one (k+1)-dimensional ridge solve per item, items independent;
///   - annotator a: (c_a, p_a) jointly, one ridge solve per annotator with ratings;
///   - level embeddings: one k-dimensional ridge solve per level; levels of one attribute are independent
///     (each annotator has one level per attribute), attributes are updated one after another.
/// A cold-start annotator (no ratings) keeps c_a = 0 and p_a = 0, which is its exact minimiser, so its
/// prediction is mu + b_i + (sum of its levels' embeddings) . q_i: the attributes alone speak for it.
///
/// Determinism: initial factors come from Philox streams (seed, 0 or 1, row); every solve accumulates its
/// ratings serially in storage order and every global sum is a serial sum of per-row partial sums, so the
/// fit is bitwise identical for any thread count.

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/QR>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "../concepts/models.hpp"
#include "../contract.hpp"
#include "../detail/parallel.hpp"
#include "../error.hpp"
#include "../random.hpp"
#include "annotations.hpp"

namespace pluralism::models {

/// Options of `fit_factor_model` (designated initialisers: `{.factors = 8, .lambda = 2.0, .seed = 7}`).
struct factor_options {
  std::size_t factors = 8;       ///< latent dimension k (> 0)
  double lambda = 40.0;          ///< L2 penalty on item factors, annotator factors and level embeddings (>= 0)
  double bias_lambda = 1.0;      ///< L2 penalty on item and annotator biases (>= 0)
  std::size_t iterations = 20;   ///< maximum number of sweeps (0: return the initial model)
  bool attribute_embeddings = true;  ///< learn one embedding per categorical attribute level
  std::vector<std::string> attributes{};  ///< categorical annotator columns to embed; empty: every categorical one
  std::uint64_t seed = 0;        ///< seed of the initial factors
  double init_scale = 0.1;       ///< initial q_i and p_a entries uniform in [-init_scale, init_scale] (>= 0)
  double tolerance = 0.0;        ///< stop when a sweep lowers L by less than tolerance * L (0: run every sweep)
  bool clamp = true;             ///< clamp predictions to the range of the training ratings
  unsigned threads = 1;          ///< worker threads for the solves (0: hardware concurrency); results do not depend on it
};

/// The fitted parameters; matrices hold one column per item, annotator or level.
struct factor_parameters {
  double global_mean = 0.0;           ///< mu
  Eigen::VectorXd item_bias;          ///< b_i
  Eigen::VectorXd annotator_bias;     ///< c_a
  Eigen::MatrixXd item_factors;       ///< q_i, k x items
  Eigen::MatrixXd annotator_factors;  ///< p_a (the annotator's own part), k x annotators
  Eigen::MatrixXd level_embeddings;   ///< e, k x levels
};

/// One embedded attribute level: the column `attribute` of the annotator table and its `level`.
struct embedded_level {
  std::string attribute;
  std::string level;
};

namespace detail {
/// Minimiser of x' A x - 2 b' x (A symmetric positive semi-definite, lower triangle filled): Cholesky when
/// the penalty makes A positive definite, else the minimum-norm solution (complete orthogonal
/// decomposition), which is still an exact minimiser, so the objective cannot increase.
inline Eigen::VectorXd ridge_solve(Eigen::MatrixXd& a, const Eigen::VectorXd& b, bool positive_definite) {
  if (positive_definite) {
    Eigen::LLT<Eigen::MatrixXd, Eigen::Lower> llt(a);
    if (llt.info() == Eigen::Success) return llt.solve(b);
  }
  a.triangularView<Eigen::StrictlyUpper>() = a.transpose();
  return a.completeOrthogonalDecomposition().solve(b);
}
}  // namespace detail

class factor_als;

/// A fitted factor model. Models `batched_juror_model`; `predict` is pure and thread-safe.
class factor_model {
 public:
  /// The predicted rating of `annotator` for `item`: `score` clamped to the training range when the
  /// model was fit with `clamp`.
  /// @throws precondition_error `[pluralism.models.factor.out_of_range]` for an index outside the data.
  [[nodiscard]] double predict(std::size_t item, std::size_t annotator) const {
    const double s = score(item, annotator);
    return clamp_ ? std::clamp(s, low_, high_) : s;
  }
  /// `out[k] = predict(item, annotators[k])`.
  /// @throws precondition_error `[pluralism.models.factor.block_size]` when the spans differ in size, or
  ///         `[pluralism.models.factor.out_of_range]`.
  void predict_block(std::size_t item, std::span<const std::uint32_t> annotators, std::span<double> out) const {
    PLURALISM_EXPECTS(annotators.size() == out.size(), "pluralism.models.factor.block_size",
                      "predict_block: " + std::to_string(annotators.size()) + " annotators but " +
                          std::to_string(out.size()) + " outputs");
    check(item, 0);
    for (std::size_t k = 0; k < annotators.size(); ++k) out[k] = predict(item, annotators[k]);
  }
  /// The unclamped linear predictor mu + b_i + c_a + u_a . q_i.
  [[nodiscard]] double score(std::size_t item, std::size_t annotator) const {
    check(item, annotator);
    const auto i = static_cast<Eigen::Index>(item), a = static_cast<Eigen::Index>(annotator);
    return p_.global_mean + p_.item_bias[i] + p_.annotator_bias[a] +
           annotator_vectors_.col(a).dot(p_.item_factors.col(i));
  }

  [[nodiscard]] const factor_parameters& parameters() const noexcept { return p_; }
  /// u_a = p_a + the embeddings of a's levels, k x annotators.
  [[nodiscard]] const Eigen::MatrixXd& annotator_vectors() const noexcept { return annotator_vectors_; }
  /// What each column of `parameters().level_embeddings` embeds.
  [[nodiscard]] const std::vector<embedded_level>& levels() const noexcept { return levels_; }
  /// L after initialisation and after each sweep.
  [[nodiscard]] const std::vector<double>& objective_history() const noexcept { return history_; }
  [[nodiscard]] std::size_t items() const noexcept { return static_cast<std::size_t>(p_.item_bias.size()); }
  [[nodiscard]] std::size_t annotators() const noexcept { return static_cast<std::size_t>(p_.annotator_bias.size()); }
  [[nodiscard]] std::size_t factors() const noexcept { return static_cast<std::size_t>(p_.item_factors.rows()); }
  /// The range predictions are clamped to (the training ratings' minimum and maximum).
  [[nodiscard]] std::pair<double, double> rating_range() const noexcept { return {low_, high_}; }

 private:
  friend class factor_als;
  void check(std::size_t item, std::size_t annotator) const {
    PLURALISM_EXPECTS(item < items() && annotator < annotators(), "pluralism.models.factor.out_of_range",
                      "factor_model: (item " + std::to_string(item) + ", annotator " + std::to_string(annotator) +
                          ") outside " + std::to_string(items()) + " x " + std::to_string(annotators()));
  }
  factor_parameters p_;
  Eigen::MatrixXd annotator_vectors_;
  std::vector<embedded_level> levels_;
  std::vector<double> history_;
  double low_ = 0.0, high_ = 0.0;
  bool clamp_ = true;
};
static_assert(batched_juror_model<factor_model>);

/// The ALS trainer, one block at a time. `fit_factor_model` is the usual entry point; this class is public so
/// that each step can be inspected and tested (every update is the exact minimiser of L over its block).
class factor_als {
 public:
  /// Validates the data and options and initialises: mu = mean rating, biases and embeddings 0, q_i and
  /// p_a uniform in [-init_scale, init_scale] from Philox (seed, 0, i) and (seed, 1, a).
  /// @throws precondition_error `[pluralism.models.factor.factors]` (factors == 0),
  ///         `[pluralism.models.factor.lambda]` (lambda or bias_lambda negative or not finite),
  ///         `[pluralism.models.factor.option]` (init_scale or tolerance negative or not finite),
  ///         `[pluralism.models.factor.sizes]` (annotator table rows differ from the rating store's),
  ///         `[pluralism.models.factor.attribute_kind]` (a named attribute is numeric).
  /// @throws data_error `[pluralism.models.factor.empty]` (no ratings), `[pluralism.models.factor.rating]`
  ///         (a rating is NaN or infinite); unknown_name_error for an unknown attribute name.
  factor_als(const annotations& data, const factor_options& options = {}) : opt_(options) {
    validate(data);
    build_indices(data);
    init();
  }

  /// mu <- mean of r - b_i - c_a - u_a . q_i.
  void update_global_mean() {
    const auto u = annotator_vectors();
    std::vector<double> part(items_);
    pluralism::detail::parallel_for(items_, opt_.threads, [&](std::size_t i) {
      double s = 0.0;
      for (std::size_t n = item_off_[i]; n < item_off_[i + 1]; ++n)
        s += item_r_[n] - p_.item_bias[ix(i)] - p_.annotator_bias[ix(item_ann_[n])] -
             u.col(ix(item_ann_[n])).dot(p_.item_factors.col(ix(i)));
      part[i] = s;
    });
    double total = 0.0;
    for (double s : part) total += s;
    p_.global_mean = total / static_cast<double>(item_r_.size());
  }

  /// For each item: (b_i, q_i) <- argmin of its terms of L, a (k+1)-dimensional ridge solve with
  /// features (1, u_a) and targets r - mu - c_a.
  void update_items() {
    const auto u = annotator_vectors();
    const auto k = ix(opt_.factors);
    pluralism::detail::parallel_for(items_, opt_.threads, [&](std::size_t i) {
      Eigen::MatrixXd a = penalty_matrix(k + 1, opt_.bias_lambda);
      Eigen::VectorXd b = Eigen::VectorXd::Zero(k + 1), x(k + 1);
      for (std::size_t n = item_off_[i]; n < item_off_[i + 1]; ++n) {
        const auto who = ix(item_ann_[n]);
        x[0] = 1.0;
        x.tail(k) = u.col(who);
        a.selfadjointView<Eigen::Lower>().rankUpdate(x);
        b += (item_r_[n] - p_.global_mean - p_.annotator_bias[who]) * x;
      }
      const Eigen::VectorXd t = detail::ridge_solve(a, b, positive_definite());
      p_.item_bias[ix(i)] = t[0];
      p_.item_factors.col(ix(i)) = t.tail(k);
    });
  }

  /// For each annotator with ratings: (c_a, p_a) <- argmin, features (1, q_i) and targets
  /// r - mu - b_i - s_a . q_i with s_a the sum of a's level embeddings. Without ratings: (0, 0).
  void update_annotators() {
    const auto k = ix(opt_.factors);
    pluralism::detail::parallel_for(annotators_, opt_.threads, [&](std::size_t an) {
      const Eigen::VectorXd s = level_sum(an, npos);
      Eigen::MatrixXd a = penalty_matrix(k + 1, opt_.bias_lambda);
      Eigen::VectorXd b = Eigen::VectorXd::Zero(k + 1), x(k + 1);
      for (std::size_t n = ann_off_[an]; n < ann_off_[an + 1]; ++n) {
        const auto it = ix(ann_item_[n]);
        x[0] = 1.0;
        x.tail(k) = p_.item_factors.col(it);
        a.selfadjointView<Eigen::Lower>().rankUpdate(x);
        b += (ann_r_[n] - p_.global_mean - p_.item_bias[it] - s.dot(x.tail(k))) * x;
      }
      const Eigen::VectorXd t =
          ann_off_[an] == ann_off_[an + 1] ? Eigen::VectorXd::Zero(k + 1) : detail::ridge_solve(a, b, positive_definite());
      p_.annotator_bias[ix(an)] = t[0];
      p_.annotator_factors.col(ix(an)) = t.tail(k);
    });
  }

  /// For each level of embedded attribute `column`: e <- argmin, features q_i over the ratings of the
  /// annotators at that level, targets r - mu - b_i - c_a - (u_a - e) . q_i.
  /// @throws precondition_error `[pluralism.models.factor.column]` when column >= embedded_attributes().
  void update_level_column(std::size_t column) {
    PLURALISM_EXPECTS(column < columns_, "pluralism.models.factor.column",
                      "update_level_column: column " + std::to_string(column) + " of " + std::to_string(columns_));
    const auto k = ix(opt_.factors);
    const std::size_t first = level_off_[column], count = level_off_[column + 1] - first;
    pluralism::detail::parallel_for(count, opt_.threads, [&](std::size_t j) {
      const std::size_t level = first + j;
      Eigen::MatrixXd a = penalty_matrix(k, opt_.lambda);
      Eigen::VectorXd b = Eigen::VectorXd::Zero(k);
      for (std::size_t m = member_off_[level]; m < member_off_[level + 1]; ++m) {
        const std::size_t an = members_[m];
        const Eigen::VectorXd o = p_.annotator_factors.col(ix(an)) + level_sum(an, column);
        for (std::size_t n = ann_off_[an]; n < ann_off_[an + 1]; ++n) {
          const auto q = p_.item_factors.col(ix(ann_item_[n]));
          a.selfadjointView<Eigen::Lower>().rankUpdate(q);
          b += (ann_r_[n] - p_.global_mean - p_.item_bias[ix(ann_item_[n])] - p_.annotator_bias[ix(an)] - o.dot(q)) * q;
        }
      }
      p_.level_embeddings.col(ix(level)) = detail::ridge_solve(a, b, opt_.lambda > 0.0);
    });
  }
  /// Every embedded attribute in order.
  void update_levels() {
    for (std::size_t c = 0; c < columns_; ++c) update_level_column(c);
  }
  /// One sweep: mu, items, annotators, levels. Returns L afterwards.
  double sweep() {
    update_global_mean();
    update_items();
    update_annotators();
    update_levels();
    return objective();
  }

  /// The objective L at the current parameters.
  [[nodiscard]] double objective() const {
    const auto u = annotator_vectors();
    std::vector<double> part(items_);
    pluralism::detail::parallel_for(items_, opt_.threads, [&](std::size_t i) {
      double s = 0.0;
      for (std::size_t n = item_off_[i]; n < item_off_[i + 1]; ++n) {
        const double e = item_r_[n] - p_.global_mean - p_.item_bias[ix(i)] - p_.annotator_bias[ix(item_ann_[n])] -
                         u.col(ix(item_ann_[n])).dot(p_.item_factors.col(ix(i)));
        s += e * e;
      }
      part[i] = s;
    });
    double sse = 0.0;
    for (double s : part) sse += s;
    return sse +
           opt_.lambda * (p_.item_factors.squaredNorm() + p_.annotator_factors.squaredNorm() +
                          p_.level_embeddings.squaredNorm()) +
           opt_.bias_lambda * (p_.item_bias.squaredNorm() + p_.annotator_bias.squaredNorm());
  }

  /// u_a for every annotator, k x annotators.
  [[nodiscard]] Eigen::MatrixXd annotator_vectors() const {
    Eigen::MatrixXd u(ix(opt_.factors), ix(annotators_));
    for (std::size_t a = 0; a < annotators_; ++a) u.col(ix(a)) = p_.annotator_factors.col(ix(a)) + level_sum(a, npos);
    return u;
  }

  /// The current parameters; writable so a caller (or a test) can start from any state.
  [[nodiscard]] factor_parameters& parameters() noexcept { return p_; }
  [[nodiscard]] const factor_parameters& parameters() const noexcept { return p_; }
  /// How many attributes are embedded, and the level indices (columns of level_embeddings) of one
  /// annotator, one per embedded attribute, `npos` where the attribute is missing.
  [[nodiscard]] std::size_t embedded_attributes() const noexcept { return columns_; }
  [[nodiscard]] std::size_t annotator_level(std::size_t annotator, std::size_t column) const {
    return ann_level_.at(annotator * columns_ + column);
  }
  [[nodiscard]] const std::vector<embedded_level>& levels() const noexcept { return levels_; }
  [[nodiscard]] const factor_options& options() const noexcept { return opt_; }

  /// A predictor holding a copy of the current parameters, with `history` as its objective history.
  [[nodiscard]] factor_model model(std::vector<double> history = {}) const {
    factor_model m;
    m.p_ = p_;
    m.annotator_vectors_ = annotator_vectors();
    m.levels_ = levels_;
    m.history_ = std::move(history);
    m.low_ = low_;
    m.high_ = high_;
    m.clamp_ = opt_.clamp;
    return m;
  }

  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

 private:
  static Eigen::Index ix(std::size_t v) noexcept { return static_cast<Eigen::Index>(v); }
  bool positive_definite() const noexcept { return opt_.lambda > 0.0 && opt_.bias_lambda > 0.0; }
  /// diag(first, lambda, ..., lambda), n x n.
  Eigen::MatrixXd penalty_matrix(Eigen::Index n, double first) const {
    Eigen::VectorXd d = Eigen::VectorXd::Constant(n, opt_.lambda);
    d.head(1).setConstant(first);
    return d.asDiagonal();
  }
  /// Sum of the annotator's level embeddings, leaving out attribute `skip` (npos: none).
  Eigen::VectorXd level_sum(std::size_t a, std::size_t skip) const {
    Eigen::VectorXd s = Eigen::VectorXd::Zero(ix(opt_.factors));
    for (std::size_t c = 0; c < columns_; ++c) {
      const std::size_t l = ann_level_[a * columns_ + c];
      if (c != skip && l != npos) s += p_.level_embeddings.col(ix(l));
    }
    return s;
  }

  void validate(const annotations& data) const {
    PLURALISM_EXPECTS(opt_.factors > 0, "pluralism.models.factor.factors", "factor_options.factors must be positive, got 0");
    PLURALISM_EXPECTS(opt_.lambda >= 0.0 && std::isfinite(opt_.lambda), "pluralism.models.factor.lambda",
                      "factor_options.lambda must be finite and >= 0, got " + pluralism::detail::to_text(opt_.lambda));
    PLURALISM_EXPECTS(opt_.bias_lambda >= 0.0 && std::isfinite(opt_.bias_lambda), "pluralism.models.factor.lambda",
                      "factor_options.bias_lambda must be finite and >= 0, got " +
                          pluralism::detail::to_text(opt_.bias_lambda));
    PLURALISM_EXPECTS(opt_.init_scale >= 0.0 && std::isfinite(opt_.init_scale), "pluralism.models.factor.option",
                      "factor_options.init_scale must be finite and >= 0, got " +
                          pluralism::detail::to_text(opt_.init_scale));
    PLURALISM_EXPECTS(opt_.tolerance >= 0.0 && std::isfinite(opt_.tolerance), "pluralism.models.factor.option",
                      "factor_options.tolerance must be finite and >= 0, got " + pluralism::detail::to_text(opt_.tolerance));
    PLURALISM_EXPECTS(data.annotators.size() == data.ratings.annotators(), "pluralism.models.factor.sizes",
                      "annotator table has " + std::to_string(data.annotators.size()) + " rows but the ratings index " +
                          std::to_string(data.ratings.annotators()) + " annotators");
    if (data.ratings.size() == 0) PLURALISM_THROW(data_error, "pluralism.models.factor.empty", "fit_factor_model: no ratings");
    for (std::size_t i = 0; i < data.ratings.items(); ++i) {
      const auto r = data.ratings.ratings(i);
      const auto who = data.ratings.raters(i);
      for (std::size_t n = 0; n < r.size(); ++n)
        if (!std::isfinite(r[n]))
          PLURALISM_THROW(data_error, "pluralism.models.factor.rating",
                          "rating of item " + std::to_string(i) + " by annotator " + std::to_string(who[n]) + " is " +
                              pluralism::detail::to_text(r[n]));
    }
  }

  void build_indices(const annotations& data) {
    const rating_store& rs = data.ratings;
    items_ = rs.items();
    annotators_ = rs.annotators();
    item_off_.assign(items_ + 1, 0);
    ann_off_.assign(annotators_ + 1, 0);
    low_ = std::numeric_limits<double>::infinity();
    high_ = -low_;
    for (std::size_t i = 0; i < items_; ++i) {
      const auto who = rs.raters(i);
      const auto r = rs.ratings(i);
      item_off_[i + 1] = item_off_[i] + who.size();
      item_ann_.insert(item_ann_.end(), who.begin(), who.end());
      item_r_.insert(item_r_.end(), r.begin(), r.end());
      for (std::size_t n = 0; n < who.size(); ++n) {
        ++ann_off_[who[n] + 1];
        low_ = std::min(low_, r[n]);
        high_ = std::max(high_, r[n]);
      }
    }
    for (std::size_t a = 0; a < annotators_; ++a) ann_off_[a + 1] += ann_off_[a];
    // By annotator, items ascending (a counting sort of the item-major entries).
    ann_item_.resize(item_r_.size());
    ann_r_.resize(item_r_.size());
    std::vector<std::size_t> fill(ann_off_.begin(), ann_off_.end() - 1);
    for (std::size_t i = 0; i < items_; ++i)
      for (std::size_t n = item_off_[i]; n < item_off_[i + 1]; ++n) {
        const std::size_t slot = fill[item_ann_[n]]++;
        ann_item_[slot] = static_cast<std::uint32_t>(i);
        ann_r_[slot] = item_r_[n];
      }
    // Embedded attributes and their levels.
    std::vector<const attribute_column*> cols;
    if (opt_.attribute_embeddings)
      cols = data.annotators.categorical_columns(opt_.attributes, "pluralism.models.factor.attribute_kind",
                                                 "fit_factor_model", "only categorical attributes get embeddings");
    columns_ = cols.size();
    level_off_.assign(1, 0);
    ann_level_.assign(annotators_ * columns_, npos);
    for (std::size_t c = 0; c < columns_; ++c) {
      const std::size_t first = level_off_.back();
      for (const auto& lv : cols[c]->levels) levels_.push_back({cols[c]->name, lv});
      level_off_.push_back(first + cols[c]->levels.size());
      for (std::size_t a = 0; a < annotators_; ++a)
        if (cols[c]->codes[a] != attribute_column::missing_code)
          ann_level_[a * columns_ + c] = first + static_cast<std::size_t>(cols[c]->codes[a]);
    }
    // Members of each level, annotators ascending.
    member_off_.assign(levels_.size() + 1, 0);
    for (std::size_t l : ann_level_)
      if (l != npos) ++member_off_[l + 1];
    for (std::size_t l = 0; l < levels_.size(); ++l) member_off_[l + 1] += member_off_[l];
    members_.resize(member_off_.back());
    std::vector<std::size_t> mfill(member_off_.begin(), member_off_.end() - 1);
    for (std::size_t a = 0; a < annotators_; ++a)
      for (std::size_t c = 0; c < columns_; ++c)
        if (const std::size_t l = ann_level_[a * columns_ + c]; l != npos) members_[mfill[l]++] = a;
  }

  void init() {
    const auto k = ix(opt_.factors);
    double total = 0.0;
    for (double r : item_r_) total += r;
    p_.global_mean = total / static_cast<double>(item_r_.size());
    p_.item_bias = Eigen::VectorXd::Zero(ix(items_));
    p_.annotator_bias = Eigen::VectorXd::Zero(ix(annotators_));
    p_.level_embeddings = Eigen::MatrixXd::Zero(k, ix(levels_.size()));
    auto random_columns = [&](std::size_t n, std::uint64_t kind) {
      Eigen::MatrixXd m(k, ix(n));
      for (std::size_t j = 0; j < n; ++j) {
        philox_stream s({.seed = opt_.seed, .item = kind, .jury = static_cast<std::uint32_t>(j)});
        for (Eigen::Index f = 0; f < k; ++f) m(f, ix(j)) = opt_.init_scale * (2.0 * uniform_double(s) - 1.0);
      }
      return m;
    };
    p_.item_factors = random_columns(items_, 0);
    p_.annotator_factors = random_columns(annotators_, 1);
  }

  factor_options opt_;
  factor_parameters p_;
  std::size_t items_ = 0, annotators_ = 0, columns_ = 0;
  std::vector<std::size_t> item_off_, ann_off_, level_off_, member_off_, ann_level_, members_;
  std::vector<std::uint32_t> item_ann_, ann_item_;
  std::vector<double> item_r_, ann_r_;
  std::vector<embedded_level> levels_;
  double low_ = 0.0, high_ = 0.0;
};

/// Fits the factor model by ALS: initialise (see `factor_als`), then up to `options.iterations` sweeps,
/// stopping early when a sweep lowers L by less than `options.tolerance * L`.
///
/// @code
/// auto model = pluralism::models::fit_factor_model(data, {.factors = 8, .lambda = 10.0, .seed = 7});
/// double r = model.predict(item, annotator);
/// @endcode
/// @throws as `factor_als`'s constructor.
inline factor_model fit_factor_model(const annotations& data, const factor_options& options = {}) {
  factor_als als(data, options);
  std::vector<double> history{als.objective()};
  for (std::size_t it = 0; it < options.iterations; ++it) {
    const double before = history.back();
    history.push_back(als.sweep());
    if (options.tolerance > 0.0 && before - history.back() < options.tolerance * history.back()) break;
  }
  return als.model(std::move(history));
}

}  // namespace pluralism::models
