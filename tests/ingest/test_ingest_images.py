"""Story pictures: fetched through the guarded fetcher, checked by their bytes, served here."""

from __future__ import annotations

import struct
import zlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from newsprism.ingest.images import fetch_images
from newsprism.ingest.picture import ImageError, image_dir, inspect_image
from newsprism.pipeline import StageContext
from newsprism.store.schema import Article, Outlet, Story
from newsprism.web.app import create_app


def png(width: int, height: int, colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    """A real (decodable) RGB PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(colour) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def jpeg_header(width: int, height: int) -> bytes:
    """The start of a baseline JPEG: SOI, an APP0 segment, then SOF0 with the frame size."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x01\x11\x00" * 3
    return b"\xff\xd8" + app0 + sof0 + b"\x00" * 64


def test_pictures_are_recognised_by_their_bytes_not_their_name() -> None:
    assert inspect_image(png(640, 360)) == ("png", 640, 360)
    assert inspect_image(jpeg_header(1200, 675)) == ("jpg", 1200, 675)
    gif = b"GIF89a" + struct.pack("<HH", 300, 200) + b"\x00" * 20
    assert inspect_image(gif) == ("gif", 300, 200)
    with pytest.raises(ImageError, match="not a JPEG"):
        inspect_image(b"<!DOCTYPE html><html><body>Not found</body></html>")
    with pytest.raises(ImageError, match="not a JPEG"):
        inspect_image(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    with pytest.raises(ImageError, match="pixel"):
        inspect_image(b"GIF89a" + struct.pack("<HH", 1, 1) + b"\x00" * 30)  # tracking pixel
    with pytest.raises(ImageError, match="icon"):
        inspect_image(png(64, 64))
    with pytest.raises(ImageError, match="size"):
        inspect_image(b"\xff\xd8\xff\xe0\x00")  # truncated JPEG


def _story_with(ctx: StageContext, image_urls: list[str | None], *, revision: int = 1) -> int:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with ctx.store.session() as s:
        outlet = Outlet(
            slug=f"example-{len(image_urls)}-{revision}-{id(image_urls)}",
            name="Example Daily",
            domains=["example.test"],
            lean="center",
        )
        s.add(outlet)
        s.flush()
        story = Story(
            title="A story",
            first_seen=now,
            last_updated=now,
            n_articles=len(image_urls),
            revision=revision,
        )
        s.add(story)
        s.flush()
        for i, url in enumerate(image_urls):
            s.add(
                Article(
                    outlet_id=outlet.id,
                    url=f"https://example.test/{story.id}/{i}",
                    canonical_url=f"https://example.test/{story.id}/{i}",
                    title=f"Article {i}",
                    image_url=url,
                    published_at=now + timedelta(minutes=i),
                    story_id=story.id,
                    status="clustered",
                )
            )
        return story.id


def _story(ctx: StageContext, story_id: int) -> Story:
    with ctx.store.session() as s:
        story = s.get(Story, story_id)
        assert story is not None
        s.expunge(story)
        return story


def test_stage_stores_the_first_member_picture_and_skips_what_is_not_one(
    ctx: StageContext, http_server: Any
) -> None:
    picture = png(400, 225)
    http_server.routes["/lead.png"] = (200, {"Content-Type": "image/png"}, picture)
    # an error page served as a JPEG, and a picture over the size cap
    http_server.routes["/fake.jpg"] = (200, {"Content-Type": "image/jpeg"}, b"<html>oops</html>")
    http_server.routes["/huge.png"] = (200, {"Content-Type": "image/png"}, png(2000, 2000) * 40)
    ctx.settings = ctx.settings.model_copy(update={"image_max_bytes": 200_000})
    first = _story_with(ctx, [None, http_server.url("/fake.jpg"), http_server.url("/lead.png")])
    second = _story_with(ctx, [http_server.url("/huge.png")])
    none = _story_with(ctx, [None, "data:image/png;base64,AAAA"])

    report = fetch_images(ctx)

    story = _story(ctx, first)
    assert story.image is not None
    assert story.image_revision == story.revision
    stored = image_dir(ctx.settings.data_dir) / story.image["file"]
    assert stored.read_bytes() == picture
    assert (story.image["width"], story.image["height"], story.image["outlet"]) == (
        400,
        225,
        "Example Daily",
    )
    assert story.image["source_url"] == http_server.url("/lead.png")
    # refused bodies leave the story without a picture, and say why
    assert _story(ctx, second).image is None
    assert _story(ctx, second).image_revision == 1
    assert _story(ctx, none).image is None
    assert _story(ctx, none).image_revision == 1
    assert (report.processed, report.failed) == (1, 1)
    refused = " ".join(report.details["refused"])
    assert "not a JPEG" in refused
    assert "image_max_bytes" in refused
    # nothing to do until membership changes; then the kept picture costs no fetch
    hits = len(http_server.hits)
    assert fetch_images(ctx).details == {}
    with ctx.store.session() as s:
        s.execute(update(Story).where(Story.id == first).values(revision=Story.revision + 1))
    again = fetch_images(ctx)
    assert len(http_server.hits) == hits
    assert again.details["stories"] == 1
    assert _story(ctx, first).image == story.image
    assert _story(ctx, first).image_revision == 2


def test_stage_is_off_when_story_images_is_off(ctx: StageContext, http_server: Any) -> None:
    http_server.routes["/lead.png"] = (200, {"Content-Type": "image/png"}, png(400, 225))
    ctx.settings = ctx.settings.model_copy(update={"story_images": False})
    story_id = _story_with(ctx, [http_server.url("/lead.png")])
    fetch_images(ctx)
    assert http_server.hits == []
    assert _story(ctx, story_id).image_revision == -1


def test_site_serves_the_picture_from_its_own_origin(ctx: StageContext, http_server: Any) -> None:
    picture = png(320, 180)
    http_server.routes["/lead.png"] = (200, {"Content-Type": "image/png"}, picture)
    story_id = _story_with(ctx, [http_server.url("/lead.png")])
    fetch_images(ctx)
    name = _story(ctx, story_id).image["file"]  # type: ignore[index]
    with TestClient(create_app(ctx.settings, ctx.store)) as client:
        page = client.get(f"/story/{story_id}")
        assert f'<img src="/img/{name}"' in page.text
        assert "Image: Example Daily" in page.text
        # the policy stays same-origin: the outlet's address never reaches the reader
        assert "img-src 'self'" in page.headers["content-security-policy"]
        assert http_server.base not in page.text.split("<main", 1)[-1].split("Sources")[0]
        got = client.get(f"/img/{name}")
        assert got.status_code == 200
        assert got.content == picture
        assert got.headers["content-type"] == "image/png"
        assert "immutable" in got.headers["cache-control"]
        assert client.get("/api/v1/stories").json()["stories"][0]["image"]["src"] == f"/img/{name}"
        for bad in ("..%2Fnewsprism.db", "0" * 32 + ".svg", "x.png", "0" * 31 + ".png"):
            assert client.get(f"/img/{bad}").status_code == 404


def test_distributed_backlog_counts_stories_waiting_for_a_picture(
    ctx: StageContext, http_server: Any
) -> None:
    from newsprism.distributed.backlog import stage_backlog

    http_server.routes["/lead.png"] = (200, {"Content-Type": "image/png"}, png(400, 225))
    _story_with(ctx, [http_server.url("/lead.png")])
    _story_with(ctx, [None])
    with ctx.store.session() as s:
        assert stage_backlog(s, "fetch_images", ctx.settings) == 2
    fetch_images(ctx)
    with ctx.store.session() as s:
        assert stage_backlog(s, "fetch_images", ctx.settings) == 0
