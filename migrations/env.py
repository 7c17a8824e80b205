"""Alembic environment: runs on the connection the portal hands over (portal.schema)."""

from alembic import context

import portal.models  # noqa: F401  (fills the metadata)
from portal.extensions import db

target_metadata = db.metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("Run migrations through `flask --app portal setup` (or `db revision`).")

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
