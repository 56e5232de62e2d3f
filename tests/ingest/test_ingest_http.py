"""The fetcher against a loopback fixture server: politeness, limits, redirects, guard."""

from __future__ import annotations

import asyncio
import gzip
import threading
import time
import zlib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

import brotli
import pytest

from newsprism.config import Settings
from newsprism.errors import BlockedURLError, FetchError
from newsprism.ingest.http import Fetcher, FetchResult, StaticResolver

FEED = b"<rss version='2.0'><channel><item><link>http://a.example/1</link></item></channel></rss>"


def run_fetch(settings: Settings, url: str, **kwargs: Any) -> FetchResult:
    resolver = kwargs.pop("resolver", None)

    async def go() -> FetchResult:
        async with Fetcher(settings, resolver=resolver) as fetcher:
            return await fetcher.fetch(url, **kwargs)

    return asyncio.run(go())


def fast(settings: Settings, **changes: Any) -> Settings:
    return settings.model_copy(update={"retry_backoff": 0.01, **changes})


def test_user_agent_names_newsprism(settings: Settings, http_server: Any) -> None:
    http_server.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, FEED)
    result = run_fetch(settings, http_server.url("/feed"))
    assert result.body == FEED
    agent = dict(http_server.hits)["/feed"]["User-Agent"]
    assert "NewsPrism" in agent
    assert "http" in agent


def test_conditional_get_sends_validators_and_reports_not_modified(
    settings: Settings, http_server: Any
) -> None:
    def handler(req: BaseHTTPRequestHandler) -> None:
        if req.headers.get("If-None-Match") == '"v1"':
            req.send_response(304)
            req.end_headers()
            return
        req.send_response(200)
        req.send_header("ETag", '"v1"')
        req.send_header("Last-Modified", "Mon, 23 Nov 2026 10:00:00 GMT")
        req.send_header("Content-Length", str(len(FEED)))
        req.end_headers()
        req.wfile.write(FEED)

    http_server.routes["/feed"] = handler
    first = run_fetch(settings, http_server.url("/feed"))
    assert (first.etag, first.last_modified) == ('"v1"', "Mon, 23 Nov 2026 10:00:00 GMT")
    second = run_fetch(
        settings, http_server.url("/feed"), etag=first.etag, last_modified=first.last_modified
    )
    assert second.not_modified
    assert second.body == b""
    assert http_server.hits[-1][1]["If-Modified-Since"] == "Mon, 23 Nov 2026 10:00:00 GMT"


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [("gzip", gzip.compress), ("br", brotli.compress), ("deflate", zlib.compress)],
)
def test_compressed_bodies_are_decoded(
    settings: Settings, http_server: Any, encoding: str, compress: Callable[[bytes], bytes]
) -> None:
    http_server.routes["/z"] = (200, {"Content-Encoding": encoding}, compress(FEED * 10))
    assert run_fetch(settings, http_server.url("/z")).body == FEED * 10


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [("gzip", gzip.compress), ("br", lambda b: brotli.compress(b, quality=4))],
)
def test_decompression_bomb_is_aborted_at_the_limit(
    settings: Settings, http_server: Any, encoding: str, compress: Callable[[bytes], bytes]
) -> None:
    bomb = compress(b"\0" * 50_000_000)
    assert len(bomb) < 100_000
    http_server.routes["/bomb"] = (200, {"Content-Encoding": encoding}, bomb)
    with pytest.raises(FetchError, match="larger than 1048576 bytes once decoded"):
        run_fetch(fast(settings, max_body_bytes=1_048_576), http_server.url("/bomb"))


