"""Outlet slugs are one URL path segment, unique, and their pages answer where the site links."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsprism.config import Settings
from newsprism.outlets.registry import outlet_slug, read_registry_file, sync_registry
from newsprism.store.db import Store
from newsprism.web.app import create_app

NAMES = [
    "example.com", "bbc.com/news", "bbc.com/sport", "bbc-com/news", "a-b.com", "a.b-com",
    "abc news", "ABC/News", "news.example.org/en/", "x" * 200 + ".com", "ümlaut.de",
    "a//b", "a?b=c", "a#b", "a%2Fb", "a b/c d", "../etc", "-lead-", "",
]  # fmt: skip


@pytest.mark.parametrize("name", [n for n in NAMES if n])
def test_outlet_slug_is_one_url_safe_segment(name: str) -> None:
    slug = outlet_slug(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    assert len(slug) <= 120


def test_outlet_slugs_of_different_names_differ() -> None:
    # a-b.com and a.b-com share the plain form: the store gives the second a hashed one
    names = {n.strip().lower() for n in NAMES if n} - {"a.b-com"}
    assert len({outlet_slug(n) for n in names}) == len(names)


def test_registry_outlet_named_with_a_path_has_a_working_page(
    tmp_path: Path, settings: Settings, sqlite_store: Store
) -> None:
    registry = tmp_path / "feeds.csv"
    registry.write_text(
        "slug,name,domains,homepage,feeds\n"
        "bbc.com/news,BBC News,bbc.com,https://bbc.com/news,\n"
        "bbc.com/sport,BBC Sport,bbcsport.example,https://bbc.com/sport,\n"
    )
    sync_registry(sqlite_store, read_registry_file(registry), with_feeds=False)
    with TestClient(create_app(settings, sqlite_store)) as client:
        sitemap = ET.fromstring(client.get("/sitemap.xml").content)
        links = [e.text or "" for e in sitemap.iter() if e.tag.endswith("loc")]
        outlet_links = [link for link in links if "/outlet/" in link]
        assert len(outlet_links) == 2
        for link in outlet_links:
            path = "/outlet/" + link.split("/outlet/", 1)[1]
            assert client.get(path).status_code == 200, path
