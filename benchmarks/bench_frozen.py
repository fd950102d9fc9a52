"""Size and start time of the frozen build (run `bash installer/build.sh` first).

Usage: .venv/bin/python benchmarks/bench_frozen.py [dist/egov-desktop]
Start time is wall time to exit, bare environment, median of 5: `--version` (the CLI path) and
the main window shown on the offscreen platform then quit (EGOV_DESKTOP_QUIT_AFTER_SHOW),
against the same window started from the source checkout.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(cmd: list[str], env: dict[str, str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    app = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "egov-desktop")
    size = sum(p.stat().st_size for p in app.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"frozen folder: {size / 2**20:.0f} MB")
    for z in sorted((ROOT / "dist").glob("egov-desktop-*-portable.zip")):
        print(f"{z.name}: {z.stat().st_size / 2**20:.0f} MB")
    with tempfile.TemporaryDirectory() as home:
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
        exe = str(app / "egov-desktop")
        print(f"--version: {median_seconds([exe, '--version'], env):.2f} s")
        gui = dict(env, EGOV_DESKTOP_QUIT_AFTER_SHOW="1")
        print(f"main window, frozen: {median_seconds([exe, '--data-dir', home + '/f'], gui):.2f} s")
        src = [sys.executable, "-m", "ui", "--data-dir", home + "/s"]
        print(f"main window, source: {median_seconds(src, dict(gui, PYTHONPATH=str(ROOT))):.2f} s")


if __name__ == "__main__":
    main()
