"""The e-mail draft reads back exactly with the standard library's parser, for any agency name."""
from __future__ import annotations

import dataclasses
import email.utils
import unicodedata
from email.parser import BytesParser
from email.policy import default

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egov_desktop.domain import Respondent
from egov_desktop.reports.data import build_report_data
from egov_desktop.reports.email import BadAddress, addresses, build_eml, display_name, is_address, subject
from scoring.record import replace

from .report_samples import assessment, framework

VOWELS = "aăâeêioôơuưy"
MARKS = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]   # sắc, huyền, hỏi, ngã, nặng
CONSONANTS = ["b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
              "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x", ""]
FINALS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u", "y"]


@st.composite
def syllable(draw) -> str:
    s = draw(st.sampled_from(CONSONANTS)) + unicodedata.normalize(
        "NFC", draw(st.sampled_from(VOWELS)) + draw(st.sampled_from(MARKS))) + draw(st.sampled_from(FINALS))
    return s.capitalize() if draw(st.booleans()) else s


# words and the separators agency names really have ("UBND", "Sở TT&TT", "phường 1", "(cũ)", "-")
words = st.one_of(syllable(), st.sampled_from(["UBND", "Sở", "TT&TT", "1", "12", "(cũ)", "-", "–", "Đắk", "Lắk",
                                               "\"Hà Nội\"", "xã/phường", ",", "Ủy", "ban", "nhân", "dân"]))
names = st.lists(words, min_size=1, max_size=60).map(" ".join)   # up to ~400 characters


def _parse(raw: bytes):
    return BytesParser(policy=default).parsebytes(raw)


REPORT = build_report_data(assessment(), framework())   # built once: the e-mail only reads it


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agency=names, person=names, file_name=st.one_of(names.map(lambda n: n[:80] + ".pdf"),
                                                        st.just("UBND-phuong-Dong-Hoi_2025_xa-2025.pdf")))
def test_subject_from_to_and_attachment_name_read_back_exactly(agency, person, file_name):
    report = dataclasses.replace(REPORT, agency=replace(REPORT.agency, name=agency),
                                 respondent=Respondent(person, "Công chức", "", "can.bo@xa-a.gov.vn"))
    raw = build_eml(report, b"%PDF-1.4 x", file_name, "vanthu.so@quangtri.gov.vn")
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))             # RFC 5322 line limit
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()                                                    # headers: 7-bit, encoded
    m = _parse(raw)
    assert m["Subject"] == subject(report, "vi") and agency in m["Subject"]
    [sender] = m["From"].addresses
    assert (sender.display_name, sender.addr_spec) == (display_name(person), "can.bo@xa-a.gov.vn")
    plain = " ".join(person.split())
    if not set(plain) & set('()<>[]:;@\\,."') and len(plain) <= 120:   # a person's name comes back as typed
        assert sender.display_name == plain
    assert m["To"].addresses[0].addr_spec == "vanthu.so@quangtri.gov.vn"
    [att] = list(m.iter_attachments())
    assert att.get_filename() == file_name and att.get_content() == b"%PDF-1.4 x"


def test_message_id_and_a_local_date_with_its_offset(monkeypatch):
    import datetime as dt
    import time

    if hasattr(time, "tzset"):   # an office PC in Vietnam (POSIX: the zone can be set for the test)
        monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
        time.tzset()
    try:
        m = _parse(build_eml(REPORT, b"%PDF", "a.pdf", "so@x.gov.vn"))
        local = dt.datetime.now().astimezone()
    finally:
        monkeypatch.undo()
        if hasattr(time, "tzset"):
            time.tzset()
    assert m["Message-ID"].startswith("<") and m["Message-ID"].endswith(">") and "@xa-a.gov.vn" not in m["Message-ID"]
    assert m["Message-ID"].count("@") == 1
    sent = email.utils.parsedate_to_datetime(m["Date"])
    assert sent.utcoffset() == local.utcoffset() and abs((local - sent).total_seconds()) < 120
    if hasattr(time, "tzset"):
        assert sent.utcoffset() == dt.timedelta(hours=7) and m["Date"].endswith("+0700")


def test_without_the_respondents_address_there_is_no_made_up_sender():
    """No From at all (no placeholder): the mail program that opens the draft (X-Unsent) fills
    in the account it sends from; the respondent's name still signs the body."""
    data = replace(assessment(), respondent=Respondent("Nguyễn Thị Hằng", "", "", ""))
    m = _parse(build_eml(build_report_data(data, framework()), b"%PDF", "a.pdf", ""))
    assert m["From"] is None and m["To"] is None and m["X-Unsent"] == "1"
    assert "Nguyễn Thị Hằng" in m.get_body(("plain",)).get_content()


@pytest.mark.parametrize("text", ["ubnd@quangtri.gov.vn", "van.thu+so@x-y.gov.vn", "a@b.co", "o'neil@x.vn",
                                  "a@xn--80ak6aa92e.com"])
def test_plain_addresses_are_taken(text):
    assert is_address(text) and addresses(f" {text} ; ") == (text,)


@pytest.mark.parametrize("text", ["ubnd@quangtri", "@x.gov.vn", "a@", "a@@x.vn", "a b@x.vn", "a..b@x.vn",
                                  ".a@x.vn", "a@x..vn", "a@-x.vn", "a@x.123", "tên@x.vn", "a@xã.vn",
                                  "Văn thư <vt@x.vn>", "<vt@x.vn>", '"a b"@x.vn', "a@[1.2.3.4]",
                                  "a" * 65 + "@x.vn", "a@" + "b" * 250 + ".vn"])
def test_what_is_not_a_plain_address_is_refused(text):
    assert not is_address(text)
    with pytest.raises(BadAddress) as e:
        addresses(f"ok@x.gov.vn; {text}")
    assert str(e.value) == text.strip()
