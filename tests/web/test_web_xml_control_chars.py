"""Control characters in stored titles and outlet names never break the XML the site writes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from web_world import build_world

from newsprism.config import Settings
from newsprism.store.db import Store
from newsprism.web.app import create_app

#: the characters of the report (U+000B, U+0000, U+0001) and the rest XML 1.0 forbids
FORBIDDEN = ["\x0b", "\x00", "\x01", "\x1f", "\x0c", "\ufffe"]
XML_PATHS = [
    "/feed.rss",
    "/feed.atom",
    "/sitemap.xml",
    "/category/world/feed.rss",
    "/category/world/feed.atom",
    "/tag/Belarus/feed.rss",
    "/tag/Belarus/feed.atom",
]


@pytest.fixture(params=FORBIDDEN, ids=[f"U+{ord(c):04X}" for c in FORBIDDEN])
def dirty_client(
    request: pytest.FixtureRequest, settings: Settings, sqlite_store: Store
) -> Iterator[TestClient]:
    char: str = request.param
    build_world(sqlite_store, text_of=lambda s: f"{s[:3]}{char}{s[3:]}{char}")
    with TestClient(create_app(settings, sqlite_store)) as client:
        yield client


@pytest.mark.parametrize("path", XML_PATHS)
def test_xml_stays_well_formed_with_forbidden_characters_stored(
    dirty_client: TestClient, path: str
) -> None:
    response = dirty_client.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # raises ParseError when not well-formed
    assert len(list(root.iter())) > 3
