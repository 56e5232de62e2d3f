"""Polite, bounded, SSRF-safe HTTP fetching with httpx (async).

One `Fetcher` per event loop does, for every hop of every request (redirects followed by
hand): the SSRF guard (`guard.py`) on the URL, one DNS lookup whose every answer is
checked, robots.txt (cached per host), per-host politeness (one request in flight per
host, ``per_host_delay`` between requests, or the site's Crawl-delay), a global bound on
requests in flight, connect / read / total timeouts, a streamed body limit that counts
*decoded* bytes (so gzip and brotli bombs stop at the limit), and retries with
exponential backoff and jitter on transient failures.

The connection goes to the address that was checked: `PinnedBackend` is the httpcore
network backend and connects to the pinned IP of a host name, never to a fresh DNS
answer, so DNS rebinding cannot switch it. TLS still verifies and sends SNI for the host
name because the URL keeps the name.
"""

from __future__ import annotations

import asyncio
import random
import socket
import time
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from protego import Protego

from newsprism.config import Settings
from newsprism.errors import BlockedURLError, FetchError
from newsprism.ingest.guard import Allowlist, IPAddress, check_ip, check_resolved, check_url

__all__ = [
    "FetchResult",
    "Fetcher",
    "HostClock",
    "PinnedBackend",
    "Resolver",
    "RobotsCache",
    "StaticResolver",
    "SystemResolver",
]

#: robots.txt answers are cached this long (RFC 9309 §2.4: "SHOULD NOT … more than 24 h").
ROBOTS_TTL = 24 * 3600.0
#: a robots.txt that could not be fetched (5xx, network) disallows the host for 10 min,
#: then it is tried again (RFC 9309 §2.3.1.4 treats an unreachable file as "disallow").
ROBOTS_RETRY = 600.0
#: robots.txt bodies past 500 KiB are cut (RFC 9309 §2.5's minimum parse size).
ROBOTS_MAX_BYTES = 500 * 1024
#: the product token matched against robots.txt User-agent lines
ROBOTS_AGENT = "NewsPrism"
#: Crawl-delay above one minute is capped: a feed polled every few minutes stays usable.
MAX_CRAWL_DELAY = 60.0
#: backoff never waits longer than this, whatever Retry-After or 2**attempt say
MAX_BACKOFF = 30.0
_TRANSIENT_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})


class Resolver(Protocol):
    """Turns a host name into addresses (the one DNS lookup per hop)."""

    async def resolve(self, host: str, port: int) -> list[str]:
        """Addresses of *host*, as strings."""
        ...


class SystemResolver:
    """The operating system's resolver (``getaddrinfo``)."""

    async def resolve(self, host: str, port: int) -> list[str]:
        """Addresses of *host* from getaddrinfo, deduplicated in answer order."""
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchError(f"could not resolve {host!r} ({exc}); check the feed URL") from None
        seen: dict[str, None] = {}
        for info in infos:
            seen[str(info[4][0])] = None
        return list(seen)


@dataclass
class StaticResolver:
    """Fixed answers per host name (tests, benchmarks); unknown names fail to resolve."""

    answers: Mapping[str, Sequence[str]]
    calls: list[str] = field(default_factory=list)

    async def resolve(self, host: str, port: int) -> list[str]:
        """Return the configured addresses of *host*."""
        self.calls.append(host)
        found = self.answers.get(host.lower())
        if not found:
            raise FetchError(f"could not resolve {host!r}; check the feed URL")
        return list(found)


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """httpcore backend that connects only to addresses pinned by the guard.

    ``pins[host]`` is set after the host's DNS answers were checked; a host without a
    pin is refused, and every pinned address is checked again right before connecting.
    """

    def __init__(self, allow: Allowlist) -> None:
        self.allow = allow
        self.pins: dict[str, IPAddress] = {}
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Open a TCP connection to the pinned, checked address of *host*."""
        ip = self.pins.get(host.lower())
        if ip is None:
            raise httpcore.ConnectError(f"{host} was not checked by the SSRF guard")
        check_ip(ip, self.allow, what=f"host {host!r} =")
        return await self._inner.connect_tcp(
            str(ip),
            port,
            timeout=timeout,
            local_address=local_address,
            socket_options=socket_options,
        )

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        """Unix sockets are never used for fetching."""
        raise httpcore.ConnectError("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        """Delegate to anyio."""
        await self._inner.sleep(seconds)


@dataclass
class FetchResult:
    """A fetched body (or a 304) and what the server said about it."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        """True for 304 Not Modified (conditional GET hit)."""
        return self.status == 304

    @property
    def content_type(self) -> str:
        """The media type, lower case, without parameters ("" if absent)."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset parameter of Content-Type, if any."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"').lower()
        return None

    @property
    def etag(self) -> str | None:
        """The ETag validator, for the next conditional GET."""
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        """The Last-Modified validator, for the next conditional GET."""
        return self.headers.get("last-modified")


