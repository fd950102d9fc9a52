"""Relative (UN-style) ranking from the answers stored at import: no assessment file parsed again,
the same ranks as from the files, and rows stored before (or under another version) still ranked."""
from __future__ import annotations

import pytest
from sqlalchemy import update

from egov_desktop.exchange import assessment_file
from egov_desktop.province import importer, ranking
from egov_desktop.province.models import SubmissionRow
from egov_desktop.province.store import open_store
from scoring import NA, relative_scores
from tests.core.exchange_samples import FRAMEWORK, assessment, install_framework


def _import(store, tmp_path, n=12):
    files = []
    for i in range(n):
        p = tmp_path / f"{i}.egov.json"
        p.write_bytes(assessment_file.dumps(assessment(f"3{i:04d}", f"Xã {i}", computers=(i * 7) % 13,
                                                       staff=10 + i % 4, dvc=(i * 37) % 101)))
        files.append(p)
    assert importer.import_files(store, files).counts()["imported"] == n
    return files


def _table(r):
    return [(a.agency_code, a.rank, a.value, a.pillars) for a in r.rows]


def test_relative_ranking_reads_the_stored_answers_not_the_files(store, tmp_path, monkeypatch):
    files = _import(store, tmp_path)
    with store.read() as s:
        stored = dict(s.execute(ranking._query("xa-thu", "2025", None, SubmissionRow.agency_code,
                                               SubmissionRow.relative_answers)).all())
    assert stored["30001"] == {"computers": 7, "dvc_pct": 37}   # plain inputs: only what the method reads
    by_files = relative_scores(install_framework(), {
        assessment_file.read(f).agency.code: assessment_file.read(f).engine_answers() for f in files})

    def no_parsing(*a, **kw):
        raise AssertionError("ranking parsed an assessment file")
    with monkeypatch.context() as m:
        m.setattr(ranking.assessment_file, "loads", no_parsing)
        r = ranking.rank(store, "xa-thu", "2025", method="relative", include_pending=True)
    assert {a.agency_code: (a.rank, a.value) for a in r.rows} == {
        k: (v.rank, v.composite) for k, v in by_files.items()}
    # rows imported before the answers were stored: read from their files, same ranking
    with store.write() as s:
        s.execute(update(SubmissionRow).where(SubmissionRow.agency_code.in_(["30001", "30005"]))
                  .values(relative_answers=None))
    assert _table(ranking.rank(store, "xa-thu", "2025", method="relative", include_pending=True)) == _table(r)


def test_calculated_or_skipped_inputs_keep_every_answer_and_na():
    fw_data = {**FRAMEWORK, "id": "xa-tinh", "relative": {"decimals": 4, "components": [
        {"id": "ratio", "label": {"vi": "Tỷ lệ", "en": "Ratio"}, "inputs": [{"indicator": "pc_ratio"}]}]}}
    fw_data["pillars"] = [dict(FRAMEWORK["pillars"][0], indicators=FRAMEWORK["pillars"][0]["indicators"] + [
        {"id": "pc_ratio", "label": {"vi": "Máy tính trên cán bộ", "en": "PCs per staff"}, "type": "calculated",
         "calculation": "${computers} div ${staff}"}]), FRAMEWORK["pillars"][1]]
    fw = install_framework(fw_data)
    answers = {"staff": 10, "computers": 5, "lan": NA, "portal": ("a", "b")}
    stored = ranking.relative_answers(fw, answers)
    assert stored == {"staff": 10, "computers": 5, "lan": None, "portal": ["a", "b"]}
    assert ranking._engine_answers(stored) == answers
    assert ranking.relative_answers(install_framework({**FRAMEWORK, "id": "khong-tuong-doi", "relative": None}),
                                    answers) is None


def test_an_old_store_is_upgraded_and_its_rows_still_rank(tmp_path):
    """A store made before the relative answers were kept (revision p0001) opens and ranks."""
    from tests.core.exchange_samples import old_province_store

    install_framework()
    url = old_province_store(tmp_path / "old.sqlite", "p0001")
    s = open_store(url)
    try:
        _import(s, tmp_path, n=4)
        assert len(ranking.rank(s, "xa-thu", "2025", method="relative", include_pending=True).rows) == 4
    finally:
        s.close()


