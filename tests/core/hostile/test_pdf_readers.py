"""The attachments are read by pypdf's strict reader first and leniently when it refuses: a
report a mail program or a tool shifted (offsets no longer exact) is still read, and a file
altered after export is still refused whichever reader read it."""
from __future__ import annotations

import pytest

from egov_desktop.errors import UserError
from egov_desktop.exchange import pdf_attachment
from tests.core.exchange_samples import assessment, install_framework, report_pdf


@pytest.fixture(scope="module")
def report():
    install_framework()
    return report_pdf(assessment("10000", "Xã 0"))


def _shifted(raw: bytes) -> bytes:
    """A comment line after the header: every offset of the cross-reference table is off."""
    i = raw.index(b"\n", raw.index(b"%PDF")) + 1
    return raw[:i] + b"% a line a mail program added\n" + raw[i:]


def test_a_shifted_report_needs_the_lenient_reader_and_is_read(report):
    from pypdf.errors import PdfReadError

    with pytest.raises(PdfReadError):
        pdf_attachment._read_attachments(_shifted(report), "a.pdf", pdf_attachment.ATTACHMENT_NAME,
                                         pdf_attachment.MAX_MANIFEST_BYTES * 100, strict=True)
    assert pdf_attachment.extract_bytes(_shifted(report), "a.pdf").file_bytes == \
        pdf_attachment.extract_bytes(report, "a.pdf").file_bytes


def test_an_altered_attachment_is_refused_by_either_reader(report):
    import io
    import json

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report)))
    data = json.loads(pdf_attachment.extract_bytes(report).file_bytes)
    data["agency"]["name"] = "Xã Khác"
    altered_bytes = json.dumps(data, ensure_ascii=False, indent=1).encode()
    for entry in list(writer.attachment_list):
        if entry.name == pdf_attachment.ATTACHMENT_NAME:
            entry.delete()
    writer.add_attachment(pdf_attachment.ATTACHMENT_NAME, altered_bytes)
    out = io.BytesIO()
    writer.write(out)
    for raw in (out.getvalue(), _shifted(out.getvalue())):
        with pytest.raises(UserError, match="SHA-256"):
            pdf_attachment.extract_bytes(raw, "a.pdf")
