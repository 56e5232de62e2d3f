from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import httpx
import pytest
from sqlalchemy import select

from newsprism.config import Settings
from newsprism.errors import DatasetError
from newsprism.nlp.opinion import is_opinion
from newsprism.pipeline import StageContext
from newsprism.replay import ReplayCorpus, ReplayServer, page_path
from newsprism.store.db import Store
from newsprism.store.schema import Article, Feed
from newsprism.synth.brief import ArticleInput
from shareddata import shared_path

START = datetime(2025, 12, 13, 6, 0, tzinfo=UTC)


def write_corpus(path: Path, n: int = 6) -> Path:
    rows = []
    for i in range(n):
        domain = ["left.example", "right.example", "center.example"][i % 3]
        rows.append(
            {
                "url": f"https://www.{domain}/story/{i}",
                "outlet_domain": domain,
                "outlet": domain.split(".")[0].title() + " News",
                "title": f"Belarus frees prisoners, report {i}",
                "text": f"Paragraph one of article {i}.\nParagraph two says \u201cthaw\u201d.",
                "published_at": (START + timedelta(hours=i)).isoformat(),
            }
        )
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n\n")
    return path


def test_corpus_reads_import_schema_and_reports_bad_lines(tmp_path: Path) -> None:
    corpus = ReplayCorpus.load(write_corpus(tmp_path / "c.jsonl"))
    assert len(corpus.articles) == 6
    assert corpus.errors[0][0] == 7
    assert set(corpus.outlets()) == {"left.example", "right.example", "center.example"}


def test_since_starts_the_corpus_at_a_date_and_limit_counts_from_there(tmp_path: Path) -> None:
    path = write_corpus(tmp_path / "c.jsonl")
    with pytest.raises(DatasetError, match="no article published on or after 2025-12-14"):
        ReplayCorpus.load(path, since=START.date() + timedelta(days=1))  # all fall on the 13th
    corpus = ReplayCorpus.load(path, limit=2, since=START.date())
    assert [a.url for a in corpus.articles] == [
        "https://www.left.example/story/0",
        "https://www.right.example/story/1",
    ]


def test_empty_corpus_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"url": "ftp://x", "title": "t", "published_at": "2020-01-01"}\n')
    with pytest.raises(DatasetError, match="no usable article"):
        ReplayCorpus.load(path)


def test_feeds_and_pages_are_served_on_loopback(tmp_path: Path) -> None:
    corpus = ReplayCorpus.load(write_corpus(tmp_path / "c.jsonl"))
    server = ReplayServer(corpus).start()
    try:
        assert server.base.startswith("http://127.0.0.1:")
        feed = feedparser.parse(httpx.get(server.feed_url("left.example")).content)
        assert [e.title for e in feed.entries] == [
            "Belarus frees prisoners, report 3",
            "Belarus frees prisoners, report 0",
        ]
        page = httpx.get(feed.entries[0].link)
        assert page.status_code == 200
        assert "\u201cthaw\u201d" in page.text
        assert "https://www.left.example/story/3" in page.text  # rel=canonical
        assert httpx.get(server.base + "/a/nope/1.html").status_code == 404
        # the original path stays in the page's address: cues in it ("/opinion/") are read
        # as on the outlet's site
        assert feed.entries[0].link.endswith("/story/3")
    finally:
        server.stop()


def test_a_page_keeps_its_original_path_and_is_read_as_the_outlet_wrote_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.jsonl"
    row = {
        "url": "https://thehill.example/opinion/criminal-justice/4569-x-makes-no-sense?utm=1",
        "title": "X makes no sense",
        "text": "A column.",
        "published_at": "2019-08-10T12:00:00Z",
        "outlet": "The Hill",
    }
    path.write_text(json.dumps(row) + "\n")
    corpus = ReplayCorpus.load(path)
    server = ReplayServer(corpus).start()
    try:
        (art,) = corpus.articles
        link = server.base + page_path("thehill-example", art)
        assert link.endswith("/opinion/criminal-justice/4569-x-makes-no-sense")
        assert httpx.get(link).status_code == 200
        assert httpx.get(server.base + f"/a/thehill-example/{art.key}.html").status_code == 200
        column = ArticleInput(1, "The Hill", "center", art.title, "A column.", url=link)
        assert is_opinion(column)
    finally:
        server.stop()


