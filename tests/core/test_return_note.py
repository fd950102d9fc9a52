"""The return note as a document the agency can act on: the PDF lists the remarks per question
and carries its data; the agency's program keeps it with the assessment (until the next
revision is sent); a broken or hostile note gets a message; the next revision shows the
province what changed since the one it returned. SQLite here; the same on PostgreSQL in
test_postgres.py."""
from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from egov_desktop.cli import main
from egov_desktop.errors import UserError
from egov_desktop.exchange import assessment_file, pdf_attachment, return_note
from egov_desktop.province import changes, importer, review
from egov_desktop.province.models import SubmissionRow
from egov_desktop.province.store import open_store
from egov_desktop.services import Workspace
from tests.core.exchange_samples import assessment, install_framework, plain_pdf, report_pdf

from .pdf_layout import page_text, pages

REMARKS = {"computers": "Số máy tính (12) không khớp với biên bản kiểm kê: 9 máy <b>đang dùng</b>",
           "lan": "Đề nghị đính kèm sơ đồ mạng LAN; trả lời «Có» chưa có căn cứ"}


def _receive(store, tmp_path, name="r1.pdf", **answers):
    path = tmp_path / name
    path.write_bytes(report_pdf(assessment("19723", "Phường Đồng Hới", **answers)))
    importer.import_files(store, [path])
    return next(s for s in review.submissions(store) if s.agency_code == "19723")


def _returned(store, tmp_path, remarks=REMARKS, note="Đề nghị rà soát lại hạ tầng kỹ thuật."):
    sub = _receive(store, tmp_path, computers=12)
    returned, path = review.return_with_note(store, sub.id, note, tmp_path / "tra-lai.pdf", "Lê Văn Tâm",
                                             "Sở Khoa học và Công nghệ tỉnh Quảng Trị", remarks=remarks)
    return sub, returned, path


# ---------------------------------------------------------------- the province writes it

def test_the_note_lists_each_remark_with_its_question_and_answer_and_carries_its_data(store, tmp_path):
    sub, returned, path = _returned(store, tmp_path)
    raw = path.read_bytes()
    text = "\n".join(page_text(pages(raw), n) for n in range(1, len(pages(raw)) + 1))
    # the table: number, question, the agency's answer, the remark, with diacritics and markup as typed
    assert "Nhận xét theo từng câu hỏi (2 câu):" in text
    assert "Nội dung câu hỏi" in text and "Trả lời của cơ quan" in text and "Nhận xét của Sở" in text
    import pdfplumber
    with pdfplumber.open(io.BytesIO(raw)) as doc:
        [table] = [t for page in doc.pages for t in page.extract_tables()]
    rows = [[" ".join((c or "").split()) for c in r] for r in table]
    assert rows == [["Câu", "Nội dung câu hỏi", "Trả lời của cơ quan", "Nhận xét của Sở"],
                    ["1.2", "Số máy tính", "12", " ".join(REMARKS["computers"].split())],
                    ["1.3", "Có mạng LAN", "Có", REMARKS["lan"]]]
    assert "Đề nghị rà soát lại hạ tầng kỹ thuật." in text and "PHIẾU TRẢ LẠI HỒ SƠ" in text
    assert "Lê Văn Tâm" in text
    # the data, attached as the reports attach theirs (with the manifest's SHA-256)
    names = {a for a in PdfReader(io.BytesIO(raw)).attachments}
    assert names == {return_note.ATTACHMENT_NAME, pdf_attachment.MANIFEST_NAME}
    d = return_note.read(path)
    with store.read() as s:
        row = s.get(SubmissionRow, sub.id)
        uid, content_hash = row.uid, row.content_hash
        kept = row.return_note
    assert (d.uid, d.revision, d.content_hash) == (uid, 1, content_hash) and uid and content_hash
    assert (d.framework_id, d.framework_version, d.period) == ("xa-thu", "2025.1", "2025")
    assert (d.agency_name, d.agency_code) == ("Phường Đồng Hới", "19723")
    assert d.note == "Đề nghị rà soát lại hạ tầng kỹ thuật." and d.remarks == REMARKS
    assert d.issuer == "Sở Khoa học và Công nghệ tỉnh Quảng Trị" and d.reviewer == "Lê Văn Tâm"
    # the province keeps what it sent (the next revision is compared with it)
    assert kept == return_note.to_payload(d) and returned.status == "returned"


