#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The README names Clang 14 as the oldest Clang: every unit test, example and static check must compile with
# the clang++ on PATH (Debian's is 14), syntax only, warnings as errors. GCC builds and runs them in the dev
# preset; this catches what only Clang rejects (a structured binding captured by a lambda, before Clang 16).
#   bash tests/static/clang.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(clang++ --version | head -1)
flags=(-std=c++20 -fsyntax-only -Wall -Wextra -Werror -Itests -Iinclude -isystem /usr/include/eigen3
       '-DPLURALISM_SHARED_DATA="../shared/data"')
# Catch2's header is a third of a test's time: parsed once, into a precompiled header.
pch=$(mktemp -d)/catch.hpp.pch
trap 'rm -rf "$(dirname "$pch")"' EXIT
clang++ -std=c++20 -x c++-header tests/catch.hpp -o "$pch"
# xargs runs clang++ itself (no shell, so the flags keep their quoting) and exits non-zero if any run failed.
ok=1
printf '%s\n' tests/unit/*.test.cpp | xargs -P "$(nproc)" -n 1 clang++ "${flags[@]}" -include-pch "$pch" || ok=0
printf '%s\n' examples/*.cpp tests/static/*.cpp | xargs -P "$(nproc)" -n 1 clang++ "${flags[@]}" || ok=0
if [ "$ok" = 1 ]; then
  echo "every test and example compiles with $version"
else
  echo "some file does not compile with $version (see above)"
  exit 1
fi
