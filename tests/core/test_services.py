"""The Workspace use cases: creating, answering, checking, the lifecycle, files, search."""
import json

import pytest

from egov_desktop.domain import ACCEPTED, DRAFT, FINALISED, RETURNED, SUBMITTED, Agency, Evidence
from egov_desktop.errors import UserError
from egov_desktop.services import (AssessmentSummary, LockedError, NotReady, Workspace, MAX_EVIDENCE_BYTES)
from scoring import NA
from tests.fixtures.db.helpers import COMMUNE, COMPLETE, RESPONDENT, filled, open_workspace


@pytest.fixture
def ws(tmp_path):
    w = open_workspace(tmp_path / "db")
    yield w
    w.close()


def test_default_location_is_the_data_folder(_isolated_data_dir):
    with Workspace(frameworks=open_workspace.__globals__["mini_registry"]()) as w:
        assert w.path == _isolated_data_dir / "egov-desktop.sqlite"
        assert w.schema_action == "created"


def test_create_and_answer_rescores_and_reports_problems_of_that_indicator(ws):
    a = ws.create_assessment("mini", None, COMMUNE, "2025", RESPONDENT)
    assert isinstance(a, AssessmentSummary) and a.status == DRAFT and a.revision == 1 and a.completeness == 0
    ws.set_answer(a.id, "staff", 10)
    saved = ws.set_answer(a.id, "pcs", 40)             # more than 3 per staff: a constraint error
    assert [p.code for p in saved.problems] == ["constraint"]
    assert saved.result.indicators["pcs"].points == pytest.approx(10)
    saved = ws.set_answer(a.id, "pcs", 5)
    assert saved.problems == () and saved.result.indicators["pcs"].points == pytest.approx(5)
    assert saved.answer.value == 5
    s = ws.summary(a.id)
    assert s.total == pytest.approx(saved.result.total) and s.errors == saved.errors


def test_values_of_every_type_round_trip_through_the_database(ws):
    aid = filled(ws)
    ws.set_answer(aid, "portal", na=True)
    d = ws.get(aid).data
    assert d.answers["channels"].value == ("web", "zalo")
    assert d.answers["note"].value == COMPLETE["note"]
    assert d.answers["portal"].na and d.answers["portal"].value is None
    assert d.engine_answers()["portal"] is NA
    assert d.respondent == RESPONDENT and d.agency == COMMUNE


def test_clearing_an_answer_and_bad_values(ws):
    aid = filled(ws)
    ws.set_answer(aid, "pcs", None)
    assert "pcs" in ws.score(aid).unanswered
    for bad in (float("nan"), True, {"a": 1}, [1, 2]):
        with pytest.raises(UserError):
            ws.set_answer(aid, "pcs", bad)
    with pytest.raises(UserError, match="staff"):
        ws.set_answer(aid, "staff", na=True)           # not allow_na
    with pytest.raises(UserError):
        ws.set_answer(aid, "pcs_per_staff", 3)          # calculated
    with pytest.raises(UserError):
        ws.set_answer(aid, "no_such_indicator", 3)
    with pytest.raises(UserError):
        ws.set_answer(9999, "pcs", 3)


def test_comment_flag_reviewed_and_audit_trail(ws):
    aid = filled(ws)
    ws.set_comment(aid, "pcs", "Số liệu từ kiểm kê tháng 6")
    ws.set_flag(aid, "pcs", True)
    ws.set_reviewed(aid, "pcs", True)
    ws.set_answer(aid, "pcs", 19)
    a = ws.get(aid).data.answers["pcs"]
    assert (a.comment, a.flagged, a.reviewed, a.value) == ("Số liệu từ kiểm kê tháng 6", True, True, 19)
    trail = ws.audit_trail(aid)
    last = trail[-1]
    assert (last.action, last.target, last.old, last.new) == ("answer", "pcs", {"value": 18, "na": False},
                                                               {"value": 19, "na": False})
    assert [e.action for e in trail[-4:-1]] == ["comment", "flag", "reviewed"]
    assert all(e.user == ws.user and e.at for e in trail)