def test_speed_releases_articles_over_simulated_time(tmp_path: Path) -> None:
    corpus = ReplayCorpus.load(write_corpus(tmp_path / "c.jsonl"))
    # 3600× faster: one simulated hour per real second
    server = ReplayServer(corpus, speed=3600)
    first = [a.title for d in server.by_outlet for a in server.released(d)]
    assert first == ["Belarus frees prisoners, report 0"]
    time.sleep(1.2)
    later = [a for d in server.by_outlet for a in server.released(d)]
    assert 2 <= len(later) < 6
    server.httpd.server_close()


def test_feeds_file_lists_one_feed_per_outlet(tmp_path: Path) -> None:
    corpus = ReplayCorpus.load(write_corpus(tmp_path / "c.jsonl"))
    server = ReplayServer(corpus)
    out = server.write_feeds_file(tmp_path / "feeds.csv")
    lines = out.read_text().splitlines()
    assert lines[0].startswith("slug,name,domains,")
    assert len(lines) == 4
    assert any("left.example" in line and server.feed_url("left.example") in line for line in lines)
    server.httpd.server_close()


def test_reads_the_baly2020_corpus_in_place() -> None:
    path = shared_path("articles/baly2020/articles-2018-2020.jsonl.gz")
    corpus = ReplayCorpus.load(path, limit=500)
    assert len(corpus.articles) == 500
    assert len(corpus.outlets()) > 20
    stamps = [a.published for a in corpus.articles]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)  # day-precision dates are spread over the day
    assert set(corpus.outlet_leans().values()) <= {"left", "center", "right"}


def _undated_corpus(path: Path) -> Path:
    rows = [
        {"url": f"https://bbc.example/news/{i}", "outlet_domain": "bbc.example/news",
         "outlet": "BBC", "title": f"Undated story {i}", "text": f"Body {i}.\nMore."}
        for i in range(3)
    ] + [
        {"url": "https://dated.example/1", "title": "Dated", "text": "Body.",
         "published_at": START.isoformat()},
        {"url": "ftp://bad.example/1", "title": "Bad URL", "published_at": START.isoformat()},
        {"url": "https://bad.example/2", "title": "", "published_at": START.isoformat()},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def test_undated_articles_are_served_and_skips_are_reported(tmp_path: Path) -> None:
    corpus = ReplayCorpus.load(_undated_corpus(tmp_path / "c.jsonl"))
    assert len(corpus.articles) == 4
    report = corpus.skipped_report() or ""
    assert "skipped 2 lines" in report
    assert "line 5: url must be an absolute http(s) URL" in report
    assert "line 6: title is empty" in report
    assert "3 articles have no date" in report
    server = ReplayServer(corpus).start()
    try:
        url = server.feed_url("bbc.example/news")
        slug = url.rsplit("/", 1)[1].removesuffix(".xml")
        assert re.fullmatch(r"[a-z0-9-]+", slug), slug
        feed = feedparser.parse(httpx.get(url).content)
        assert sorted(e.title for e in feed.entries) == [f"Undated story {i}" for i in range(3)]
        assert all("published" not in e for e in feed.entries)
        page = httpx.get(feed.entries[0].link)
        assert page.status_code == 200
    finally:
        server.stop()


def test_undated_replayed_articles_reach_the_store_dated_when_first_seen(
    tmp_path: Path, settings: Settings, sqlite_store: Store
) -> None:
    from newsprism.ingest.stage import fetch_articles, poll_feeds

    corpus = ReplayCorpus.load(_undated_corpus(tmp_path / "c.jsonl"))
    server = ReplayServer(corpus).start()
    try:
        with sqlite_store.session() as session:
            session.add(Feed(url=server.feed_url("bbc.example/news")))
        ctx = StageContext(store=sqlite_store, settings=settings)
        poll_feeds(ctx)
        while fetch_articles(ctx).did_work:
            pass
        with sqlite_store.session() as session:
            arts = list(session.scalars(select(Article)))
    finally:
        server.stop()
    assert len(arts) == 3
    assert all(a.published_at is not None for a in arts)
    assert all(a.published_at == a.first_seen_at for a in arts)