def test_remarks_alone_are_enough_and_an_unknown_indicator_changes_nothing(store, tmp_path):
    sub = _receive(store, tmp_path)
    with pytest.raises(UserError) as e:
        review.return_with_note(store, sub.id, "x", tmp_path / "a.pdf", remarks={"khong_co": "?"})
    assert "không có chỉ tiêu «khong_co»" in e.value.message.vi
    with pytest.raises(UserError) as e:
        review.return_with_note(store, sub.id, "x", tmp_path / "a.pdf", remarks={"lan": "á" * 2001})
    assert "quá dài" in e.value.message.vi
    with pytest.raises(UserError) as e:
        review.return_with_note(store, sub.id, "  ", tmp_path / "a.pdf", remarks={"lan": "  "})
    assert "nội dung cần sửa" in e.value.message.vi
    assert not (tmp_path / "a.pdf").exists() and review.get(store, sub.id).status == "received"
    returned, path = review.return_with_note(store, sub.id, "", tmp_path / "a.pdf", remarks={"lan": "Thiếu sơ đồ"})
    assert returned.status == "returned" and return_note.read(path).remarks == {"lan": "Thiếu sơ đồ"}


def test_the_remarks_of_the_appraisal_go_into_the_note(store, tmp_path):
    from egov_desktop.province import appraisal
    from egov_desktop.province.appraisal import AppraisalInput

    sub = _receive(store, tmp_path)
    assert review.remarks_for(store, sub.id) == {}
    appraisal.save(store, sub.id, [AppraisalInput("computers", value="9", remark="Biên bản kiểm kê ghi 9 máy"),
                                   AppraisalInput("lan", points=200)], "Người thẩm định", 0)
    assert review.remarks_for(store, sub.id) == {"computers": "Biên bản kiểm kê ghi 9 máy"}
    _, path = review.return_with_note(store, sub.id, "", tmp_path / "n.pdf", remarks=review.remarks_for(store, sub.id))
    assert return_note.read(path).remarks == {"computers": "Biên bản kiểm kê ghi 9 máy"}


# ---------------------------------------------------------------- a broken or hostile note

def _note_pdf(tmp_path, payload: bytes, name="x.pdf", manifest_of: bytes | None = None) -> str:
    pdf = pdf_attachment.embed(plain_pdf(), payload, name=return_note.ATTACHMENT_NAME)
    if manifest_of is not None:  # the data changed after the manifest was written
        pdf = pdf_attachment.embed(plain_pdf(), manifest_of, name=return_note.ATTACHMENT_NAME)
        reader = PdfReader(io.BytesIO(pdf))
        from pypdf import PdfWriter
        w = PdfWriter(clone_from=reader)
        for a in list(w.attachment_list):
            if a.name == return_note.ATTACHMENT_NAME:
                a.delete()
        w.add_attachment(return_note.ATTACHMENT_NAME, payload)
        buf = io.BytesIO()
        w.write(buf)
        pdf = buf.getvalue()
    (tmp_path / name).write_bytes(pdf)
    return str(tmp_path / name)


def _payload(**change) -> bytes:
    d = {"format": return_note.FORMAT, "format_version": 1, "uid": "uid-1", "revision": 1, "content_hash": "ab",
         "framework_id": "xa-thu", "framework_version": "2025.1", "period": "2025", "agency_name": "Xã A",
         "note": "Sửa", "remarks": {"lan": "Thiếu"}}
    d.update(change)
    return json.dumps(d, ensure_ascii=False).encode()


