// SPDX-License-Identifier: MIT
#pragma once

/// @file pareto.hpp
/// @brief Multi-objective leaderboards: dominance, the non-dominated filter, non-dominated sorting,
/// crowding distance, hypervolume (and per-point contributions) and the Pareto leaderboard.

#include "pareto/dominance.hpp"
#include "pareto/filter.hpp"
#include "pareto/objectives.hpp"
#include "pareto/options.hpp"
#include "pareto/ranks.hpp"
#include "pareto/crowding.hpp"
#include "pareto/hypervolume.hpp"
#include "pareto/leaderboard.hpp"
