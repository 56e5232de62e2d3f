"""Story pages written to `web_page_dir` for nginx: written whole, in place, swept when stale."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from web_world import NOW, World, build_world

from newsprism.config import Settings
from newsprism.errors import ConfigError
from newsprism.store.db import Store
from newsprism.store.schema import Story
from newsprism.web.app import WebState, create_app
from newsprism.web.data import story_validator, story_validators
from newsprism.web.pagedir import LEFTOVER_SECONDS, PageDir, page_path

SLUG = "belarus-frees-123-prisoners"


@pytest.fixture
def page_root(tmp_path: Path) -> Path:
    return tmp_path / "pages"


@pytest.fixture
def served(settings: Settings, page_root: Path) -> Settings:
    # a long interval: these tests run the sweep themselves, the thread must not race them
    return settings.model_copy(update={"web_page_dir": page_root, "web_page_sweep_seconds": 3600})


@pytest.fixture
def client(served: Settings, sqlite_store: Store, world: World) -> Iterator[TestClient]:
    with TestClient(create_app(served, sqlite_store)) as c:
        yield c


def state_of(client: TestClient) -> WebState:
    state: WebState = client.app.state.web  # type: ignore[attr-defined]
    return state


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def revise(store: Store, story_id: int, title: str, revision: int) -> None:
    with store.session() as s:
        s.execute(
            update(Story)
            .where(Story.id == story_id)
            .values(title=title, revision=revision, last_updated=NOW)
        )


def test_story_page_is_written_with_the_bytes_served(
    client: TestClient, world: World, page_root: Path
) -> None:
    page = client.get(f"/story/{world.story}/{SLUG}")
    assert page.status_code == 200
    bare = page_root / "story" / f"{world.story}.html"
    canonical = page_root / "story" / str(world.story) / f"{SLUG}.html"
    assert bare.read_bytes() == page.content
    assert canonical.read_bytes() == page.content
    # readable by nginx's workers, dated like the page (nginx's Last-Modified)
    assert bare.stat().st_mode & 0o777 == 0o644
    last_modified = parsedate_to_datetime(page.headers["last-modified"]).timestamp()
    assert int(bare.stat().st_mtime) == int(last_modified)


def test_no_temporary_file_is_left_after_writing(
    client: TestClient, world: World, page_root: Path
) -> None:
    client.get(f"/story/{world.story}")
    assert files_under(page_root) == {
        f"story/{world.story}.html",
        f"story/{world.story}/{SLUG}.html",
        f"story/{world.story}.key",
        ".write.lock",
    }


def test_rewrite_replaces_the_file_instead_of_writing_into_it(
    client: TestClient, world: World, page_root: Path, sqlite_store: Store
) -> None:
    # a reader that opened the old page (nginx mid-sendfile) must keep reading it whole
    first = client.get(f"/story/{world.story}").content
    path = page_root / "story" / f"{world.story}.html"
    with path.open("rb") as reader:
        inode = os.fstat(reader.fileno()).st_ino
        revise(sqlite_store, world.story, "Belarus frees more prisoners", 9)
        second = client.get(f"/story/{world.story}").content
        assert second != first
        assert reader.read() == first
    assert path.read_bytes() == second
    assert path.stat().st_ino != inode


def test_stale_page_is_swept_after_its_story_changes(
    client: TestClient, world: World, page_root: Path, sqlite_store: Store
) -> None:
    first = client.get(f"/story/{world.story}/{SLUG}")
    pages = state_of(client).pages
    assert pages is not None
    assert pages.sweep() == 0  # unchanged: kept
    assert (page_root / "story" / f"{world.story}.html").exists()
    revise(sqlite_store, world.story, "Belarus frees more prisoners", 9)
    assert pages.sweep() == 1
    assert files_under(page_root / "story") == set()
    # the next miss (nginx passes it on) writes the new version
    fresh = client.get(f"/story/{world.story}")
    assert fresh.headers["etag"] != first.headers["etag"]
    assert (page_root / "story" / f"{world.story}.html").read_bytes() == fresh.content


def test_merged_story_page_is_swept(
    client: TestClient, world: World, page_root: Path, sqlite_store: Store
) -> None:
    client.get(f"/story/{world.story}")
    with sqlite_store.session() as s:
        s.execute(update(Story).where(Story.id == world.story).values(merged_into=world.bare_story))
    pages = state_of(client).pages
    assert pages is not None
    pages.sweep()
    assert not (page_root / "story" / f"{world.story}.html").exists()
    assert client.get(f"/story/{world.story}", follow_redirects=False).status_code == 301
    assert not (page_root / "story" / f"{world.story}.html").exists()


def test_new_slug_removes_the_old_slug_page(
    served: Settings, sqlite_store: Store, world: World, page_root: Path
) -> None:
    pages = PageDir(page_root, sqlite_store)
    with sqlite_store.engine.connect() as conn:
        version = story_validator(conn, world.story)
    assert version is not None
    pages.write(world.story, version, f"/story/{world.story}/old-title", b"old")
    pages.write(world.story, version, f"/story/{world.story}/new-title", b"new")
    assert files_under(page_root / "story") == {
        f"{world.story}.html",
        f"{world.story}/new-title.html",
        f"{world.story}.key",
    }


def test_swept_page_is_written_again_from_the_memory_cache(
    client: TestClient, world: World, page_root: Path
) -> None:
    first = client.get(f"/story/{world.story}")
    pages = state_of(client).pages
    assert pages is not None
    pages.remove(world.story)
    again = client.get(f"/story/{world.story}")
    assert again.content == first.content
    assert (page_root / "story" / f"{world.story}.html").read_bytes() == first.content
    assert (page_root / "story" / str(world.story) / f"{SLUG}.html").exists()


@pytest.mark.parametrize(
    "url",
    [
        "/../etc/passwd",
        "/story/../../etc/passwd",
        "/story/..",
        "/story/.hidden",
        "/story/%2e%2e/x",
        "/story//x",
        "/story/7/",
        "/story/a\\..\\b",
        "/story/7?page=2",
        "/story/7#top",
        "/story/7\x00",
        "/story/é",
        "story/7",
        "//evil.example/x",
    ],
)
def test_unsafe_url_has_no_page_path(tmp_path: Path, url: str) -> None:
    assert page_path(tmp_path, url) is None


def test_canonical_urls_map_under_the_root(tmp_path: Path) -> None:
    assert page_path(tmp_path, "/story/7/a-title-7") == tmp_path / "story/7/a-title-7.html"
    assert page_path(tmp_path, "/story/7") == tmp_path / "story/7.html"
    assert page_path(tmp_path, "/") == tmp_path / "index.html"


def test_traversing_slug_writes_only_the_bare_page(
    sqlite_store: Store, world: World, tmp_path: Path
) -> None:
    root = tmp_path / "pages"
    pages = PageDir(root, sqlite_store)
    with sqlite_store.engine.connect() as conn:
        version = story_validator(conn, world.story)
    assert version is not None
    pages.write(world.story, version, f"/story/{world.story}/../../../outside", b"page")
    assert (root / "story" / f"{world.story}.html").read_bytes() == b"page"
    assert not list(tmp_path.rglob("outside*"))


def test_tampered_key_file_cannot_delete_other_files(
    sqlite_store: Store, world: World, tmp_path: Path
) -> None:
    root = tmp_path / "pages"
    pages = PageDir(root, sqlite_store)
    victim = tmp_path / "victim.html"
    victim.write_text("keep")
    other = root / "story" / "99.html"
    other.write_text("another story's page")
    (root / "story" / f"{world.story}.key").write_text(
        '{"key": "x", "urls": ["/../victim", "/story/99", "/story/1/../../../victim"]}'
    )
    pages.remove(world.story)
    assert victim.read_text() == "keep"
    assert other.read_text() == "another story's page"


def test_leftovers_of_a_dead_writer_are_swept_when_old(
    sqlite_store: Store, world: World, page_root: Path
) -> None:
    pages = PageDir(page_root, sqlite_store)
    story_dir = page_root / "story"
    temporary = story_dir / ".7.html.abc.tmp"
    orphan = story_dir / "12.html"  # a page whose writer died before writing its key
    for path in (temporary, orphan):
        path.write_text("partial")
    pages.sweep()
    # recent: their writer may be at work
    assert temporary.exists()
    assert orphan.exists()
    pages.sweep(now=time.time() + LEFTOVER_SECONDS + 1)
    assert not temporary.exists()
    assert not orphan.exists()


def test_sweep_thread_runs_with_the_server_and_stops_with_it(
    settings: Settings, sqlite_store: Store, world: World, page_root: Path
) -> None:
    served = settings.model_copy(update={"web_page_dir": page_root, "web_page_sweep_seconds": 0.05})
    with TestClient(create_app(served, sqlite_store)) as client:
        pages = state_of(client).pages
        assert pages is not None
        assert pages.sweeping
        client.get(f"/story/{world.story}")
        revise(sqlite_store, world.story, "Belarus frees more prisoners", 9)
        deadline = time.monotonic() + 10
        while (page_root / "story" / f"{world.story}.html").exists():
            assert time.monotonic() < deadline, "the sweep thread never removed the stale page"
            time.sleep(0.05)
    assert not pages.sweeping


def test_no_page_dir_when_the_setting_is_unset(
    settings: Settings, sqlite_store: Store, world: World, tmp_path: Path
) -> None:
    assert settings.web_page_dir is None
    with TestClient(create_app(settings, sqlite_store)) as client:
        assert state_of(client).pages is None
        assert client.get(f"/story/{world.story}").status_code == 200
        assert client.get(f"/story/{world.story}").status_code == 200
    assert not list(tmp_path.rglob("*.html"))


def test_unwritable_page_dir_is_a_config_error(sqlite_store: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match="web_page_dir"):
        PageDir(blocker / "pages", sqlite_store)


def test_batch_versions_equal_single_versions(any_store: Store) -> None:
    world = build_world(any_store)
    ids = [world.story, world.bare_story, *world.other_stories]
    with any_store.engine.connect() as conn:
        batch = story_validators(conn, [*ids, 987654])
        single = {i: story_validator(conn, i) for i in ids}
    assert batch == single


def test_request_with_a_query_string_writes_no_page(
    client: TestClient, world: World, page_root: Path
) -> None:
    assert client.get(f"/story/{world.story}", params={"utm_source": "x"}).status_code == 200
    assert not (page_root / "story" / f"{world.story}.html").exists()
    client.get(f"/story/{world.story}")
    assert (page_root / "story" / f"{world.story}.html").exists()
