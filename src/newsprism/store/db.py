"""Database engine, sessions and migrations: SQLite (WAL) by default, PostgreSQL for scale."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from newsprism.errors import StoreError

__all__ = ["Store", "alembic_config"]

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    """An Alembic config for *url* that needs no alembic.ini on disk."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets the web server read while a stage writes; 30 s busy timeout covers the
    # longest write transaction of a stage batch.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


class Store:
    """One database: an engine plus a session factory. Passed to stages, never global."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        kwargs: dict[str, Any] = {"echo": echo, "future": True}
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        """True for the embedded SQLite store."""
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            raise StoreError(
                f"Database error on {self.engine.url.render_as_string(hide_password=True)}: "
                f"{exc.orig}. Check that the database is reachable and run `newsprism db upgrade`."
            ) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def upgrade(self, revision: str = "head") -> None:
        """Apply Alembic migrations up to *revision*."""
        cfg = alembic_config(self.url)
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)

    def current_revision(self) -> str | None:
        """The schema revision the database is at (None if never migrated)."""
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def check_schema(self) -> None:
        """Raise `StoreError` unless the database is migrated to the newest revision."""
        head = ScriptDirectory.from_config(alembic_config(self.url)).get_current_head()
        try:
            current = self.current_revision()
        except OperationalError as exc:
            raise StoreError(
                f"Cannot reach the database ({exc.orig}). Check NEWSPRISM_DATABASE_URL."
            ) from exc
        if current != head:
            raise StoreError(
                f"The database schema is at {current or 'nothing'}, the code needs {head}: "
                "run `newsprism db upgrade`."
            )

    def count(self, table: Any, *where: Any) -> int:
        """Rows of *table* (a mapped class) matching *where*."""
        with self.session() as s:
            return int(s.scalar(select(func.count()).select_from(table).where(*where)) or 0)

    def dispose(self) -> None:
        """Close all pooled connections."""
        self.engine.dispose()
