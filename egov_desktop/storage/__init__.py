"""Storage: the SQLAlchemy models, the SQLite engine, Alembic migrations, backups, integrity.

Only egov_desktop.services uses this package; the GUI never sees it.
"""
