// SPDX-License-Identifier: MIT
#pragma once

/// @file version.hpp
/// @brief The library version; CMake reads these three lines for the package version.

#define PLURALISM_VERSION_MAJOR 0
#define PLURALISM_VERSION_MINOR 1
#define PLURALISM_VERSION_PATCH 0
#define PLURALISM_VERSION (PLURALISM_VERSION_MAJOR * 10000 + PLURALISM_VERSION_MINOR * 100 + PLURALISM_VERSION_PATCH)
