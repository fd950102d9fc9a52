"""The agency profile a report is issued under: defaults from the agency and period, kept in the
database across periods, editable on a finished assessment (number, signer), carried by the
assessment file (format 2) outside the content hash; format 1 files still read."""
from __future__ import annotations

from scoring import record
import json

import pytest

from egov_desktop.domain import Agency, AgencyProfile
from egov_desktop.errors import UserError
from egov_desktop.exchange import assessment_file
from egov_desktop.reports.profile import default_profile, effective_profile, receiving_department
from tests.fixtures.db.helpers import COMMUNE, filled, open_workspace


@pytest.fixture
def ws(tmp_path):
    w = open_workspace(tmp_path / "db")
    yield w
    w.close()


def test_a_commune_issues_as_its_peoples_committee_to_the_so_of_its_province():
    p = default_profile(Agency("Phường Đồng Hới", "commune", "18880", "Quảng Trị", "44"), "2025")
    assert p.parent_line == "" and p.issuer == "ỦY BAN NHÂN DÂN\nPHƯỜNG ĐỒNG HỚI"
    assert (p.symbol, p.authority, p.on_behalf, p.signer_position) == ("BC-UBND", "TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert p.place == "Đồng Hới"
    assert p.recipients == ("Sở Khoa học và Công nghệ tỉnh Quảng Trị", "Lưu: VT.")


def test_a_department_under_the_provincial_committee_never_sends_to_itself():
    so = default_profile(Agency("Sở Khoa học và Công nghệ tỉnh Lâm Đồng", "department", parent_name="Lâm Đồng"), "2025")
    assert so.parent_line == "UBND TỈNH LÂM ĐỒNG" and so.issuer == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert so.symbol == "BC-SKHCN" and so.authority == "" and so.signer_position == "GIÁM ĐỐC"
    assert so.recipients == ("UBND tỉnh Lâm Đồng", "Lưu: VT.")
    other = default_profile(Agency("Sở Nội vụ", "department", parent_name="Thành phố Hà Nội"), "2025")
    assert other.parent_line == "UBND THÀNH PHỐ HÀ NỘI" and other.symbol == "BC-SNV"
    assert other.recipients[0] == "Sở Khoa học và Công nghệ thành phố Hà Nội"


def test_a_2020_district_report_goes_to_the_so_of_that_time():
    """Until 1 March 2025 the IT reports went to the Sở Thông tin và Truyền thông; it was then
    merged into the Sở Khoa học và Công nghệ (docs/reports.md cites the source)."""
    p = default_profile(Agency("UBND huyện Đức Trọng", "district", parent_name="Lâm Đồng"), "2020")
    assert p.issuer == "ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG"
    assert p.recipients[0] == "Sở Thông tin và Truyền thông tỉnh Lâm Đồng"
    assert receiving_department("Quảng Bình", "2024") == "Sở Thông tin và Truyền thông tỉnh Quảng Bình"
    assert receiving_department("Quảng Trị", "2025") == "Sở Khoa học và Công nghệ tỉnh Quảng Trị"


def test_what_was_entered_wins_and_an_empty_number_stays_a_blank():
    agency = Agency("Phường Đồng Hới", "commune", parent_name="Quảng Trị")
    entered = AgencyProfile(issuer="ỦY BAN NHÂN DÂN\nPHƯỜNG ĐỒNG HỚI", authority="", signer_position="CHỦ TỊCH",
                            signer_name="Trần Văn Bình")
    p = effective_profile(agency, "2025", entered)
    assert p.authority == "" and p.signer_name == "Trần Văn Bình" and p.number == ""
    assert p.symbol == "BC-UBND" and p.recipients[-1] == "Lưu: VT."   # empty fields from the defaults


def test_kept_for_the_agency_across_periods_and_numbered_after_finalisation(ws):
    first = filled(ws)
    profile = record.replace(ws.profile(first), number="12", signer_name="Trần Văn Bình", authority="KT.",
                                  on_behalf="CHỦ TỊCH", signer_position="PHÓ CHỦ TỊCH",
                                  recipients=("Sở Khoa học và Công nghệ tỉnh Thanh Hóa", "Lưu: VT."),
                                  recipient_email="vanthu@skhcn.thanhhoa.gov.vn")
    ws.set_profile(first, profile)
    assert ws.get(first).data.profile.signer_name == "Trần Văn Bình"
    nxt = ws.create_assessment("mini", None, COMMUNE, "2026")
    kept = ws.profile(nxt.id)
    assert kept.signer_name == "Trần Văn Bình" and kept.authority == "KT." and kept.number == ""   # a new document
    assert kept.recipient_email == "vanthu@skhcn.thanhhoa.gov.vn"
    ws.finalise(first)
    stamped = ws.get(first).data.content_hash
    ws.set_profile(first, record.replace(ws.profile(first), number="15"))   # the văn thư numbers it
    assert ws.profile(first).number == "15"
    assert ws.get(first).data.content_hash == stamped and ws.summary(first).status == "finalised"
    assert any(e.action == "profile" for e in ws.audit_trail(first))
    with pytest.raises(UserError):
        ws.set_profile(first, record.replace(ws.profile(first), authority="XYZ."))


def test_the_file_carries_the_profile_outside_the_content_hash(ws, tmp_path):
    a = filled(ws)
    ws.set_profile(a, record.replace(ws.profile(a), number="7", signer_name="Lê Thị Mai"))
    ws.finalise(a)
    path = ws.export_file(a, tmp_path / "a.egov.json")
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert payload["format_version"] == 2 and payload["profile"]["signer_name"] == "Lê Thị Mai"
    assert payload["content_hash"] == ws.get(a).data.content_hash      # the stamp still verifies
    back = assessment_file.read(path)
    assert back.profile.number == "7" and back.profile.recipients == ws.profile(a).recipients
    # the number written in afterwards (by the văn thư, or another program) does not break the hash
    payload["profile"]["number"] = "8"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    assert assessment_file.read(path).profile.number == "8"
    # but the content does
    payload["period"] = "2030"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(UserError):
        assessment_file.read(path)


def test_a_format_1_file_still_reads_and_hashes_the_same(ws, tmp_path):
    a = filled(ws)
    ws.finalise(a)
    data = ws.get(a).data
    v2 = assessment_file.to_payload(record.replace(data, profile=AgencyProfile()))
    v1 = {**v2, "format_version": 1}
    assert assessment_file.compute_hash(v1) == v2["content_hash"] == data.content_hash
    (tmp_path / "old.egov.json").write_text(json.dumps(v1, ensure_ascii=False), encoding="utf-8")
    old = assessment_file.read(tmp_path / "old.egov.json")
    assert old.profile == AgencyProfile() and old.content_hash == data.content_hash


def test_an_imported_file_fills_the_profile_of_a_new_agency(ws, tmp_path):
    a = filled(ws)
    ws.set_profile(a, record.replace(ws.profile(a), signer_name="Lê Thị Mai", number="3"))
    ws.finalise(a)
    path = ws.export_file(a, tmp_path / "a.egov.json")
    other = open_workspace(tmp_path / "other")
    try:
        got = other.import_file(path)
        assert other.profile(got.assessment_id).signer_name == "Lê Thị Mai"
        assert other.profile(got.assessment_id).number == "3"
    finally:
        other.close()
