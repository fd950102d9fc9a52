"""The Workspace's answers cache (set_answer rescoring without reading every answer back) never
serves stale answers: after evidence, revisions, imports, deletes, other programs, raw SQL and
failed writes, what set_answer scores is what the database holds."""
import random
import sqlite3

import pytest
from sqlalchemy import event

from egov_desktop.domain import Evidence
from egov_desktop.errors import UserError
from tests.fixtures.db.helpers import COMPLETE, filled, open_workspace


@pytest.fixture
def ws(tmp_path):
    w = open_workspace(tmp_path / "db")
    yield w
    w.close()


def _fresh(ws, aid, indicator="staff", value=None):
    """Save one answer and check that what came back is what a fresh read of the database gives."""
    current = ws.get(aid).data.answers.get(indicator)
    value = value if value is not None else (current.value + 1 if current and current.value is not None else 5)
    saved = ws.set_answer(aid, indicator, value)
    stored = ws.get(aid).data
    assert saved.result == ws.score(aid)
    assert saved.answer == stored.answers[indicator]
    assert saved.errors == sum(1 for p in ws.check(aid) if p.level == "error")
    assert ws.summary(aid).total == saved.result.total
    return saved


def _statements(ws):
    seen = []
    event.listen(ws._engine, "before_cursor_execute", lambda c, cur, stmt, *a: seen.append(stmt))
    return seen


def test_a_warm_cache_saves_an_answer_without_reading_the_others_back(ws):
    aid = filled(ws)
    seen = _statements(ws)
    ws.set_answer(aid, "pcs", 17)
    assert not [s for s in seen if s.lstrip().upper().startswith("SELECT") and "FROM answers" in s]
    writes = [s.split()[0].upper() for s in seen if not s.lstrip().upper().startswith(("SELECT", "BEGIN"))]
    assert writes == ["INSERT", "INSERT", "UPDATE"]          # the answer (upsert), the audit row, the summary
    seen.clear()
    ws.set_answer(aid, "pcs", 17)                            # no change: nothing written
    assert not [s for s in seen if not s.lstrip().upper().startswith(("SELECT", "BEGIN"))]


def test_evidence_added_and_removed_is_seen_by_the_next_save(ws, tmp_path):
    aid = filled(ws)
    f = tmp_path / "qd.pdf"
    f.write_bytes(b"%PDF-1.4")
    item = ws.add_evidence(aid, "portal", Evidence("12/QĐ-UBND", "2025-01-02"), f)
    assert _fresh(ws, aid, "portal", "shared").answer.evidence == (item.evidence,)
    ws.remove_evidence(aid, item.id)
    assert _fresh(ws, aid, "portal", "own").answer.evidence == ()


def test_another_program_and_raw_sql_changing_a_draft_are_seen(ws, tmp_path):
    aid = filled(ws)
    _fresh(ws, aid, "pcs", 10)
    with open_workspace(tmp_path / "db") as other:           # a second window or a CLI command
        other.set_answer(aid, "staff", 3)                    # makes pcs (10 > 3 × 3) an error
        other.set_comment(aid, "pcs", "từ chương trình khác")
    saved = _fresh(ws, aid, "lan", "no")
    assert saved.errors == 1 and saved.result.indicators["pcs"].points is not None
    assert ws.get(aid).data.answers["pcs"].comment == "từ chương trình khác"
    conn = sqlite3.connect(ws.path)
    with conn:
        conn.execute(f"DELETE FROM answers WHERE assessment_id = {aid} AND indicator_id = 'staff'")
    conn.close()
    saved = _fresh(ws, aid, "lan", "yes")
    assert "staff" in saved.result.unanswered


