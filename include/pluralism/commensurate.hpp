// SPDX-License-Identifier: MIT
#pragma once

/// @file commensurate.hpp
/// @brief Commensurating functions (welfare functions and scalarisers behind one concept with declared
/// properties), normalisation, and trade-off steerability.

#include "commensurate/concept.hpp"
#include "commensurate/functions.hpp"
#include "commensurate/normalize.hpp"
#include "commensurate/steerability.hpp"
