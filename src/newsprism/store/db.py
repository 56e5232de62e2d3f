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
from sqlalchemy import Engine, Select, create_engine, event, func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from newsprism.errors import StoreError

__all__ = [
    "Store",
    "alembic_config",
    "claim_rows",
    "is_lock_conflict",
    "try_stage_lock",
    "yield_to_writers",
]

#: SQLSTATEs of a transaction that lost a lock conflict with another worker: deadlock,
#: serialization failure, lock timeout. Retrying is the cure, not a schema upgrade.
LOCK_CONFLICT_STATES = ("40P01", "40001", "55P03")


def is_lock_conflict(exc: BaseException) -> bool:
    """Tell whether *exc* (a DBAPI or SQLAlchemy error) is a lock conflict between workers."""
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlstate", None) in LOCK_CONFLICT_STATES


def claim_rows(session: Session, stmt: Select[Any] | Any, *, scalars: bool = True) -> list[Any]:
    """Rows of *stmt*, row-locked until this transaction ends; rows others hold are skipped.

    On PostgreSQL this is ``SELECT … FOR UPDATE SKIP LOCKED``: workers running the same
    stage take disjoint batches, and the lock dies with the connection of a killed
    worker, so nothing stays claimed. SQLite has one writer at a time and needs no lock.
    With *scalars* False the rows come back whole (for a select of several columns).
    """
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    return list(session.scalars(stmt)) if scalars else list(session.execute(stmt).all())


def try_stage_lock(session: Session, name: str) -> bool:
    """Take the transaction-scoped lock *name* without waiting (PostgreSQL); True if taken.

    Makes a stage single-consumer: a second worker finds it taken and returns at once.
    SQLite serialises writers by itself, so the lock is always "taken" there.
    """
    if session.get_bind().dialect.name != "postgresql":
        return True
    from newsprism.distributed.locks import lock_id

    return bool(session.scalar(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": lock_id(name)}))


def yield_to_writers(session: Session, milliseconds: int = 500) -> None:
    """Make this transaction give up a lock wait after *milliseconds* (PostgreSQL).

    Below PostgreSQL's 1 s ``deadlock_timeout``, so when the analysis or brief stage
    would form a lock cycle with clustering it is the one that fails (``55P03``) — and
    it only skips a story — instead of the clustering batch being rolled back.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SET LOCAL lock_timeout = '{int(milliseconds)}ms'"))


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
            where = self.engine.url.render_as_string(hide_password=True)
            if is_lock_conflict(exc):
                raise StoreError(
                    f"Lock conflict with another worker on {where}: {exc.orig}. The "
                    "transaction was rolled back and nothing was lost; the job is retried."
                ) from exc
            raise StoreError(
                f"Database error on {where}: {exc.orig}. Check that the database is "
                "reachable and run `newsprism db upgrade`."
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