def test_evidence_file_is_stored_by_hash_with_a_size_limit(ws, tmp_path):
    aid = filled(ws)
    f = tmp_path / "Quyết định 12.pdf"
    f.write_bytes(b"%PDF-1.4 test" * 100)
    item = ws.add_evidence(aid, "portal", Evidence("12/QĐ-UBND", "2025-02-03", "Về việc vận hành cổng"), f)
    ev = item.evidence
    assert ev.file_name == "Quyết định 12.pdf" and ev.size == f.stat().st_size and len(ev.sha256) == 64
    assert ws.evidence_file(ev.sha256).read_bytes() == f.read_bytes()
    assert ws.get(aid).data.answers["portal"].evidence == (ev,)
    assert [i.id for i in ws.list_evidence(aid, "portal")] == [item.id]
    big = tmp_path / "big.bin"
    with open(big, "wb") as out:
        out.truncate(MAX_EVIDENCE_BYTES + 1)
    with pytest.raises(UserError) as e:
        ws.add_evidence(aid, "portal", Evidence("1"), big)
    assert "quá lớn" in e.value.describe("vi") and e.value.path == str(big)
    with pytest.raises(UserError):
        ws.add_evidence(aid, "portal", Evidence("1", "3/2/2025"))
    assert len(ws.list_evidence(aid)) == 1
    assert not list(ws.evidence_dir().glob(".*.part"))
    ws.remove_evidence(aid, item.id)
    assert ws.get(aid).data.answers["portal"].evidence == ()


def test_finalise_needs_no_errors_then_locks_every_path(ws, tmp_path):
    a = ws.create_assessment("mini", None, COMMUNE, "2025")
    ws.set_answer(a.id, "staff", 1)
    ws.set_answer(a.id, "pcs", 9)                      # constraint error, and others unanswered
    with pytest.raises(NotReady) as e:
        ws.finalise(a.id)
    assert {p.indicator_id for p in e.value.problems} >= {"pcs", "lan", "portal"}
    assert ws.summary(a.id).status == DRAFT
    for k, v in COMPLETE.items():
        ws.set_answer(a.id, k, v)
    f = tmp_path / "doc.txt"
    f.write_text("x")
    ev = ws.add_evidence(a.id, "pcs", Evidence("1"), f)
    done = ws.finalise(a.id)
    assert done.status == FINALISED and done.finalised_at
    rec = ws.get(a.id)
    assert len(rec.data.content_hash) == 64
    before = rec.data
    attempts = [
        lambda: ws.set_answer(a.id, "pcs", 1), lambda: ws.set_answer(a.id, "portal", na=True),
        lambda: ws.set_comment(a.id, "pcs", "x"), lambda: ws.set_flag(a.id, "pcs", True),
        lambda: ws.set_reviewed(a.id, "pcs", True), lambda: ws.add_evidence(a.id, "pcs", Evidence("2")),
        lambda: ws.remove_evidence(a.id, ev.id), lambda: ws.finalise(a.id),
        lambda: ws.update_details(a.id, period="2024"),
        lambda: ws.set_status(a.id, DRAFT),
    ]
    for attempt in attempts:
        with pytest.raises(UserError):
            attempt()
    assert ws.get(a.id).data == before


