// SPDX-License-Identifier: MIT
#pragma once

/// @file concepts.hpp
/// @brief Every public concept of the library; a model author includes only this header.

// IWYU pragma: begin_exports
#include "concepts/models.hpp"
#include "concepts/sequence.hpp"
// IWYU pragma: end_exports
