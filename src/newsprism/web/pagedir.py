"""Rendered story pages on disk, for the web server in front to send with sendfile.

With ``web_page_dir`` set, the app writes every story page it renders — the very bytes it
serves — to ``<dir>/story/<id>.html`` and, for the canonical URL, to
``<dir>/story/<id>/<slug>.html``. nginx (``deploy/nginx/newsprism.conf``) answers
``try_files $uri.html $uri/index.html @app`` from those files without Python and passes
every miss to the app, which renders and writes the page again.

Beside each story's pages, ``story/<id>.key`` records the story version they show and the
URLs written. A sweep thread compares those keys with the store every
``web_page_sweep_seconds`` and deletes the pages of a story that changed, merged or went
away, so nginx serves a page at most one interval after its story changed; the app's own
memory cache stays exact. Files are written to a temporary name and renamed into place,
so nginx never sends half a page.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from newsprism.errors import ConfigError
from newsprism.store.db import Store
from newsprism.web import data

__all__ = ["PageDir", "page_path"]

log = logging.getLogger(__name__)

STORY_DIR = "story"
#: A path segment that may become a file or folder name: no dot first (no ``..``, no
#: hidden files), no separators, no percent-encoding, short. Story slugs are ASCII words
#: and digits joined by ``-`` (`stories.stage.slugify`), so every canonical URL passes.
_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_~.-]{0,199}")
_KEY_FILE = re.compile(r"(\d{1,12})\.key")
_PAGE_FILE = re.compile(r"(\d{1,12})\.html")
_STORY_FOLDER = re.compile(r"\d{1,12}")
#: Seconds after which a temporary file, or a page with no key file beside it, is a
#: leftover of a writer that died between its two renames (a write takes milliseconds).
LEFTOVER_SECONDS = 60.0


def page_path(root: Path, url: str) -> Path | None:
    """Return the file under *root* that nginx sends for site-relative *url*, or None.

    ``/story/7/a-title`` → ``root/story/7/a-title.html`` (nginx tries ``$uri.html``) and
    ``/`` → ``root/index.html`` (``$uri/index.html``). None for anything that cannot be
    one of the site's own canonical URLs: a query string or fragment, an empty, hidden or
    dot segment, a backslash, NUL, percent-encoding or any character outside
    ``[A-Za-z0-9_~.-]``; so no URL can name a file outside *root*.
    """
    if not url.startswith("/"):
        return None
    if url == "/":
        return root / "index.html"
    segments = url[1:].split("/")
    if not all(_SEGMENT.fullmatch(segment) for segment in segments):
        return None
    path = root.joinpath(*segments[:-1], segments[-1] + ".html")
    # belt and braces: the checks above already rule out every way out of root
    if os.path.commonpath([root, os.path.normpath(path)]) != str(root):
        return None
    return path


def _atomic_write(path: Path, body: bytes, tmp_dir: Path, mtime: float | None = None) -> None:
    """Write *body* to *path* via a temporary file in *tmp_dir* (same file system) and a rename."""
    path.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
    # temporary names end in .tmp, never .html: nginx's try_files cannot send one
    fd, tmp = tempfile.mkstemp(dir=tmp_dir, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(body)
            out.flush()
            # a rename can reach the disk before the data: after a power cut the page
            # would be empty, and nginx would send it until the story changes
            os.fsync(out.fileno())
        # nginx's workers run as another user; mkstemp creates 0600
        os.chmod(tmp, 0o644)
        if mtime is not None:
            # nginx derives Last-Modified (and its ETag) from the mtime: the page's own date
            os.utime(tmp, (mtime, mtime))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class PageDir:
    """Story pages written under one folder, and the sweep that deletes stale ones."""

    def __init__(self, root: Path, store: Store, sweep_seconds: float = 5.0) -> None:
        self.root = Path(os.path.abspath(root))
        self.store = store
        self.sweep_seconds = sweep_seconds
        self.story_dir = self.root / STORY_DIR
        try:
            self.story_dir.mkdir(mode=0o755, parents=True, exist_ok=True)
            (self.root / ".write.lock").touch()
        except OSError as exc:
            raise ConfigError(
                f"web_page_dir {self.root} cannot be written ({exc.strerror}): make it a "
                "folder the web process may write, or unset NEWSPRISM_WEB_PAGE_DIR"
            ) from exc
        self._written: dict[int, str] = {}
        self._writing: set[int] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def key_path(self, story_id: int) -> Path:
        """The file recording which version of *story_id* its pages show."""
        return self.story_dir / f"{story_id}.key"

    def current(self, story_id: int, key: str) -> bool:
        """Whether this process wrote the pages of version *key* and they are still there."""
        return self._written.get(story_id) == key and (self.story_dir / f"{story_id}.html").exists()

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        # One writer or remover at a time across every process sharing the folder, so
        # a story's key file always names the version its pages show: two processes
        # writing two versions of one story cannot leave old pages under a new key.
        with open(self.root / ".write.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def write(
        self, story_id: int, version: data.StoryVersion, url: str | None, body: bytes
    ) -> bool:
        """Write *body* as the page of ``/story/<id>`` and of its canonical *url*.

        Returns False without writing when another thread of this process is writing
        the same story (64 concurrent misses need one write, not 64), or the story is merged.
        """
        if version.merged_into:
            return False
        with self._lock:
            if story_id in self._writing:
                return False
            self._writing.add(story_id)
        try:
            urls = [f"/story/{story_id}"]
            if url and url != urls[0] and page_path(self.root, url) is not None:
                urls.append(url)
            mtime = version.last_modified.timestamp()
            record = json.dumps({"key": version.key, "urls": urls}).encode()
            with self._exclusive():
                # a new title may bring a new slug: the old slug's page must not outlive it
                old = _urls_of(_read_record(self.key_path(story_id)))
                self._unlink_pages(story_id, [u for u in old if u not in urls])
                for each in urls:
                    path = page_path(self.root, each)
                    assert path is not None  # /story/<int> always maps
                    _atomic_write(path, body, self.story_dir, mtime)
                _atomic_write(self.key_path(story_id), record, self.story_dir)
            self._written[story_id] = version.key
            return True
        finally:
            with self._lock:
                self._writing.discard(story_id)

    def _unlink_pages(self, story_id: int, urls: list[str]) -> None:
        for url in urls:
            path = page_path(self.root, url)
            # only this story's files, whatever a key file claims
            mine = path == self.story_dir / f"{story_id}.html" or (
                path is not None and path.parent == self.story_dir / str(story_id)
            )
            if path is not None and mine:
                path.unlink(missing_ok=True)

    def remove(self, story_id: int, only_key: str | None = None) -> bool:
        """Delete every page of *story_id*, then its key file.

        With *only_key*, only while the key file still records that version (a sweep
        must not delete pages another process has just rewritten). Returns whether it did.
        """
        with self._exclusive():
            record = _read_record(self.key_path(story_id))
            if only_key is not None and _key_of(record) != only_key:
                return False
            self._unlink_pages(story_id, [f"/story/{story_id}", *_urls_of(record)])
            folder = self.story_dir / str(story_id)
            if folder.is_dir():
                for leftover in folder.glob("*.html"):
                    leftover.unlink(missing_ok=True)
                with suppress(OSError):  # not empty: something else was put there
                    folder.rmdir()
            self.key_path(story_id).unlink(missing_ok=True)
        self._written.pop(story_id, None)
        return True

    def sweep(self, now: float | None = None) -> int:
        """Delete the pages of every story that changed, merged or went away.

        Also deletes leftovers of a writer that died mid-write (older than
        `LEFTOVER_SECONDS` at *now*, default the current time). Returns how many stories'
        pages were deleted. Several processes may share the folder: one sweeps at a time.
        """
        with open(self.root / ".sweep.lock", "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return 0  # another process is sweeping right now
            return self._sweep(time.time() if now is None else now)

    def _sweep(self, now: float) -> int:
        keys: dict[int, str] = {}
        pages: set[int] = set()
        with os.scandir(self.story_dir) as entries:
            for entry in entries:
                if match := _KEY_FILE.fullmatch(entry.name):
                    keys[int(match.group(1))] = _key_of(_read_record(Path(entry.path)))
                elif (match := _PAGE_FILE.fullmatch(entry.name)) or _STORY_FOLDER.fullmatch(
                    entry.name
                ):
                    pages.add(int(match.group(1) if match else entry.name))
                elif entry.name.endswith(".tmp"):
                    _remove_if_old(Path(entry.path), now)
        with self.store.engine.connect() as conn:
            versions = data.story_validators(conn, keys)
        removed = 0
        for story_id, key in keys.items():
            version = versions.get(story_id)
            stale = version is None or version.merged_into or version.key != key
            if stale and self.remove(story_id, only_key=key):
                removed += 1
        for story_id in pages - keys.keys():
            # pages without a key: a writer died between its renames, or one is writing now
            bare = self.story_dir / f"{story_id}.html"
            folder = self.story_dir / str(story_id)
            newest = max((_changed_at(p) for p in (bare, folder)), default=0.0)
            # only_key="": only while the key is still missing (its writer may finish first)
            if now - newest > LEFTOVER_SECONDS and self.remove(story_id, only_key=""):
                removed += 1
        return removed

    def start(self) -> None:
        """Start the sweep thread (a daemon: it never keeps the process alive)."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="page-dir-sweep", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the sweep thread and wait for it."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def sweeping(self) -> bool:
        """Whether the sweep thread runs."""
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.wait(self.sweep_seconds):
            try:
                self.sweep()
            except Exception:
                # a database hiccup must not end the thread: the next interval retries
                log.exception("sweeping %s failed", self.root)


def _read_record(path: Path) -> dict[str, Any]:
    """The key file's record; {} when it is missing or unreadable."""
    try:
        record = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _urls_of(record: dict[str, Any]) -> list[str]:
    """The URLs a record names (each still checked by `page_path` before any unlink)."""
    urls = record.get("urls")
    return [u for u in urls if isinstance(u, str)] if isinstance(urls, list) else []


def _key_of(record: dict[str, Any]) -> str:
    """The version key a record names; "" when it names none (such pages are stale)."""
    key = record.get("key")
    return key if isinstance(key, str) else ""


def _changed_at(path: Path) -> float:
    # ctime, not mtime: the mtime is set to the story's date, the ctime is the rename
    try:
        return path.stat().st_ctime
    except OSError:
        return 0.0


def _remove_if_old(path: Path, now: float) -> None:
    if now - _changed_at(path) > LEFTOVER_SECONDS:
        path.unlink(missing_ok=True)
