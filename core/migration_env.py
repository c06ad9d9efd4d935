"""The one Alembic environment body the desk's and the server's migrations both run."""

from __future__ import annotations

from alembic import context
from sqlalchemy import MetaData, create_engine


def run_migrations(target_metadata: MetaData) -> None:
    """Run the migrations of the current Alembic context against `target_metadata` (whose naming
    convention is core.schema.NAMING on both sides): on the connection handed over in
    config.attributes["connection"], else on the sqlalchemy.url option. Batch mode, for SQLite."""
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("No connection was handed over and sqlalchemy.url is not set.")
    engine = create_engine(url)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
