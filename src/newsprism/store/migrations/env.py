"""Alembic environment: runs on a connection handed in by `Store.upgrade` or on the URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from newsprism.store.schema import Base, managed_by_schema

config = context.config
target_metadata = Base.metadata


def run() -> None:
    """Run migrations online, with SQLite batch mode for ALTERs."""
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
        with engine.begin() as conn:
            _migrate(conn)
        return
    _migrate(connection)


def _migrate(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=managed_by_schema,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
