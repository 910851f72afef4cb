// SPDX-License-Identifier: MIT
// The small_sort tests again on its plain-double path: what a compiler without the GNU vector extensions
// (or a target without SSE2/AVX min/max) compiles.
#define PLURALISM_SMALL_SORT_PORTABLE
#include "small_sort.test.cpp"
