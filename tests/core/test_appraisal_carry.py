"""An appraisal carries to the agency's next revision where the question was left as it was
(answer, evidence, comment, and what its points are computed from): with its original reviewer
and time, marked with the revision it came from, one log entry each, in the import's
transaction; a changed question starts unappraised with the old appraisal shown for reference;
under another framework version only where the indicator keeps its maximum.

The sample framework (tests/core/exchange_samples.py): computers (ratio to staff, 200), lan
(yes/no, 200), dvc_pct (ratio, 400), portal (yes/no, 200); total on 1000.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egov_desktop.cli import main
from egov_desktop.domain import Answer, AssessmentData, Evidence
from egov_desktop.exchange import assessment_file
from egov_desktop.province import appraisal, changes, importer, ranking, review
from egov_desktop.province.appraisal import AppraisalInput
from egov_desktop.province.store import open_store
from scoring.record import replace
from tests.core.exchange_samples import FRAMEWORK, assessment, install_framework, report_pdf

CODE = "19723"


def _send(store, folder, data: AssessmentData):
    path = folder / f"{data.agency.code}-r{data.revision}-{data.framework_version}.pdf"
    path.write_bytes(report_pdf(data))
    report = importer.import_files(store, [path])
    assert not report.of("refused"), report.of("refused")
    return report.items[0]


def _restamp(data: AssessmentData, **answers) -> AssessmentData:
    """`data` with some answers replaced, stamped again as a finalised file is."""
    changed = replace(data, answers={**data.answers, **answers})
    stamp = assessment_file.compute_hash(assessment_file.to_payload(changed))
    return replace(changed, content_hash=stamp)


def _appraised_and_returned(store, folder, first: AssessmentData | None = None):
    item = _send(store, folder, first or assessment(CODE, computers=12))
    sid = item.submission_id
    appraisal.save(store, sid, [AppraisalInput("lan", points=100, remark="Chỉ một phần, thiếu sơ đồ"),
                                AppraisalInput("computers", value="9", remark="Kiểm kê: 9 máy"),
                                AppraisalInput("portal", remark="Có cổng chưa?")],
                   "Trần Thẩm Định", 0)
    review.return_with_note(store, sid, "Rà soát", folder / "tra-lai.pdf", "Lê Văn Tâm", "Sở",
                            remarks=review.remarks_for(store, sid))
    return sid


def test_unchanged_questions_keep_their_appraisal_and_changed_ones_start_unappraised(store, tmp_path):
    old = _appraised_and_returned(store, tmp_path)
    before = {e.indicator_id: e for e in appraisal.log(store, old)}
    item = _send(store, tmp_path, assessment(CODE, computers=10, revision=2))   # computers changed
    assert item.outcome == "replaced"
    assert any("giữ 2 chỉ tiêu cơ quan không sửa; 1 chỉ tiêu đã sửa" in w.vi for w in item.warnings)
    new = item.submission_id
    held = appraisal.appraisals(store, new)
    assert set(held) == {"lan", "portal"}
    lan = held["lan"]
    assert (lan.points, lan.remark, lan.carried_from) == (100, "Chỉ một phần, thiếu sơ đồ", 1)
    assert (lan.reviewer, lan.at) == ("Trần Thẩm Định", before["lan"].at)   # the original reviewer and time
    assert held["portal"].remark == "Có cổng chưa?" and held["portal"].points is None
    sheet = appraisal.sheet(store, new)
    # final: computers self 10/20 → 100, lan carried 100, dvc 240, portal 0
    assert sheet.final_total_scaled == pytest.approx(440) and sheet.self_total_scaled == pytest.approx(540)
    assert review.get(store, new).total_scaled == pytest.approx(440)   # on the row ranking reads
    computers = sheet.line("computers")
    assert computers.appraisal is None and computers.previous.value == 9 and computers.previous.remark == "Kiểm kê: 9 máy"
    assert sheet.line("lan").previous is None and sheet.previous_revision == 1
    # the log: one entry per carried appraisal, as carried
    entries = appraisal.log(store, new)
    assert [(e.indicator_id, e.action, e.points, e.reviewer, e.carried_from) for e in entries] == [
        ("lan", "carried", 100, "Trần Thẩm Định", 1), ("portal", "carried", None, "Trần Thẩm Định", 1)]
    # the reviewer changes or withdraws a carried one as any other
    appraisal.save(store, new, [AppraisalInput("lan", points=150, remark="Đã bổ sung"), AppraisalInput("portal")],
                   "Người B", sheet.version)
    now = appraisal.appraisals(store, new)
    assert set(now) == {"lan"} and (now["lan"].points, now["lan"].carried_from, now["lan"].reviewer) == (150, None, "Người B")
    assert [e.action for e in appraisal.log(store, new)] == ["carried", "carried", "set", "cleared"]


def test_changed_evidence_or_comment_is_a_changed_question(store, tmp_path):
    first = assessment(CODE, computers=12)
    _appraised_and_returned(store, tmp_path, first)
    doc = Evidence(number="12/QĐ-UBND", date="2025-10-01", summary="Sơ đồ mạng LAN")
    second = _restamp(assessment(CODE, computers=12, revision=2), lan=Answer("yes", evidence=(doc,)),
                      portal=Answer("no", comment="Đang xây dựng"))
    new = _send(store, tmp_path, second).submission_id
    assert set(appraisal.appraisals(store, new)) == {"computers"}   # the one the agency did not touch
    assert appraisal.sheet(store, new).line("lan").previous.points == 100


def test_points_computed_from_a_changed_answer_are_not_carried(store, tmp_path):
    first = assessment(CODE, computers=12)
    item = _send(store, tmp_path, first)
    appraisal.save(store, item.submission_id, [AppraisalInput("computers", points=50)], "Trần Thẩm Định", 0)
    new = _send(store, tmp_path, assessment(CODE, computers=12, staff=40, revision=2)).submission_id
    assert appraisal.appraisals(store, new) == {}   # computers is a ratio to staff, which changed


def test_a_new_framework_version_carries_only_where_the_indicator_keeps_its_maximum(store, tmp_path):
    _appraised_and_returned(store, tmp_path)
    revised = {**FRAMEWORK, "version": "2025.2", "pillars": [
        {**FRAMEWORK["pillars"][0], "indicators": [
            *FRAMEWORK["pillars"][0]["indicators"][:2],
            {**FRAMEWORK["pillars"][0]["indicators"][2], "scoring": {"rule": "yes_no", "max_points": 150}}]},
        FRAMEWORK["pillars"][1]]}
    fw2 = install_framework(revised)
    item = _send(store, tmp_path, assessment(CODE, computers=12, revision=2, framework=fw2))
    held = appraisal.appraisals(store, item.submission_id)
    assert set(held) == {"computers", "portal"}          # lan's maximum is 150 now: its 100 of 200 is left
    assert any("không chuyển được cho lan" in w.vi for w in item.warnings)
    found = changes.since_returned(store, item.submission_id)
    assert (found.carried, found.appraise_again, found.not_carried) == (("computers", "portal"), (), ("lan",))
    assert "Không chuyển được" in changes.appraisal_note(found)


def test_the_changes_say_which_appraisals_carried_and_which_need_appraising_again(store, tmp_path, capsys):
    _appraised_and_returned(store, tmp_path)
    new = _send(store, tmp_path, assessment(CODE, computers=10, revision=2)).submission_id
    found = changes.since_returned(store, new)
    assert (found.carried, found.appraise_again, found.not_carried) == (("lan", "portal"), ("computers",), ())
    said = changes.appraisal_note(found)
    assert "Lần 1 đã được thẩm định (3 chỉ tiêu)" in said
    assert "Chuyển sang lần 2 vì cơ quan không sửa: câu 1.3, 2.2." in said
    assert "Cần thẩm định lại vì cơ quan đã sửa: câu 1.2." in said
    assert main(["review", "changes", str(new)]) == 0
    assert said in capsys.readouterr().out
    # the CLI sheet marks the carried ones with where they came from
    assert main(["appraisal", str(new), "--log"]) == 0
    out = capsys.readouterr().out
    assert "chuyển từ lần 1" in out and "Lần trước" in out


def test_an_unchanged_resubmission_ranks_as_the_returned_revision_did(store, tmp_path):
    old = _appraised_and_returned(store, tmp_path)
    final = appraisal.sheet(store, old).final_total_scaled
    new = _send(store, tmp_path, assessment(CODE, computers=12, revision=2)).submission_id
    assert appraisal.sheet(store, new).final_total_scaled == pytest.approx(final)
    review.accept(store, new)
    [row] = ranking.rank(store, "xa-thu", "2025").rows
    assert row.value_scaled == pytest.approx(final) and row.appraised


_POINTS = {"computers": 200, "lan": 200, "dvc_pct": 400, "portal": 200}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(computers=st.integers(0, 40), staff=st.integers(1, 40), lan=st.sampled_from(["yes", "no"]),
       dvc=st.integers(0, 100), portal=st.sampled_from(["yes", "no"]),
       typed=st.dictionaries(st.sampled_from(sorted(_POINTS)),
                             st.tuples(st.floats(0, 1), st.text("abc đ", max_size=5)), max_size=4))
def test_property_an_unchanged_resubmission_keeps_the_final_scores(tmp_path_factory, computers, staff, lan, dvc,
                                                                   portal, typed):
    """Whatever was appraised, resubmitting the same answers gives the final scores of the
    revision before, per indicator, pillar and total."""
    install_framework()
    folder = tmp_path_factory.mktemp("carry")
    s = open_store(f"sqlite:///{folder / 'p.db'}")
    try:
        answers = dict(computers=computers, staff=staff, lan=lan, dvc=dvc, portal=portal)
        first = _send(s, folder, assessment(CODE, **answers)).submission_id
        appraisal.save(s, first, [AppraisalInput(i, points=round(f * _POINTS[i], 2), remark=r)
                                  for i, (f, r) in typed.items()], "Người thẩm định", 0)
        before = appraisal.sheet(s, first)
        second = _send(s, folder, assessment(CODE, **answers, revision=2)).submission_id
        after = appraisal.sheet(s, second)
        assert after.final_total_scaled == pytest.approx(before.final_total_scaled)
        assert [p.final_points for p in after.pillars] == pytest.approx([p.final_points for p in before.pillars])
        assert {i.indicator_id: i.final_points for i in after.indicators} == pytest.approx(
            {i.indicator_id: i.final_points for i in before.indicators})
        assert len([e for e in appraisal.log(s, second) if e.action == "carried"]) == len(typed)
    finally:
        s.close()
