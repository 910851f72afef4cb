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
# xargs runs clang++ itself (no shell, so the flags keep their quoting) and exits non-zero if any run failed.
if printf '%s\n' tests/unit/*.test.cpp examples/*.cpp tests/static/*.cpp | xargs -P "$(nproc)" -n 1 clang++ "${flags[@]}"; then
  echo "every test and example compiles with $version"
else
  echo "some file does not compile with $version (see above)"
  exit 1
fi
