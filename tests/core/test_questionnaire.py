"""The printable blank questionnaire, read back from the PDF: words in the unit column whole,
one date format (ngày/tháng/năm), a date and signature line at the end."""
from __future__ import annotations

import pytest

from egov_desktop.frameworks import registry
from egov_desktop.reports.questionnaire import render_questionnaire

from .pdf_layout import find, page_text, pages


@pytest.mark.parametrize("fw_id", ["xa-2025", "so-nganh-2025", "huyen-2020"])
def test_units_whole_one_date_format_and_a_date_and_signature_line(fw_id):
    info = next(i for i in registry.list() if i.id == fw_id)
    fw = registry.get(info.id, info.version)
    doc = pages(render_questionnaire(fw))
    text = "\n".join(page_text(doc, n) for n in range(1, len(doc) + 1))
    words = set(text.split())
    for unit in {i.unit.get("vi") for i in fw.indicators.values() if i.unit.get("vi")}:
        for w in unit.split():
            assert w in words, f"unit {unit!r} cut: {w!r} missing"
    assert "năm-tháng-ngày" not in text and "(ngày/tháng/năm)" in text
    date = find(doc, "......, ngày ..../..../......")
    signer = find(doc, "NGƯỜI ĐIỀN PHIẾU")
    assert date.page == signer.page == len(doc) and date.top < signer.top and date.italic
    assert find(doc, "(Ký, ghi rõ họ tên)").top > signer.top
