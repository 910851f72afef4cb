// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/annotations.hpp
/// @brief An annotation data set: who the annotators are, what the items are, and who rated what.

#include "attribute_table.hpp"
#include "rating_store.hpp"

namespace pluralism {

/// Annotators (with attributes), items (with optional item columns) and the sparse ratings between them.
/// Rating entries index rows of `annotators` and `items`.
struct annotations {
  attribute_table annotators;
  attribute_table items;
  rating_store ratings;
};

}  // namespace pluralism
