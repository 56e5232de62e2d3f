"""Issue 19 regressions: hostile feeds served on loopback, driven through the real stages."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from ingest_fixtures import rss
from sqlalchemy import func, select, text

from newsprism.ingest.http import StaticResolver
from newsprism.ingest.stage import dedupe_articles, fetch_articles, poll_due_feeds, poll_feeds
from newsprism.pipeline import StageContext
from newsprism.store.db import Store
from newsprism.store.schema import Article, Feed

NOW = datetime.now(UTC)


def _items(prefix: str, n: int, base: str = "https://good.example") -> list[dict[str, Any]]:
    return [
        {
            "title": f"{prefix} {i}",
            "link": f"{base}/{prefix}/{i}",
            "summary": f"Summary {i}.",
            "date": NOW - timedelta(minutes=i + 1),
        }
        for i in range(n)
    ]


def _feed_row(store: Store, feed_id: int) -> Feed:
    with store.session() as session:
        feed = session.get(Feed, feed_id)
        assert feed is not None
        return feed


def _articles(store: Store) -> list[Article]:
    with store.session() as session:
        return list(session.scalars(select(Article).order_by(Article.id)))


# --- 1. entities anywhere in the body ------------------------------------------------


def _entity_after_comment(comment_bytes: int) -> bytes:
    """The reported bomb: a long comment, then an entity of 100,000 characters used 5,000×."""
    return (
        '<?xml version="1.0"?><!-- ' + "c" * comment_bytes + " -->"
        '<!DOCTYPE rss [<!ENTITY big "' + "x" * 100_000 + '">]>'
        '<rss version="2.0"><channel><title>t</title>'
        + "<item><title>&big;</title><link>https://x.example/1</link></item>" * 5000
        + "</channel></rss>"
    ).encode()


def test_entity_declared_after_a_long_comment_is_refused_and_counted_as_a_failure(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    http_server.routes["/bomb"] = (
        200,
        {"Content-Type": "application/rss+xml"},
        _entity_after_comment(70_000),
    )
    ctx = StageContext(
        store=ctx.store, settings=ctx.settings.model_copy(update={"max_body_bytes": 2_000_000})
    )
    feed_id = add_feed(http_server.url("/bomb"))
    report = poll_feeds(ctx)
    feed = _feed_row(ctx.store, feed_id)
    assert report.failed == 1
    assert feed.failures == 1
    assert "XML entities" in (feed.last_error or "")
    assert _articles(ctx.store) == []


@pytest.mark.parametrize(
    "body",
    [
        b"<rss version='2.0'><channel>" + b" " * 200_000 + b"<!ENTITY a 'b'></channel></rss>",
        b"<?xml version='1.0'?><!doctype rss [ ]><rss version='2.0'></rss>",
        "<?xml version='1.0' encoding='utf-16'?><!DOCTYPE rss [<!ENTITY a 'b'>]><rss/>".encode(
            "utf-16"
        ),
        b"<rss version='2.0'><channel><!-- x --><! ENTITY a 'b'></channel></rss>",
    ],
    ids=["entity-past-200k", "empty-internal-subset", "utf-16", "spaced-declaration"],
)
def test_unsafe_xml_is_refused_wherever_and_however_it_is_spelled(body: bytes) -> None:
    from newsprism.errors import FeedError
    from newsprism.ingest.feeds import parse_feed

    with pytest.raises(FeedError, match="XML entities"):
        parse_feed(body, content_type="application/rss+xml")


# --- 3. JSON Feed: a bad item costs only itself ----------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        {"authors": 5},
        {"authors": "Jane"},
        {"author": ["x"]},
        {"title": {"a": 1}},
        {"summary": [1, 2]},
        {"tags": "Politics"},
        {"date_published": 1_700_000_000},
        {"url": 5},
        {"content_html": {"x": 1}},
        {"authors": [5, None, {"name": 3}]},
    ],
)
def test_json_feed_item_of_wrong_types_costs_only_itself(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int], bad: dict[str, Any]
) -> None:
    good = [
        {"id": str(i), "url": f"https://good.example/j/{i}", "title": f"J{i}"} for i in range(3)
    ]
    broken = {"id": "b", "url": "https://good.example/j/bad", "title": "bad"} | bad
    body = json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [*good, broken]}
    ).encode()
    http_server.routes["/feed.json"] = (200, {"Content-Type": "application/feed+json"}, body)
    feed_id = add_feed(http_server.url("/feed.json"))
    poll_feeds(ctx)
    urls = {a.url for a in _articles(ctx.store)}
    assert {f"https://good.example/j/{i}" for i in range(3)} <= urls
    feed = _feed_row(ctx.store, feed_id)
    assert feed.failures == 0


# --- 4. URL errors: one line naming the guard's reason ---------------------------------


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("data:text/html,<script>alert(1)</script>", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("http://[bad", "malformed URL"),
        ("//[bad/x", "malformed URL"),
        ("http://[::1", "malformed URL"),
        ("mailto:a@b.example", "only http and https"),
        ("http://10.0.0.1/feed", "SSRF guard"),
        ("http://example.com:99999/", "malformed URL"),
    ],
)
def test_bad_redirect_target_is_stored_as_the_guards_reason(
    ctx: StageContext,
    http_server: Any,
    add_feed: Callable[..., int],
    location: str,
    reason: str,
) -> None:
    http_server.routes["/moved"] = (302, {"Location": location}, b"")
    feed_id = add_feed(http_server.url("/moved"))
    report = poll_feeds(ctx)
    message = _feed_row(ctx.store, feed_id).last_error or ""
    assert report.failed == 1
    assert reason in message
    assert "unexpected" not in message
    assert "\n" not in message


def test_bad_redirect_of_an_article_page_keeps_the_guards_reason(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    http_server.routes["/feed"] = (
        200,
        {"Content-Type": "application/rss+xml"},
        rss([{"title": "T", "link": http_server.url("/page"), "summary": "S."}]),
    )
    http_server.routes["/page"] = (302, {"Location": "javascript:alert(1)"}, b"")
    add_feed(http_server.url("/feed"))
    poll_feeds(ctx)
    fetch_articles(ctx)
    (art,) = _articles(ctx.store)
    assert art.status == "partial"
    assert "only http and https" in (art.error or "")


# --- 6. the partial reason survives embedding and clustering ---------------------------


def test_partial_reason_survives_embed_and_cluster(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    from newsprism.stories.stage import cluster_articles, embed_articles

    http_server.routes["/feed"] = (
        200,
        {"Content-Type": "application/rss+xml"},
        rss(
            [
                {
                    "title": "Council votes on budget",
                    "link": http_server.url("/gone"),
                    "summary": "The council voted on the budget.",
                    "date": NOW,
                }
            ]
        ),
    )
    add_feed(http_server.url("/feed"))
    poll_feeds(ctx)
    fetch_articles(ctx)
    dedupe_articles(ctx)
    embed_articles(ctx)
    cluster_articles(ctx)
    (art,) = _articles(ctx.store)
    assert art.status == "clustered"
    assert art.partial is True
    assert "HTTP 404" in (art.error or "")


# --- 2. many entries: chunked inserts, failures recorded --------------------------------


def _big_feed(http_server: Any, n: int, path: str = "/big") -> None:
    http_server.routes[path] = (
        200,
        {"Content-Type": "application/rss+xml"},
        rss(_items("big", n)),
    )


def test_feed_of_more_entries_than_parameters_allow_is_stored_completely(
    any_store: Store, ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    # 6,000 entries × 15 columns is past PostgreSQL's 65,535 parameters in one INSERT
    _big_feed(http_server, 6000)
    ctx = StageContext(
        store=any_store,
        settings=ctx.settings.model_copy(update={"feed_entries_per_poll": 6000}),
    )
    feed_id = add_feed(http_server.url("/big"), store=any_store)
    report = poll_feeds(ctx)
    with any_store.session() as session:
        stored = session.scalar(select(func.count()).select_from(Article))
        feed = session.get(Feed, feed_id)
        assert feed is not None
        assert (feed.failures, feed.last_error) == (0, None)
    assert report.details["articles_new"] == 6000
    assert stored == 6000


def test_entries_the_database_refuses_leave_the_feed_failing_and_are_stored_later(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    _big_feed(http_server, 30)
    feed_id = add_feed(http_server.url("/big"))
    with ctx.store.engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TRIGGER refuse BEFORE INSERT ON article "
                "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
            )
        )
    report = poll_feeds(ctx)
    feed = _feed_row(ctx.store, feed_id)
    assert report.failed == 1
    assert feed.failures == 1
    assert "30 entries could not be stored" in (feed.last_error or "")
    assert "disk is full" in (feed.last_error or "")
    with ctx.store.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER refuse"))
    poll_due_feeds(ctx, feed_ids=[feed_id])
    assert len(_articles(ctx.store)) == 30
    assert _feed_row(ctx.store, feed_id).failures == 0


# --- 5. fair fetching: a per-poll cap, a backlog, round-robin by feed and host ----------


def test_a_huge_feed_neither_starves_others_nor_loses_entries(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    port = http_server.port
    http_server.routes["/huge"] = (
        200,
        {"Content-Type": "application/rss+xml"},
        rss(_items("huge", 300, f"http://huge.test:{port}")),
    )
    http_server.routes["/small"] = (
        200,
        {"Content-Type": "application/rss+xml"},
        rss(_items("small", 3, f"http://small.test:{port}")),
    )
    resolver = StaticResolver({"huge.test": ["127.0.0.1"], "small.test": ["127.0.0.1"]})
    ctx = StageContext(
        store=ctx.store,
        settings=ctx.settings.model_copy(
            update={"feed_entries_per_poll": 50, "fetch_batch_size": 10}
        ),
        resources={"resolver": resolver},
    )
    huge = add_feed(f"http://huge.test:{port}/huge")
    poll_feeds(ctx)  # the huge feed first: its entries get the lower ids
    small = add_feed(f"http://small.test:{port}/small")
    poll_feeds(ctx)
    states = Counter((a.feed_id, a.status) for a in _articles(ctx.store))
    assert states == {(huge, "new"): 50, (huge, "queued"): 250, (small, "new"): 3}
    fetch_articles(ctx)
    done = Counter(a.feed_id for a in _articles(ctx.store) if a.status not in ("new", "queued"))
    assert done[small] == 3
    assert done[huge] == 7
    for _ in range(5):
        poll_due_feeds(ctx, feed_ids=[huge])
    states = Counter(a.status for a in _articles(ctx.store) if a.feed_id == huge)
    assert states["queued"] == 0
    assert sum(states.values()) == 300


# --- 9. undated articles get the time they were first seen -----------------------------


def test_undated_article_is_dated_when_first_seen(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    http_server.routes["/feed"] = (
        200,
        {"Content-Type": "application/rss+xml"},
        rss([{"title": "No date", "link": http_server.url("/a"), "summary": "S."}]),
    )
    http_server.routes["/a"] = (200, {"Content-Type": "text/html"}, b"<html><p>short</p></html>")
    add_feed(http_server.url("/feed"))
    poll_feeds(ctx)
    (art,) = _articles(ctx.store)
    assert art.published_at is None
    assert art.first_seen_at is not None
    fetch_articles(ctx)
    (art,) = _articles(ctx.store)
    assert art.published_at == art.first_seen_at


# --- 7. characters XML forbids are removed where text enters ---------------------------


@pytest.mark.parametrize("char", ["\x0b", "\x00", "\x01", "\x1b", "\ufffe"])
@pytest.mark.parametrize("kind", ["rss-raw", "rss-reference", "json"])
def test_forbidden_characters_are_stripped_from_feed_text(char: str, kind: str) -> None:
    from newsprism.ingest.feeds import parse_feed

    title = f"Bad{char}title"
    if kind == "json":
        body = json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "items": [
                    {
                        "url": "https://x.example/1",
                        "title": title,
                        "authors": [{"name": f"A{char}"}],
                    }
                ],
            }
        ).encode()
    else:
        spelled = title if kind == "rss-raw" else title.replace(char, f"&#{ord(char)};")
        body = (
            "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><item>"
            f"<title>{spelled}</title><link>https://x.example/1</link></item></channel></rss>"
        ).encode("utf-8", "surrogatepass")
    feed = parse_feed(body, content_type="application/rss+xml")
    (entry,) = feed.entries
    assert entry.title == "Badtitle"


# --- stress: large bodies are parsed item by item, with the same result ----------------


def _atom(n: int) -> bytes:
    entries = "".join(
        f"<entry><title>A &amp; {i}</title><link rel='alternate' href='https://a.example/{i}'/>"
        f"<link rel='enclosure' href='https://cdn.example/{i}.mp3'/><id>urn:{i}</id>"
        f"<updated>2026-12-01T10:{i % 60:02d}:00Z</updated><summary>S <b>{i}</b></summary>"
        f"<author><name>Au {i}</name></author><category term='c{i % 3}'/></entry>"
        for i in range(n)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>A</title>{entries}</feed>"
    ).encode()


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_large_feed_parsed_item_by_item_matches_feedparser(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsprism.ingest import feeds

    body = rss(_items("s", 400)) if kind == "rss" else _atom(400)
    now = NOW + timedelta(days=30)
    whole = feeds.parse_feed(body, now=now)
    monkeypatch.setattr(feeds, "STREAM_BYTES", 0)
    streamed = feeds.parse_feed(body, now=now)
    assert streamed.format == whole.format
    assert streamed.entries == whole.entries
    assert len(streamed.entries) == 400
