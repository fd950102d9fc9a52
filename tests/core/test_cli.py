"""The command line as a user meets it: messages, exit codes, never a traceback."""
import json
import subprocess
import sys

import pytest

from egov_desktop.cli import main
from egov_desktop.domain import Agency, Answer, AssessmentData
from egov_desktop.exchange import assessment_file

GOOD = """
id: mini
version: "1"
title: {vi: Bộ chỉ số thử nghiệm, en: Trial set}
pillars:
  - id: ha_tang
    title: {vi: Hạ tầng, en: Infrastructure}
    indicators:
      - {id: staff, label: Số cán bộ, type: integer, min: 1}
      - {id: computers, label: Số máy tính, type: integer, min: 0,
         scoring: {rule: ratio, denominator: "${staff}", max_points: 10}}
bands:
  - {min: 0, label: {vi: Yếu, en: Weak}}
  - {min: 0.8, label: {vi: Tốt, en: Good}}
"""


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert "egov-desktop 0.1.0" in capsys.readouterr().out


def test_frameworks_check_accepts_a_good_file(tmp_path, capsys):
    f = tmp_path / "mini.yaml"
    f.write_text(GOOD, encoding="utf-8")
    assert main(["frameworks", "check", str(f)]) == 0
    assert "Hợp lệ: mini" in capsys.readouterr().out


@pytest.mark.parametrize("content,expected", [
    (GOOD.replace('"${staff}"', '"${staf}"'), "mini.yaml: pillars[0] (ha_tang).indicators[1] (computers), scoring.denominator"),
    (GOOD.replace("type: integer, min: 0", "type: integr, min: 0"), "indicators[1] (computers), type"),
    ("id: [unclosed\n", "dòng"),
    ("a: &x [1, 2]\nb: [*x, *x, *x]\n", "bí danh"),
    ("- just\n- a list\n", "không chứa một bộ tiêu chí"),
    ("", "không chứa một bộ tiêu chí"),
])
def test_frameworks_check_lists_problems_with_their_place(tmp_path, capsys, content, expected):
    f = tmp_path / "mini.yaml"
    f.write_text(content, encoding="utf-8")
    assert main(["frameworks", "check", str(f)]) == 1
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err


def test_frameworks_check_binary_and_missing_files(tmp_path, capsys):
    f = tmp_path / "junk.yaml"
    f.write_bytes(b"\xff\xfe\x00garbage\x81")
    assert main(["frameworks", "check", str(f)]) == 1
    assert "junk.yaml" in capsys.readouterr().err
    assert main(["frameworks", "check", str(tmp_path / "none.yaml")]) == 1
    assert "none.yaml" in capsys.readouterr().err


def test_billion_laughs_is_refused_quickly(tmp_path, capsys):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]")
    f = tmp_path / "bomb.yaml"
    f.write_text("\n".join(lines), encoding="utf-8")
    assert main(["frameworks", "check", str(f)]) == 1
    assert "bomb.yaml" in capsys.readouterr().err


def test_english_messages(tmp_path, capsys):
    f = tmp_path / "mini.yaml"
    f.write_text(GOOD.replace('"${staff}"', '"${staf}"'), encoding="utf-8")
    assert main(["--lang", "en", "frameworks", "check", str(f)]) == 1
    assert "Reference to unknown indicator ${staf}" in capsys.readouterr().err


def _assessment(tmp_path, answers):
    fw = tmp_path / "mini.yaml"
    fw.write_text(GOOD, encoding="utf-8")
    a = AssessmentData("mini", "1", "", Agency("UBND xã Đồng Trạch", "commune"), "2025",
                       {k: Answer(v) for k, v in answers.items()})
    return fw, assessment_file.write(a, tmp_path / "a.egov.json")


def test_score_prints_pillars_total_band_and_problems(tmp_path, capsys):
    fw, f = _assessment(tmp_path, {"staff": 25, "computers": 20})
    assert main(["score", str(f), "--framework", str(fw)]) == 0
    out = capsys.readouterr().out
    assert "UBND xã Đồng Trạch" in out and "Hạ tầng" in out and "Tổng: 0,8 (8 / 10 điểm)" in out and "Tốt" in out
    fw, f = _assessment(tmp_path, {"computers": 20})
    assert main(["score", str(f), "--framework", str(fw), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["problems"][0]["indicator"] == "staff" and data["problems"][0]["level"] == "error"


def test_score_refuses_an_altered_file(tmp_path, capsys):
    fw, f = _assessment(tmp_path, {"staff": 25, "computers": 20})
    f.write_text(f.read_text(encoding="utf-8").replace('"value": 20', '"value": 25'), encoding="utf-8")
    assert main(["score", str(f), "--framework", str(fw)]) == 2
    err = capsys.readouterr().err
    assert "a.egov.json" in err and "mã băm" in err


def test_score_a_broken_assessment_file(tmp_path, capsys):
    f = tmp_path / "broken.egov.json"
    f.write_text('{"format": "egov-assessment", "format_version": 1, "answers": [', encoding="utf-8")
    assert main(["score", str(f)]) == 2
    err = capsys.readouterr().err
    assert "broken.egov.json" in err and "dòng 1" in err


def test_data_dir_option_and_environment_keep_data_where_told(tmp_path):
    from egov_desktop import paths
    target = tmp_path / "elsewhere"
    main(["--data-dir", str(target), "frameworks", "list"])
    assert paths.data_dir() == target.resolve() and target.is_dir()


def test_console_script_runs_without_traceback(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("id: x\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "ui.main", "frameworks", "check", str(f)],
                       capture_output=True, text=True, encoding="utf-8")
    assert p.returncode == 1 and "bad.yaml" in p.stderr and "Traceback" not in p.stderr
