"""Damage SQLite's own checks do not see: bytes changed inside an overflow page of a long comment.

`db check` reads every row and decodes every text, and checks each finished assessment against
its content hash; reading the assessment says which one is damaged and offers a backup, with a
clear message, never a traceback.
"""
import shutil
import sqlite3

import pytest

from egov_desktop.cli import main
from egov_desktop.services import AssessmentDamaged, check_database
from egov_desktop.storage.integrity import check_file
from tests.fixtures.db.helpers import FRAMEWORKS, filled, open_workspace

MARKER = "ĐÁNH-DẤU-GIỮA-TRANG"
COMMENT = "Số liệu kiểm kê " * 300 + MARKER + " cuối ghi chú" * 100     # several pages long


def _overflow_offset(db, marker: bytes, table: str) -> int:
    """Where `marker` lies in the file inside an overflow page of `table` (found with dbstat)."""
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = {p for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'overflow'",
                                         (table,))}
    conn.close()
    data = db.read_bytes()
    at = data.find(marker)
    while at != -1:
        if at // page_size + 1 in pages:
            return at
        at = data.find(marker, at + 1)
    raise AssertionError("marker not in an overflow page")


@pytest.fixture(autouse=True)
def vietnamese():
    """Problems come in the current language; an earlier test may have left English."""
    from egov_desktop.i18n import language, set_language
    before = language()
    set_language("vi")
    yield
    set_language(before)


@pytest.fixture
def stored(_isolated_data_dir):
    (_isolated_data_dir / "frameworks").mkdir(parents=True, exist_ok=True)
    shutil.copy(FRAMEWORKS / "mini.yaml", _isolated_data_dir / "frameworks" / "mini.yaml")
    with open_workspace(_isolated_data_dir) as ws:
        aid = filled(ws)
        ws.set_comment(aid, "pcs", COMMENT)
        ws.backup()
    return _isolated_data_dir, aid, _isolated_data_dir / "egov-desktop.sqlite"


def _flip(db, new: bytes) -> None:
    marker = MARKER.encode()
    at = _overflow_offset(db, marker, "answers")
    data = bytearray(db.read_bytes())
    data[at:at + len(new)] = new
    db.write_bytes(bytes(data))


def test_undecodable_text_in_an_overflow_page_is_found_by_db_check_and_by_reading(stored, capsys):
    folder, aid, db = stored
    _flip(db, b"\xff\xfe\xff\xfe")
    assert check_file(db) == []                       # the quick start check cannot see it
    problems = check_database(folder)
    assert any("answers" in p and f"đánh giá số {aid}" in p and "Xã Quảng Bình" in p for p in problems), problems
    with open_workspace(folder) as ws:                # the list still opens
        assert ws.list_assessments()[0].id == aid
        with pytest.raises(AssessmentDamaged) as e:
            ws.get(aid)
    said = e.value.describe("vi")
    assert f"Đánh giá số {aid} (Xã Quảng Bình, 2025) bị hỏng" in said and "sao lưu" in said
    assert e.value.backup is not None
    assert "Restore a backup" in e.value.describe("en")
    assert main(["db", "check"]) == 1
    err = capsys.readouterr().err
    assert f"đánh giá số {aid}" in err and "backups" in err and "db restore" in err
    assert main(["assessment", "show", str(aid)]) == 2
    err = capsys.readouterr().err
    assert "bị hỏng" in err and "Traceback" not in err


def test_a_finished_assessment_whose_content_changed_fails_its_hash_when_read(stored, capsys):
    folder, aid, db = stored
    with open_workspace(folder) as ws:
        ws.finalise(aid)
        ws.set_status(aid, "submitted")               # the status moved on: still its own hash
        assert ws.get(aid).data.status == "submitted"
    _flip(db, "ĐÁNH-DẤU-GIỮA-TRANH".encode())        # still valid text, other content
    assert check_file(db, quick=False) == []         # SQLite's own full check sees nothing
    problems = check_database(folder)
    assert len(problems) == 1 and f"Đánh giá số {aid}" in problems[0] and "mã băm" in problems[0]
    with open_workspace(folder) as ws:
        with pytest.raises(AssessmentDamaged, match="hash"):
            ws.get(aid)
    assert main(["db", "check"]) == 1
