#!/usr/bin/env bash
# Install the application into .venv (first time only) and launch it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/egov-desktop ]; then
  python3 -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e .
fi
exec .venv/bin/egov-desktop "$@"
