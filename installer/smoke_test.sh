#!/usr/bin/env bash
# Smoke-test the frozen build that installer/build.sh made: the program, unpacked from the
# portable zip into a temporary folder and started with a bare environment (no Python, no
# venv), prints its version, lists the built-in frameworks, scores assessments exactly as the
# source does, writes a PDF report, opens its main window on the offscreen platform and quits,
# and keeps its data beside itself (portable) or in the user's data folder (installed).
# The test driver is tests/test_frozen_build.py, run by the project's venv.
# Usage: bash installer/smoke_test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x dist/egov-desktop/egov-desktop ]; then
  echo "smoke_test: no frozen build in dist/egov-desktop; run: bash installer/build.sh" >&2
  exit 2
fi
zips=(dist/egov-desktop-*-portable.zip)
if [ ! -f "${zips[0]}" ]; then
  echo "smoke_test: no portable zip in dist/; run: bash installer/build.sh" >&2
  exit 2
fi
export EGOV_FROZEN_APP="$PWD/dist/egov-desktop"
export EGOV_PORTABLE_ZIP="$PWD/${zips[0]}"
exec .venv/bin/python -m pytest -q -p no:cacheprovider -rs tests/test_frozen_build.py "$@"
