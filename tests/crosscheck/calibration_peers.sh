#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# torchmetrics / netcal parity of `pluralism calibration --preset torchmetrics|netcal` (needs PyPI once; torch is
# a large download). Usage: bash tests/crosscheck/calibration_peers.sh [path/to/pluralism]
#   (default build/dev/examples/pluralism)
set -euo pipefail
cd "$(dirname "$0")/../.."
cli="${1:-build/dev/examples/pluralism}"
venv="${PLURALISM_CALIBRATION_VENV:-/tmp/pluralism-calibration-venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import torch, torchmetrics, netcal" 2>/dev/null ||
  "$venv/bin/pip" install -q numpy torch torchmetrics netcal
"$venv/bin/python" -c "import torch, torchmetrics, netcal, numpy; print('torch', torch.__version__, 'torchmetrics', torchmetrics.__version__, 'netcal', netcal.__version__, 'numpy', numpy.__version__)"
"$venv/bin/python" tests/crosscheck/calibration_peers.py "$(realpath "$cli")"
