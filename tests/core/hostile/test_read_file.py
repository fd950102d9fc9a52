"""untrusted.read_file reads what the size stat gave and sees a file that grew after it: the
whole content comes back, and a file grown past the limit is refused."""
from __future__ import annotations

import os

import pytest

from egov_desktop import untrusted
from egov_desktop.errors import UserError


def _stat_says(monkeypatch, size: int) -> None:
    real = untrusted.check_regular

    def smaller(path, source=None):
        st = real(path, source)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, size,
                               st.st_atime, st.st_mtime, st.st_ctime))
    monkeypatch.setattr(untrusted, "check_regular", smaller)


def test_a_file_read_whole(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(b"x" * 1000)
    assert untrusted.read_file(path, 1000) == b"x" * 1000
    with pytest.raises(UserError, match="too large"):
        untrusted.read_file(path, 999)


def test_a_file_that_grew_after_the_stat_is_read_whole_or_refused(tmp_path, monkeypatch):
    path = tmp_path / "a.pdf"
    path.write_bytes(bytes(range(256)) * 4)
    _stat_says(monkeypatch, 10)
    assert untrusted.read_file(path, 5000) == bytes(range(256)) * 4
    with pytest.raises(UserError) as e:
        untrusted.read_file(path, 500)
    assert e.value.path == "a.pdf"
