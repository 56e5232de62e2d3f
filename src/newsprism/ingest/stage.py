"""Ingestion stages: poll feeds, fetch + extract pages, link syndicated copies.

- ``poll_feeds(ctx)``: poll every feed whose ``next_poll_at`` has come; insert one
  ``article`` row per new entry (status ``new``, keyed by canonical URL, so a repeat is a
  no-op); update the feed's etag / last_modified / next_poll_at / failures / last_error.
- ``fetch_articles(ctx)``: for a batch of ``new`` articles fetch the page and extract it;
  status ``extracted``, or ``partial`` (feed summary used), or ``failed`` with ``error``.
- ``dedupe_articles(ctx)``: content hash + MinHash LSH over ``extracted``/``partial``
  articles; set ``syndicated_of`` for near-copies; status ``ready``.

Every write is idempotent: one transaction per feed (entries + feed state together), one
per article batch, and ``WHERE status = …`` guards so two workers never apply the same
transition twice. Problems are recorded on the row they belong to, never raised out of
the stage, so one bad feed or page never costs the good ones in the same batch.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from newsprism.config import Settings
from newsprism.errors import BlockedURLError, NewsPrismError
from newsprism.ingest.dedupe import NearDuplicateIndex, canonical_url, content_hash, minhash_bytes
from newsprism.ingest.feeds import FeedEntry, next_poll_interval, parse_feed
from newsprism.ingest.http import Fetcher, HostClock, Resolver, RobotsCache
from newsprism.pipeline import StageContext, StageReport
from newsprism.store.db import claim_rows, try_stage_lock
from newsprism.store.schema import Article, Feed, utcnow

__all__ = ["dedupe_articles", "fetch_articles", "poll_due_feeds", "poll_feeds"]

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Feeds polled per poll_feeds run; 2,000 covers a large registry in one round while
#: keeping the round's parsed entries (≈ 50 per feed) small in memory.
POLL_BATCH = 2000
#: Feeds whose results are committed together (a savepoint each); one commit per feed
#: cost 16 ms on SQLite in the hostile-input run (850 feeds), one per 200 feeds far less.
STORE_CHUNK = 200
#: Rows per multi-row INSERT: 64 rows × 15 columns = 960 parameters, under the 999 of old
#: SQLite builds (PostgreSQL allows 65,535; one INSERT of 5,042 entries exceeded it).
INSERT_CHUNK = 64
#: Keys per ``IN (…)`` lookup, under the same 999-parameter floor.
LOOKUP_CHUNK = 500
#: Candidates read per fetch batch before the round-robin by host picks the batch.
FETCH_CANDIDATES = 4
#: Seconds of per-host delay one host may add to a round: the delay serialises a host's
#: feeds, so a host with thousands of them (one site's sections, a feed proxy) would hold a
#: round for ``n × per_host_delay`` while every other host waits. At the default 1 s delay a
#: host gets 120 feeds per round; its other feeds stay due and, oldest first, lead the next.
POLL_HOST_SECONDS = 120.0
#: Polls of feeds imported together are spread ±10 % around their interval (by feed id), so
#: 10,000 feeds added at once do not all come due in the same second of every interval.
POLL_SPREAD = 0.1
#: Articles deduplicated per dedupe_articles run (one transaction).
DEDUPE_BATCH = 500
#: Texts shorter than this many words are neither hashed for linking nor MinHashed: short
#: summaries ("Read more…") collide across unrelated articles.
MIN_WORDS_FOR_LINK = 40
#: Longest message kept in feed.last_error / article.error.
MAX_ERROR_CHARS = 2000
_FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
_PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_PROCESSED = ("ready", "embedded", "clustered")
#: A claimed feed's lease, in whole-response timeouts: a round polls its feeds
#: concurrently, so it ends within a few timeouts unless its worker died.
FEED_LEASE_FACTOR = 4
#: The dedupe stage is single-consumer: its near-duplicate index lives in the worker's
#: memory and must see every earlier article of the window, so two workers deduplicating
#: at once would miss each other's copies. Deduplication costs ~1 ms per article.
DEDUPE_LOCK = "dedupe_articles"


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """Run *coro* to completion, also when called from inside a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _fetcher(ctx: StageContext) -> Fetcher:
    """Build a fetcher for this run, sharing politeness and robots.txt state across runs."""
    resolver: Resolver | None = ctx.resources.get("resolver")
    return Fetcher(
        ctx.settings,
        resolver=resolver,
        clock=ctx.resource("host_clock", HostClock),
        robots=ctx.resource("robots_cache", RobotsCache),
    )


