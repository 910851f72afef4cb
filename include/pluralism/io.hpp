// SPDX-License-Identifier: MIT
#pragma once

/// @file io.hpp
/// @brief Reading data: an RFC 4180 CSV reader with line-numbered errors, and annotation tables from CSV.
///
/// @code
/// auto data = pluralism::io::read_annotations("ratings.csv",
///     {.item = "comment", .annotator = "worker", .rating = "toxicity"});
/// @endcode

// IWYU pragma: begin_exports
#include "io/annotations.hpp"
#include "io/csv.hpp"
// IWYU pragma: end_exports
