import os

# GUI tests run without a screen; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


# As on an office PC (C:\Users\Nguyễn Văn A\): spaces and Vietnamese letters in the home folder
# and in the data folder, so every path the program builds (SQLite URL, backups, evidence,
# exports, fonts, attachment names) is tried with them.
HOME_NAME, DATA_NAME = "Nguyễn Văn A", "dữ liệu egov"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """Every test gets its own data folder and home folder: tests never touch the user's real data."""
    from egov_desktop import paths

    home = tmp_path / HOME_NAME
    data = home / DATA_NAME
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(data))
    paths.set_data_dir(None)
    yield data
    paths.set_data_dir(None)