def _short(message: str) -> str:
    return message if len(message) <= MAX_ERROR_CHARS else message[: MAX_ERROR_CHARS - 1] + "…"


def _outlet_lookup(ctx: StageContext) -> Callable[[str], int | None]:
    """URL → outlet id via the outlet registry's resolver, or a lookup that finds nothing."""
    try:
        from newsprism.outlets.resolve import (  # type: ignore[import-not-found,unused-ignore]
            OutletResolver,
        )
    except ImportError:
        return lambda _url: None
    try:
        resolver = OutletResolver.from_store(ctx.store)
    except Exception as exc:  # a registry problem must not stop ingestion
        log.warning("outlet resolver unavailable: %s", exc)
        return lambda _url: None
    lookup: Callable[[str], int | None] = resolver.resolve
    return lookup


# --- poll_feeds -----------------------------------------------------------------------


@dataclass
class _DueFeed:
    id: int
    url: str
    etag: str | None
    last_modified: str | None
    outlet_id: int | None
    poll_interval: int


@dataclass
class _PollOutcome:
    feed: _DueFeed
    error: str | None = None
    not_modified: bool = False
    entries: list[FeedEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    #: entries this poll may release to the fetch queue (NEWSPRISM_FEED_ENTRIES_PER_POLL)
    slots: int = 0


async def _poll_one(fetcher: Fetcher, feed: _DueFeed) -> _PollOutcome:
    outcome = _PollOutcome(feed)
    try:
        result = await fetcher.fetch(
            feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=_FEED_ACCEPT
        )
        outcome.etag, outcome.last_modified = result.etag, result.last_modified
        if result.not_modified:
            outcome.not_modified = True
            return outcome
        # parsed in a worker thread so the event loop keeps reading other responses
        parsed = await asyncio.to_thread(
            parse_feed, result.body, content_type=result.content_type, base_url=result.final_url
        )
        outcome.entries, outcome.problems = parsed.entries, parsed.problems
    except NewsPrismError as exc:
        outcome.error = str(exc)
    except Exception as exc:  # last line of defence: record, never crash the round
        log.exception("unexpected error polling %s", feed.url)
        outcome.error = f"unexpected {type(exc).__name__} while polling: {exc}"
    return outcome


async def _poll_all(
    ctx: StageContext, feeds: Sequence[_DueFeed], progress: Callable[[int, int], None] | None
) -> list[_PollOutcome]:
    async with _fetcher(ctx) as fetcher:
        tasks = [asyncio.ensure_future(_poll_one(fetcher, feed)) for feed in feeds]
        outcomes = []
        for done, task in enumerate(asyncio.as_completed(tasks), start=1):
            outcomes.append(await task)
            if progress is not None:
                progress(done, len(tasks))
        return outcomes


def _insert_entries(
    session: Session, outcome: _PollOutcome, lookup: Callable[[str], int | None], now: datetime
) -> int:
    """Store the feed's entries not seen before; return how many were new.

    Inserted in chunks of `INSERT_CHUNK` rows; the first *slots* get status ``new``, the
    rest ``queued`` (released by later polls, see `_release_backlog`).
    """
    # entries by key, rows built one chunk at a time: a 100,000-entry feed would otherwise
    # hold 100,000 row dicts (≈ 100 MB) at once
    keyed: dict[str, FeedEntry] = {}
    for entry in outcome.entries:
        key = canonical_url(entry.url)
        if len(key) <= 2000:
            keyed.setdefault(key, entry)
    keys = list(keyed)
    existing: set[str] = set()
    for start in range(0, len(keys), LOOKUP_CHUNK):
        chunk = keys[start : start + LOOKUP_CHUNK]
        existing.update(
            session.scalars(select(Article.canonical_url).where(Article.canonical_url.in_(chunk)))
        )
    fresh = [key for key in keys if key not in existing]
    statement = _insert_ignore(session)
    for start in range(0, len(fresh), INSERT_CHUNK):
        rows = []
        for rank, key in enumerate(fresh[start : start + INSERT_CHUNK], start=start):
            entry = keyed[key]
            rows.append(
                {
                    "outlet_id": outcome.feed.outlet_id or lookup(entry.url),
                    "feed_id": outcome.feed.id,
                    "url": entry.url,
                    "canonical_url": key,
                    "title": entry.title,
                    "summary": entry.summary,
                    "author": entry.author,
                    "published_at": entry.published,
                    "first_seen_at": now,
                    "categories": entry.categories,
                    "status": "new" if rank < outcome.slots else "queued",
                }
            )
        session.execute(statement, rows)
    return len(fresh)


def _release_backlog(session: Session, feed_id: int, limit: int) -> int:
    """Turn up to *limit* of the feed's ``queued`` entries (oldest first) into ``new``."""
    if limit <= 0:
        return 0
    ids = session.scalars(
        select(Article.id)
        .where(Article.feed_id == feed_id, Article.status == "queued")
        .order_by(Article.id)
        .limit(limit)
    ).all()
    for start in range(0, len(ids), LOOKUP_CHUNK):
        session.execute(
            update(Article)
            .where(Article.id.in_(ids[start : start + LOOKUP_CHUNK]), Article.status == "queued")
            .values(status="new")
        )
    return len(ids)


def _insert_ignore(session: Session) -> Any:
    """INSERT … ON CONFLICT (canonical_url) DO NOTHING for the session's dialect."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(Article).on_conflict_do_nothing(index_elements=["canonical_url"])
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(Article).on_conflict_do_nothing(index_elements=["canonical_url"])


def _record_failure(feed: Feed, settings: Settings, now: datetime, message: str) -> None:
    """Count a failed poll on *feed*: failures, last_error, backoff, pause past the limit."""
    feed.last_polled_at = now
    feed.failures = (feed.failures or 0) + 1
    if feed.failures >= settings.pause_after_failures:
        feed.paused = True
        message += (
            f" — paused after {feed.failures} failures in a row; fix the URL, then "
            f"`newsprism feeds resume {feed.id}`"
        )
    feed.last_error = _short(message)
    base = max(settings.min_poll_interval, feed.poll_interval or settings.min_poll_interval)
    backoff = min(settings.max_poll_interval, base * 2 ** min(feed.failures - 1, 10))
    feed.next_poll_at = now + _spread(feed.id, backoff)


def _store_outcome(
    session: Session,
    ctx: StageContext,
    outcome: _PollOutcome,
    lookup: Callable[[str], int | None],
) -> int:
    """Write one feed's entries and state together; return the entries inserted."""
    s = ctx.settings
    now = utcnow()
    feed = session.get(Feed, outcome.feed.id)
    if feed is None:  # deleted meanwhile
        return 0
    feed.last_polled_at = now
    # the backlog of earlier polls goes first: it has waited longest
    outcome.slots = s.feed_entries_per_poll - _release_backlog(
        session, feed.id, s.feed_entries_per_poll
    )
    if outcome.error is not None:
        _record_failure(feed, s, now, outcome.error)
        return 0
    inserted = _insert_entries(session, outcome, lookup, now)
    if outcome.etag:
        feed.etag = outcome.etag[:500]
    if outcome.last_modified:
        feed.last_modified = outcome.last_modified[:100]
    feed.failures = 0
    feed.last_error = _warning(outcome.problems)
    feed.entries_seen = (feed.entries_seen or 0) + inserted
    feed.poll_interval = next_poll_interval(
        [e.published for e in outcome.entries],
        now=now,
        min_interval=s.min_poll_interval,
        max_interval=s.max_poll_interval,
        previous=feed.poll_interval or s.min_poll_interval,
        new_entries=inserted,
    )
    if inserted > s.feed_entries_per_poll:
        # a backlog is waiting: come back soon to release the next part of it
        feed.poll_interval = s.min_poll_interval
    feed.next_poll_at = now + _spread(feed.id, feed.poll_interval)
    return inserted


def _store_failed(
    session: Session, ctx: StageContext, outcome: _PollOutcome, exc: Exception
) -> None:
    """Record on the feed that its poll could not be stored (its savepoint rolled back)."""
    orig = getattr(exc, "orig", None) or exc
    first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    try:
        with session.begin_nested():
            feed = session.get(Feed, outcome.feed.id)
            if feed is not None:
                _record_failure(
                    feed,
                    ctx.settings,
                    utcnow(),
                    f"{len(outcome.entries)} entries could not be stored: the database "
                    f"refused them ({first[:300]}); they are stored on a later poll",
                )
    except SQLAlchemyError as again:  # the database itself is gone: the log has it
        log.error("could not record the failure of feed %s: %s", outcome.feed.url, again)


def _spread(feed_id: int, seconds: int) -> timedelta:
    """*seconds* moved by up to ±`POLL_SPREAD`, the same for a feed every time (no randomness)."""
    fraction = (feed_id * 2654435761 % 1000) / 1000 - 0.5  # Knuth's multiplicative hash
    return timedelta(seconds=seconds * (1 + 2 * POLL_SPREAD * fraction))


def fair_batch(due: Sequence[_DueFeed], *, size: int, host_cap: int) -> list[_DueFeed]:
    """The first *size* of *due* (oldest first) with at most *host_cap* feeds of one host."""
    per_host: dict[str, int] = {}
    batch: list[_DueFeed] = []
    for feed in due:
        host = (urlsplit(feed.url).hostname or "").lower()
        if per_host.get(host, 0) >= host_cap:
            continue
        per_host[host] = per_host.get(host, 0) + 1
        batch.append(feed)
        if len(batch) >= size:
            break
    return batch


def _warning(problems: Sequence[str]) -> str | None:
    if not problems:
        return None
    shown = "; ".join(problems[:5])
    more = f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""
    return _short(f"warning: {shown}{more}")


def poll_due_feeds(
    ctx: StageContext,
    *,
    progress: Callable[[int, int], None] | None = None,
    feed_ids: Sequence[int] | None = None,
) -> StageReport:
    """Poll the due feeds (or *feed_ids*, due or not); *progress(done, total)* per feed."""
    report = StageReport("poll_feeds")
    now = utcnow()
    query = select(
        Feed.id, Feed.url, Feed.etag, Feed.last_modified, Feed.outlet_id, Feed.poll_interval
    ).where(Feed.paused.is_(False))
    if feed_ids is not None:
        query = query.where(Feed.id.in_(list(feed_ids)))
    else:
        query = query.where(or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= now))
    query = query.order_by(Feed.next_poll_at.is_not(None), Feed.next_poll_at, Feed.id)
    with ctx.store.session() as session:
        # read past the batch so a host over its cap leaves room for other hosts' feeds
        candidates = [
            _DueFeed(*row)
            for row in claim_rows(session, query.limit(POLL_BATCH * 4), scalars=False)
        ]
        delay = ctx.settings.per_host_delay
        host_cap = max(1, int(POLL_HOST_SECONDS / delay)) if delay > 0 else POLL_BATCH
        due = fair_batch(candidates, size=POLL_BATCH, host_cap=host_cap)
        if due:
            # the lease: a claimed feed is not due for anyone else until the poll is
            # stored (which sets the real next_poll_at) or, if this worker is killed
            # mid-round, until the lease runs out and another worker polls it again
            lease = now + timedelta(seconds=FEED_LEASE_FACTOR * ctx.settings.total_timeout)
            session.execute(
                update(Feed).where(Feed.id.in_([f.id for f in due])).values(next_poll_at=lease)
            )
    if not due:
        return report
    outcomes = _run(_poll_all(ctx, due, progress))
    lookup = _outlet_lookup(ctx)
    inserted = 0
    for start in range(0, len(outcomes), STORE_CHUNK):
        with ctx.store.session() as session:
            for outcome in outcomes[start : start + STORE_CHUNK]:
                try:
                    # a savepoint per feed: its entries and its state land together or not
                    with session.begin_nested():
                        inserted += _store_outcome(session, ctx, outcome, lookup)
                except SQLAlchemyError as exc:
                    log.error("could not store the poll of feed %s: %s", outcome.feed.url, exc)
                    _store_failed(session, ctx, outcome, exc)
                    report.failed += 1
                    continue
                if outcome.error is None:
                    report.processed += 1
                else:
                    report.failed += 1
    report.details.update(
        {
            "feeds_polled": len(due),
            "articles_new": inserted,
            "not_modified": sum(o.not_modified for o in outcomes),
        }
    )
    return report


