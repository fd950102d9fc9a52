"""The frozen build, run as an office PC runs it: only the program folder, no Python, no venv.

Runs when EGOV_FROZEN_APP names the built program folder (dist/egov-desktop) and
EGOV_PORTABLE_ZIP the portable zip; `bash installer/smoke_test.sh` sets both after
`bash installer/build.sh`. Skipped in the ordinary test run.

The program is started with a bare environment (env -i style: PATH=/usr/bin:/bin, a temporary
HOME, nothing from the venv) from the unpacked portable zip, so the test also proves the zip is
complete and that the folder runs wherever it is copied.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

APP_DIR = os.environ.get("EGOV_FROZEN_APP")
PORTABLE_ZIP = os.environ.get("EGOV_PORTABLE_ZIP")
ROOT = Path(__file__).resolve().parent.parent
EXE = "egov-desktop.exe" if sys.platform == "win32" else "egov-desktop"

pytestmark = pytest.mark.skipif(
    not (APP_DIR and PORTABLE_ZIP),
    reason="no frozen build given (bash installer/build.sh && bash installer/smoke_test.sh)")

SMOKE_FRAMEWORK = """\
id: smoke-test
version: "1"
title: {vi: "Bộ kiểm tra bản đóng gói", en: "Frozen build check"}
levels: [commune]
period: {from: 2025-07-01, to: null}
service_levels: decree42
total: {method: points, scale: 100}
bands:
  - {min: 0, label: {vi: Yếu, en: Weak}}
  - {min: 0.7, label: {vi: Khá, en: Fair}}
pillars:
  - id: ha_tang
    title: {vi: Hạ tầng kỹ thuật, en: Technical infrastructure}
    indicators:
      - id: website
        label: {vi: Có cổng thông tin điện tử, en: Has a web portal}
        type: yes_no
        scoring: {rule: yes_no, max_points: 10}
      - id: may_tinh
        label: {vi: Số máy tính, en: Computers}
        type: integer
        min: 0
        scoring: {rule: linear, target: 10, max_points: 10}
"""


def unzip(archive: Path, target: Path) -> None:
    """Extract keeping the executable bits (zipfile.extractall drops them)."""
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            path = Path(zf.extract(info, target))
            mode = info.external_attr >> 16
            if mode and not info.is_dir():
                path.chmod(mode & 0o777)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("frozen")


@pytest.fixture(scope="module")
def portable(sandbox) -> Path:
    """The portable folder, unpacked from the zip somewhere unrelated to the checkout."""
    unzip(Path(PORTABLE_ZIP), sandbox / "usb")
    folder = sandbox / "usb" / "egov-desktop"
    assert (folder / "portable.txt").is_file()
    return folder


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """What a fresh desktop session has: no PYTHON*, no venv, no EGOV_* variables."""
    home.mkdir(parents=True, exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    env.update(extra)
    return env


def run(program: Path, *args: str, home: Path, cwd: Path, timeout: int = 120, **extra: str):
    result = subprocess.run([str(program / EXE), *args], env=bare_env(home, **extra), cwd=cwd,
                            capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    return result


def ok(result) -> str:
    assert result.returncode == 0, f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def frozen(portable, sandbox):
    """Run the portable build with its data in a temporary folder (--data-dir)."""
    data = sandbox / "data"

    def call(*args: str, **kw):
        return run(portable, "--data-dir", str(data), *args, home=sandbox / "home", cwd=sandbox, **kw)
    return call


def source_cli(*args: str) -> str:
    """The same command from the source checkout, to compare results with."""
    result = subprocess.run([sys.executable, "-m", "egov_desktop", *args], cwd=ROOT, capture_output=True,
                            text=True, encoding="utf-8", timeout=120)
    return ok(result)


def test_version(frozen):
    import scoring
    assert ok(frozen("--version")).strip() == f"egov-desktop {scoring.__version__}"


def test_lists_every_builtin_framework(frozen):
    listed = {f["id"] for f in json.loads(ok(frozen("frameworks", "list", "--json")))}
    shipped = {f["id"] for f in json.loads(source_cli("frameworks", "list", "--json")) if f["builtin"]}
    assert shipped <= listed


def test_scores_like_the_source(frozen, sandbox):
    """Every example (or, before there are any, a file made here) scores as from the source."""
    cases = [(p, []) for p in sorted((ROOT / "examples").glob("*.egov.json"))]
    if not cases:
        from egov_desktop.domain import Agency, Answer, AssessmentData
        from egov_desktop.exchange import assessment_file

        framework = sandbox / "smoke.yaml"
        framework.write_text(SMOKE_FRAMEWORK, encoding="utf-8")
        made = assessment_file.write(AssessmentData(
            framework_id="smoke-test", framework_version="1", framework_hash="",
            agency=Agency(name="UBND xã Đồng Hới", level="commune"), period="2025",
            answers={"website": Answer("yes"), "may_tinh": Answer(5)}), sandbox / "smoke.egov.json")
        cases = [(made, ["--framework", str(framework)])]
    for path, extra in cases:
        frozen_result = json.loads(ok(frozen("score", str(path), "--json", *extra)))
        assert frozen_result == json.loads(source_cli("score", str(path), "--json", *extra))
        assert 0 <= frozen_result["total"] <= 1
        if extra:
            assert frozen_result["total"] == pytest.approx(0.75)


def test_report_pdf(frozen, sandbox):
    """The PDF report, fonts and all, is written by the frozen program."""
    if "report" not in ok(frozen("--help")):
        pytest.skip("no `report` command in this build yet")
    examples = sorted((ROOT / "examples").glob("*.egov.json"))
    if not examples:
        pytest.skip("no example assessment to report on yet")
    usage = ok(frozen("report", "--help"))
    out = sandbox / "report-out"
    out.mkdir(exist_ok=True)
    target = out / "bao-cao.pdf"
    option = next((o for o in ("--output", "-o") if o in usage), None)
    args = [str(examples[0]), option, str(target)] if option else [str(examples[0]), str(target)]
    ok(frozen("report", *args))
    pdfs = list(out.rglob("*.pdf"))
    assert pdfs, "the report command wrote no PDF"
    from pypdf import PdfReader
    reader = PdfReader(pdfs[0])
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    agency = json.loads(examples[0].read_text(encoding="utf-8"))["agency"]["name"]
    assert " ".join(agency.split()) in " ".join(text.split())   # Vietnamese text intact


def test_main_window_opens_and_quits(frozen):
    result = frozen("--lang", "vi", timeout=120, EGOV_DESKTOP_QUIT_AFTER_SHOW="1")
    assert "window shown: egov-desktop" in ok(result)
    assert "visible=True" in result.stdout


def test_portable_mode_keeps_data_beside_the_program(portable, sandbox):
    home = sandbox / "home-portable"
    ok(run(portable, "frameworks", "list", home=home, cwd=sandbox))
    assert (portable / "data").is_dir()
    assert not (home / ".local" / "share" / "egov-desktop").exists()


def test_installed_mode_keeps_data_in_the_user_folder(sandbox):
    """Without the marker (as the installer lays it out) data goes to the user's data folder."""
    installed = sandbox / "installed" / "egov-desktop"
    shutil.copytree(APP_DIR, installed, symlinks=True)
    assert not (installed / "portable.txt").exists()
    home = sandbox / "home-installed"
    ok(run(installed, "frameworks", "list", home=home, cwd=sandbox))
    assert (home / ".local" / "share" / "egov-desktop").is_dir()
    assert not (installed / "data").exists()
