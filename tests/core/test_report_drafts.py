"""Drafts are drafts everywhere: the e-mail's subject starts "[DỰ THẢO]" and carries no check
code (read back by the standard library's parser); finals are unchanged. Property tests of the
profile defaults and of document numbers in the PDF."""
from __future__ import annotations

from scoring import record
import email
from email import policy

from hypothesis import given, settings, strategies as st

from egov_desktop.domain import Agency, Evidence
from egov_desktop.reports.data import build_report_data
from egov_desktop.reports.email import build_eml
from egov_desktop.reports.pdf import render_pdf
from egov_desktop.reports.profile import default_profile, recipient_lines

from .pdf_layout import pages
from .report_samples import assessment, framework


def _message(data):
    report = build_report_data(data, framework())
    return email.message_from_bytes(build_eml(report, b"%PDF-1.4", "bao-cao.pdf"), policy=policy.default)


def test_a_draft_email_says_so_in_its_subject_and_has_no_check_code():
    draft = _message(assessment(status="draft", finalised_at="", content_hash=""))
    assert str(draft["Subject"]).startswith("[DỰ THẢO] Báo cáo kết quả tự đánh giá")
    assert "Mã kiểm tra" not in draft.get_body(("plain",)).get_content()
    final = _message(assessment())
    assert not str(final["Subject"]).startswith("[DỰ THẢO]")
    assert "Mã kiểm tra (SHA-256)" in final.get_body(("plain",)).get_content()


LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
word = st.text(LETTERS, min_size=1, max_size=8).map(str.capitalize)
place = st.lists(word, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(kind=st.sampled_from(["Xã", "Phường", "Đặc khu"]), name=place, province=place,
       year=st.integers(2016, 2030), prefix=st.sampled_from(["", "UBND ", "Ủy ban nhân dân "]))
def test_a_committee_is_always_named_in_full_and_reports_to_the_so_of_its_time(kind, name, province, year, prefix):
    p = default_profile(Agency(f"{prefix}{kind} {name}", "commune", parent_name=province), str(year))
    assert p.parent_line == "" and p.issuer == f"ỦY BAN NHÂN DÂN\n{kind.upper()} {name.upper()}"
    so = "Sở Thông tin và Truyền thông" if year < 2025 else "Sở Khoa học và Công nghệ"
    assert p.recipients == (f"{so} tỉnh {province}", "Lưu: VT.")
    lines = recipient_lines(p)
    assert lines[-1] == "- Lưu: VT." and all(x.startswith("- ") and x.endswith(";") for x in lines[:-1])


symbol = st.builds(lambda n, kind, org: f"{n}/{kind}-{org}", st.integers(1, 99999),
                   st.sampled_from(["QĐ", "KH", "BC", "CV", "TB"]),
                   st.text("ABCDĐEGHKLMNPQRSTUVXY", min_size=2, max_size=12))


@settings(max_examples=12, deadline=None)
@given(numbers=st.lists(symbol, min_size=1, max_size=3))
def test_document_numbers_are_never_cut_in_the_pdf(numbers):
    a = assessment()
    lan = record.replace(a.answers["lan"], evidence=tuple(Evidence(n, "2025-03-01", "Quyết định") for n in numbers))
    doc = pages(render_pdf(build_report_data(record.replace(a, answers={**a.answers, "lan": lan}), framework())))
    words = {w for p in doc for line in p for w in line.text.split()}
    for n in numbers:
        assert n in words, n
