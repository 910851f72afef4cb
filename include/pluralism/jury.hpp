// SPDX-License-Identifier: MIT
#pragma once

/// @file jury.hpp
/// @brief Jury learning (Gordon et al., "Jury Learning: Integrating Dissenting Voices into Machine Learning
/// Models", CHI 2022): compose a jury from juror sheets, draw matching annotators, predict each juror's
/// rating, re-sample many parallel juries, and report the median verdict with its distribution and
/// uncertainty; conditional juries, counterfactual juries, and any single jury re-drawn to explain it.
///
/// @code
/// #include <pluralism/jury.hpp>
/// namespace pl = pluralism;
/// auto pop   = pl::make_synthetic_population();                       // or pl::io::read_annotations(...)
/// auto jury  = pl::composition{pl::sheet{pl::attr("politics") == "liberal", 6},
///                              pl::sheet{pl::attr("parent") == "yes" && pl::attr("education") == "HS", 6}};
/// auto model = pl::models::group_mean(pop.data);
/// auto v     = pl::convene(jury, model, pop.data, 0, {.threshold = 2.0, .seed = 42, .yes = "toxic", .no = "not toxic"});
/// std::cout << v << '\n';
/// for (auto& flip : pl::counterfactual_juries(jury, model, pop.data, 0, {.threshold = 2.0})) std::cout << flip << '\n';
/// @endcode
/// CSV annotation tables (`io::read_annotations`) come with it; the Eigen factor model is
/// `pluralism/jury/factor_model.hpp` (component `pluralism::eigen`).

// IWYU pragma: begin_exports
#include "io.hpp"
#include "jury/annotations.hpp"
#include "jury/benchmark.hpp"
#include "jury/composition.hpp"
#include "jury/convene.hpp"
#include "jury/counterfactual.hpp"
#include "jury/draw.hpp"
#include "jury/explain.hpp"
#include "jury/holdout.hpp"
#include "jury/models.hpp"
#include "jury/pools.hpp"
#include "jury/predicate.hpp"
#include "jury/summary.hpp"
#include "jury/synthetic.hpp"
#include "jury/verdict.hpp"
// IWYU pragma: end_exports
