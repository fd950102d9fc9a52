"""What a store looks like, known without importing SQLAlchemy or Alembic (start-up speed):
the database file's name in the data folder and the schema revisions this program ships.

A test checks the revisions against migrations/versions, so a new migration cannot forget HEAD.
"""
DB_FILE = "egov-desktop.sqlite"
HEAD = "0003"                      # the newest revision in migrations/versions
KNOWN = ("0001", "0002", "0003")   # every revision the program can upgrade from
