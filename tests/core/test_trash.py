"""The recycle bin: restore, delete for good (files no other assessment uses go too, the purge
log keeps the trail), finished records kept; the same through the CLI."""
from __future__ import annotations

import shutil

import pytest

from egov_desktop.domain import Agency, Evidence
from egov_desktop.errors import UserError
from tests.fixtures.db.helpers import FRAMEWORKS, filled, open_workspace


@pytest.fixture
def ws(tmp_path):
    w = open_workspace(tmp_path / "db")
    yield w
    w.close()


def _attach(ws, aid, path, indicator="plan_date"):
    return ws.add_evidence(aid, indicator, Evidence("12/QĐ-UBND", "2025-03-01", "Kế hoạch"), file=str(path))


def test_purge_deletes_for_good_and_keeps_files_others_use(ws, tmp_path):
    shared, own = tmp_path / "chung.pdf", tmp_path / "rieng.pdf"
    shared.write_bytes(b"%PDF shared scan" * 50)
    own.write_bytes(b"%PDF own scan" * 50)
    a = filled(ws)
    b = filled(ws, Agency("Xã B", "commune"), "2025")
    shared_sha = _attach(ws, a, shared).evidence.sha256
    own_sha = _attach(ws, a, own).evidence.sha256
    _attach(ws, b, shared)
    with pytest.raises(UserError) as refused:
        ws.purge_deleted(a)  # not in the bin: refused
    assert "thùng rác" in refused.value.describe("vi") and "recycle bin" in refused.value.describe("en")
    ws.delete(a)
    done = ws.purge_deleted(a)
    assert done.deleted == (a,) and done.files_removed == 1
    assert ws.evidence_file(own_sha) is None          # only this one used it
    assert ws.evidence_file(shared_sha) is not None   # b still uses it
    assert [x.id for x in ws.list_assessments(include_deleted=True)] == [b]
    with pytest.raises(UserError):
        ws.get(a)
    log = ws.purge_log()
    assert len(log) == 1 and log[0]["assessment_id"] == a and log[0]["agency"] == "Xã Quảng Bình"
    assert log[0]["action"] == "purge" and own_sha in log[0]["files"]
    assert [e["action"] for e in log[0]["trail"]][:1] == ["create"] and log[0]["trail"][-1]["action"] == "delete"


def test_empty_trash_keeps_finished_records_and_restore_brings_back(ws):
    draft = filled(ws)
    done = filled(ws, Agency("Xã B", "commune"), "2025")
    ws.finalise(done)
    kept = filled(ws, Agency("Xã C", "commune"), "2025")
    for aid in (draft, done):
        ws.delete(aid)
    with pytest.raises(UserError) as refused:
        ws.purge_deleted(done)
    assert "đã hoàn tất" in refused.value.describe("vi")
    result = ws.purge_deleted()
    assert result.deleted == (draft,) and result.kept == (done,)
    assert [x.id for x in ws.list_assessments(deleted_only=True)] == [done]
    restored = ws.restore_deleted(done)
    assert not restored.deleted and restored.status == "finalised"
    assert sorted(x.id for x in ws.list_assessments()) == sorted([done, kept])
    assert [e.action for e in ws.audit_trail(done)][-2:] == ["delete", "restore"]


def test_cli_delete_restore_purge(_isolated_data_dir, capsys):
    from egov_desktop.cli import main

    (_isolated_data_dir / "frameworks").mkdir(parents=True, exist_ok=True)
    shutil.copy(FRAMEWORKS / "mini.yaml", _isolated_data_dir / "frameworks" / "mini.yaml")
    with open_workspace(_isolated_data_dir, daily_backup=False) as w:
        a, b = filled(w), filled(w, Agency("Xã B", "commune"), "2025")
    assert main(["assessment", "delete", str(a)]) == 0
    assert main(["assessment", "delete", str(b)]) == 0
    assert main(["assessment", "restore", str(a)]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out
    assert main(["assessment", "list", "--deleted"]) == 0
    listing = capsys.readouterr().out
    assert "Xã B" in listing and "Xã Quảng Bình" not in listing and "Đang nhập" in listing and "draft" not in listing
    assert main(["assessment", "purge", str(a)]) == 2  # not in the bin: a message, not a traceback
    assert "thùng rác" in capsys.readouterr().err
    assert main(["assessment", "purge", "--all"]) == 0
    assert "1 bản" in capsys.readouterr().out
    with open_workspace(_isolated_data_dir, daily_backup=False) as w:
        assert [x.id for x in w.list_assessments(include_deleted=True)] == [a]
