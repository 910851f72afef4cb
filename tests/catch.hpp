// SPDX-License-Identifier: MIT
#pragma once
// The only file that names Catch2 headers: Catch2 2.13 (Debian bookworm) and Catch2 3 (vcpkg, Conan) both
// work. Tests use the v2/v3 common subset: TEST_CASE, SECTION, REQUIRE/CHECK, REQUIRE_THROWS_*,
// REQUIRE_THAT with WithinAbs/WithinRel, Catch::Approx, TEMPLATE_TEST_CASE, STATIC_REQUIRE, GENERATE.
#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>
#else
#include <catch2/catch.hpp>
namespace Catch {
using Detail::Approx;  // v3 spells it Catch::Approx
}
#endif
