// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/synthetic.hpp
/// @brief A seeded synthetic annotator population with a documented generative model: the built-in data of
/// the demo, the tests and the benchmarks.
///
/// Generative model (every draw from Philox streams keyed by the seed, so the data is identical everywhere):
///   - annotator a: politics in {liberal 40%, moderate 25%, conservative 35%}; politics_score uniform on
///     [-1, -0.2], [-0.3, 0.3] or [0.2, 1] by politics (two decimals); parent in {yes 45%, no}; education in {HS 35%,
///     college 45%, graduate 20%}; age uniform in 18..80; a personal bias u_a ~ N(0, bias^2).
///   - item i: topic uniform in {politics, parenting, religion, sports}; base toxicity b_i ~ U(0, 2.5).
///   - leaning L(a, topic), added per matching attribute: on politics, liberal +0.8, conservative -0.6;
///     on parenting, parent +0.9, non-parent -0.2; on religion, conservative +0.7, liberal -0.3,
///     graduate -0.3; on sports, HS +0.2.
///   - expected rating mu_ia = clamp(b_i + L(a, topic_i) + u_a, 0, 4); an observed rating is
///     clamp(round(mu_ia + e), 0, 4) with e ~ N(0, noise^2): integers on Kumar et al.'s 0-4 toxicity scale.
///   - sparse observation: each item is rated by `raters_per_item` annotators drawn without replacement
///     (everyone when raters_per_item >= annotators).
/// `synthetic_population::truth` is the noise-free mu_ia as a juror model, for tests and teaching.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>
#include <vector>

#include "../contract.hpp"
#include "../random.hpp"
#include "annotations.hpp"

namespace pluralism {

/// Sizes and noise of the synthetic population.
struct synthetic_options {
  std::uint32_t annotators = 1000;
  std::uint32_t items = 2000;
  std::uint32_t raters_per_item = 20;
  double noise = 0.5;  ///< standard deviation of a rating around its expected value
  double bias = 0.3;   ///< standard deviation of the annotators' personal bias
  std::uint64_t seed = 1;
};

/// The data and the model that generated it.
struct synthetic_population {
  annotations data;
  /// The expected rating mu_ia of the generative model (models `juror_model`).
  struct truth_model {
    std::vector<double> base;         // b_i
    std::vector<std::uint8_t> topic;  // per item
    std::vector<std::uint8_t> politics, parent, education;  // per annotator, codes as in the data
    std::vector<double> bias;         // u_a
    [[nodiscard]] double predict(std::size_t item, std::size_t a) const {
      PLURALISM_EXPECTS(item < base.size() && a < bias.size(), "pluralism.model.out_of_range",
                        std::string("synthetic truth: (item ") + std::to_string(item) + ", annotator " + std::to_string(a) + ") outside " +
                            std::to_string(base.size()) + " x " + std::to_string(bias.size()));
      return std::clamp(base[item] + leaning(a, topic[item]) + bias[a], 0.0, 4.0);
    }
    [[nodiscard]] double leaning(std::size_t a, std::uint8_t t) const {
      enum { liberal, moderate, conservative };
      double l = 0;
      switch (t) {
        case 0: l += politics[a] == liberal ? 0.8 : politics[a] == conservative ? -0.6 : 0.0; break;
        case 1: l += parent[a] == 0 ? 0.9 : -0.2; break;
        case 2:
          l += politics[a] == conservative ? 0.7 : politics[a] == liberal ? -0.3 : 0.0;
          l += education[a] == 2 ? -0.3 : 0.0;
          break;
        default: l += education[a] == 0 ? 0.2 : 0.0; break;
      }
      return l;
    }
  } truth;
};

namespace detail {
/// A standard normal deviate from two uniform doubles (Box-Muller; 1 - u keeps the log finite).
template <class Stream>
double standard_normal(Stream& s) {
  const double u = 1.0 - uniform_double(s), v = uniform_double(s);
  return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * v);
}
template <class Stream>
std::uint8_t categorical(Stream& s, std::initializer_list<double> shares) {
  const double u = uniform_double(s);
  double acc = 0;
  std::uint8_t k = 0;
  for (double p : shares) {
    acc += p;
    if (u < acc) return k;
    ++k;
  }
  return static_cast<std::uint8_t>(k - 1);
}
}  // namespace detail

