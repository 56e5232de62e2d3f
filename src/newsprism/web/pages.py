"""HTML pages, feeds out, the widget, sitemap and robots.txt."""

from __future__ import annotations

import logging
import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from sqlalchemy import select

from newsprism.ingest.picture import IMAGE_FILE, image_dir
from newsprism.store.schema import Outlet, Story
from newsprism.web import data
from newsprism.web.app import IdPath, WebState, web_state
from newsprism.web.fastpath import not_modified, page_key, story_headers
from newsprism.web.feeds import atom_feed, robots_txt, rss_feed, sitemap_xml

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
log = logging.getLogger(__name__)

PageNo = Annotated[int, Query(ge=1, le=10_000, description="1-based page number.")]
#: Which brief variant a story page shows (docs/briefs.md); anything else answers 422.
WeightingQuery = Annotated[
    Literal["coverage", "balanced"] | None,
    Query(
        description="Citations per side: 'coverage' follows each side's share of the "
        "outlets, 'balanced' gives each side equal turns (default: the site's setting)."
    ),
]
HTML = "text/html; charset=utf-8"
FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
_IMAGE_NAME = re.compile(IMAGE_FILE)
_IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}


def _page(state: WebState, number: int) -> data.Page:
    return data.Page(number, state.settings.web_page_size)


def _list_page(
    request: Request,
    *,
    heading: str,
    page: int,
    feed: str | None = None,
    description: str = "",
    **filters: Any,
) -> Response:
    state = web_state(request)
    with state.store.session() as s:
        result = data.stories_data(s, _page(state, page), **filters)
        cats = data.categories(s)
    return state.html(
        "list.html",
        heading=heading,
        description=description,
        feed=feed,
        categories=cats,
        path=request.url.path,
        **result,
    )


@router.get("/")
def home(request: Request, page: PageNo = 1) -> Response:
    """Top stories by trending score, blindspots, latest, categories."""
    from newsprism.distributed.health import feed_reach, processing_now

    state = web_state(request)
    with state.store.session() as s:
        result = data.home_data(s, _page(state, page))
        reach = feed_reach(s)
    # what the empty page should say: "run newsprism run" only when nothing runs, and
    # an offline machine (feeds polled, none answered) is told how to see the product
    running = processing_now(state.store, state.settings)
    return state.html("home.html", path="/", running=running, reach=reach, **result)


@router.get("/latest")
def latest(request: Request, page: PageNo = 1) -> Response:
    """Stories by last update."""
    return _list_page(request, heading="Latest stories", page=page, sort="latest", feed="/feed")


@router.get("/blindspot")
def blindspots(request: Request, page: PageNo = 1) -> Response:
    """Stories covered mostly by one side."""
    return _list_page(
        request,
        heading="Blindspots",
        description="Stories one side of the spectrum barely covers.",
        page=page,
        sort="latest",
        blindspot=True,
    )


@router.get("/category/{name}")
def category(request: Request, name: str, page: PageNo = 1) -> Response:
    """Stories of one category."""
    return _list_page(
        request,
        heading=name.capitalize(),
        page=page,
        category=name,
        feed=f"/category/{name}/feed",
    )


@router.get("/tag/{tag}")
def hashtag(request: Request, tag: str, page: PageNo = 1) -> Response:
    """Stories with one hashtag."""
    clean = tag.lstrip("#")
    return _list_page(
        request, heading=f"#{clean}", page=page, hashtag=clean, feed=f"/tag/{clean}/feed"
    )


@router.get("/story/{story_id}")
@router.get("/story/{story_id}/{slug}")
async def story(
    request: Request,
    story_id: IdPath,
    slug: str | None = None,
    weighting: WeightingQuery = None,
) -> Response:
    """Serve the story page, cached per story version and weighting, revalidated by ETag.

    `StoryFastPath` answers repeat requests before routing; this is the full path.
    """
    state = web_state(request)
    shown = weighting or state.settings.brief_weighting
    # The version check is one primary-key lookup: on SQLite it runs inline (well under
    # a millisecond, cheaper than a thread hop); on PostgreSQL it is a network round
    # trip, so it goes to the thread pool like all other queries.
    if state.store.is_sqlite:
        version = state.versions.lookup(story_id)
    else:
        version = await run_in_threadpool(state.versions.lookup, story_id)
    if version is None:
        raise HTTPException(404, "No such story. It may have been removed.")
    if version.merged_into:
        query = f"?weighting={weighting}" if weighting else ""
        return RedirectResponse(f"/story/{version.merged_into}{query}", status_code=301)
    headers = story_headers(version, shown)
    if not_modified(
        request.headers.get("if-none-match"),
        request.headers.get("if-modified-since"),
        version,
        shown,
    ):
        return Response(status_code=304, headers=headers)
    key = page_key(version, shown)
    body = state.cache.get(key)
    url = None
    if body is None:
        rendered = await run_in_threadpool(_render_story, state, story_id, shown)
        if rendered is None:
            raise HTTPException(404, "No such story. It may have been removed.")
        body, url = rendered
        state.cache.put(key, body)
    # Only the page of the bare URL (the site's default weighting) goes to disk: nginx
    # sends every request with a query string to the app.
    if (
        state.pages is not None
        and not request.url.query
        and not state.pages.current(story_id, version.key)
    ):
        await run_in_threadpool(_write_page, state, story_id, version, url, body)
    return Response(body, media_type=HTML, headers=headers)