def poll_feeds(ctx: StageContext) -> StageReport:
    """Poll due feeds and store their new entries."""
    return poll_due_feeds(ctx)


# --- fetch_articles -------------------------------------------------------------------


@dataclass
class _NewArticle:
    id: int
    url: str
    title: str
    summary: str


async def _fetch_one(ctx: StageContext, fetcher: Fetcher, art: _NewArticle) -> dict[str, Any]:
    """Return the column values that finish *art*: extracted, partial (summary) or failed."""
    from newsprism.ingest.extract import detect_language, extract_article

    now = utcnow()
    reason: str
    try:
        result = await fetcher.fetch(art.url, accept=_PAGE_ACCEPT)
        if result.content_type and not any(
            t in result.content_type for t in ("html", "xml", "text/plain")
        ):
            raise NewsPrismError(f"{art.url}: not a web page (Content-Type {result.content_type})")
        page = await asyncio.to_thread(
            extract_article, result.body, result.final_url, charset=result.charset
        )
        if len(page.text) >= ctx.settings.min_text_chars:
            values: dict[str, Any] = {
                "status": "extracted",
                "partial": False,
                "text": page.text,
                "title": art.title or page.title or "",
                "lang": page.lang,
                "image_url": page.image_url,
                "fetched_at": now,
                "error": None,
            }
            if page.author:
                values["author_page"] = page.author
            if page.published:
                values["published_page"] = page.published
            return values
        reason = (
            f"{art.url}: only {len(page.text)} characters of text extracted "
            f"(< NEWSPRISM_MIN_TEXT_CHARS={ctx.settings.min_text_chars})"
        )
    except BlockedURLError as exc:
        reason = f"not fetched: {exc}"
    except NewsPrismError as exc:
        reason = str(exc)
    except Exception as exc:  # recorded on the row; the batch goes on
        log.exception("unexpected error fetching %s", art.url)
        reason = f"unexpected {type(exc).__name__} while fetching {art.url}: {exc}"
    fallback = art.summary.strip()
    if fallback or art.title.strip():
        return {
            "status": "partial",
            "partial": True,
            "text": fallback,
            "lang": detect_language(f"{art.title}. {fallback}"),
            "fetched_at": now,
            "error": _short(f"{reason}; used the feed summary instead"),
        }
    return {
        "status": "failed",
        "fetched_at": now,
        "error": _short(f"{reason}; the feed gave no summary or title to fall back on"),
    }


