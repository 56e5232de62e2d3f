"""The foundation slice end to end: replayed feeds → stories → a story page in Chromium."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newsprism.browser import CHROMIUM, CHROMIUM_ARGS
from newsprism.config import load_settings
from newsprism.replay import ReplayCorpus, ReplayServer
from newsprism.store.db import Store
from newsprism.store.schema import Article, Outlet, Story

START = datetime(2025, 12, 13, 6, 0, tzinfo=UTC)

BELARUS = [
    (
        "left",
        "Belarus frees 123 prisoners including Nobel laureate Ales Bialiatski",
        "Belarus released 123 prisoners on Saturday, including Nobel Peace Prize laureate Ales "
        "Bialiatski and opposition figure Maria Kolesnikova, after talks with U.S. envoy "
        "John Coale. Critics called the authoritarian regime's move a bid to curry favor "
        "with Washington.",
    ),
    (
        "left",
        "Lukashenko regime releases political prisoners as US lifts potash sanctions",
        "The isolated autocracy of Alexander Lukashenko freed 123 political prisoners, among them "
        "Ales Bialiatski and Maria Kolesnikova. The United States said it would lift sanctions on "
        "Belarusian potash, envoy John Coale told reporters in Minsk.",
    ),
    (
        "center",
        "Belarus releases 123 prisoners as relations with US thaw",
        "Belarus freed 123 prisoners including Ales Bialiatski and Maria Kolesnikova on Saturday. "
        "U.S. special envoy John Coale said Washington would lift sanctions on potash, a key "
        "Belarusian export, as Lukashenko, who has ruled for three decades, seeks a thaw.",
    ),
    (
        "right",
        "Trump envoy secures release of 123 prisoners from Belarus",
        "Following President Donald Trump's order, envoy John Coale secured the release of 123 "
        "prisoners in Belarus, including Ales Bialiatski and Maria Kolesnikova. The U.S. lifted "
        "sanctions on Belarusian potash after the talks with Lukashenko in Minsk.",
    ),
]
MARS = [
    ("left", "NASA rover finds signs of ancient river delta on Mars",
     "NASA's Perseverance rover has found layered rocks in Jezero crater that scientists say were "
     "laid down by an ancient river delta, strengthening the case that Mars once held water."),
    ("left", "Perseverance rover photographs ancient Martian delta deposits",
     "Images from the Perseverance rover show sediment layers at the edge of Jezero crater, "
     "evidence of an ancient river delta on Mars, NASA scientists said on Saturday."),
    ("center", "Mars rover Perseverance spots evidence of ancient delta in Jezero crater",
     "Scientists working with NASA's Perseverance rover said rocks in Jezero crater record an "
     "ancient river delta, a sign that liquid water once flowed on Mars."),
    ("right", "NASA says Perseverance found ancient river delta rocks on Mars",
     "NASA said its Perseverance rover found rocks in Jezero crater formed by an ancient river "
     "delta, adding to evidence of water on early Mars."),
]  # fmt: skip
OUTLETS = {"left": ["left-one.example", "left-two.example"], "center": ["centre.example"],
           "right": ["right.example"]}  # fmt: skip


def write_corpus(path: Path) -> int:
    rows = []
    for offset, story in enumerate((BELARUS, MARS)):
        used = {"left": 0, "center": 0, "right": 0}
        for i, (lean, title, text) in enumerate(story):
            domain = OUTLETS[lean][used[lean]]
            used[lean] += 1
            rows.append(
                {
                    "url": f"https://{domain}/{offset}/{i}",
                    "outlet_domain": domain,
                    "outlet": domain.split(".")[0].replace("-", " ").title(),
                    "title": title,
                    "text": (text + "\n") * 3,
                    "published_at": (
                        START + timedelta(hours=offset * 30, minutes=20 * i)
                    ).isoformat(),
                    "lean": lean,
                }
            )
    path.write_text("\n".join(json.dumps(r) for r in rows))
    return len(rows)


def newsprism(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "NEWSPRISM_DATA_DIR": str(cwd / "data"),
        "NEWSPRISM_ALLOW_HOSTS": '["127.0.0.0/8"]',
        "NEWSPRISM_PER_HOST_DELAY": "0",
        "NEWSPRISM_OUTLETS_OVERRIDES": str(cwd / "none.csv"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "newsprism", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    """Replay the corpus, then run `newsprism init` and one pass of `newsprism run`."""
    cwd = tmp_path_factory.mktemp("slice")
    n = write_corpus(cwd / "corpus.jsonl")
    server = ReplayServer(ReplayCorpus.load(cwd / "corpus.jsonl")).start()
    try:
        server.write_feeds_file(cwd / "data" / "replay-feeds.csv")
        newsprism(cwd, "init", "--replay-feeds", str(cwd / "data" / "replay-feeds.csv"))
        newsprism(cwd, "run", "--once")
        yield cwd, n
    finally:
        server.stop()


def open_store(cwd: Path) -> Store:
    return Store(load_settings(data_dir=cwd / "data").sqlalchemy_url)


def test_every_replayed_article_is_stored_once(pipeline_run: tuple[Path, int]) -> None:
    cwd, n = pipeline_run
    store = open_store(cwd)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == n
        assert s.scalar(select(func.count(func.distinct(Article.canonical_url)))) == n
        states = set(s.scalars(select(Article.status)))
    assert states == {"clustered"}


def test_articles_are_grouped_into_their_stories(pipeline_run: tuple[Path, int]) -> None:
    cwd, _ = pipeline_run
    store = open_store(cwd)
    with store.session() as s:
        rows = s.execute(select(Article.title, Article.story_id)).all()
    story_of = dict(rows)
    belarus = {story_of[t] for _, t, _ in BELARUS}
    mars = {story_of[t] for _, t, _ in MARS}
    assert len(belarus) == 1
    assert len(mars) == 1
    assert belarus != mars


def test_outlets_keep_their_leans(pipeline_run: tuple[Path, int]) -> None:
    cwd, _ = pipeline_run
    store = open_store(cwd)
    with store.session() as s:
        leans = dict(s.execute(select(Outlet.slug, Outlet.lean)).all())
    assert leans["left-one-example"] == "left"
    assert leans["right-example"] == "right"


@pytest.fixture(scope="module")
def site(pipeline_run: tuple[Path, int]) -> Iterator[str]:
    import uvicorn

    from newsprism.web.app import create_app

    cwd, _ = pipeline_run
    settings = load_settings(data_dir=cwd / "data")
    app = create_app(settings, open_store(cwd))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.browser
def test_story_page_in_chromium_lists_articles_by_lean(
    site: str, pipeline_run: tuple[Path, int]
) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make test installs it when run as root)")
    from playwright.sync_api import sync_playwright

    cwd, _ = pipeline_run
    with open_store(cwd).session() as s:
        story = s.scalars(
            select(Story).join(Article, Article.story_id == Story.id)
            .where(Article.title == BELARUS[0][1])
        ).first()  # fmt: skip
        assert story is not None
        story_id = story.id
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=list(CHROMIUM_ARGS),
        )
        page = browser.new_page()
        page.goto(site + "/")
        page.locator(f"a[href*='/story/{story_id}']").first.click()
        page.wait_for_load_state()
        assert f"/story/{story_id}" in page.url
        body = page.locator("main").inner_text()
        for _, title, _ in BELARUS:
            assert title in body
        for _, title, _ in MARS:
            assert title not in body
        browser.close()