def test_the_lock_holds_below_the_services_too(ws):
    """A script or future code going straight to the models cannot change a finished assessment."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from egov_desktop.storage.models import AnswerRow, AssessmentRow, EvidenceRow

    aid = filled(ws)
    ws.finalise(aid)
    before = ws.get(aid).data
    with Session(ws._engine) as s:
        ans = s.scalars(select(AnswerRow).filter_by(assessment_id=aid, indicator_id="pcs")).one()
        ans.value = 1
        with pytest.raises(LockedError):
            s.commit()
    with Session(ws._engine) as s:
        s.add(AnswerRow(assessment_id=aid, indicator_id="note2", value=1, na=False, comment="", flagged=False,
                        reviewed=False, updated_at="x"))
        with pytest.raises(LockedError):
            s.commit()
    with Session(ws._engine) as s:
        ans = s.scalars(select(AnswerRow).filter_by(assessment_id=aid, indicator_id="pcs")).one()
        s.add(EvidenceRow(answer_id=ans.id, number="9"))
        with pytest.raises(LockedError):
            s.commit()
    with Session(ws._engine) as s:
        row = s.get(AssessmentRow, aid)
        row.period = "2019"
        with pytest.raises(LockedError):
            s.commit()
    with Session(ws._engine) as s:
        s.delete(s.get(AssessmentRow, aid))
        with pytest.raises(LockedError):
            s.commit()
    with Session(ws._engine) as s:
        s.get(AssessmentRow, aid).status = DRAFT          # back to draft would unlock it
        with pytest.raises(LockedError):
            s.commit()
    assert ws.get(aid).data == before


def test_status_transitions_for_the_province_side(ws):
    aid = filled(ws)
    with pytest.raises(UserError):
        ws.set_status(aid, SUBMITTED)                  # a draft must be finalised first
    ws.finalise(aid)
    assert ws.set_status(aid, SUBMITTED).status == SUBMITTED
    assert ws.set_status(aid, RETURNED).status == RETURNED
    assert ws.set_status(aid, ACCEPTED).status == ACCEPTED
    with pytest.raises(UserError):
        ws.set_status(aid, SUBMITTED)
    assert [e.new for e in ws.audit_trail(aid) if e.action == "status"] == [FINALISED, SUBMITTED, RETURNED, ACCEPTED]


def test_new_revision_reopens_a_copy(ws):
    aid = filled(ws)
    with pytest.raises(UserError):
        ws.new_revision(aid)                           # a draft is edited directly
    ws.finalise(aid)
    r2 = ws.new_revision(aid)
    assert (r2.status, r2.revision, r2.uid) == (DRAFT, 2, ws.summary(aid).uid)
    assert ws.get(r2.id).data.answers == ws.get(aid).data.answers
    ws.set_answer(r2.id, "pcs", 3)
    assert ws.get(aid).data.answers["pcs"].value == COMPLETE["pcs"]
    ws.finalise(r2.id)
    assert ws.new_revision(aid).revision == 3          # numbered after the newest, not the source


def test_start_from_previous_and_previous_period(ws):
    old = filled(ws, period="2024")
    ws.set_comment(old, "pcs", "năm trước")
    new = ws.start_from_previous(old, "2025")
    d = ws.get(new.id).data
    assert d.period == "2025" and d.uid != ws.summary(old).uid and d.status == DRAFT
    assert {k: a.value for k, a in d.answers.items()} == {k: ws.get(old).data.answers[k].value for k in COMPLETE}
    assert d.answers["pcs"].comment == "năm trước"
    assert ws.previous_period(new.id).id == old
    assert ws.previous_period(old) is None


def test_delete_is_recoverable(ws):
    aid = filled(ws)
    ws.delete(aid)
    assert ws.list_assessments() == []
    assert [a.id for a in ws.list_assessments(deleted_only=True)] == [aid]
    with pytest.raises(UserError):
        ws.set_answer(aid, "pcs", 1)
    ws.restore_deleted(aid)
    assert [a.id for a in ws.list_assessments()] == [aid]


def test_search_ignores_case_and_diacritics(ws):
    filled(ws)
    other = ws.create_assessment("mini", None, Agency("Phường Hoàn Kiếm", "commune", "00070", "Thành phố Hà Nội", "01"),
                                 "2024")
    assert [a.agency_name for a in ws.list_assessments("quang binh")] == ["Xã Quảng Bình"]
    assert [a.id for a in ws.list_assessments("HOAN kiem 2024")] == [other.id]
    assert [a.id for a in ws.list_assessments("ha noi")] == [other.id]
    assert len(ws.list_assessments("")) == 2


def test_export_import_round_trip_without_loss(ws, tmp_path):
    aid = filled(ws)
    f = tmp_path / "doc.pdf"
    f.write_bytes(b"evidence")
    ws.add_evidence(aid, "portal", Evidence("12/QĐ", "2025-01-02", "Trích yếu"), f)
    ws.set_comment(aid, "pcs", "ghi chú")
    ws.set_flag(aid, "lan", True)
    ws.finalise(aid)
    out = ws.export_file(aid, tmp_path / "a.egov.json")
    original = ws.get(aid).data
    with open_workspace(tmp_path / "other") as other:
        res = other.import_file(out)
        assert res.outcome == "created" and res.summary.status == FINALISED
        assert other.get(res.assessment_id).data == original
        assert other.import_file(out).outcome == "duplicate"
        assert len(other.list_assessments()) == 1
        # an altered file is refused
        payload = json.loads(out.read_text(encoding="utf-8"))
        payload["answers"]["pcs"]["value"] = 20
        bad = tmp_path / "bad.egov.json"
        bad.write_text(json.dumps(payload), encoding="utf-8")
        with pytest.raises(UserError) as e:
            other.import_file(bad)
        assert e.value.path == "bad.egov.json" and e.value.where == "content_hash"
        # the same revision with other content (re-hashed) is a conflict, nothing written
        from egov_desktop.exchange import assessment_file
        payload["content_hash"] = assessment_file.compute_hash(payload)
        bad.write_text(json.dumps(payload), encoding="utf-8")
        with pytest.raises(UserError):
            other.import_file(bad)
        assert len(other.list_assessments()) == 1


def test_import_of_a_draft_stays_editable_and_unknown_framework_is_refused(ws, tmp_path):
    aid = filled(ws)
    out = ws.export_file(aid, tmp_path / "draft.egov.json")
    with open_workspace(tmp_path / "other") as other:
        res = other.import_file(out)
        assert res.summary.status == DRAFT
        other.set_answer(res.assessment_id, "pcs", 2)
    text = out.read_text(encoding="utf-8").replace('"id": "mini"', '"id": "khong-co"')
    from egov_desktop.exchange import assessment_file
    payload = json.loads(text)
    payload["framework"]["content_hash"] = "0" * 64
    payload["content_hash"] = assessment_file.compute_hash(payload)
    out.write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(UserError) as e:
        ws.import_file(out)
    assert "khong-co" in e.value.describe("en")


def test_the_built_in_commune_framework_works_end_to_end(tmp_path):
    from egov_desktop.frameworks import registry
    try:
        fw = registry.get("xa-2025")
    except KeyError:
        pytest.skip("xa-2025 not built in yet")
    with Workspace(tmp_path / "db") as w:
        a = w.create_assessment("xa-2025", None, COMMUNE, "2025")
        ind = next(i for i in fw.indicators.values() if i.type == "integer")
        saved = w.set_answer(a.id, ind.id, int(ind.min or 0))
        assert saved.result.framework_id == "xa-2025"
        assert w.summary(a.id).framework_version == fw.version


def test_raw_sql_through_sqlite3_cannot_change_a_finalised_assessment(ws, tmp_path):
    """The lock lives in the database too (SQLite triggers): another program, a script or the
    sqlite3 shell cannot change a finished assessment, while its lifecycle still moves on."""
    import sqlite3

    aid = filled(ws)
    f = tmp_path / "doc.txt"
    f.write_text("x")
    ws.add_evidence(aid, "pcs", Evidence("1"), f)
    draft = filled(ws, period="2024")
    ws.finalise(aid)
    before = ws.get(aid).data
    conn = sqlite3.connect(ws.path, isolation_level=None)
    refused = [
        f"UPDATE answers SET value = '1' WHERE assessment_id = {aid} AND indicator_id = 'pcs'",
        f"UPDATE answers SET comment = 'x', flagged = 1 WHERE assessment_id = {aid}",
        f"UPDATE answers SET assessment_id = {draft} WHERE assessment_id = {aid} AND indicator_id = 'note'",
        f"UPDATE answers SET assessment_id = {aid} WHERE assessment_id = {draft} AND indicator_id = 'note'",
        f"DELETE FROM answers WHERE assessment_id = {aid}",
        f"INSERT INTO answers (assessment_id, indicator_id, value, na, comment, flagged, reviewed, updated_at)"
        f" VALUES ({aid}, 'extra', '1', 0, '', 0, 0, '')",
        "UPDATE evidence SET number = '2'",
        "DELETE FROM evidence",
        f"INSERT INTO evidence (answer_id, number, date, summary, file_name, sha256, size)"
        f" SELECT id, '3', '', '', '', '', 0 FROM answers WHERE assessment_id = {aid}",
        f"UPDATE assessments SET period = '2019' WHERE id = {aid}",
        f"UPDATE assessments SET content_hash = '' WHERE id = {aid}",
        f"UPDATE assessments SET respondent_name = 'X' WHERE id = {aid}",
        f"UPDATE assessments SET status = 'draft' WHERE id = {aid}",
        f"DELETE FROM assessments WHERE id = {aid}",
    ]
    try:
        for sql in refused:
            with pytest.raises(sqlite3.IntegrityError, match="finalised assessment"):
                conn.execute(sql)
        # in a transaction, the refused statement changes nothing and the rest can still commit
        conn.execute("BEGIN")
        conn.execute(f"UPDATE answers SET comment = 'nháp' WHERE assessment_id = {draft} AND indicator_id = 'pcs'")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(f"UPDATE answers SET comment = 'x' WHERE assessment_id IN ({aid}, {draft})")
        conn.execute("COMMIT")
        # what may change on a finished assessment: lifecycle, recycle bin, score summary
        conn.execute(f"UPDATE assessments SET status = 'submitted', updated_at = 'now', total = 0.5,"
                     f" deleted_at = 'x' WHERE id = {aid}")
        conn.execute(f"UPDATE assessments SET status = 'finalised', deleted_at = '', total = NULL WHERE id = {aid}")
    finally:
        conn.close()
    assert ws.get(aid).data == before
    assert ws.get(draft).data.answers["pcs"].comment == "nháp"


def test_a_refused_trigger_is_the_locked_message_and_the_workflow_still_runs(ws):
    """Core statements bypass the ORM guard; the trigger catches them and the user reads LockedError."""
    from sqlalchemy import update

    from egov_desktop.storage.engine import translated_errors
    from egov_desktop.storage.models import AnswerRow

    aid = filled(ws)
    ws.finalise(aid)
    with pytest.raises(LockedError):
        with translated_errors(), ws._engine.begin() as conn:
            conn.execute(update(AnswerRow).where(AnswerRow.assessment_id == aid).values(comment="x"))
    for status in (SUBMITTED, RETURNED, ACCEPTED):
        assert ws.set_status(aid, status).status == status
    r2 = ws.new_revision(aid)
    ws.set_answer(r2.id, "pcs", 3)
    ws.finalise(r2.id)
    ws.delete(aid)
    ws.restore_deleted(aid)
    assert ws.get(aid).data.answers["pcs"].value == COMPLETE["pcs"]


def test_control_characters_typed_or_pasted_into_a_name_never_reach_the_exported_file(tmp_path):
    """A name pasted with a control character or a line break is stored on one clean line, so the
    agency's own exported file is not refused at the province (issue 14)."""
    from egov_desktop.domain import Agency, Respondent
    from egov_desktop.exchange import assessment_file
    from egov_desktop.services import Workspace

    with Workspace(tmp_path / "db") as ws:
        a = ws.create_assessment("xa-2025", None, Agency("Xã\x0b Tân\x00 Lập\n (mới)", "commune"), " 2025\t",
                                 Respondent("Nguyễn\x1f Văn A", phone="0912\x07 345 678"))
        assert ws.summary(a.id).agency_name == "Xã Tân Lập (mới)" and ws.summary(a.id).period == "2025"
        out = ws.export_file(a.id, tmp_path / "a.egov.json")
    data = assessment_file.read(out)  # the province's reader accepts it
    assert data.agency.name == "Xã Tân Lập (mới)" and data.respondent.name == "Nguyễn Văn A"