async def _fetch_all(ctx: StageContext, batch: Sequence[_NewArticle]) -> list[dict[str, Any]]:
    async with _fetcher(ctx) as fetcher:
        return list(await asyncio.gather(*(_fetch_one(ctx, fetcher, a) for a in batch)))


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _round_robin(candidates: Sequence[_NewArticle], size: int) -> list[_NewArticle]:
    """Up to *size* articles taking one per host in turn (candidates arrive in feed turns).

    One request per host per second: a batch of 64 from one host took a minute while the
    other hosts waited, so a 10,000-item feed delayed every later article by 3 hours.
    """
    by_host: dict[str, list[_NewArticle]] = {}
    for art in candidates:
        by_host.setdefault(_host(art.url), []).append(art)
    queues = list(by_host.values())
    picked: list[_NewArticle] = []
    turn = 0
    while len(picked) < size and any(queues):
        queue = queues[turn % len(queues)]
        if queue:
            picked.append(queue.pop(0))
        turn += 1
    return picked


def _next_batch(session: Session, size: int) -> list[_NewArticle]:
    """The next fetch batch: round-robin over feeds (oldest first in each), then over hosts."""
    turn = (
        func.row_number()
        .over(partition_by=func.coalesce(Article.feed_id, 0), order_by=Article.id)
        .label("turn")
    )
    waiting = (
        select(Article.id, Article.url, Article.title, Article.summary, turn)
        .where(Article.status == "new")
        .subquery()
    )
    rows = session.execute(
        select(waiting.c.id, waiting.c.url, waiting.c.title, waiting.c.summary)
        .where(waiting.c.turn <= size)
        .order_by(waiting.c.turn, waiting.c.id)
        .limit(size * FETCH_CANDIDATES)
    ).all()
    candidates = [_NewArticle(r.id, r.url, r.title or "", r.summary or "") for r in rows]
    return _round_robin(candidates, size)