def test_oversized_body_is_aborted(settings: Settings, http_server: Any) -> None:
    def chunked(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.end_headers()  # no Content-Length: only the streamed count can stop it
        try:
            for _ in range(200):
                req.wfile.write(b"x" * 65536)
        except OSError:
            pass

    http_server.routes["/big"] = chunked
    with pytest.raises(FetchError, match="larger than"):
        run_fetch(fast(settings, max_body_bytes=1_048_576), http_server.url("/big"))


def test_robots_txt_disallow_is_obeyed_and_cached(settings: Settings, http_server: Any) -> None:
    http_server.routes["/robots.txt"] = (200, {}, b"User-agent: NewsPrism\nDisallow: /private\n")
    http_server.routes["/private/x"] = (200, {}, b"secret")
    http_server.routes["/public"] = (200, {}, b"ok")

    async def go() -> tuple[bytes, str]:
        async with Fetcher(settings) as fetcher:
            ok = await fetcher.fetch(http_server.url("/public"))
            with pytest.raises(BlockedURLError) as info:
                await fetcher.fetch(http_server.url("/private/x"))
            return ok.body, str(info.value)

    body, message = asyncio.run(go())
    assert body == b"ok"
    assert "robots.txt" in message
    assert "disallows" in message
    paths = [p for p, _ in http_server.hits]
    assert paths.count("/robots.txt") == 1
    assert "/private/x" not in paths


def test_robots_txt_is_ignored_when_respect_robots_is_off(
    settings: Settings, http_server: Any
) -> None:
    http_server.routes["/robots.txt"] = (200, {}, b"User-agent: *\nDisallow: /\n")
    http_server.routes["/a"] = (200, {}, b"ok")
    assert (
        run_fetch(settings.model_copy(update={"respect_robots": False}), http_server.url("/a")).body
        == b"ok"
    )


def test_unreachable_robots_txt_disallows_the_host(settings: Settings, http_server: Any) -> None:
    http_server.routes["/robots.txt"] = (500, {}, b"")
    http_server.routes["/a"] = (200, {}, b"ok")
    with pytest.raises(BlockedURLError, match=r"robots\.txt could not be fetched"):
        run_fetch(fast(settings, retries=0), http_server.url("/a"))


def _concurrency_probe(
    delay: float,
) -> tuple[Callable[[BaseHTTPRequestHandler], None], dict[str, Any]]:
    state: dict[str, Any] = {"now": 0, "max": 0, "times": []}
    lock = threading.Lock()

    def handler(req: BaseHTTPRequestHandler) -> None:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
            state["times"].append(time.monotonic())
        time.sleep(delay)
        with lock:
            state["now"] -= 1
        req.send_response(200)
        req.send_header("Content-Length", "2")
        req.end_headers()
        req.wfile.write(b"ok")

    return handler, state


def _fetch_many(
    settings: Settings, urls: list[str], resolver: StaticResolver | None = None
) -> None:
    async def go() -> None:
        async with Fetcher(settings, resolver=resolver) as fetcher:
            await asyncio.gather(*(fetcher.fetch(u) for u in urls))

    asyncio.run(go())


def test_one_request_in_flight_per_host_with_delay(settings: Settings, http_server: Any) -> None:
    handler, state = _concurrency_probe(0.02)
    for i in range(5):
        http_server.routes[f"/p{i}"] = handler
    _fetch_many(
        settings.model_copy(update={"per_host_delay": 0.1}),
        [http_server.url(f"/p{i}") for i in range(5)],
    )
    assert state["max"] == 1
    gaps = [b - a for a, b in zip(state["times"], state["times"][1:], strict=False)]
    assert min(gaps) >= 0.1


def test_global_concurrency_is_bounded_across_hosts(settings: Settings, http_server: Any) -> None:
    handler, state = _concurrency_probe(0.2)
    http_server.routes["/p"] = handler
    hosts = [f"outlet{i}.test" for i in range(8)]
    resolver = StaticResolver({h: ["127.0.0.1"] for h in hosts})
    urls = [f"http://{h}:{http_server.port}/p" for h in hosts]
    _fetch_many(
        settings.model_copy(update={"max_concurrency": 3, "respect_robots": False}), urls, resolver
    )
    assert state["max"] == 3


def test_redirects_are_followed_and_recorded(settings: Settings, http_server: Any) -> None:
    http_server.routes["/old"] = (301, {"Location": "/mid"}, b"")
    http_server.routes["/mid"] = (302, {"Location": http_server.url("/new")}, b"")
    http_server.routes["/new"] = (200, {}, b"here")
    result = run_fetch(settings, http_server.url("/old"))
    assert result.body == b"here"
    assert result.final_url == http_server.url("/new")
    assert result.redirects == [http_server.url("/mid"), http_server.url("/new")]


def test_redirect_loop_is_reported(settings: Settings, http_server: Any) -> None:
    http_server.routes["/a"] = (302, {"Location": "/b"}, b"")
    http_server.routes["/b"] = (302, {"Location": "/a"}, b"")
    with pytest.raises(FetchError, match="redirect loop"):
        run_fetch(settings, http_server.url("/a"))


def test_too_many_redirects_are_reported(settings: Settings, http_server: Any) -> None:
    for i in range(10):
        http_server.routes[f"/r{i}"] = (302, {"Location": f"/r{i + 1}"}, b"")
    with pytest.raises(FetchError, match="more than 3 redirects"):
        run_fetch(settings.model_copy(update={"max_redirects": 3}), http_server.url("/r0"))


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://2852039166/",
        "http://[::ffff:10.0.0.1]/",
        "http://0x0a.1/",
        "file:///etc/passwd",
    ],
)
def test_redirect_to_private_address_is_refused_before_connecting(
    settings: Settings, http_server: Any, target: str
) -> None:
    http_server.routes["/go"] = (302, {"Location": target}, b"")

    async def go() -> tuple[str, int]:
        async with Fetcher(settings) as fetcher:
            with pytest.raises(BlockedURLError) as info:
                await fetcher.fetch(http_server.url("/go"))
            return str(info.value), fetcher.requests_sent

    message, sent = asyncio.run(go())
    assert "SSRF guard" in message or "only http and https" in message
    # robots.txt + /go: the refused hop never became a request
    assert sent == 2


