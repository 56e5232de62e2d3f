"""Cross-process locks: PostgreSQL advisory locks, or a file lock beside the SQLite file.

Two uses: the clustering stage runs under `stage_lock` so that two workers never assign
articles at the same time (even if a second consumer is started on the ``cluster``
queue by mistake), and the scheduler holds a `LeaderLock` so that a second scheduler
waits instead of scheduling twice.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from sqlalchemy import text

from newsprism.store.db import Store

__all__ = ["LeaderLock", "LockBusyError", "lock_id", "stage_lock"]

log = logging.getLogger(__name__)


class LockBusyError(RuntimeError):
    """Another process holds the lock; try again later."""


def lock_id(name: str) -> int:
    """Return a stable signed 64-bit advisory-lock id for *name* (PostgreSQL's bigint)."""
    digest = hashlib.blake2b(f"newsprism:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _lock_file(store: Store, name: str) -> Path:
    database = store.engine.url.database or ""
    base = Path(database) if database and database != ":memory:" else Path("data/newsprism.db")
    return base.with_name(f"{base.name}.{name}.lock")


class LeaderLock:
    """A lock held for as long as this process keeps its own connection (or file) open.

    PostgreSQL: a session-level ``pg_try_advisory_lock`` on a dedicated connection. If
    that connection is terminated the server drops the lock, so `held()` checks the
    connection before every use and reports False once it is gone: the holder must then
    stop acting as leader and `acquire()` again.
    """

    def __init__(self, store: Store, name: str) -> None:
        self.store = store
        self.name = name
        self._conn: Any = None
        self._file: IO[str] | None = None

    def acquire(self) -> bool:
        """Try to take the lock without waiting; True when this process now holds it."""
        if self.held():
            return True
        self.release()
        if self.store.is_sqlite:
            path = _lock_file(self.store, self.name)
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = path.open("w")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                return False
            handle.write(str(os.getpid()))
            handle.flush()
            self._file = handle
            return True
        conn = self.store.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            got = bool(
                conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": lock_id(self.name)})
            )
        except Exception:
            conn.invalidate()
            conn.close()
            raise
        if not got:
            conn.close()
            return False
        self._conn = conn
        return True

    def held(self) -> bool:
        """Tell whether the lock is certainly still ours (the connection answers)."""
        if self._file is not None:
            return True
        if self._conn is None:
            return False
        try:
            self._conn.scalar(text("SELECT 1"))
        except Exception:
            log.warning("lost the connection that held lock %s", self.name)
            self._drop_connection()
            return False
        return True

    def release(self) -> None:
        """Give the lock up (closing the connection or file releases it)."""
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock_id(self.name)})
                self._conn.close()
            except Exception:
                self._drop_connection()
            self._conn = None

    def _drop_connection(self) -> None:
        if self._conn is not None:
            try:
                self._conn.invalidate()
                self._conn.close()
            except Exception:  # the connection is already dead
                pass
            self._conn = None


@contextmanager
def stage_lock(store: Store, name: str) -> Iterator[None]:
    """Run the block only if no other process runs it; `LockBusyError` otherwise."""
    lock = LeaderLock(store, name)
    if not lock.acquire():
        raise LockBusyError(f"lock {name!r} is held by another worker")
    try:
        yield
    finally:
        lock.release()