/// Generates the population (see the file comment for the model).
/// @throws precondition_error `[pluralism.synthetic.options]` for zero annotators, items or raters per item,
///         or a negative or non-finite noise or bias.
inline synthetic_population make_synthetic_population(const synthetic_options& o = {}) {
  PLURALISM_EXPECTS(o.annotators > 0 && o.items > 0 && o.raters_per_item > 0, "pluralism.synthetic.options",
                    "synthetic_options: annotators, items and raters_per_item must be positive");
  PLURALISM_EXPECTS(std::isfinite(o.noise) && o.noise >= 0 && std::isfinite(o.bias) && o.bias >= 0,
                    "pluralism.synthetic.options", "synthetic_options: noise and bias must be finite and >= 0");
  synthetic_population p;
  auto& t = p.truth;
  const char* politics[] = {"liberal", "moderate", "conservative"};
  const char* education[] = {"HS", "college", "graduate"};
  const char* topics[] = {"politics", "parenting", "religion", "sports"};
  std::vector<std::string> ids, pol, par, edu;
  std::vector<double> age, score;
  for (std::uint32_t a = 0; a < o.annotators; ++a) {
    philox_stream s({.seed = o.seed, .item = a, .jury = 0});  // annotator streams
    t.politics.push_back(detail::categorical(s, {0.40, 0.25, 0.35}));
    t.parent.push_back(detail::categorical(s, {0.45, 0.55}));
    t.education.push_back(detail::categorical(s, {0.35, 0.45, 0.20}));
    age.push_back(18.0 + bounded(s, 63));
    const double lo[] = {-1.0, -0.3, 0.2}, hi[] = {-0.2, 0.3, 1.0};
    const double x = lo[t.politics.back()] + (hi[t.politics.back()] - lo[t.politics.back()]) * uniform_double(s);
    score.push_back(std::round(100.0 * x) / 100.0);  // two decimals, as a survey would record it
    t.bias.push_back(o.bias * detail::standard_normal(s));
    ids.push_back(std::string("w") + std::to_string(a));
    pol.push_back(politics[t.politics.back()]);
    par.push_back(t.parent.back() == 0 ? "yes" : "no");
    edu.push_back(education[t.education.back()]);
  }
  p.data.annotators = attribute_table(std::move(ids));
  p.data.annotators.add_categorical("politics", pol);
  p.data.annotators.add_categorical("parent", par);
  p.data.annotators.add_categorical("education", edu);
  p.data.annotators.add_numeric("age", std::move(age));
  p.data.annotators.add_numeric("politics_score", std::move(score));

  std::vector<std::string> item_ids, item_topic;
  std::vector<rating_entry> entries;
  const std::uint32_t k = std::min(o.raters_per_item, o.annotators);
  std::vector<std::uint32_t> raters(k);
  for (std::uint32_t i = 0; i < o.items; ++i) {
    philox_stream s({.seed = o.seed, .item = i, .jury = 1});  // item streams
    t.topic.push_back(static_cast<std::uint8_t>(bounded(s, 4)));
    t.base.push_back(2.5 * uniform_double(s));
    item_ids.push_back(std::string("c") + std::to_string(i));
    item_topic.push_back(topics[t.topic.back()]);
    floyd_sample(s, o.annotators, k, raters.data());
    for (std::uint32_t a : raters) {
      const double r = std::round(t.predict(i, a) + o.noise * detail::standard_normal(s));
      entries.push_back({i, a, std::clamp(r, 0.0, 4.0)});
    }
  }
  p.data.items = attribute_table(std::move(item_ids));
  p.data.items.add_categorical("topic", item_topic);
  p.data.ratings = rating_store(o.items, o.annotators, std::move(entries));
  return p;
}

}  // namespace pluralism
