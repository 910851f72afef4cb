#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scipy / scikit-learn parity of `pluralism divergence` and `pluralism calibration` (needs PyPI once).
# Usage: bash tests/crosscheck/divergence_scipy.sh [path/to/pluralism]   (default build/dev/examples/pluralism)
set -euo pipefail
cd "$(dirname "$0")/../.."
cli="${1:-build/dev/examples/pluralism}"
venv="${PLURALISM_CROSSCHECK_VENV:-/tmp/pluralism-crosscheck-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q numpy scipy scikit-learn
fi
"$venv/bin/python" -c "import scipy, sklearn, numpy; print('scipy', scipy.__version__, 'scikit-learn', sklearn.__version__, 'numpy', numpy.__version__)"
"$venv/bin/python" tests/crosscheck/divergence_scipy.py "$(realpath "$cli")"
