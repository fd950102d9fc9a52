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


EXAMPLES = sorted((ROOT / "examples").glob("*.egov.json"))


def test_scores_every_example_like_the_source(frozen):
    assert EXAMPLES, "no examples/*.egov.json"
    for path in EXAMPLES:
        result = json.loads(ok(frozen("score", str(path), "--json")))
        assert result == json.loads(source_cli("score", str(path), "--json")), path.name
        assert 0 <= result["total"] <= 1


@pytest.fixture(scope="module")
def report_pdf(frozen, sandbox) -> Path:
    """The PDF report (ReportLab, embedded fonts, chart) of the first example."""
    target = sandbox / "bao-cao.pdf"
    ok(frozen("report", str(EXAMPLES[0]), "--output", str(target)))
    return target


def test_report_pdf_has_the_vietnamese_text(report_pdf):
    from pypdf import PdfReader

    text = " ".join((page.extract_text() or "") for page in PdfReader(report_pdf).pages)
    agency = json.loads(EXAMPLES[0].read_text(encoding="utf-8"))["agency"]["name"]
    assert " ".join(agency.split()) in " ".join(text.split())


def test_province_imports_and_ranks(frozen, sandbox):
    """The province side: import received files (SQLite store, Alembic migrations) and rank."""
    finalised = [p for p in EXAMPLES if json.loads(p.read_text(encoding="utf-8"))["status"] != "draft"]
    assert finalised, "no finalised example to import"
    ok(frozen("import", *map(str, finalised)))
    example = json.loads(finalised[0].read_text(encoding="utf-8"))
    ranking = sandbox / "xep-hang.xlsx"
    # not yet reviewed by the province: ranked on request only (and marked)
    ok(frozen("rank", "--framework", example["framework"]["id"], "--period", example["period"],
              "--include-pending", "--output", str(ranking)))
    from openpyxl import load_workbook

    cells = [str(c.value) for row in load_workbook(ranking, read_only=True).active.iter_rows() for c in row]
    assert any(example["agency"]["name"] in c for c in cells)


def test_signs_with_a_p12_file_and_a_token_and_the_province_sees_the_signer(frozen, sandbox):
    """Ký số from the frozen program (pyHanko, python-pkcs11 bundled): a .p12 file and, where
    SoftHSM2 is installed, a token; the province's import checks both against the test root."""
    from tests.core.signing_samples import KEY_LABEL, PIN, SIGNER_CN, TOKEN_LABEL, make_ca, make_token, softhsm_module

    finalised = [p for p in EXAMPLES if json.loads(p.read_text(encoding="utf-8"))["status"] != "draft"]
    ca = make_ca(sandbox / "ca")
    secret = sandbox / "p12.txt"
    secret.write_text(ca.passphrase, encoding="utf-8")
    signed = [sandbox / "ky-so-p12.pdf"]
    ok(frozen("report", str(finalised[0]), "-o", str(signed[0]), "--sign-p12", str(ca.p12),
              "--p12-passphrase-file", str(secret)))
    env = {}
    if softhsm_module():
        class Env:
            def setenv(self, key, value):
                env[key] = value
        module = make_token(sandbox / "hsm", ca, Env())
        pin = sandbox / "pin.txt"
        pin.write_text(PIN, encoding="utf-8")
        signed.append(sandbox / "ky-so-token.pdf")
        ok(frozen("report", str(finalised[-1]), "-o", str(signed[1]), "--sign-pkcs11", module,
                  "--token-label", TOKEN_LABEL, "--key-label", KEY_LABEL, "--pin-file", str(pin), **env))
    out = ok(frozen("import", "--db", f"sqlite:///{sandbox / 'ky-so.sqlite'}", *map(str, signed),
                    "--trusted-roots", str(ca.root_pem.parent)))
    assert out.count(SIGNER_CN) == len(signed) and "Cảnh báo" not in out


def test_main_window_opens_and_quits(frozen):
    result = frozen("--lang", "vi", timeout=120, EGOV_DESKTOP_QUIT_AFTER_SHOW="1")
    shown = [line for line in ok(result).splitlines() if line.startswith("window shown:")]
    assert shown and "egov-desktop" in shown[0] and shown[0].endswith("visible=True"), result.stdout


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
