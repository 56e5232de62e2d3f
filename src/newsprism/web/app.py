"""The FastAPI application: HTML pages, ``/api/v1`` JSON, feeds out and the widget.

``create_app(settings, store)`` is the only entry point; the app only reads the store.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp

from newsprism import __version__
from newsprism.config import Settings
from newsprism.store.db import Store
from newsprism.web.fastpath import StoryFastPath, StoryVersions
from newsprism.web.render import STATIC_DIR, make_environment
from newsprism.web.security import HeadAsGet, SecurityHeaders

__all__ = ["NewsPrismApp", "PageCache", "WebState", "app_from_env", "create_app", "web_state"]


class PageCache:
    """A small thread-safe LRU of rendered pages keyed by their version string."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        """Return the cached body for *key*, refreshed as most recently used."""
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: str, body: bytes) -> None:
        """Remember *body*; evicts the least recently used page beyond capacity."""
        if self.capacity <= 0:
            return
        with self._lock:
            self._items[key] = body
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)


@dataclass
class WebState:
    """What every request handler needs, hung off ``app.state.web``."""

    settings: Settings
    store: Store
    env: Environment
    cache: PageCache
    versions: StoryVersions
    site_url: str
    extra: dict[str, Any] = field(default_factory=dict)

    def render(self, template: str, **context: Any) -> bytes:
        """Render *template* to UTF-8 bytes."""
        return self.env.get_template(template).render(**context).encode("utf-8")

    def html(self, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        """Render *template* as an HTML response."""
        return HTMLResponse(self.render(template, **context), status_code=status_code)


def web_state(request: Request) -> WebState:
    """Return the `WebState` of the app serving *request*."""
    state: WebState = request.app.state.web
    return state


class NewsPrismApp(FastAPI):
    """FastAPI with the story-page fast path in front of the whole middleware stack.

    Answering a cached story page before Starlette's error and exception middleware
    costs 70 µs instead of 180 µs per request (measured in-process on the 2-core machine).
    """

    def build_middleware_stack(self) -> ASGIApp:
        """Wrap the usual stack in `StoryFastPath`."""
        return StoryFastPath(super().build_middleware_stack())


def create_app(settings: Settings, store: Store) -> FastAPI:
    """Build the web application for *store*: pages, JSON API, feeds, widget, static files."""
    from newsprism.web.api import router as api_router
    from newsprism.web.pages import router as pages_router

    app = NewsPrismApp(
        title="NewsPrism API",
        version=__version__,
        description="Stories grouped from many outlets, with coverage by lean and cited briefs. "
        "Every page of the site is also JSON under /api/v1.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    site_url = settings.site_url.rstrip("/")
    app.state.web = WebState(
        settings=settings,
        store=store,
        env=make_environment(site_url, settings.site_name),
        cache=PageCache(settings.web_cache_pages),
        versions=StoryVersions(store),
        site_url=site_url,
    )
    # Last added runs first. StoryFastPath sits outside all of these (see NewsPrismApp).
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        state = web_state(request)
        return state.html(
            "error.html",
            status_code=exc.status_code,
            status=exc.status_code,
            message=str(exc.detail),
            categories=[],
        )

    return app


def app_from_env() -> FastAPI:
    """Build the app from ``NEWSPRISM_*`` settings: the factory for multi-process uvicorn.

    ``uvicorn --factory newsprism.web.app:app_from_env --workers 4`` runs one app per
    worker process, each with its own store connection pool and page cache.
    """
    from newsprism.config import load_settings

    settings = load_settings()
    store = Store(settings.sqlalchemy_url)
    store.check_schema()
    return create_app(settings, store)