def fetch_articles(ctx: StageContext) -> StageReport:
    """Fetch and extract a batch of new articles, taken fairly across feeds and hosts.

    The batch is claimed (``FOR UPDATE SKIP LOCKED``) in the transaction that stores its
    results, so a second worker takes other articles, and a killed worker's claim ends
    with its database connection.
    """
    report = StageReport("fetch_articles")
    counts = {"extracted": 0, "partial": 0, "failed": 0}
    with ctx.store.session() as session:
        fair = _next_batch(session, ctx.settings.fetch_batch_size)
        # claim the fair picks; rows another worker holds are skipped (window functions
        # cannot take row locks, hence two steps)
        claimed = set(
            claim_rows(
                session,
                select(Article.id)
                .where(Article.id.in_([a.id for a in fair]), Article.status == "new")
                .order_by(Article.id),
            )
        )
        batch = [a for a in fair if a.id in claimed]
        if not batch:
            return report
        if ctx.store.is_sqlite:
            # SQLite has no row locks to keep; ending the read transaction here lets a
            # writer commit during the fetch without turning our later write into
            # SQLITE_BUSY_SNAPSHOT
            session.commit()
        results = _run(_fetch_all(ctx, batch))
        for art, values in zip(batch, results, strict=True):
            author = values.pop("author_page", None)
            published = values.pop("published_page", None)
            stmt = (
                update(Article)
                .where(Article.id == art.id, Article.status == "new")
                .values(attempts=Article.attempts + 1, **values)
            )
            session.execute(stmt)
            if author:
                session.execute(
                    update(Article)
                    .where(Article.id == art.id, Article.author.is_(None))
                    .values(author=author)
                )
            # neither feed nor page dated it: the time it was first seen stands in
            session.execute(
                update(Article)
                .where(Article.id == art.id, Article.published_at.is_(None))
                .values(
                    published_at=published
                    or func.coalesce(Article.first_seen_at, values["fetched_at"])
                )
            )
            counts[values["status"]] += 1
    report.processed = counts["extracted"] + counts["partial"]
    report.failed = counts["failed"]
    report.details.update(counts)
    return report