@pytest.mark.parametrize("make, says", [
    (lambda t: (t / "a.pdf").write_bytes(b"not a pdf") and str(t / "a.pdf"), "Không phải tệp PDF"),
    (lambda t: (t / "a.pdf").write_bytes(report_pdf(assessment())[:900]) and str(t / "a.pdf"), "bị hỏng"),
    (lambda t: (t / "a.pdf").write_bytes(report_pdf(assessment())) and str(t / "a.pdf"), "không phải phiếu trả lại"),
    (lambda t: (t / "a.egov.json").write_text("{}") and str(t / "a.egov.json"), "tệp PDF do Sở lập"),
    (lambda t: _note_pdf(t, b"[" * 5000), "lồng nhau quá sâu"),
    (lambda t: _note_pdf(t, b"\xff\xfe"), "UTF-8"),
    (lambda t: _note_pdf(t, _payload(format="egov-assessment")), "không phải dữ liệu phiếu trả lại"),
    (lambda t: _note_pdf(t, _payload(format_version=9)), "phiên bản mới hơn"),
    (lambda t: _note_pdf(t, _payload(revision="1")), "lần sửa đổi không hợp lệ"),
    (lambda t: _note_pdf(t, _payload(remarks={"../x": "a"})), "mã câu hỏi không hợp lệ"),
    (lambda t: _note_pdf(t, _payload(remarks={f"q{i}": "a" for i in range(2001)})), "quá nhiều nhận xét"),
    (lambda t: _note_pdf(t, _payload(agency_name="Xã\x07A")), "ký tự điều khiển"),
    (lambda t: _note_pdf(t, _payload(note="x" * 6000)), "quá dài"),
    (lambda t: _note_pdf(t, _payload(uid="")), "thiếu giá trị"),
    (lambda t: _note_pdf(t, _payload(note="", remarks={})), "không có nội dung cần sửa"),
    (lambda t: _note_pdf(t, _payload(note="khác"), manifest_of=_payload()), "SHA-256"),
])
def test_a_broken_or_hostile_note_gets_a_message_naming_the_file(tmp_path, make, says):
    install_framework()
    path = make(tmp_path)
    with pytest.raises(UserError) as e:
        return_note.read(path)
    assert says in e.value.message.vi and e.value.path == path.rsplit("/", 1)[-1]
    assert e.value.message.en and e.value.message.en != e.value.message.vi


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=10), kids, max_size=4),
                    max_leaves=20),
       st.sampled_from(["uid", "revision", "remarks", "note", "agency_name", "period", "format_version"]))
def test_any_value_in_any_field_is_read_or_refused_with_a_message(value, key):
    payload = json.loads(_payload())
    payload[key] = value
    try:
        d = return_note.from_payload(payload, "x.pdf")
    except UserError as e:
        assert e.path == "x.pdf" and e.message.vi
    else:
        assert isinstance(d.remarks, dict) and all(isinstance(v, str) and v for v in d.remarks.values())
        assert isinstance(d.revision, int) and d.uid


# ---------------------------------------------------------------- the agency opens it

def test_the_agency_keeps_the_note_with_its_assessment_until_the_next_revision_is_sent(store, tmp_path):
    with Workspace(tmp_path / "elsewhere") as ws:
        # not in this data folder: said so, naming the file
        sub, _, path = _returned(store, tmp_path)
        with pytest.raises(UserError) as e:
            ws.open_return_note(path)
        assert "không có trong thư mục dữ liệu này" in e.value.message.vi and e.value.path == "tra-lai.pdf"
        # another content under the same uid and revision: refused
        other = ws.import_data(assessment("19723", "Phường Đồng Hới", computers=13), "khac.egov.json")
        with pytest.raises(UserError) as e:
            ws.open_return_note(path)
        assert "mã băm không khớp" in e.value.message.vi
        assert ws.summary(other.assessment_id).status == "finalised"   # left as it was
    agency = tmp_path / "agency"
    with Workspace(agency) as ws:
        sent = ws.import_data(assessment("19723", "Phường Đồng Hới", computers=12), "bao-cao.egov.json")
        opened = ws.open_return_note(path)
        aid = sent.assessment_id
        assert opened.returned.status == "returned" and opened.open_id == aid and not opened.again
        assert opened.note.remarks == REMARKS and opened.note.issuer == "Sở Khoa học và Công nghệ tỉnh Quảng Trị"
        assert [e.action for e in ws.audit_trail(aid)][-2:] == ["return_note", "status"]
        assert ws.open_return_note(path).again   # opened twice: kept once
    with Workspace(agency) as ws:   # after a restart
        note = ws.return_note(aid)
        assert note is not None and note.remarks == REMARKS and note.note.startswith("Đề nghị rà soát")
        draft = ws.correction(aid)
        assert (draft.revision, draft.status) == (2, "draft") and ws.correction(aid).id == draft.id
        assert ws.return_note(draft.id) == note    # shown on the draft the agency corrects in
        assert ws.open_return_note(path).open_id == draft.id
        ws.set_answer(draft.id, "computers", 9)
        ws.finalise(draft.id)                     # the next revision is finished (sent): the note is answered
        assert ws.return_note(draft.id) is None and ws.return_note(aid) is None


