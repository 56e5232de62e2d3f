"""Fixtures for the web tests: the filled store, an in-process client, a live uvicorn."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_world import World, build_world

from newsprism.browser import CHROMIUM as BROWSER
from newsprism.browser import CHROMIUM_ARGS
from newsprism.config import Settings
from newsprism.store.db import Store
from newsprism.web.app import create_app


@pytest.fixture
def world(sqlite_store: Store) -> World:
    """The SQLite store filled by `build_world`."""
    return build_world(sqlite_store)


@pytest.fixture
def client(settings: Settings, sqlite_store: Store, world: World) -> Iterator[TestClient]:
    """An in-process HTTP client of the app over the filled store."""
    with TestClient(create_app(settings, sqlite_store)) as c:
        yield c


CHROMIUM = Path(BROWSER)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Debian chromium per test module (skips when it is not installed)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is absent at /usr/bin/chromium (run `make browser`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        yield b
        b.close()


def free_port() -> int:
    """A port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def serve_app() -> Iterator[Callable[[Settings, Store], str]]:
    """Start uvicorn for an app in a thread; returns the base URL. Stopped after the test."""
    import uvicorn

    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(settings: Settings, store: Store) -> str:
        port = free_port()
        config = uvicorn.Config(
            create_app(settings, store), host="127.0.0.1", port=port, log_level="warning"
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start within 10 s")
            time.sleep(0.02)
        servers.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=5)