class HostClock:
    """When each host was last contacted (monotonic); lives across fetcher instances."""

    def __init__(self) -> None:
        self.last: dict[str, float] = {}


@dataclass
class _Robots:
    parser: Protego | None  # None: unreachable → disallow all
    expires: float
    crawl_delay: float | None = None


class RobotsCache:
    """robots.txt per scheme://host:port, cached for `ROBOTS_TTL`; lives across fetchers."""

    def __init__(self) -> None:
        self.entries: dict[str, _Robots] = {}


class _TooLargeError(Exception):
    pass


class _Decoder:
    """Streams one Content-Encoding, never producing more than the caller's limit + 1."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._zlib: Any = None
        self._brotli: Any = None
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = None  # decided on the first bytes: zlib-wrapped or raw
        elif encoding == "br":
            import brotli

            self._brotli = brotli.Decompressor()
        elif encoding not in ("identity", ""):
            raise FetchError(f"unsupported Content-Encoding {encoding!r}")

    def feed(self, data: bytes, budget: int) -> bytes:
        """Decode *data*; raise `_TooLargeError` when the output would exceed *budget*."""
        if self.encoding in ("identity", ""):
            if len(data) > budget:
                raise _TooLargeError
            return data
        if self._brotli is not None:
            return self._feed_brotli(data, budget)
        if self._zlib is None:
            # RFC 9110 "deflate" is zlib-wrapped, but many servers send raw deflate.
            wbits = zlib.MAX_WBITS if data[:1] and data[0] & 0x0F == 8 else -zlib.MAX_WBITS
            self._zlib = zlib.decompressobj(wbits)
        return self._feed_zlib(data, budget)

    def _feed_zlib(self, data: bytes, budget: int) -> bytes:
        out = bytearray()
        pending = data
        while True:
            chunk = self._zlib.decompress(pending, budget - len(out) + 1)
            out += chunk
            if len(out) > budget:
                raise _TooLargeError
            pending = self._zlib.unconsumed_tail
            if self._zlib.eof and self._zlib.unused_data:
                # another gzip member follows (concatenated gzip is legal)
                rest = self._zlib.unused_data
                self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
                pending = rest
            if not pending:
                return bytes(out)

    def _feed_brotli(self, data: bytes, budget: int) -> bytes:
        out = bytearray(self._brotli.process(data, output_buffer_limit=budget + 1))
        while len(out) <= budget and not self._brotli.can_accept_more_data():
            more = self._brotli.process(b"", output_buffer_limit=budget - len(out) + 1)
            if not more:
                break
            out += more
        if len(out) > budget:
            raise _TooLargeError
        return bytes(out)


class Fetcher:
    """Fetches URLs politely and safely; use as ``async with Fetcher(settings) as f``.

    *clock* and *robots* carry politeness and robots.txt state between fetcher instances
    (each stage run has its own event loop); *resolver* replaces DNS in tests.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        resolver: Resolver | None = None,
        clock: HostClock | None = None,
        robots: RobotsCache | None = None,
    ) -> None:
        self.settings = settings
        self.allow = Allowlist.parse(settings.allow_hosts)
        self.resolver: Resolver = resolver or SystemResolver()
        self.clock = clock or HostClock()
        self.robots = robots or RobotsCache()
        self.backend = PinnedBackend(self.allow)
        self._global = asyncio.Semaphore(settings.max_concurrency)
        self._host_locks: dict[str, asyncio.Lock] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._client: httpx.AsyncClient | None = None
        #: requests actually sent (hops, robots.txt included), for reports and tests
        self.requests_sent = 0

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        transport = httpx.AsyncHTTPTransport(trust_env=False, retries=0)
        # httpx 0.28 has no public hook for the network backend; swap the pool for one
        # built on PinnedBackend (same defaults as AsyncHTTPTransport otherwise).
        old_pool = transport._pool
        transport._pool = httpcore.AsyncConnectionPool(
            ssl_context=old_pool._ssl_context,
            max_connections=s.max_concurrency * 2,
            max_keepalive_connections=s.max_concurrency,
            keepalive_expiry=5.0,
            network_backend=self.backend,
        )
        self._client = _NoRedirectClient(
            transport=transport,
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(
                connect=s.connect_timeout,
                read=s.read_timeout,
                write=s.read_timeout,
                pool=s.total_timeout,
            ),
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate, br"},
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    # --- public -----------------------------------------------------------------

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
    ) -> FetchResult:
        """GET *url* following redirects by hand; raise `FetchError` with a clear message.

        Sends If-None-Match / If-Modified-Since when *etag* / *last_modified* are given; a
        304 comes back as a result with ``not_modified``.
        """
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        chain: list[str] = [url]
        for _ in range(self.settings.max_redirects + 1):
            status, resp_headers, body = await self._with_retries(current, headers)
            if status in _REDIRECT_STATUS:
                location = resp_headers.get("location", "").strip()
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location from {current}")
                nxt = _redirect_target(current, location, self.allow)
                if nxt in chain:
                    loop = " → ".join([*chain[chain.index(nxt) :], nxt])
                    raise FetchError(f"redirect loop: {loop}; the site is misconfigured")
                chain.append(nxt)
                current = nxt
                continue
            result = FetchResult(url, current, status, resp_headers, body, chain[1:])
            if status == 304 or 200 <= status < 300:
                return result
            raise FetchError(f"HTTP {status} from {current}" + _status_hint(status))
        raise FetchError(
            f"more than {self.settings.max_redirects} redirects from {url} "
            f"(last: {chain[-1]}); the site is misconfigured or the URL moved"
        )

    # --- internals --------------------------------------------------------------

    async def _with_retries(
        self, url: str, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                status, resp_headers, body = await self._hop(url, headers)
            except _TransientError as exc:
                if last:
                    raise FetchError(f"{exc} ({attempts} attempts)") from None
                await asyncio.sleep(self._backoff(attempt, None))
                continue
            if status in _TRANSIENT_STATUS and not last:
                await asyncio.sleep(self._backoff(attempt, resp_headers.get("retry-after")))
                continue
            return status, resp_headers, body
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        base = self.settings.retry_backoff * (2**attempt)
        if retry_after and retry_after.strip().isdigit():
            base = max(base, float(retry_after.strip()))
        # full jitter in [0.5, 1.5)× spreads retries of many feeds on one host
        return float(min(MAX_BACKOFF, base * (0.5 + random.random())))

    async def _pin(self, url: str) -> str:
        """Guard + one DNS lookup for *url*'s host; returns the host key that was pinned."""
        host, port, literal = check_url(url, self.allow)
        try:
            key = httpx.URL(url).raw_host.decode("ascii", "replace").lower()
        except httpx.InvalidURL as exc:
            raise BlockedURLError(f"refused a malformed URL {url[:200]!r}: {exc}") from None
        if literal is not None:
            self.backend.pins[key] = literal
            return key
        addresses = await self.resolver.resolve(host, port)
        checked = check_resolved(host, addresses, self.allow)
        self.backend.pins[key] = checked[0]
        return key

    async def _hop(self, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        """One request (no redirect following): guard, robots, politeness, bounded body."""
        host_key = await self._pin(url)
        delay = self.settings.per_host_delay
        if self.settings.respect_robots:
            delay = max(delay, await self._robots_allow(url))
        return await self._polite_request(
            host_key, url, headers, delay, self.settings.max_body_bytes
        )

    async def _polite_request(
        self, host_key: str, url: str, headers: dict[str, str], delay: float, limit: int
    ) -> tuple[int, dict[str, str], bytes]:
        lock = self._host_locks.setdefault(host_key, asyncio.Lock())
        async with lock:
            wait = self.clock.last.get(host_key, -1e9) + delay - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            async with self._global:
                try:
                    return await self._request(url, headers, limit)
                finally:
                    self.clock.last[host_key] = time.monotonic()

    async def _request(
        self, url: str, headers: dict[str, str], limit: int
    ) -> tuple[int, dict[str, str], bytes]:
        assert self._client is not None, "use `async with Fetcher(...)`"
        s = self.settings
        self.requests_sent += 1
        try:
            async with asyncio.timeout(s.total_timeout):
                request = self._client.build_request("GET", url, headers=headers)
                response = await self._client.send(request, stream=True)
                try:
                    resp_headers = {k.lower(): v for k, v in response.headers.items()}
                    if response.status_code in _REDIRECT_STATUS or response.status_code >= 300:
                        return response.status_code, resp_headers, b""
                    body = await _read_body(response, resp_headers, limit)
                    return response.status_code, resp_headers, body
                finally:
                    await response.aclose()
        except TimeoutError:
            raise FetchError(
                f"{url} took longer than {s.total_timeout:g} s in total (NEWSPRISM_TOTAL_TIMEOUT);"
                " the server is too slow"
            ) from None
        except _TooLargeError:
            raise FetchError(
                f"{url}: body larger than {limit} bytes once decoded (NEWSPRISM_MAX_BODY_BYTES);"
                " download aborted"
            ) from None
        except BlockedURLError:
            raise
        except httpx.ConnectTimeout:
            raise _TransientError(
                f"could not connect to {url} within {s.connect_timeout:g} s"
            ) from None
        except httpx.ReadTimeout:
            raise _TransientError(
                f"{url} sent nothing for {s.read_timeout:g} s (read timeout)"
            ) from None
        except httpx.ConnectError as exc:
            raise _TransientError(f"could not connect to {url}: {exc}") from None
        except httpx.RemoteProtocolError as exc:
            if "location header" in str(exc).lower():
                # httpx parses Location itself; an unparsable one is never followed
                raise FetchError(f"{url}: refused a redirect to a malformed URL ({exc})") from None
            raise _TransientError(f"{url}: the connection broke mid-response ({exc})") from None
        except httpx.ReadError as exc:
            raise _TransientError(f"{url}: the connection broke mid-response ({exc})") from None
        except (zlib.error, ValueError) as exc:
            raise FetchError(f"{url}: the compressed body is corrupt ({exc})") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None
        except Exception as exc:
            if type(exc).__module__.startswith("brotli") or "brotli" in str(type(exc)).lower():
                raise FetchError(f"{url}: the brotli body is corrupt ({exc})") from None
            raise

    async def _robots_allow(self, url: str) -> float:
        """Raise `BlockedURLError` if robots.txt disallows *url*; return the Crawl-delay."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        entry = self.robots.entries.get(origin)
        if entry is None or entry.expires < time.monotonic():
            lock = self._robots_locks.setdefault(origin, asyncio.Lock())
            async with lock:
                entry = self.robots.entries.get(origin)
                if entry is None or entry.expires < time.monotonic():
                    entry = await self._load_robots(origin)
                    self.robots.entries[origin] = entry
        if entry.parser is None:
            raise BlockedURLError(
                f"{origin}/robots.txt could not be fetched; per RFC 9309 the site is treated "
                "as disallowed for now (retried in 10 min)"
            )
        if not entry.parser.can_fetch(url, ROBOTS_AGENT):
            raise BlockedURLError(f"robots.txt of {origin} disallows {url} for NewsPrism")
        return min(entry.crawl_delay or 0.0, MAX_CRAWL_DELAY)

    async def _load_robots(self, origin: str) -> _Robots:
        robots_url = origin + "/robots.txt"
        now = time.monotonic()
        try:
            status, _headers, body = await self._robots_fetch(robots_url)
        except BlockedURLError:
            raise
        except FetchError as exc:
            if "larger than" in str(exc):
                status, body = 200, b""
            else:
                return _Robots(None, now + ROBOTS_RETRY)
        if status >= 500:
            return _Robots(None, now + ROBOTS_RETRY)
        # Protego follows RFC 9309: the longest matching rule wins (Allow on a tie), and
        # "*" / "$" patterns match; the standard library took the first match, literally.
        text = ""
        if 200 <= status < 300:
            text = body[:ROBOTS_MAX_BYTES].decode("utf-8", "replace")
        # 3xx beyond our single try, 4xx: no rules (RFC 9309 §2.3.1.3)
        try:
            parser = Protego.parse(text)
        except Exception:  # a robots.txt too broken to read at all: no rules, like a 4xx
            parser = Protego.parse("")
        delay = parser.crawl_delay(ROBOTS_AGENT)
        return _Robots(parser, now + ROBOTS_TTL, float(delay) if delay is not None else None)

    async def _robots_fetch(self, robots_url: str) -> tuple[int, dict[str, str], bytes]:
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            try:
                return await self._robots_fetch_once(robots_url)
            except _TransientError:
                if attempt == attempts - 1:
                    raise
                await asyncio.sleep(self._backoff(attempt, None))
        raise AssertionError("unreachable")  # pragma: no cover

    async def _robots_fetch_once(self, robots_url: str) -> tuple[int, dict[str, str], bytes]:
        target = robots_url
        for hop in range(2):
            host_key = await self._pin(target)
            status, headers, body = await self._polite_request(
                host_key,
                target,
                {"Accept": "text/plain"},
                self.settings.per_host_delay,
                ROBOTS_MAX_BYTES,
            )
            if hop == 0 and status in _REDIRECT_STATUS and headers.get("location"):
                # one redirect (e.g. http → https) is followed, through the guard again
                target = _redirect_target(target, headers["location"], self.allow)
                continue
            break
        return status, headers, body


class _NoRedirectClient(httpx.AsyncClient):
    """An httpx client that leaves Location alone: `Fetcher.fetch` follows redirects itself.

    httpx builds ``response.next_request`` from Location even when it does not follow it,
    and a ``data:``/``javascript:`` target or ``http://[bad`` then raised ``InvalidURL`` /
    ``ValueError`` out of ``send()`` before our guard saw the target.
    """

    def _build_redirect_request(self, request: httpx.Request, response: httpx.Response) -> Any:
        return None


def _redirect_target(current: str, location: str, allow: Allowlist) -> str:
    """The absolute URL a redirect points to, refused with the guard's reason if unsafe."""
    try:
        target = urljoin(current, location.strip())
    except ValueError as exc:  # "http://[bad": urljoin itself cannot parse it
        raise BlockedURLError(
            f"{current}: refused a redirect to a malformed URL {location[:200]!r} ({exc})"
        ) from None
    try:
        check_url(target, allow)
        httpx.URL(target)
    except BlockedURLError as exc:
        raise BlockedURLError(f"{current}: refused a redirect: {exc}") from None
    except httpx.InvalidURL as exc:
        raise BlockedURLError(
            f"{current}: refused a redirect to a malformed URL {target[:200]!r} ({exc})"
        ) from None
    return target


class _TransientError(FetchError):
    """A failure worth retrying (connection refused or broken, read timeout)."""


async def _read_body(response: httpx.Response, headers: dict[str, str], limit: int) -> bytes:
    encodings = [e.strip().lower() for e in headers.get("content-encoding", "").split(",")]
    encodings = [e for e in encodings if e and e != "identity"]
    declared = headers.get("content-length", "")
    if not encodings and declared.isdigit() and int(declared) > limit:
        raise _TooLargeError
    decoders = [_Decoder(e) for e in reversed(encodings)] or [_Decoder("identity")]
    out = bytearray()
    async for raw in response.aiter_raw():
        data = raw
        for decoder in decoders:
            data = decoder.feed(data, limit - len(out))
        out += data
        if len(out) > limit:
            raise _TooLargeError
    return bytes(out)


def _status_hint(status: int) -> str:
    if status in (401, 403):
        return " (access denied; the outlet may block bots — check the feed URL in a browser)"
    if status in (404, 410):
        return " (gone; the feed or page moved — update its URL)"
    if status == 429:
        return " (rate limited; raise NEWSPRISM_PER_HOST_DELAY)"
    if status >= 500:
        return " (server error; retried later)"
    return ""
