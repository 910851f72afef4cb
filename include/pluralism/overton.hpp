// SPDX-License-Identifier: MIT
#pragma once

/// @file overton.hpp
/// @brief Overton pluralism: does a model's response set cover the Overton window of a query (the set of
/// reasonable answers), and does it say only reasonable things?
///
/// Sorensen et al. (2024, section 3.1): an Overton-pluralistic model presents every answer of the window W(x)
/// and nothing outside it. With an entailment model P(r expresses w) and a threshold t, for a window W and
/// responses R:
///   - coverage  = |{w in W : max_r P(r, w) >= t}| / |W|   (recall; weighted by cluster sizes if given, as
///                 OvertonScore's weighted form);
///   - precision = |{r in R : max_w P(r, w) >= t}| / |R|;
///   - F1 = 2 coverage precision / (coverage + precision) (0 when both are 0);
///   - soft coverage = mean_w max_r P(r, w), the score of Modular Pluralism (Feng et al. 2024), who report the
///     share of queries with soft coverage above 0.33.
/// A single synthesised response is the case |R| = 1 (`overton_coverage_single`).
/// @code
/// pl::exact_match_entailment model;
/// std::vector<std::string> window{"yes", "no", "it depends"}, said{"yes", "it depends", "maybe"};
/// auto s = pl::overton_coverage(model, window, said);   // coverage 2/3, precision 2/3
/// @endcode

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <map>
#include <ranges>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "contract.hpp"
#include "error.hpp"

namespace pluralism {

/// An entailment model answers "does response `r` express answer `w`" with a probability.
///
/// Syntactic requirement, for `const M& m`, `const Response& r`, `const Answer& w`:
///   `m.entailment(r, w)` is convertible to `double`.
/// Semantic requirements: the value lies in [0, 1]; it is a pure function of (r, w) (deterministic, safe to
/// call concurrently). An NLI model (premise = the window answer, hypothesis = a response sentence, as Modular
/// Pluralism) or an LLM judge is wrapped in such a type; `exact_match_entailment` and `lookup_entailment` run
/// without one. Complexity: one model call per (response, answer) pair; the metrics call it |R| x |W| times.
/// Minimal model:
/// @code
/// struct always { double entailment(const std::string&, const std::string&) const { return 1.0; } };
/// static_assert(pl::entailment_model<always, std::string, std::string>);
/// @endcode
template <class M, class Response, class Answer>
concept entailment_model = requires(const M& m, const Response& r, const Answer& w) {
  { m.entailment(r, w) } -> std::convertible_to<double>;
};

/// Entailment by equality: 1 when the response equals the answer, else 0 (answers given as labels).
struct exact_match_entailment {
  template <class Response, class Answer>
    requires std::equality_comparable_with<const Response&, const Answer&>
  double entailment(const Response& r, const Answer& w) const {
    return r == w ? 1.0 : 0.0;
  }
};

/// What a lookup table does with a pair it does not list.
enum class missing_pair {
  zero,   ///< default: probability 0 (not entailed)
  error,  ///< throw `data_error` `[pluralism.overton.missing_pair]`
};

/// A table of entailment probabilities (from an NLI model run offline, or from human judgements).
template <class Response = std::string, class Answer = std::string>
class lookup_entailment {
 public:
  explicit lookup_entailment(missing_pair missing = missing_pair::zero) : missing_(missing) {}
  /// Records P(r expresses w) = p.
  /// @throws data_error `[pluralism.overton.probability]` unless p is in [0, 1].
  lookup_entailment& set(Response r, Answer w, double p) {
    if (!(p >= 0.0 && p <= 1.0))
      PLURALISM_THROW(data_error, "pluralism.overton.probability",
                      "lookup_entailment::set: probability " + detail::to_text(p) + " is not in [0, 1]");
    table_[{std::move(r), std::move(w)}] = p;
    return *this;
  }
  /// The recorded probability, or the missing-pair policy.
  double entailment(const Response& r, const Answer& w) const {
    if (auto it = table_.find({r, w}); it != table_.end()) return it->second;
    if (missing_ == missing_pair::error)
      PLURALISM_THROW(data_error, "pluralism.overton.missing_pair", "lookup_entailment: no probability for this pair");
    return 0.0;
  }
  [[nodiscard]] std::size_t size() const noexcept { return table_.size(); }