def test_cli_return_open_note_and_changes_end_to_end(store, tmp_path, capsys, monkeypatch):
    sub = _receive(store, tmp_path, computers=12)
    store.close()
    # the review's own remarks go in too; one given on the command line takes the place of its own
    monkeypatch.setattr(review, "remarks_for", lambda store, sid: {"lan": "Xem lại", "portal": "Có cổng chưa?"})
    note = tmp_path / "tra-lai.pdf"
    assert main(["review", "return", str(sub.id), "--remark", "computers=Sai số máy",
                 "--remark", "bogus=x", "-o", str(note)]) == 2
    assert "bogus" in capsys.readouterr().err and not note.exists()
    assert main(["review", "return", str(sub.id), "--remark", "computers", "-o", str(note)]) == 2
    assert "MÃ_CÂU_HỎI=NỘI_DUNG" in capsys.readouterr().err
    assert main(["review", "return", str(sub.id), "--note", "Rà soát", "--remark", "computers=Sai số máy",
                 "--remark", "lan=Thiếu sơ đồ mạng", "-o", str(note)]) == 0
    assert "3 nhận xét" in capsys.readouterr().out
    assert return_note.read(note).remarks == {"computers": "Sai số máy", "lan": "Thiếu sơ đồ mạng",
                                              "portal": "Có cổng chưa?"}
    with Workspace() as ws:   # the agency on the same machine (the same data folder)
        ws.import_data(assessment("19723", "Phường Đồng Hới", computers=12), "bao-cao.egov.json")
    assert main(["assessment", "open-note", str(note)]) == 0
    out = capsys.readouterr().out
    assert "1.2 Số máy tính: Sai số máy" in out and "1.3 Có mạng LAN: Thiếu sơ đồ mạng" in out
    assert "Trả lại để sửa" in out
    assert main(["assessment", "open-note", str(tmp_path / "r1.pdf")]) == 2
    assert "không phải phiếu trả lại" in capsys.readouterr().err
    (tmp_path / "r2.pdf").write_bytes(report_pdf(assessment("19723", "Phường Đồng Hới", computers=9, portal="yes",
                                                            revision=2)))
    assert main(["import", str(tmp_path / "r2.pdf")]) == 0
    capsys.readouterr()
    s = open_store()
    new = next(x for x in review.submissions(s) if x.agency_code == "19723")
    s.close()
    assert main(["review", "changes", str(new.id)]) == 0
    out = capsys.readouterr().out
    assert "2 câu thay đổi" in out and "1.2 Số máy tính: 12 → 9" in out and "2.2 Có cổng thông tin: Không → Có" in out
    assert "1.3 Có mạng LAN: CHƯA SỬA theo nhận xét: Thiếu sơ đồ mạng" in out
    assert "      Nhận xét (đã sửa): Có cổng chưa?" in out


# ---------------------------------------------------------------- the province sees what changed

