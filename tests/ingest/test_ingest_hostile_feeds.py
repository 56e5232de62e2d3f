"""Issue 19 regressions: hostile feeds served on loopback, driven through the real stages."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from ingest_fixtures import rss
from sqlalchemy import select

from newsprism.ingest.stage import dedupe_articles, fetch_articles, poll_feeds
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