# --- dedupe_articles ------------------------------------------------------------------


def _order_key(art: Article) -> tuple[datetime, int]:
    """Earliest publication first; unknown dates sort after known ones; then by id."""
    when = art.published_at or art.fetched_at or datetime.max.replace(tzinfo=UTC)
    return when, art.id


def _refresh_index(session: Session, index: NearDuplicateIndex, cutoff: datetime) -> None:
    """Add stored signatures newer than the index; forget those older than *cutoff*."""
    when = func.coalesce(Article.published_at, Article.fetched_at)
    rows = session.execute(
        select(Article.id, Article.minhash)
        .where(
            Article.id > index.max_id,
            Article.minhash.is_not(None),
            Article.status.in_(_PROCESSED),
            or_(when.is_(None), when >= cutoff),
        )
        .order_by(Article.id)
    ).all()
    for article_id, blob in rows:
        if blob:
            index.add(article_id, blob)
    ids = index.ids()
    if ids:
        # a range, not IN (…): the window can hold more ids than SQLite allows parameters
        stale = session.scalars(
            select(Article.id).where(
                Article.id.between(min(ids), max(ids)),
                Article.minhash.is_not(None),
                when < cutoff,
            )
        ).all()
        index.remove(stale)


def _link_copy(
    session: Session, art: Article, matches: set[int], batch: dict[int, Article]
) -> None:
    """Point *art* and its matches' groups at the earliest article among them (flat)."""
    root_ids: set[int] = set()
    stored = []
    for match_id in matches:
        pending = batch.get(match_id)
        if pending is not None:  # this batch, not flushed yet: its state is in memory
            root_ids.add(pending.syndicated_of or pending.id)
        else:
            stored.append(match_id)
    if stored:
        rows = session.execute(
            select(Article.id, Article.syndicated_of).where(Article.id.in_(stored))
        )
        root_ids.update(syndicated_of or match_id for match_id, syndicated_of in rows)
    roots = [batch.get(i) or session.get(Article, i) for i in root_ids]
    found = [root for root in roots if root is not None]
    if not found:
        return
    original = min([art, *found], key=_order_key)
    art.syndicated_of = None if original.id == art.id else original.id
    for root in found:
        if root.id == original.id:
            continue
        # a later-found earlier copy takes over the group: re-point the old group (flat)
        session.execute(
            update(Article)
            .where(or_(Article.id == root.id, Article.syndicated_of == root.id))
            .values(syndicated_of=original.id)
        )


