"""The three ingestion stages against a loopback server and real stores."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from ingest_fixtures import article_page, article_text, rss
from sqlalchemy import select

from newsprism.config import Settings
from newsprism.ingest.stage import dedupe_articles, fetch_articles, poll_feeds
from newsprism.pipeline import StageContext
from newsprism.store.db import Store
from newsprism.store.schema import Article, Feed, Outlet, utcnow

RECENT = datetime.now(UTC) - timedelta(hours=2)


def _articles(store: Store) -> list[Article]:
    with store.session() as s:
        return list(s.scalars(select(Article).order_by(Article.id)))


def _feed(store: Store, feed_id: int) -> Feed:
    with store.session() as s:
        feed = s.get(Feed, feed_id)
        assert feed is not None
        return feed


def _serve_feed(http_server: Any, n: int = 3, path: str = "/feed") -> None:
    items = [
        {
            "title": f"Story {i}",
            "link": http_server.url(f"/a/{i}?utm_source=rss"),
            "summary": f"Summary of story {i}.",
            "date": RECENT - timedelta(minutes=30 * i),
        }
        for i in range(n)
    ]
    http_server.routes[path] = (
        200,
        {"Content-Type": "application/rss+xml", "ETag": '"e1"'},
        rss(items),
    )


def test_poll_inserts_each_entry_once_by_canonical_url(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    _serve_feed(http_server)
    feed_id = add_feed(http_server.url("/feed"))
    report = poll_feeds(ctx)
    arts = _articles(ctx.store)
    assert report.details["articles_new"] == 3
    assert [a.canonical_url for a in arts] == [http_server.url(f"/a/{i}") for i in range(3)]
    assert {a.status for a in arts} == {"new"}
    assert all(a.feed_id == feed_id for a in arts)
    assert arts[0].published_at == (RECENT).replace(microsecond=0)


def test_repoll_of_same_entries_adds_nothing(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    _serve_feed(http_server)
    feed_id = add_feed(http_server.url("/feed"))
    poll_feeds(ctx)
    with ctx.store.session() as s:
        s.get(Feed, feed_id).next_poll_at = None  # type: ignore[union-attr]
        s.get(Feed, feed_id).etag = None  # type: ignore[union-attr]
    report = poll_feeds(ctx)
    assert report.details["articles_new"] == 0
    assert len(_articles(ctx.store)) == 3


def test_feed_state_records_validators_and_next_poll(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    _serve_feed(http_server)
    feed_id = add_feed(http_server.url("/feed"))
    poll_feeds(ctx)
    feed = _feed(ctx.store, feed_id)
    assert feed.etag == '"e1"'
    assert feed.failures == 0
    assert feed.last_error is None
    assert feed.next_poll_at is not None
    assert feed.next_poll_at > utcnow()
    assert feed.entries_seen == 3
    # not due any more: a second round polls nothing
    assert poll_feeds(ctx).did_work is False


def test_feed_outlet_is_given_to_its_articles(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    with ctx.store.session() as s:
        outlet = Outlet(slug="daily", name="Daily", domains=["127.0.0.1"])
        s.add(outlet)
        s.flush()
        outlet_id = outlet.id
    _serve_feed(http_server)
    add_feed(http_server.url("/feed"), outlet_id=outlet_id)
    poll_feeds(ctx)
    assert {a.outlet_id for a in _articles(ctx.store)} == {outlet_id}


def test_failing_feed_records_error_and_is_paused_after_n_failures(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    ctx.settings = ctx.settings.model_copy(update={"pause_after_failures": 3, "retries": 0})
    feed_id = add_feed(http_server.url("/gone"))
    for attempt in range(1, 4):
        poll_feeds(ctx)
        feed = _feed(ctx.store, feed_id)
        assert feed.failures == attempt
        assert "HTTP 404" in (feed.last_error or "")
        with ctx.store.session() as s:
            s.get(Feed, feed_id).next_poll_at = None  # type: ignore[union-attr]
    feed = _feed(ctx.store, feed_id)
    assert feed.paused is True
    assert "feeds resume" in (feed.last_error or "")
    assert poll_feeds(ctx).did_work is False


def test_fetch_extracts_text_title_author_image_and_language(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    _serve_feed(http_server, n=1)
    text = article_text(1)
    http_server.routes["/a/0"] = (
        200,
        {"Content-Type": "text/html; charset=utf-8"},
        article_page("Story 0 headline", text),
    )
    add_feed(http_server.url("/feed"))
    poll_feeds(ctx)
    report = fetch_articles(ctx)
    art = _articles(ctx.store)[0]
    assert report.details["extracted"] == 1
    assert art.status == "extracted"
    assert art.partial is False
    assert " ".join(text.split()[:5]) in art.text
    assert art.title == "Story 0"
    assert art.author == "Dee Author"
    assert art.image_url == "https://img.example/lead.jpg"
    assert art.lang == "en"
    assert art.fetched_at is not None


def test_unfetchable_page_falls_back_to_feed_summary(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    _serve_feed(http_server, n=1)
    add_feed(http_server.url("/feed"))
    poll_feeds(ctx)
    fetch_articles(ctx)
    art = _articles(ctx.store)[0]
    assert (art.status, art.partial, art.text) == ("partial", True, "Summary of story 0.")
    assert "HTTP 404" in (art.error or "")
    assert "feed summary" in (art.error or "")


def test_short_page_falls_back_to_feed_summary(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    _serve_feed(http_server, n=1)
    http_server.routes["/a/0"] = (
        200,
        {"Content-Type": "text/html"},
        article_page("T", "Too short"),
    )
    add_feed(http_server.url("/feed"))
    poll_feeds(ctx)
    fetch_articles(ctx)
    art = _articles(ctx.store)[0]
    assert art.status == "partial"
    assert "characters of text" in (art.error or "")


def test_article_without_page_or_summary_fails_with_reason(
    ctx: StageContext, http_server: Any, add_feed: Callable[..., int]
) -> None:
    http_server.routes["/feed"] = (200, {}, rss([{"link": http_server.url("/nothing")}]))
    add_feed(http_server.url("/feed"))
    poll_feeds(ctx)
    report = fetch_articles(ctx)
    art = _articles(ctx.store)[0]
    assert report.failed == 1
    assert art.status == "failed"
    assert "HTTP 404" in (art.error or "")
    assert "no summary" in (art.error or "")


def _insert(
    store: Store, url: str, text: str, published: datetime, status: str = "extracted"
) -> int:
    with store.session() as s:
        art = Article(
            url=url,
            canonical_url=url,
            title=url,
            text=text,
            status=status,
            published_at=published,
            fetched_at=utcnow(),
        )
        s.add(art)
        s.flush()
        return art.id


def test_syndicated_copy_is_linked_to_the_earliest_not_dropped(ctx: StageContext) -> None:
    wire = article_text(7)
    first = _insert(ctx.store, "https://a.example/1", wire, RECENT)
    copy = _insert(
        ctx.store,
        "https://b.example/1",
        "By Staff. " + wire + " More to come.",
        RECENT + timedelta(minutes=20),
    )
    other = _insert(ctx.store, "https://c.example/1", article_text(8), RECENT)
    report = dedupe_articles(ctx)
    arts = {a.id: a for a in _articles(ctx.store)}
    assert report.processed == 3
    assert {a.status for a in arts.values()} == {"ready"}
    assert arts[copy].syndicated_of == first
    assert arts[first].syndicated_of is None
    assert arts[other].syndicated_of is None


def test_exact_copy_is_linked_by_content_hash(ctx: StageContext) -> None:
    wire = article_text(9)
    first = _insert(ctx.store, "https://a.example/9", wire, RECENT)
    dedupe_articles(ctx)
    copy = _insert(ctx.store, "https://b.example/9", wire.upper(), RECENT + timedelta(hours=1))
    dedupe_articles(ctx)
    arts = {a.id: a for a in _articles(ctx.store)}
    assert arts[copy].syndicated_of == first
    assert arts[copy].content_hash == arts[first].content_hash


def test_links_survive_a_restart(settings: Settings, sqlite_store: Store) -> None:
    wire = article_text(11)
    first_ctx = StageContext(store=sqlite_store, settings=settings)
    first = _insert(sqlite_store, "https://a.example/11", wire, RECENT)
    dedupe_articles(first_ctx)
    # a new process: no in-memory index; the copy must still find the original
    fresh_ctx = StageContext(store=sqlite_store, settings=settings)
    copy = _insert(
        sqlite_store, "https://b.example/11", wire + " Updated.", RECENT + timedelta(hours=1)
    )
    dedupe_articles(fresh_ctx)
    arts = {a.id: a for a in _articles(sqlite_store)}
    assert arts[copy].syndicated_of == first


def test_earlier_copy_found_later_becomes_the_original(ctx: StageContext) -> None:
    wire = article_text(12)
    later = _insert(ctx.store, "https://b.example/12", wire, RECENT)
    copy = _insert(
        ctx.store, "https://c.example/12", wire + " Extra.", RECENT + timedelta(minutes=5)
    )
    dedupe_articles(ctx)
    earliest = _insert(ctx.store, "https://a.example/12", wire, RECENT - timedelta(hours=1))
    dedupe_articles(ctx)
    arts = {a.id: a for a in _articles(ctx.store)}
    assert arts[earliest].syndicated_of is None
    assert arts[later].syndicated_of == earliest
    assert arts[copy].syndicated_of == earliest


def test_short_summaries_are_not_linked(ctx: StageContext) -> None:
    a = _insert(
        ctx.store, "https://a.example/s", "Read more on our site.", RECENT, status="partial"
    )
    b = _insert(
        ctx.store, "https://b.example/s", "Read more on our site.", RECENT, status="partial"
    )
    dedupe_articles(ctx)
    arts = {x.id: x for x in _articles(ctx.store)}
    assert arts[a].syndicated_of is None
    assert arts[b].syndicated_of is None


def test_full_chain_on_any_store(any_store: Store, settings: Settings, http_server: Any) -> None:
    ctx = StageContext(store=any_store, settings=settings)
    items = []
    wire = article_text(21)
    for i in range(4):
        link = http_server.url(f"/p/{i}")
        items.append(
            {"title": f"T{i}", "link": link, "summary": "s", "date": RECENT + timedelta(minutes=i)}
        )
        body = wire if i < 2 else article_text(30 + i)
        http_server.routes[f"/p/{i}"] = (
            200,
            {"Content-Type": "text/html"},
            article_page(f"T{i}", body),
        )
    http_server.routes["/f"] = (200, {}, rss(items))
    with any_store.session() as s:
        s.add(Feed(url=http_server.url("/f")))
    assert poll_feeds(ctx).details["articles_new"] == 4
    assert fetch_articles(ctx).details["extracted"] == 4
    assert dedupe_articles(ctx).processed == 4
    arts = _articles(any_store)
    assert [a.status for a in arts] == ["ready"] * 4
    assert [a.syndicated_of for a in arts] == [None, arts[0].id, None, None]
    # a second pass of every stage changes nothing
    with any_store.session() as s:
        for feed in s.scalars(select(Feed)):
            feed.next_poll_at = None
    poll_feeds(ctx)
    assert not fetch_articles(ctx).did_work
    assert not dedupe_articles(ctx).did_work
    assert len(_articles(any_store)) == 4
