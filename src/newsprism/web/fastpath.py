"""The story page hot path: version memo with exact invalidation, and an ASGI shortcut.

A story page is served from memory when (a) the rendered body for the story's current
version is cached and (b) the database has not changed since that version was read.
On SQLite, (b) costs one ``PRAGMA data_version`` (it changes whenever any other
connection commits), so an unchanged store answers without a query and a changed one
drops every memoised version at once: invalidation stays exact, never time-based.
On PostgreSQL every request runs the one-row version query.

A story page comes in two citation weightings (``?weighting=coverage|balanced``, see
docs/briefs.md): the cached body and the ETag are keyed on the version *and* the weighting
(`page_key`), so the two pages are never mixed up.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from email.utils import format_datetime, parsedate_to_datetime
from functools import lru_cache
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Receive, Scope, Send

from newsprism.store.db import Store
from newsprism.synth.brief import WEIGHTINGS
from newsprism.web import data
from newsprism.web.security import security_headers

__all__ = [
    "StoryFastPath",
    "StoryVersions",
    "etag_for",
    "not_modified",
    "page_key",
    "query_weighting",
    "story_headers",
]

STORY_PATH = re.compile(r"^/story/(\d{1,12})(?:/[^/]*)?$")


@lru_cache(maxsize=4096)
def etag_for(key: str) -> str:
    """Make a weak ETag for a version key (weak: relative times in the body may differ)."""
    return 'W/"' + hashlib.sha256(key.encode()).hexdigest()[:20] + '"'


def page_key(version: data.StoryVersion, weighting: str) -> str:
    """The cache key and ETag source of a story page: its version and its weighting."""
    return f"{version.key}|{weighting}"


def query_weighting(query: bytes, default: str) -> str | None:
    """Return the weighting a story page's query string asks for, or None.

    None: the page must not come from the fast path (an invalid or repeated
    ``weighting``, which the route answers with 422). Other parameters are ignored, as
    the route ignores them.
    """
    if not query:
        return default
    # parsed as Starlette parses it (blank values kept, escapes decoded), so the fast path
    # and the route never read two different weightings from one URL
    values = parse_qs(query.decode("latin-1"), keep_blank_values=True).get("weighting")
    if values is None:
        return default
    if len(values) == 1 and values[0] in WEIGHTINGS:
        return values[0]
    return None


def story_headers(version: data.StoryVersion, weighting: str) -> dict[str, str]:
    """Return the validators and cache policy of a story page at *version* and *weighting*."""
    return {
        "ETag": etag_for(page_key(version, weighting)),
        "Last-Modified": format_datetime(version.last_modified, usegmt=True),
        # Always revalidate: a 304 costs one version check and the page is never stale.
        "Cache-Control": "public, no-cache",
    }


def not_modified(
    if_none_match: str | None,
    if_modified_since: str | None,
    version: data.StoryVersion,
    weighting: str,
) -> bool:
    """Decide whether the client's copy (by ETag, else by date) is current."""
    if if_none_match is not None:
        tags = {m.strip() for m in if_none_match.split(",")}
        return etag_for(page_key(version, weighting)) in tags or "*" in tags
    if if_modified_since:
        try:
            return version.last_modified.replace(microsecond=0) <= parsedate_to_datetime(
                if_modified_since
            )
        except (TypeError, ValueError, IndexError, OverflowError):
            return False  # an unreadable date is ignored, as RFC 9110 asks
    return False


@lru_cache(maxsize=4096)
def _raw_headers(version: data.StoryVersion, weighting: str) -> list[tuple[bytes, bytes]]:
    # Formatting dates and hashing the key cost more than the rest of a cached answer.
    return [(k.lower().encode(), v.encode()) for k, v in story_headers(version, weighting).items()]


class StoryVersions:
    """Story versions, memoised per process while the SQLite file is unchanged."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._memo: dict[int, data.StoryVersion] = {}
        self._seen: int | None = None
        self._lock = threading.Lock()
        self._watch: sqlite3.Connection | None = None
        if store.is_sqlite:
            path = store.engine.url.database
            if path and path != ":memory:":
                self._watch = sqlite3.connect(
                    f"file:{path}?mode=ro", uri=True, check_same_thread=False
                )

    def _changed(self) -> bool:
        if self._watch is None:
            return True
        with self._lock:
            (version,) = self._watch.execute("PRAGMA data_version").fetchone()
            if version != self._seen:
                self._seen = version
                self._memo.clear()
                return True
            return False

    def memoised(self, story_id: int) -> data.StoryVersion | None:
        """Return the memoised version when the store is unchanged since it was read."""
        if self._changed():
            return None
        return self._memo.get(story_id)

    def lookup(self, story_id: int) -> data.StoryVersion | None:
        """Return the current version of a story (memo or one query); None if it is gone."""
        memo = self.memoised(story_id)
        if memo is not None:
            return memo
        with self.store.engine.connect() as conn:
            version = data.story_validator(conn, story_id)
        if version is not None and self._watch is not None:
            self._memo[story_id] = version
        return version

    def close(self) -> None:
        """Close the watch connection."""
        if self._watch is not None:
            self._watch.close()


class StoryFastPath:
    """ASGI shortcut: a cached, unchanged story page is answered before any middleware.

    It wraps the whole middleware stack (see `create_app`), so it sets the security
    headers itself; everything it does not answer goes down the stack unchanged.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer GET /story/<id> from memory when possible, else pass it on."""
        match = STORY_PATH.match(scope.get("path", "")) if scope["type"] == "http" else None
        if match is None or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        state = scope["app"].state.web
        weighting = query_weighting(scope.get("query_string", b""), state.settings.brief_weighting)
        version = state.versions.memoised(int(match.group(1))) if weighting else None
        body = (
            state.cache.get(page_key(version, weighting))
            if version and weighting and not version.merged_into
            else None
        )
        if version is None or body is None or weighting is None:
            await self.app(scope, receive, send)
            return
        if (
            state.pages is not None
            and not scope.get("query_string")
            and not state.pages.current(int(match.group(1)), version.key)
        ):
            # the page is not on disk yet (or was swept): the full path writes it
            await self.app(scope, receive, send)
            return
        request_headers = dict(scope["headers"])
        inm = request_headers.get(b"if-none-match")
        ims = request_headers.get(b"if-modified-since")
        headers = [*_raw_headers(version, weighting), *security_headers(scope["path"])]
        # latin-1, as Starlette decodes headers: any bytes decode, non-ASCII ones never match
        if not_modified(
            inm.decode("latin-1") if inm else None,
            ims.decode("latin-1") if ims else None,
            version,
            weighting,
        ):
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        headers = [
            *headers,
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