def _stored_hashes(session: Session, digests: set[str]) -> dict[str, list[int]]:
    """Map each of *digests* to the processed articles carrying it (exact copies)."""
    found: dict[str, list[int]] = {}
    if not digests:
        return found
    rows = session.execute(
        select(Article.id, Article.content_hash).where(
            Article.content_hash.in_(list(digests)), Article.status.in_(_PROCESSED)
        )
    )
    for article_id, digest in rows:
        found.setdefault(str(digest), []).append(article_id)
    return found


def dedupe_articles(ctx: StageContext) -> StageReport:
    """Link syndicated copies and mark a batch of articles ready."""
    report = StageReport("dedupe_articles")
    s = ctx.settings
    cutoff = utcnow() - timedelta(hours=s.dedupe_window_hours)
    index: NearDuplicateIndex = ctx.resource(
        "near_duplicate_index", lambda: NearDuplicateIndex(s.near_duplicate_threshold)
    )
    linked = 0
    try:
        with ctx.store.session() as session:
            if not try_stage_lock(session, DEDUPE_LOCK):
                report.details["busy"] = True  # another worker is deduplicating
                return report
            _refresh_index(session, index, cutoff)
            batch = claim_rows(
                session,
                select(Article)
                .where(Article.status.in_(("extracted", "partial")))
                .order_by(Article.id)
                .limit(DEDUPE_BATCH),
            )
            prepared = []
            for art in batch:
                text = art.text or art.summary or ""
                digest = content_hash(text) if text.strip() else None
                linkable = len(text.split()) >= MIN_WORDS_FOR_LINK
                prepared.append((art, digest, linkable, minhash_bytes(text) if linkable else None))
            by_hash = _stored_hashes(session, {d for _a, d, ok, _s in prepared if d and ok})
            in_batch = {art.id: art for art in batch}
            # one flush at commit instead of one per article (autoflush before each query)
            with session.no_autoflush:
                for art, digest, linkable, signature in prepared:
                    art.content_hash, art.minhash = digest, signature
                    matches: set[int] = set()
                    if linkable and digest:
                        matches.update(by_hash.get(digest, ()))
                    if signature is not None:
                        matches.update(i for i, _score in index.query(signature))
                    matches.discard(art.id)
                    if matches:
                        _link_copy(session, art, matches, in_batch)
                        linked += art.syndicated_of is not None
                    art.status = "ready"
                    if linkable and digest:
                        by_hash.setdefault(digest, []).append(art.id)
                    if signature is not None:
                        index.add(art.id, signature)
                    report.processed += 1
    except BaseException:
        # the transaction rolled back: the in-memory index may hold ids that were never
        # committed, so drop it; the next run rebuilds it from the store
        ctx.resources.pop("near_duplicate_index", None)
        raise
    report.details.update({"syndicated": linked, "indexed": len(index)})
    return report