def test_loopback_is_refused_without_the_allowlist(settings: Settings, http_server: Any) -> None:
    http_server.routes["/feed"] = (200, {}, FEED)
    strict = settings.model_copy(update={"allow_hosts": []})
    with pytest.raises(BlockedURLError, match="loopback"):
        run_fetch(strict, http_server.url("/feed"))
    assert http_server.hits == []


def test_dns_answer_is_checked_once_and_pinned(settings: Settings, http_server: Any) -> None:
    """A rebinding resolver would answer 10.0.0.1 the second time; it is never asked again."""
    http_server.routes["/feed"] = (200, {}, FEED)

    class Rebinding(StaticResolver):
        async def resolve(self, host: str, port: int) -> list[str]:
            self.calls.append(host)
            return ["127.0.0.1"] if len(self.calls) == 1 else ["10.0.0.1"]

    resolver = Rebinding({})
    result = run_fetch(
        settings.model_copy(update={"respect_robots": False}),
        f"http://rebind.test:{http_server.port}/feed",
        resolver=resolver,
    )
    assert result.body == FEED
    assert resolver.calls == ["rebind.test"]
    assert http_server.hits[0][1]["Host"] == f"rebind.test:{http_server.port}"


def test_host_resolving_to_private_address_is_refused(settings: Settings) -> None:
    resolver = StaticResolver({"evil.test": ["10.1.2.3"]})
    with pytest.raises(BlockedURLError, match=r"resolves to 10\.1\.2\.3"):
        run_fetch(settings, "http://evil.test/feed", resolver=resolver)


def test_transient_errors_are_retried_with_backoff(settings: Settings, http_server: Any) -> None:
    calls = {"n": 0}

    def flaky(req: BaseHTTPRequestHandler) -> None:
        calls["n"] += 1
        status = 503 if calls["n"] < 3 else 200
        req.send_response(status)
        req.send_header("Content-Length", "2")
        req.end_headers()
        req.wfile.write(b"ok")

    http_server.routes["/flaky"] = flaky
    result = run_fetch(fast(settings, retries=2), http_server.url("/flaky"))
    assert (result.status, calls["n"]) == (200, 3)


def test_persistent_server_error_is_reported_after_retries(
    settings: Settings, http_server: Any
) -> None:
    http_server.routes["/down"] = (503, {}, b"")
    with pytest.raises(FetchError, match="HTTP 503"):
        run_fetch(fast(settings, retries=1), http_server.url("/down"))
    assert [p for p, _ in http_server.hits].count("/down") == 2


def test_slow_drip_hits_the_total_timeout(settings: Settings, http_server: Any) -> None:
    def drip(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Length", "1000")
        req.end_headers()
        try:
            for _ in range(100):
                req.wfile.write(b"x")
                req.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    http_server.routes["/drip"] = drip
    with pytest.raises(FetchError, match=r"longer than 0\.5 s in total"):
        run_fetch(fast(settings, total_timeout=0.5, retries=0), http_server.url("/drip"))


def test_not_found_names_the_fix(settings: Settings, http_server: Any) -> None:
    with pytest.raises(FetchError, match=r"HTTP 404 .*update its URL"):
        run_fetch(settings, http_server.url("/missing"))


def test_robots_txt_redirect_is_followed_once(settings: Settings, http_server: Any) -> None:
    http_server.routes["/robots.txt"] = (301, {"Location": "/real-robots.txt"}, b"")
    http_server.routes["/real-robots.txt"] = (200, {}, b"User-agent: *\nDisallow: /x\n")
    http_server.routes["/x"] = (200, {}, b"no")
    with pytest.raises(BlockedURLError, match="disallows"):
        run_fetch(settings, http_server.url("/x"))
    assert "/x" not in [p for p, _ in http_server.hits]


def test_pinned_backend_refuses_hosts_the_guard_did_not_check() -> None:
    import httpcore

    from newsprism.ingest.guard import Allowlist
    from newsprism.ingest.http import PinnedBackend

    backend = PinnedBackend(Allowlist.parse(["127.0.0.0/8"]))
    with pytest.raises(httpcore.ConnectError, match="not checked"):
        asyncio.run(backend.connect_tcp("unchecked.test", 80))
