"""A full disk or a file-size limit is named as such, never called damage, and the first start of
a day still opens and reads although its daily backup cannot be made.

Without root the limit is RLIMIT_FSIZE in a child process (POSIX); as root the test also mounts a
small tmpfs and fills it to the last byte.
"""
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from egov_desktop.cli import main
from egov_desktop.services import DatabaseDamaged, check_database
from tests.fixtures.db.helpers import COMPLETE, filled, open_workspace

ROOT = Path(__file__).resolve().parents[2]
DAMAGE_WORDS = ("hỏng", "damaged", "khôi phục", "restore")


def _folder_with_data(folder: Path) -> Path:
    with open_workspace(folder, daily_backup=False) as ws:     # no backup yet today
        aid = filled(ws)
        for ind in ("pcs", "staff", "note"):             # a database of some size
            ws.set_comment(aid, ind, "ghi chú dài " * 800)
    return folder / "egov-desktop.sqlite"


def _limited_start(folder: Path, limit: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, str(ROOT / "tests/fixtures/db/limited_start.py"), str(folder), str(limit)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _no_damage(text: str) -> None:
    assert all(w not in text.lower() for w in DAMAGE_WORDS), text


posix_only = pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")


@posix_only
def test_a_file_size_limit_at_the_first_start_of_a_day_warns_about_the_backup_and_opens(tmp_path):
    db = _folder_with_data(tmp_path / "data")
    limit = db.stat().st_size // 2                   # room for the -shm, not for a backup copy
    assert limit > 40_000
    out = _limited_start(tmp_path / "data", limit)
    assert "error" not in out, out
    assert out["listed"] == 1 and out["pcs"] == COMPLETE["pcs"]
    (vi, en), = out["warnings"]
    assert "Không tạo được bản sao lưu" in vi and "giới hạn kích thước tệp" in vi
    assert "Cannot make the backup" in en and "file size limit" in en
    _no_damage(vi + en)
    assert out["check"][0] == 0 and "toàn vẹn" in out["check"][1]
    assert not list((tmp_path / "data" / "backups").glob("*.part*"))


@posix_only
def test_a_file_size_limit_below_the_shm_is_named_and_the_data_is_still_read(tmp_path):
    _folder_with_data(tmp_path / "data")
    out = _limited_start(tmp_path / "data", 16_000)   # the 32 KB -shm file cannot be made
    assert "error" not in out, out
    assert out["listed"] == 1 and out["pcs"] == COMPLETE["pcs"]   # read without a -shm
    said = " ".join(" ".join(w) for w in out["warnings"])
    assert "chỉ mở để xem" in said and "giới hạn kích thước tệp" in said and "file size limit" in said
    _no_damage(said)
    assert "giới hạn kích thước tệp" in out["write"][0]
    code, text = out["check"]
    assert code == 2 and "giới hạn kích thước tệp" in text
    _no_damage(text)


@pytest.fixture
def full_disk(tmp_path):
    """A 2 MB tmpfs (root only), unmounted afterwards."""
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path) -> None:
    with open(disk / "filler", "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError as e:
            assert e.errno == errno.ENOSPC
    small = 0
    while True:                                        # and the last bytes of the last block
        try:
            (disk / f"crumb{small}").write_bytes(b"\0" * 512)
            small += 1
        except OSError:
            break


def test_a_full_disk_at_the_first_start_of_a_day_opens_for_reading_and_says_the_disk_is_full(full_disk, capsys):
    folder = full_disk / "data"
    _folder_with_data(folder)
    _fill(full_disk)
    with open_workspace(folder) as ws:                  # first start today: no backup can be made
        said = " ".join(w.describe("vi") + " " + w.describe("en") for w in ws.warnings)
        assert "đầy" in said and "full" in said
        _no_damage(said)
        a = ws.list_assessments()[0]
        assert ws.get(a.id).data.answers["pcs"].value == COMPLETE["pcs"]
        with pytest.raises(Exception) as e:
            ws.set_answer(a.id, "pcs", 1)
        assert "đầy" in e.value.describe("vi")
    try:
        check_database(folder)
    except DatabaseDamaged:
        pytest.fail("a full disk called damage")
    except Exception as e:
        assert "đầy" in e.describe("vi")
    assert main(["--data-dir", str(folder), "db", "check"]) in (0, 2)
    captured = capsys.readouterr()
    _no_damage(captured.err)
    assert main(["--data-dir", str(folder), "--lang", "en", "assessment", "list"]) == 0
    assert "disk is full" in capsys.readouterr().err