def _no_points_framework():
    import copy

    from tests.core.exchange_samples import FRAMEWORK as F
    fw = copy.deepcopy(F)
    fw["id"] = "xa-khong-diem"
    for p in fw["pillars"]:
        p.pop("max_points", None)
        for i in p["indicators"]:
            i.pop("scoring", None)
    return install_framework(fw)


def test_a_framework_without_points_is_not_ranked_absolutely_with_blank_ranks(store, tmp_path):
    """Absolute ranking of a framework whose indicators award no points is refused; asked for
    no method, the ranking takes the framework's relative index (and says so)."""
    from egov_desktop.errors import UserError

    fw = _no_points_framework()
    assert not fw.scores_absolutely
    files = []
    for i in range(5):
        p = tmp_path / f"{i}.egov.json"
        p.write_bytes(assessment_file.dumps(assessment(f"4{i:04d}", f"Xã {i}", computers=i, dvc=10 * i, framework=fw)))
        files.append(p)
    assert importer.import_files(store, files).counts()["imported"] == 5
    with pytest.raises(UserError) as e:
        ranking.rank(store, fw.id, "2025", method="absolute", include_pending=True)
    assert "tương đối" in str(e.value.message.vi) and "relative" in e.value.message.en
    r = ranking.rank(store, fw.id, "2025", include_pending=True)
    assert r.method == "relative" and [a.rank for a in r.rows] == [1, 2, 3, 4, 5]


def test_rank_command_says_which_method_and_version_it_used(store, tmp_path, capsys):
    from egov_desktop.cli import main

    _import(store, tmp_path, n=3)
    assert main(["rank", "--include-pending", "--framework", "xa-thu", "--period", "2025", "-o", str(tmp_path / "r.csv")]) == 0
    out = capsys.readouterr().out
    assert "tuyệt đối" in out and "2025.1" in out


def test_frameworks_check_says_when_a_framework_cannot_rank_absolutely(tmp_path, capsys):
    import json

    from egov_desktop.cli import main
    from tests.core.exchange_samples import FRAMEWORK as F

    fw = {**F, "pillars": [{**p, "indicators": [{k: v for k, v in i.items() if k != "scoring"} for i in p["indicators"]]}
                           for p in F["pillars"]]}
    path = tmp_path / "khong-diem.yaml"
    path.write_text(json.dumps(fw, ensure_ascii=False), encoding="utf-8")
    assert main(["frameworks", "check", str(path)]) == 0
    assert "không xếp hạng tuyệt đối" in capsys.readouterr().out
    fw.pop("relative")
    path.write_text(json.dumps(fw, ensure_ascii=False), encoding="utf-8")
    assert main(["frameworks", "check", str(path)]) == 0
    assert "không xếp hạng được" in capsys.readouterr().out


def test_rank_within_a_group_the_province_defines_in_its_roster(store, tmp_path):
    """`rank --group` finds the agencies of a roster group (a former district, a bloc), not only a
    parent unit (issue 13)."""
    from egov_desktop.province import roster

    _import(store, tmp_path, n=6)
    roster.set_roster(store, "2025", [roster.Expected(f"3{i:04d}", f"Xã {i}", "commune",
                                                      "cu-dh" if i < 3 else "cu-qn",
                                                      "Huyện Đồng Hới cũ" if i < 3 else "Huyện Quảng Ninh cũ")
                                      for i in range(6)])
    for g in ("cu-dh", "Huyện Đồng Hới cũ"):
        r = ranking.rank(store, "xa-thu", "2025", group=g, include_pending=True)
        assert sorted(a.agency_code for a in r.rows) == ["30000", "30001", "30002"]
        assert sorted(a.rank for a in r.rows) == [1, 2, 3]
    assert len(ranking.rank(store, "xa-thu", "2025", group="Huyện Quảng Ninh cũ", include_pending=True).rows) == 3