def _render_story(state: WebState, story_id: int, weighting: str) -> tuple[bytes, str] | None:
    """The story page's bytes and its canonical URL; None when there is no such story."""
    with state.store.session() as s:
        page = data.story_data(
            s, story_id, weighting=weighting, default_weighting=state.settings.brief_weighting
        )
        if page is None:
            return None
        url = page["story"]["url"]
        body = state.render("story.html", categories=data.categories(s), path=url, **page)
        return body, url


def _write_page(
    state: WebState, story_id: int, version: data.StoryVersion, url: str | None, body: bytes
) -> None:
    """Write the page to `web_page_dir` for nginx; a disk error only costs the shortcut."""
    assert state.pages is not None
    if url is None:  # the body came from the memory cache: look the slug up
        with state.store.session() as s:
            story = s.get(Story, story_id)
            url = data.story_url(story) if story is not None else None
    try:
        state.pages.write(story_id, version, url, body)
    except OSError as exc:
        log.warning("writing story %d to %s failed: %s", story_id, state.pages.root, exc)


@router.get("/outlets")
def outlets(request: Request, page: PageNo = 1) -> Response:
    """Every outlet with its lean."""
    state = web_state(request)
    with state.store.session() as s:
        result = data.outlets_data(s, _page(state, page))
        cats = data.categories(s)
    return state.html("outlets.html", categories=cats, path="/outlets", **result)


@router.get("/outlet/{slug}")
def outlet(request: Request, slug: str, page: PageNo = 1) -> Response:
    """One outlet: rating and provenance, recent articles, stories covered."""
    state = web_state(request)
    with state.store.session() as s:
        result = data.outlet_data(s, slug, _page(state, page))
        cats = data.categories(s)
    if result is None:
        raise HTTPException(404, "No such outlet.")
    return state.html("outlet.html", categories=cats, path=f"/outlet/{slug}", **result)


@router.get("/search")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    page: PageNo = 1,
) -> Response:
    """Stories and articles matching a query."""
    state = web_state(request)
    with state.store.session() as s:
        result = data.search_data(s, q, _page(state, page))
        cats = data.categories(s)
    return state.html("search.html", categories=cats, path="/search", **result)


@router.get("/embed/story/{story_id}")
def embed_story(request: Request, story_id: IdPath) -> Response:
    """Serve a small card for other sites to frame: headline, coverage bar, link."""
    state = web_state(request)
    with state.store.session() as s:
        page = data.story_data(s, story_id, more=0)
    if page is None:
        raise HTTPException(404, "No such story.")
    return state.html("embed.html", **page)


def _feed(request: Request, fmt: str, title: str, **filters: Any) -> Response:
    if fmt not in FEED_TYPES:
        raise HTTPException(404, "Feeds are feed.rss or feed.atom.")
    state = web_state(request)
    with state.store.session() as s:
        cards = data.stories_data(s, data.Page(1, 50), sort="latest", **filters)["stories"]
    self_url = state.site_url + request.url.path
    build = rss_feed if fmt == "rss" else atom_feed
    body = build(f"{state.settings.site_name}: {title}", state.site_url, self_url, cards)
    return Response(body, media_type=FEED_TYPES[fmt] + "; charset=utf-8")


@router.get("/feed.{fmt}")
def feed_all(request: Request, fmt: str) -> Response:
    """All stories, latest first (RSS or Atom)."""
    return _feed(request, fmt, "all stories")


@router.get("/category/{name}/feed.{fmt}")
def feed_category(request: Request, name: str, fmt: str) -> Response:
    """One category's stories (RSS or Atom)."""
    return _feed(request, fmt, name, category=name)


@router.get("/tag/{tag}/feed.{fmt}")
def feed_hashtag(request: Request, tag: str, fmt: str) -> Response:
    """One hashtag's stories (RSS or Atom)."""
    return _feed(request, fmt, f"#{tag.lstrip('#')}", hashtag=tag)


@router.get("/sitemap.xml")
def sitemap(request: Request) -> Response:
    """Home, categories, outlets and the 5,000 most recently updated stories."""
    state = web_state(request)
    pages: list[tuple[str, str | None]] = [("/", None), ("/latest", None), ("/outlets", None)]
    with state.store.session() as s:
        pages += [(f"/category/{c['name']}", None) for c in data.categories(s)]
        pages += [(f"/outlet/{slug}", None) for slug in s.scalars(select(Outlet.slug))]
        stories = s.scalars(
            select(Story)
            .where(Story.merged_into.is_(None), Story.n_articles > 0)
            .order_by(Story.last_updated.desc())
            .limit(5000)
        )
        pages += [(data.story_url(st), st.last_updated.isoformat()) for st in stories]
    return Response(sitemap_xml(state.site_url, pages), media_type="application/xml")


@router.get("/img/{name}")
def image(request: Request, name: str) -> Response:
    """A stored story picture (fetched by the image stage); immutable: named by its hash."""
    if not _IMAGE_NAME.fullmatch(name):
        raise HTTPException(404)
    path = image_dir(web_state(request).settings.data_dir) / name
    if not path.is_file():
        raise HTTPException(404)
    return FileResponse(
        path,
        media_type=_IMAGE_TYPES[name.rsplit(".", 1)[1]],
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )


@router.get("/robots.txt")
def robots(request: Request) -> Response:
    """Crawler rules and the sitemap address."""
    return PlainTextResponse(robots_txt(web_state(request).site_url))


@router.get("/api")
def api_reference(request: Request) -> Response:
    """Render the JSON API reference from the OpenAPI schema (works offline)."""
    state = web_state(request)
    schema = request.app.openapi()
    return state.html("api.html", schema=schema, categories=[], path="/api")
