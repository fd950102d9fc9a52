"""Alembic environment, configured in code by egov_desktop.storage.migrate (no alembic.ini).

The caller passes an open connection in config.attributes["connection"].
"""
from alembic import context

from egov_desktop.storage.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,          # SQLite cannot ALTER most things: copy-and-move tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
