// SPDX-License-Identifier: MIT
#pragma once

/// @file divergence.hpp
/// @brief Distributional pluralism: how far a model's answer distribution is from a population's.
///
/// KL (with an explicit zero/smoothing policy), Jensen-Shannon divergence and distance (caller-chosen base),
/// total variation, Hellinger, chi-square, Renyi, 1-Wasserstein on ordinal positions, OpinionQA
/// representativeness and GlobalOpinionQA similarity; for a pair of vectors, keyed distributions (union of
/// labels) and row-wise over questions x options matrices; plus group distributions, mixtures and
/// post-stratification. Formulas and the relation to scipy: divergence/pair.hpp.
/// @code
/// std::vector<double> model{0.2, 0.5, 0.3}, people{0.1, 0.6, 0.3};
/// double d  = pl::js_distance(model, people, {.base = 2});        // in [0, 1]
/// double tv = pl::total_variation(model, people);
/// double r  = pl::representativeness(model, people);              // 1 - W1 / 2 on positions 0, 1, 2
/// auto rows = pl::divergence_rows(pl::divergence_metric::kl, P, Q, {.zeros = pl::zero_policy::smooth, .smoothing = 1e-6});
/// @endcode

// IWYU pragma: begin_exports
#include "divergence/batch.hpp"
#include "divergence/options.hpp"
#include "divergence/pair.hpp"
#include "divergence/population.hpp"
// IWYU pragma: end_exports
