#!/usr/bin/env bash
# Build the frozen one-folder program and the portable zip, then check the bundle.
# Usage: bash installer/build.sh
# Output: dist/egov-desktop/ (the program folder: what the Windows installer packs)
#         dist/egov-desktop-<version>-linux-<arch>-portable.zip (with portable.txt: data beside the program)
# The build tools live in their own venv (installer/.build-venv) with only the runtime
# dependencies, so nothing from the test environment ends up in the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

venv=installer/.build-venv
py=$venv/bin/python
if [ ! -x "$py" ]; then
  python3 -m venv "$venv"
fi
"$py" -m pip install -q --upgrade pip
# Runtime dependencies exactly as pyproject.toml lists them (no test extra).
"$py" - <<'PY' > "$venv/runtime-requirements.txt"
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))
PY
"$py" -m pip install -q -r "$venv/runtime-requirements.txt" -r installer/build-requirements.txt

version=$(PYTHONPATH=. "$py" -c "import scoring; print(scoring.__version__)")
rm -rf dist/egov-desktop build/pyinstaller build/portable
PYTHONPATH=. "$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/egov-desktop.spec

# Fail loudly if anything the program opens at run time did not make it into the bundle.
"$py" installer/check_bundle.py dist/egov-desktop

# The portable zip: the same folder plus the marker that keeps data beside the program.
arch=$(uname -m)
portable=egov-desktop-$version-linux-$arch-portable
mkdir -p build/portable
cp -a dist/egov-desktop "build/portable/egov-desktop"
cp installer/portable.txt build/portable/egov-desktop/portable.txt
rm -f "dist/$portable.zip"
"$py" - build/portable "dist/$portable.zip" <<'PY'
import sys, zipfile
from pathlib import Path
root, target = Path(sys.argv[1]), sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
    for path in sorted(root.rglob("*")):
        zf.write(path, path.relative_to(root).as_posix())   # keeps the executable bit
PY
rm -rf build/portable

folder_kb=$(du -sk dist/egov-desktop | cut -f1)
zip_kb=$(( $(stat -c %s "dist/$portable.zip") / 1024 ))
echo "build: egov-desktop $version in $(( $(date +%s) - start )) s;" \
     "folder dist/egov-desktop $((folder_kb / 1024)) MB, zip dist/$portable.zip $((zip_kb / 1024)) MB"
