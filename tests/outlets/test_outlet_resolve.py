"""Article URL → outlet: registered domains, subdomains, public suffixes, offline."""

from __future__ import annotations

import socket

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsprism.outlets.registry import load_registry, normalize_domain, sync_registry
from newsprism.outlets.resolve import OutletResolver, offline_extractor, registered_domain
from newsprism.store.db import Store

DOMAINS = {"bbc.co.uk": 1, "bbc.com": 1, "bbc.com/mundo": 2, "nytimes.com": 3, "news.sky.com": 4}


@pytest.fixture
def resolver() -> OutletResolver:
    return OutletResolver(DOMAINS)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.bbc.co.uk/news/world-123",
        "http://news.bbc.co.uk/2/hi/uk_news/1.stm",
        "https://feeds.bbci.co.uk.bbc.co.uk/x",
        "https://WWW.BBC.COM/news",
        "www.bbc.co.uk/sport",
        "bbc.co.uk",
    ],
)
def test_subdomains_and_multi_part_suffixes_resolve(resolver: OutletResolver, url: str) -> None:
    assert resolver.resolve(url) == 1


def test_a_path_domain_wins_over_its_host(resolver: OutletResolver) -> None:
    assert resolver.resolve("https://www.bbc.com/mundo/articles/c123") == 2
    assert resolver.resolve("https://www.bbc.com/news/articles/c123") == 1


def test_a_registered_subdomain_does_not_claim_its_parent(resolver: OutletResolver) -> None:
    assert resolver.resolve("https://news.sky.com/story/1") == 4
    assert resolver.resolve("https://www.sky.com/tv") is None


@pytest.mark.parametrize(
    "url",
    [
        "https://example.co.uk/a",
        "https://co.uk/",
        "https://nytimes.com.evil.example/x",
        "https://notnytimes.com/",
        "http://192.168.1.10/bbc.co.uk",
        "http://[::1]:8080/",
        "http://localhost/",
        "",
        "not a url at all",
        "https://",
        "mailto:someone@bbc.co.uk",
        "http://bbc.co.uk@evil.example/x",
        "ftp://bbc.co.uk/file",
    ],
)
def test_unknown_ip_and_garbage_resolve_to_none(resolver: OutletResolver, url: str) -> None:
    assert resolver.resolve(url) is None


def test_registered_domain_uses_the_public_suffix_list() -> None:
    assert registered_domain("https://a.b.bbc.co.uk/x") == "bbc.co.uk"
    assert registered_domain("https://www.abc.net.au/news") == "abc.net.au"
    assert registered_domain("https://g1.globo.com/") == "globo.com"
    assert registered_domain("127.0.0.1") is None


def test_resolver_never_touches_the_network(
    resolver: OutletResolver, monkeypatch: pytest.MonkeyPatch
) -> None:
    offline_extractor.cache_clear()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the resolver tried to open a connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert resolver.resolve("https://www.bbc.co.uk/news") == 1
    assert resolver.resolve("https://brand-new.example.ac.jp/") is None
    assert offline_extractor().suffix_list_urls == ()


def test_from_store_resolves_the_synced_registry(sqlite_store: Store) -> None:
    sync_registry(sqlite_store, load_registry())
    resolver = OutletResolver.from_store(sqlite_store)
    from sqlalchemy import select

    from newsprism.store.schema import Outlet

    with sqlite_store.session() as s:
        ids = dict(s.execute(select(Outlet.slug, Outlet.id)).tuples().all())
    assert resolver.resolve("https://www.theguardian.com/world/2020/x") == ids["the-guardian"]
    assert (
        resolver.resolve("https://rss.nytimes.com/services/xml/rss/nyt/World.xml") == ids["nytimes"]
    )
    assert resolver.resolve("https://www.bbc.com/mundo/noticias-1") == ids["bbc-mundo"]
    assert resolver.resolve("https://www.news.yahoo.com/x") == ids["yahoo-news"]


def test_numbered_www_hosts_are_the_bare_domain() -> None:
    resolver = OutletResolver({"www1.cbn.com": 7})
    assert resolver.resolve("https://www1.cbn.com/news/x") == 7
    assert resolver.resolve("https://cbn.com/news/x") == 7
    assert resolver.resolve("https://www2.cbn.com/") == 7


LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(
    subdomains=st.lists(LABEL, max_size=3),
    path=st.lists(LABEL, max_size=3),
    scheme=st.sampled_from(["http://", "https://", ""]),
)
def test_any_subdomain_and_path_of_a_registered_domain_resolves_to_it(
    subdomains: list[str], path: list[str], scheme: str
) -> None:
    resolver = OutletResolver({"bbc.co.uk": 1, "nytimes.com": 3})
    host = ".".join([*subdomains, "bbc.co.uk"])
    assert resolver.resolve(f"{scheme}{host}/{'/'.join(path)}") == 1


@settings(max_examples=200, deadline=None)
@given(domain=st.lists(LABEL, min_size=2, max_size=4).map(".".join))
@example(domain="www1.a.b")
def test_normalize_domain_is_idempotent(domain: str) -> None:
    once = normalize_domain(f"https://WWW.{domain.upper()}:443/path/more")
    assert normalize_domain(once) == once