 private:
  std::map<std::pair<Response, Answer>, double> table_;
  missing_pair missing_;
};

/// Options of the Overton metrics.
struct overton_options {
  /// An answer is entailed by a response when P >= threshold; in [0, 1].
  double threshold = 0.5;
  /// Optional weight of each window answer (viewpoint-cluster sizes, OvertonScore "weighted"); empty = equal.
  std::span<const double> weights = {};
};

/// Overton scores of one query.
struct overton_score {
  std::size_t window = 0;             ///< |W|
  std::size_t responses = 0;          ///< |R|
  std::size_t covered = 0;            ///< window answers entailed by some response
  std::size_t entailing = 0;          ///< responses that entail some window answer
  double coverage = 0.0;              ///< covered / |W| (weighted share when weights are given)
  double precision = 0.0;             ///< entailing / |R|; 0 when there are no responses
  double f1 = 0.0;                    ///< harmonic mean of coverage and precision; 0 when both are 0
  double soft_coverage = 0.0;         ///< mean over answers of the best entailment probability
  std::vector<double> best;           ///< per window answer: max over responses of P(r, w)
};

namespace detail {
/// "query q: <message without its id>" for errors re-thrown by the batch.
inline std::string in_query(std::size_t q, const error& e) {
  const std::string what = e.what();
  return "query " + std::to_string(q) + ": " + what.substr(std::min(what.size(), e.id().size() + 3));
}

inline double harmonic(double a, double b) noexcept { return a + b > 0.0 ? 2.0 * a * b / (a + b) : 0.0; }

inline double checked_entailment(double p, std::size_t r, std::size_t w) {
  if (!(p >= 0.0 && p <= 1.0))
    PLURALISM_THROW(data_error, "pluralism.overton.probability",
                    "entailment model returned " + to_text(p) + " for response " + std::to_string(r) +
                        " and window answer " + std::to_string(w) + " (expected a probability in [0, 1])");
  return p;
}
}  // namespace detail

/// Coverage, precision, F1 and soft coverage of `responses` over the Overton `window` of one query.
/// Preconditions: the window is not empty; threshold in [0, 1]; weights (if any) one per window answer.
/// @throws precondition_error `[pluralism.overton.empty_window]`, `.threshold`, `.weights`.
/// @throws data_error `[pluralism.overton.probability]` when the model returns a value outside [0, 1] (or NaN),
///         `[pluralism.overton.weight]` for a negative weight or all-zero weights.
template <class Model, std::ranges::forward_range Window, std::ranges::forward_range Responses>
  requires entailment_model<Model, std::ranges::range_value_t<Responses>, std::ranges::range_value_t<Window>>
overton_score overton_coverage(const Model& model, const Window& window, const Responses& responses,
                               const overton_options& options = {}) {
  const auto nw = static_cast<std::size_t>(std::ranges::distance(window));
  const auto nr = static_cast<std::size_t>(std::ranges::distance(responses));
  PLURALISM_EXPECTS(nw > 0, "pluralism.overton.empty_window", "overton_coverage: the Overton window is empty");
  PLURALISM_EXPECTS(options.threshold >= 0.0 && options.threshold <= 1.0, "pluralism.overton.threshold",
                    "overton_coverage: threshold must lie in [0, 1], got " + detail::to_text(options.threshold));
  PLURALISM_EXPECTS(options.weights.empty() || options.weights.size() == nw, "pluralism.overton.weights",
                    "overton_coverage: " + std::to_string(options.weights.size()) + " weights for " +
                        std::to_string(nw) + " window answers");
  overton_score s;
  s.window = nw;
  s.responses = nr;
  s.best.assign(nw, 0.0);
  std::size_t ri = 0;
  for (const auto& r : responses) {
    bool entails = false;
    std::size_t wi = 0;
    for (const auto& w : window) {
      const double p = detail::checked_entailment(static_cast<double>(model.entailment(r, w)), ri, wi);
      s.best[wi] = std::max(s.best[wi], p);
      entails = entails || p >= options.threshold;
      ++wi;
    }
    s.entailing += entails ? 1 : 0;
    ++ri;
  }
  double wsum = 0.0, wcov = 0.0, soft = 0.0;
  for (std::size_t w = 0; w < nw; ++w) {
    const bool cov = nr > 0 && s.best[w] >= options.threshold;
    s.covered += cov ? 1 : 0;
    soft += s.best[w];
    const double weight = options.weights.empty() ? 1.0 : options.weights[w];
    if (!(weight >= 0.0 && std::isfinite(weight)))
      PLURALISM_THROW(data_error, "pluralism.overton.weight",
                      "overton_coverage: weights[" + std::to_string(w) + "] = " + detail::to_text(weight) +
                          " is not a finite weight >= 0");
    wsum += weight;
    wcov += cov ? weight : 0.0;
  }
  if (!(wsum > 0.0)) PLURALISM_THROW(data_error, "pluralism.overton.weight", "overton_coverage: every weight is 0");
  s.coverage = wcov / wsum;
  s.precision = nr == 0 ? 0.0 : static_cast<double>(s.entailing) / static_cast<double>(nr);
  s.f1 = detail::harmonic(s.coverage, s.precision);
  s.soft_coverage = soft / static_cast<double>(nw);
  return s;
}

/// The single synthesised-response case: one response that should present the whole window (coverage = share
/// of the window it entails; precision is 1 if it entails any answer, else 0).
template <class Model, std::ranges::forward_range Window, class Response>
  requires entailment_model<Model, Response, std::ranges::range_value_t<Window>>
overton_score overton_coverage_single(const Model& model, const Window& window, const Response& response,
                                      const overton_options& options = {}) {
  const std::vector<Response> one{response};
  return overton_coverage(model, window, one, options);
}

/// Overton scores over many queries, with micro and macro averages.
struct overton_summary {
  std::vector<overton_score> queries;
  double micro_coverage = 0.0;   ///< sum covered / sum |W| (unweighted)
  double micro_precision = 0.0;  ///< sum entailing / sum |R| (0 when no query has responses)
  double micro_f1 = 0.0;         ///< harmonic mean of the two micro averages
  double macro_coverage = 0.0;   ///< mean of per-query coverage
  double macro_precision = 0.0;  ///< mean of per-query precision
  double macro_f1 = 0.0;         ///< mean of per-query F1
  double macro_soft_coverage = 0.0;
  /// Share of queries whose soft coverage exceeds `soft_threshold` (Modular Pluralism's accuracy at 0.33).
  [[nodiscard]] double share_soft_above(double soft_threshold) const {
    std::size_t n = 0;
    for (const auto& q : queries) n += q.soft_coverage > soft_threshold ? 1 : 0;
    return queries.empty() ? 0.0 : static_cast<double>(n) / static_cast<double>(queries.size());
  }
};

/// `overton_coverage` for every query: `windows[q]` and `responses[q]` are query q's window and responses.
/// Window weights belong to one query's window, so the batch takes none: for weighted coverage call
/// `overton_coverage` per query with that query's weights.
/// @throws precondition_error `[pluralism.overton.size]` when the two ranges differ in length, `.empty` when
///         there is no query, `.weights` when `options.weights` is not empty, and the errors of
///         `overton_coverage` (naming the query).
template <class Model, std::ranges::forward_range Windows, std::ranges::forward_range ResponseSets>
overton_summary overton_coverage_batch(const Model& model, const Windows& windows, const ResponseSets& responses,
                                       const overton_options& options = {}) {
  const auto nq = static_cast<std::size_t>(std::ranges::distance(windows));
  PLURALISM_EXPECTS(nq == static_cast<std::size_t>(std::ranges::distance(responses)), "pluralism.overton.size",
                    "overton_coverage_batch: " + std::to_string(nq) + " windows but " +
                        std::to_string(std::ranges::distance(responses)) + " response sets");
  PLURALISM_EXPECTS(nq > 0, "pluralism.overton.empty", "overton_coverage_batch: no queries");
  PLURALISM_EXPECTS(options.weights.empty(), "pluralism.overton.weights",
                    "overton_coverage_batch: " + std::to_string(options.weights.size()) +
                        " weights given, but weights belong to one query's window: call overton_coverage per "
                        "query with that query's weights");
  overton_summary out;
  out.queries.reserve(nq);
  const overton_options per_query{options.threshold, {}};
  auto rit = std::ranges::begin(responses);
  std::size_t sw = 0, sc = 0, sr = 0, se = 0, q = 0;
  for (const auto& w : windows) {
    try {
      out.queries.push_back(overton_coverage(model, w, *rit, per_query));
    } catch (const precondition_error& e) {
      PLURALISM_THROW(precondition_error, e.id(), detail::in_query(q, e));
    } catch (const data_error& e) {
      PLURALISM_THROW(data_error, e.id(), detail::in_query(q, e));
    }
    const auto& s = out.queries.back();
    sw += s.window;
    sc += s.covered;
    sr += s.responses;
    se += s.entailing;
    out.macro_coverage += s.coverage;
    out.macro_precision += s.precision;
    out.macro_f1 += s.f1;
    out.macro_soft_coverage += s.soft_coverage;
    ++rit;
    ++q;
  }
  const double n = static_cast<double>(nq);
  out.macro_coverage /= n;
  out.macro_precision /= n;
  out.macro_f1 /= n;
  out.macro_soft_coverage /= n;
  out.micro_coverage = static_cast<double>(sc) / static_cast<double>(sw);
  out.micro_precision = sr == 0 ? 0.0 : static_cast<double>(se) / static_cast<double>(sr);
  out.micro_f1 = detail::harmonic(out.micro_coverage, out.micro_precision);
  return out;
}

}  // namespace pluralism