def test_revisions_imports_and_deletes(ws, tmp_path):
    aid = filled(ws)
    _fresh(ws, aid, "pcs", 12)
    ws.finalise(aid)
    with pytest.raises(UserError):
        ws.set_answer(aid, "pcs", 1)
    r2 = ws.new_revision(aid).id
    assert _fresh(ws, r2, "pcs", 11).result.indicators["pcs"].value == 11
    assert ws.get(aid).data.answers["pcs"].value == 12
    # delete and restore
    ws.delete(r2)
    with pytest.raises(UserError):
        ws.set_answer(r2, "pcs", 2)
    ws.restore_deleted(r2)
    _fresh(ws, r2, "staff", 30)
    # an import, the same assessment coming back from a file
    out = ws.export_file(r2, tmp_path / "r2.egov.json")
    _fresh(ws, r2, "staff", 31)                               # cached with staff 31
    conn = sqlite3.connect(ws.path)                          # the row removed behind the program's back...
    with conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"DELETE FROM assessments WHERE id = {r2}")
    conn.close()
    imported = ws.import_file(out).assessment_id
    assert imported == r2                                     # ...and its id given to the imported copy
    assert ws.get(imported).data.answers["staff"].value == 30
    assert _fresh(ws, imported, "lan", "no").result.indicators["staff"].value == 30


def test_a_failed_write_leaves_no_stale_answer(ws):
    aid = filled(ws)
    _fresh(ws, aid, "pcs", 12)
    conn = sqlite3.connect(ws.path)
    with conn:      # the audit row, written after the answer row, fails: the whole save is undone
        conn.execute("CREATE TRIGGER test_fail BEFORE INSERT ON audit WHEN NEW.target = 'staff'"
                     " BEGIN SELECT RAISE(ABORT, 'test failure'); END")
    with pytest.raises(UserError):
        ws.set_answer(aid, "staff", 2)                        # would make pcs an error
    with conn:
        conn.execute("DROP TRIGGER test_fail")
    conn.close()
    assert ws.get(aid).data.answers["staff"].value == COMPLETE["staff"]
    saved = _fresh(ws, aid, "lan", "no")
    assert saved.result.indicators["staff"].value == COMPLETE["staff"] and saved.errors == 0


def test_a_long_random_session_matches_the_database_after_every_step(ws, tmp_path):
    """Edits through every path, in random order, some failing; the cache always holds what is stored."""
    rng = random.Random(7)
    aid = filled(ws)
    other = open_workspace(tmp_path / "db")
    doc = tmp_path / "d.txt"
    doc.write_text("x")

    def cached():
        return ws._answers_cache._entries.get(aid, (None, None))[1]

    try:
        for step in range(60):
            op = rng.choice(["answer", "answer", "comment", "flag", "evidence", "unevidence", "other", "bad", "na"])
            if op == "answer":
                ws.set_answer(aid, rng.choice(["staff", "pcs"]), rng.randint(1, 40))
            elif op == "na":
                ws.set_answer(aid, "portal", None if rng.random() < 0.5 else "own", na=rng.random() < 0.5)
            elif op == "comment":
                ws.set_comment(aid, rng.choice(["pcs", "lan"]), f"ghi chú {step}")
            elif op == "flag":
                ws.set_flag(aid, "lan", rng.random() < 0.5)
            elif op == "evidence":
                ws.add_evidence(aid, rng.choice(["portal", "pcs"]), Evidence(str(step)), doc)
            elif op == "unevidence" and ws.list_evidence(aid):
                ws.remove_evidence(aid, rng.choice(ws.list_evidence(aid)).id)
            elif op == "other":
                other.set_answer(aid, "staff", rng.randint(1, 40))
            elif op == "bad":
                with pytest.raises(UserError):
                    ws.set_answer(aid, "staff", rng.choice([True, float("nan"), {"a": 1}]))
            saved = ws.set_answer(aid, "lan", rng.choice(["yes", "no"]))
            stored = ws.get(aid).data.answers
            assert cached() == stored, step
            assert saved.result == ws.score(aid), step
    finally:
        other.close()
