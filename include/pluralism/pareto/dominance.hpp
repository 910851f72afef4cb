// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto/dominance.hpp
/// @brief Pareto dominance between two objective vectors, with explicit per-objective senses: weak, plain
/// and strict dominance, additive epsilon dominance, and a four-way comparison.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "../concepts/sequence.hpp"
#include "../contract.hpp"
#include "objectives.hpp"

namespace pluralism {

/// The relation of `a` to `b` under Pareto dominance.
enum class dominance : std::uint8_t {
  dominates,     ///< a is at least as good everywhere and better somewhere
  dominated,     ///< b dominates a
  equal,         ///< a and b are equal in every objective
  incomparable,  ///< each is better somewhere
};

namespace detail::pareto {
/// Walks a and b together: `better` (a better than b + eps somewhere), `worse` (a worse than b - eps somewhere)
/// and `all_better` (a better than b in every objective).
struct compare_flags {
  bool better = false;
  bool worse = false;
  bool all_better = true;
};
template <class A, class B>
compare_flags compare_vectors(const A& a, const B& b, const senses& s, double eps, const char* fn) {
  compare_flags f;
  auto ia = detail::sequence_begin(a);
  auto ea = detail::sequence_end(a);
  auto ib = detail::sequence_begin(b);
  auto eb = detail::sequence_end(b);
  std::size_t j = 0;
  for (; ia != ea && ib != eb; ++ia, ++ib, ++j) {
    const double x = static_cast<double>(*ia);
    const double y = static_cast<double>(*ib);
    PLURALISM_EXPECTS(!std::isnan(x) && !std::isnan(y), "pluralism.pareto.nan",
                      std::string(fn) + ": objective " + std::to_string(j) + " is NaN");
    PLURALISM_EXPECTS(s.empty() || j < s.size(), "pluralism.pareto.senses",
                      std::string(fn) + ": more objectives than the " + std::to_string(s.size()) + " senses given");
    const bool maxi = !s.empty() && s[j] == sense::maximize;
    // Minimisation: a is better in j when x < y (- eps); maximisation mirrors it.
    const double gain = maxi ? x - y : y - x;  // > 0 when a is better
    if (gain + eps > 0) f.better = true;
    if (gain + eps < 0) f.worse = true;
    if (!(gain + eps > 0)) f.all_better = false;
  }
  PLURALISM_EXPECTS(ia == ea && ib == eb, "pluralism.pareto.size",
                    std::string(fn) + ": the two vectors have different lengths (first " + std::to_string(j) +
                        " objectives compared)");
  PLURALISM_EXPECTS(s.empty() || s.size() == j, "pluralism.pareto.senses",
                    std::string(fn) + ": " + std::to_string(s.size()) + " senses for " + std::to_string(j) +
                        " objectives");
  if (j == 0) f.all_better = false;
  return f;
}
}  // namespace detail::pareto

/// Four-way Pareto comparison of `a` with `b`.
/// @param s one sense per objective, or empty to minimise all.
/// @throws precondition_error `[pluralism.pareto.size]` lengths differ; `[pluralism.pareto.senses]` wrong number
///   of senses; `[pluralism.pareto.nan]` a NaN objective.
/// Zero objectives: the vectors are `equal`.
template <arithmetic_sequence A, arithmetic_sequence B>
dominance compare(const A& a, const B& b, const senses& s = {}) {
  const auto f = detail::pareto::compare_vectors(a, b, s, 0.0, "pareto compare");
  if (f.better && !f.worse) return dominance::dominates;
  if (f.worse && !f.better) return dominance::dominated;
  if (!f.better && !f.worse) return dominance::equal;
  return dominance::incomparable;
}

/// `a` weakly dominates `b`: at least as good in every objective (true for equal vectors).
/// Throws as `compare`.
template <arithmetic_sequence A, arithmetic_sequence B>
bool weakly_dominates(const A& a, const B& b, const senses& s = {}) {
  return !detail::pareto::compare_vectors(a, b, s, 0.0, "weakly_dominates").worse;
}

/// `a` dominates `b`: at least as good in every objective and better in one. Throws as `compare`.
template <arithmetic_sequence A, arithmetic_sequence B>
bool dominates(const A& a, const B& b, const senses& s = {}) {
  const auto f = detail::pareto::compare_vectors(a, b, s, 0.0, "dominates");
  return f.better && !f.worse;
}

/// `a` strictly dominates `b`: better in every objective (false with zero objectives). Throws as `compare`.
template <arithmetic_sequence A, arithmetic_sequence B>
bool strictly_dominates(const A& a, const B& b, const senses& s = {}) {
  return detail::pareto::compare_vectors(a, b, s, 0.0, "strictly_dominates").all_better;
}

/// Additive epsilon dominance: `a` shifted by `eps` towards better weakly dominates `b`, that is
/// a_j - eps <= b_j for minimised and a_j + eps >= b_j for maximised objectives (Zitzler et al. 2003).
/// @throws precondition_error `[pluralism.pareto.epsilon]` when eps is NaN; otherwise as `compare`.
template <arithmetic_sequence A, arithmetic_sequence B>
bool epsilon_dominates(const A& a, const B& b, double eps, const senses& s = {}) {
  PLURALISM_EXPECTS(!std::isnan(eps), "pluralism.pareto.epsilon", "epsilon_dominates: eps is NaN");
  return !detail::pareto::compare_vectors(a, b, s, eps, "epsilon_dominates").worse;
}

}  // namespace pluralism
