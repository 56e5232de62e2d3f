"""Article URL → outlet id, by registered domain, subdomains included, offline.

The public-suffix list is tldextract's bundled snapshot: the extractor is built with no
suffix-list URLs and no cache directory, so resolving never touches the network or disk.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsprism.outlets.registry import WWW_PREFIX, normalize_domain

if TYPE_CHECKING:
    from newsprism.store.db import Store

__all__ = ["OutletResolver", "offline_extractor", "registered_domain"]

_SPACE = re.compile(r"\s")


@lru_cache(maxsize=1)
def offline_extractor() -> Any:
    """Build a tldextract extractor on the bundled suffix list: no download, no cache files."""
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def _host_and_segment(url: str) -> tuple[str, str] | None:
    text = url.strip()
    if not text or _SPACE.search(text):
        return None
    if "://" not in text:
        text = "//" + text.lstrip("/")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    # Articles live on http(s) pages; user-info ("mailto:x@host", "http://bbc.co.uk@evil/")
    # never appears in a news URL and would make the wrong host look like the outlet.
    if parts.scheme not in {"", "http", "https"} or "@" in parts.netloc:
        return None
    if not host:
        return None
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    host = host.lower()
    segment = parts.path.strip("/").split("/")[0].lower()
    return host, segment


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def registered_domain(url_or_host: str) -> str | None:
    """Return the registrable domain of a URL or host (``news.bbc.co.uk`` → ``bbc.co.uk``).

    None for IP addresses, single labels (``localhost``) and hosts under no public suffix.
    """
    parsed = _host_and_segment(url_or_host)
    if parsed is None:
        return None
    return _registered_host(parsed[0])


# Hosts repeat: a feed's articles share a handful. Caching the suffix-list walk per host (with
# a regex whitespace test and IDNA only for non-ASCII hosts) took the resolver from ~3,000 to
# 16,000-20,000 URLs/s on the Baly 2020 corpus, 2 loaded cores (bench/bench_outlets.py).
@lru_cache(maxsize=65536)
def _registered_host(host: str) -> str | None:
    if _is_ip(host):
        return None
    result = offline_extractor()(host)
    return str(result.top_domain_under_public_suffix) or None


class OutletResolver:
    """Finds the outlet an article URL belongs to from the registry's domains.

    The most specific registered domain wins: for ``https://www.bbc.com/mundo/x`` the
    resolver tries ``www.bbc.com/mundo``, ``www.bbc.com``, ``bbc.com/mundo`` then ``bbc.com``
    and stops at the registrable domain, so ``bbc.co.uk`` never matches a bare ``co.uk``.
    """

    def __init__(self, domains: Mapping[str, int]) -> None:
        self._domains = {normalize_domain(d): outlet_id for d, outlet_id in domains.items()}

    @classmethod
    def from_store(cls, store: Store) -> OutletResolver:
        """Build a resolver over the ``outlet_domain`` table of *store*."""
        from sqlalchemy import select

        from newsprism.store.schema import OutletDomain

        with store.session() as session:
            rows = (
                session.execute(select(OutletDomain.domain, OutletDomain.outlet_id)).tuples().all()
            )
        return cls(dict(rows))

    def __len__(self) -> int:
        return len(self._domains)

    def resolve(self, url: str) -> int | None:
        """Return the outlet id for *url* (a URL or bare host), or None if no outlet claims it."""
        parsed = _host_and_segment(url)
        if parsed is None:
            return None
        host, segment = parsed
        base = _registered_host(host)
        if base is None:
            return None
        labels = host.split(".")
        for start in range(len(labels) - base.count(".")):
            candidate = ".".join(labels[start:])
            if candidate != base and WWW_PREFIX.match(candidate):
                continue
            if segment and f"{candidate}/{segment}" in self._domains:
                return self._domains[f"{candidate}/{segment}"]
            if candidate in self._domains:
                return self._domains[candidate]
        return None
