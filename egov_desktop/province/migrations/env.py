"""Alembic environment of the province tables (own chain, own version table); configured in
code by egov_desktop.province.store, which passes the connection in config.attributes."""
from alembic import context

from egov_desktop.province.models import ProvinceBase

config = context.config
context.configure(
    connection=config.attributes["connection"],
    target_metadata=ProvinceBase.metadata,
    version_table="province_alembic_version",
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