def test_the_next_revision_shows_exactly_what_changed_since_the_one_returned(store, tmp_path):
    sub, _, _ = _returned(store, tmp_path)
    assert changes.since_returned(store, sub.id) is None     # nothing returned before the first
    (tmp_path / "r2.pdf").write_bytes(report_pdf(assessment("19723", "Phường Đồng Hới", computers=9, portal="yes",
                                                            revision=2)))
    assert importer.import_files(store, [tmp_path / "r2.pdf"]).counts()["replaced"] == 1
    new = next(s for s in review.submissions(store) if s.agency_code == "19723")
    found = changes.since_returned(store, new.id)
    assert (found.revision, found.returned_revision, found.returned_id) == (2, 1, sub.id)
    assert [c.indicator_id for c in found.changes] == ["computers", "portal"]
    computers, portal = found.changes
    assert (computers.old_answer.vi, computers.new_answer.vi) == ("12", "9") and computers.remark == REMARKS["computers"]
    assert (computers.old_points, computers.new_points, computers.max_points) == (120.0, 90.0, 200.0)
    assert (portal.old_answer.vi, portal.new_answer.vi, portal.new_points - portal.old_points) == ("Không", "Có", 200)
    assert portal.remark == "" and portal.answer_changed and not portal.evidence_changed
    assert [c.indicator_id for c in found.remarks_not_acted_on] == ["lan"]   # remarked, left as it was
    assert found.remarked == 2 and found.note == "Đề nghị rà soát lại hạ tầng kỹ thuật."
    assert (found.old_total, found.new_total) == (560.0, 730.0)
    assert found.carried == found.appraise_again == () and changes.appraisal_note(found) == ""   # nothing appraised


def test_the_changes_say_which_appraisals_carried_to_the_new_revision(store, tmp_path, capsys):
    from egov_desktop.province import appraisal
    from egov_desktop.province.appraisal import AppraisalInput

    sub = _receive(store, tmp_path, computers=12)
    version = appraisal.sheet(store, sub.id).version
    appraisal.save(store, sub.id, [AppraisalInput("lan", points=100, remark="Chỉ một phần"),
                                   AppraisalInput("computers", value="9"),
                                   AppraisalInput("portal", remark="Có cổng chưa?")],   # a remark alone
                   "Trần Thẩm Định", version)
    review.return_with_note(store, sub.id, "Rà soát", tmp_path / "tra-lai.pdf", "Lê Văn Tâm", "Sở",
                            remarks=review.remarks_for(store, sub.id))
    (tmp_path / "r2.pdf").write_bytes(report_pdf(assessment("19723", "Phường Đồng Hới", computers=9, revision=2)))
    importer.import_files(store, [tmp_path / "r2.pdf"])
    new = next(s for s in review.submissions(store) if s.agency_code == "19723")
    found = changes.since_returned(store, new.id)
    # the LAN and the portal were left as they were: their appraisals hold; computers was changed to 9
    assert (found.carried, found.appraise_again) == (("lan", "portal"), ("computers",))   # framework order
    assert (found.old_total, found.new_total) == (430.0, 430.0)   # 90 + 100 + 240 both times: the LAN kept its 100
    lan = {c.indicator_id: c for c in found.remarks_not_acted_on}["lan"]
    assert (lan.indicator_id, lan.old_points, lan.new_points) == ("lan", 100.0, 100.0)
    said = changes.appraisal_note(found)
    assert "Lần 1 đã được thẩm định (3 chỉ tiêu)" in said and "Chuyển sang lần 2 vì cơ quan không sửa: câu 1.3, 2.2" in said
    assert "Cần thẩm định lại vì cơ quan đã sửa: câu 1.2" in said
    store.close()
    assert main(["review", "changes", str(new.id)]) == 0
    assert said in capsys.readouterr().out


def test_the_early_read_shows_the_same_note_as_the_workspace(store, tmp_path):
    """An assessment opened before the Workspace is ready (services.opening.first_record) shows
    the note the Workspace gives: on the returned revision, on the draft corrected in, and none
    once the next revision is sent."""
    from egov_desktop.services.opening import first_record

    _, _, path = _returned(store, tmp_path)
    agency = tmp_path / "agency"
    with Workspace(agency) as ws:
        aid = ws.import_data(assessment("19723", "Phường Đồng Hới", computers=12), "bao-cao.egov.json").assessment_id
        assert first_record(aid, agency) == (ws.get(aid), None)    # no note yet
        ws.open_return_note(path)
        draft = ws.correction(aid).id
        for i in (aid, draft):
            assert ws.return_note(i) is not None and first_record(i, agency) == (ws.get(i), ws.return_note(i))
        ws.set_answer(draft, "computers", 9)
        ws.finalise(draft)
        for i in (aid, draft):
            assert ws.return_note(i) is None and first_record(i, agency) == (ws.get(i), None)
