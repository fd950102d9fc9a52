"""What a store looks like, known without importing SQLAlchemy or Alembic (start-up speed):
the database file's name in the data folder, its URL, and the schema revisions this program ships.

A test checks the revisions against migrations/versions, so a new migration cannot forget HEAD.
"""
DB_FILE = "egov-desktop.sqlite"
HEAD = "0005"                      # the newest revision in migrations/versions
KNOWN = ("0001", "0002", "0003", "0004", "0005")  # every revision the program can upgrade from
# the program's own tables: a file without every one of them is not one of its databases
# (agency_profiles and return_notes are left out: a file at 0003 is still one of ours, 0004 and 0005 add them)
TABLES = ("agencies", "assessments", "answers", "evidence", "audit")


def sqlite_url(path) -> str:
    """The SQLAlchemy URL of a SQLite file. SQLAlchemy reads "%xx" in a URL as an escape and "?"
    as the start of its query: a folder name holding them (allowed on Windows) is escaped."""
    from pathlib import Path

    text = Path(path).as_posix()
    return "sqlite:///" + text.replace("%", "%25").replace("?", "%3F").replace("#", "%23")
