"""`egov-desktop assessment …` and `egov-desktop db …` as a user runs them."""
import json
import shutil

from egov_desktop.cli import main
from tests.fixtures.db.helpers import FRAMEWORKS, filled, open_workspace


def _install_mini(data_dir):
    (data_dir / "frameworks").mkdir(parents=True, exist_ok=True)
    shutil.copy(FRAMEWORKS / "mini.yaml", data_dir / "frameworks" / "mini.yaml")


def test_assessment_new_list_export_import_round_trip(_isolated_data_dir, tmp_path, capsys):
    _install_mini(_isolated_data_dir)
    assert main(["assessment", "new", "--framework", "mini", "--period", "2025", "--unit", "16543"]) == 0
    assert "Xã Quảng Bình" in capsys.readouterr().out
    with open_workspace(_isolated_data_dir) as ws:
        aid = ws.list_assessments()[0].id
        for k, v in {"staff": 20, "pcs": 18, "lan": "yes", "portal": "own"}.items():
            ws.set_answer(aid, k, v)
        ws.finalise(aid)
        original = ws.get(aid).data
    assert main(["assessment", "list", "quang binh", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in listed] == [aid] and listed[0]["status"] == "finalised"
    out = tmp_path / "a.egov.json"
    assert main(["assessment", "export", str(aid), "-o", str(out)]) == 0
    other = tmp_path / "other"
    other.mkdir()
    _install_mini(other)
    assert main(["--data-dir", str(other), "assessment", "import", str(out)]) == 0
    with open_workspace(other) as ws:
        assert ws.get(ws.list_assessments()[0].id).data == original
    assert main(["--data-dir", str(other), "assessment", "import", str(out)]) == 0
    assert "không nhập lại" in capsys.readouterr().out


def test_bad_input_is_a_message_not_a_traceback(_isolated_data_dir, tmp_path, capsys):
    _install_mini(_isolated_data_dir)
    assert main(["assessment", "new", "--framework", "mini", "--period", "2025", "--unit", "99999"]) == 2
    assert "99999" in capsys.readouterr().err
    bad = tmp_path / "x.egov.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["assessment", "import", str(bad)]) == 2
    assert "x.egov.json" in capsys.readouterr().err
    assert main(["assessment", "export", "42", "-o", str(tmp_path / "y")]) == 2


def test_db_backup_check_and_restore(_isolated_data_dir, capsys):
    _install_mini(_isolated_data_dir)
    with open_workspace(_isolated_data_dir, daily_backup=False) as ws:
        aid = filled(ws)
    assert main(["db", "backup"]) == 0
    backup = capsys.readouterr().out.strip().split("Đã sao lưu vào ", 1)[1]  # the path may hold spaces
    assert main(["db", "check"]) == 0
    db = _isolated_data_dir / "egov-desktop.sqlite"
    db.write_bytes(b"\0" * 8192)                         # destroyed
    for side in ("-wal", "-shm"):
        (_isolated_data_dir / f"egov-desktop.sqlite{side}").unlink(missing_ok=True)
    assert main(["db", "check"]) == 1
    assert "db restore" in capsys.readouterr().err
    assert main(["assessment", "list"]) == 2
    assert main(["db", "restore", backup]) == 0
    with open_workspace(_isolated_data_dir) as ws:
        assert ws.get(aid).data.answers["pcs"].value == 18


def test_a_unit_code_of_a_period_before_the_reform_is_read_in_the_list_of_that_time(_isolated_data_dir, capsys):
    _install_mini(_isolated_data_dir)
    assert main(["assessment", "new", "--framework", "mini", "--period", "2024", "--unit", "00070"]) == 0
    assert "Phường Hàng Trống" in capsys.readouterr().out          # not today's Phường Hoàn Kiếm
    assert main(["assessment", "new", "--framework", "mini", "--period", "2025", "--unit", "00070"]) == 0
    assert "Phường Hoàn Kiếm" in capsys.readouterr().out
    with open_workspace(_isolated_data_dir) as ws:
        agencies = {a.period: (a.agency_name, a.agency_code) for a in ws.list_assessments()}
    assert agencies == {"2024": ("Phường Hàng Trống", "00070"), "2025": ("Phường Hoàn Kiếm", "00070")}
