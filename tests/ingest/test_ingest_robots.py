"""robots.txt per RFC 9309 (longest match, wildcards), through the real fetcher on loopback."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from newsprism.config import Settings
from newsprism.errors import BlockedURLError
from newsprism.ingest.http import Fetcher

ROBOTS = b"""User-agent: *
Disallow: /*?print=
Disallow: /*.pdf$
Allow: /news/
Disallow: /news/private/
Disallow: /archive
Allow: /archive/open
"""

CASES = [
    ("/a?print=1", False),
    ("/news/x?print=yes", False),
    ("/a?page=2", True),
    ("/files/report.pdf", False),
    ("/files/report.pdf?x=1", True),
    ("/news/", True),
    ("/news/story", True),
    ("/news/private/x", False),
    ("/news/private", True),
    ("/archive/2020", False),
    ("/archive/open/1", True),
    ("/elsewhere", True),
]


def _allowed(settings: Settings, server: Any, paths: list[str]) -> dict[str, bool]:
    async def go() -> dict[str, bool]:
        out = {}
        async with Fetcher(settings) as fetcher:
            for path in paths:
                try:
                    await fetcher.fetch(server.url(path))
                    out[path] = True
                except BlockedURLError as exc:
                    if "robots.txt" not in str(exc):
                        raise
                    out[path] = False
        return out

    return asyncio.run(go())


@pytest.mark.parametrize("agent_block", [b"*", b"NewsPrism", b"newsprism"])
def test_robots_rules_follow_rfc_9309_longest_match_and_wildcards(
    settings: Settings, http_server: Any, agent_block: bytes
) -> None:
    http_server.routes["/robots.txt"] = (
        200,
        {"Content-Type": "text/plain"},
        ROBOTS.replace(b"User-agent: *", b"User-agent: " + agent_block),
    )
    for path, _ in CASES:
        http_server.routes[path.split("?")[0]] = (200, {}, b"ok")
    got = _allowed(settings, http_server, [p for p, _ in CASES])
    assert got == dict(CASES)


def test_robots_txt_that_is_binary_junk_is_read_as_no_rules(
    settings: Settings, http_server: Any
) -> None:
    http_server.routes["/robots.txt"] = (200, {}, bytes(range(256)) * 20)
    http_server.routes["/a"] = (200, {}, b"ok")
    assert _allowed(settings, http_server, ["/a"]) == {"/a": True}
