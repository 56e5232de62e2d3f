"""A generated corpus of hostile feeds and pages, each with the message it must leave.

`feed_cases()` and `page_cases()` return `Case`s: a route for the loopback fixture server
(status, headers, body — or a handler for slow and lying servers) and a regular expression
that the feed's ``last_error`` / the article's ``error`` must match afterwards.
"""

from __future__ import annotations

import gzip
import json
import random
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any

import brotli
from ingest_fixtures import rss

from httpfixture import Route

#: the body limit the hostile test runs with (NEWSPRISM_MAX_BODY_BYTES)
LIMIT = 256 * 1024

NOT_A_FEED = r"not a feed|HTML page|no RSS/Atom"
SSRF = r"SSRF guard|only http and https|refused"


@dataclass
class Case:
    """One hostile input: where it is served, what it is, what must be recorded."""

    kind: str
    path: str
    route: Route
    expect: str
    #: entries a feed case must still deliver (hostile feeds that are partly good)
    good_entries: int = 0
    #: False for helper routes (the middle of a redirect chain) that are not polled
    poll: bool = True


def _good_items(prefix: str, n: int, now: datetime) -> list[dict[str, Any]]:
    return [
        {
            "title": f"{prefix} item {i}",
            "link": f"https://good.example/{prefix}/{i}",
            "summary": f"Summary {i} of {prefix}.",
            "date": now - timedelta(hours=i + 1),
        }
        for i in range(n)
    ]


def _drip(total_seconds: float, step: float = 0.2) -> Route:
    def handler(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Content-Length", "100000")
        req.end_headers()
        end = time.monotonic() + total_seconds
        try:
            while time.monotonic() < end:
                req.wfile.write(b"<")
                req.wfile.flush()
                time.sleep(step)
        except OSError:
            pass

    return handler


def _stall(seconds: float) -> Route:
    def handler(req: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)  # headers never come in time: the read timeout fires

    return handler


def _liar(declared: int, sent: bytes) -> Route:
    def handler(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Content-Length", str(declared))
        req.end_headers()
        req.wfile.write(sent)
        req.close_connection = True

    return handler


def _redirect(location: str, status: int = 302) -> Route:
    return (status, {"Location": location}, b"")


PRIVATE_TARGETS = [
    "http://10.0.0.1/", "http://10.255.255.254/feed", "http://172.16.0.1/", "http://172.31.9.9/x",
    "http://192.168.0.1/", "http://192.168.1.254:8080/admin", "http://169.254.169.254/latest/meta-data/",
    "http://169.254.170.2/v2/credentials", "http://[fd00:ec2::254]/", "http://metadata.google.internal.",
    "http://2130706433.0/", "http://0xA9FEA9FE/", "http://0251.0376.0251.0376/", "http://2852039166/",
    "http://0x0a.0.0.1/", "http://012.1/", "http://[::ffff:10.0.0.1]/", "http://[::ffff:a9fe:a9fe]/",
    "http://[fe80::1]/", "http://[fc00::1]/", "http://0.0.0.0/", "http://[::]/", "http://224.0.0.251/",
    "http://[ff02::1]/", "http://240.0.0.1/", "http://100.64.0.1/", "http://198.18.0.1/",
    "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:a9fe:a9fe::]/", "file:///etc/passwd",
    "gopher://10.0.0.1:70/", "ftp://192.168.0.1/", "http://user:pw@10.0.0.1/",
]  # fmt: skip


def feed_cases(now: datetime) -> list[Case]:
    """Hostile feed responses, each with the message its feed row must show."""
    rng = random.Random(20261123)
    cases: list[Case] = []
    good = rss(_good_items("g", 5, now))

    def add(kind: str, route: Route, expect: str, good_entries: int = 0, poll: bool = True) -> None:
        cases.append(Case(kind, f"/hf/{len(cases)}", route, expect, good_entries, poll))

    # malformed XML: truncations, unescaped markup, junk bytes, control characters
    for _ in range(200):
        cut = rng.randrange(10, len(good) - 20)
        add(
            "truncated",
            (200, {"Content-Type": "application/rss+xml"}, good[:cut]),
            r"malformed feed XML|not a feed|no RSS",
        )
    for _ in range(80):
        pos = rng.randrange(60, len(good) - 20)
        junk = rng.choice(
            [b"<", b"&", b"</item>", b"<![CDATA[", b"\x00", b"\x0b", b"</rss>", b"&#0;"]
        )
        add(
            "malformed",
            (200, {"Content-Type": "text/xml"}, good[:pos] + junk + good[pos:]),
            r"malformed feed XML|not a feed|no RSS|encoding problem",
        )
    for _ in range(80):
        noise = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000)))
        add(
            "random-bytes",
            (200, {"Content-Type": "application/rss+xml"}, noise),
            NOT_A_FEED + r"|malformed feed XML|empty|invalid JSON|UTF-8|jsonfeed",
        )
    # entity expansion and external entities
    for depth in range(2, 22):
        ents = ['<!ENTITY l0 "lol">'] + [
            f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, depth)
        ]
        body = (
            f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(ents)}]><rss version="2.0"><channel>'
            f"<item><title>&l{depth - 1};</title><link>https://x.example/</link></item>"
            "</channel></rss>"
        ).encode()
        add("billion-laughs", (200, {"Content-Type": "application/rss+xml"}, body), r"XML entities")
    for target in ["file:///etc/passwd", "http://169.254.169.254/latest/meta-data/",
                   "http://127.0.0.1:1/x", "file:///dev/random", "https://evil.example/x.dtd",
                   "php://filter/resource=/etc/passwd", "expect://id", "netdoc:/etc/hosts",
                   "jar:http://10.0.0.1/a!/b", "\\\\10.0.0.1\\share"]:  # fmt: skip
        for style in ("general", "parameter"):
            decl = (
                f'<!ENTITY xxe SYSTEM "{target}">'
                if style == "general"
                else f'<!ENTITY % p SYSTEM "{target}"> %p;'
            )
            body = (
                f'<?xml version="1.0"?><!DOCTYPE rss [{decl}]><rss version="2.0"><channel>'
                "<item><title>&xxe;</title><link>https://x.example/</link></item></channel></rss>"
            ).encode()
            add("xxe", (200, {"Content-Type": "application/xml"}, body), r"XML entities")
    # HTML where a feed should be
    for i in range(60):
        ctype = rng.choice(["text/html", "application/rss+xml", "text/xml", ""])
        page = rng.choice([
            b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi %d</p></body>",
            b"<html><body><h1>Moved</h1><a href='/rss'>feed %d</a></body></html>",
            b"<!-- cms --><!doctype html><html lang=en><div>%d</div>",
            b"\n\n  <HTML><BODY>Error page %d</BODY></HTML>",
        ]) % i  # fmt: skip
        add("html-as-feed", (200, {"Content-Type": ctype} if ctype else {}, page), NOT_A_FEED)
    # encodings: undeclared latin-1, bogus declarations, UTF-16 mislabelled, mixed
    for i in range(60):
        title = f"Caf\u00e9 cr\u00e8me \u00fcber na\u00efve {i}"
        variant = i % 4
        if variant == 0:
            body = rss([{"title": title, "link": f"https://enc.example/{i}"}]).replace(
                title.encode(), title.encode("latin-1")
            )
        elif variant == 1:
            body = rss([{"title": title, "link": f"https://enc.example/{i}"}]).replace(
                b"encoding='utf-8'", b"encoding='x-no-such-charset'"
            )
        elif variant == 2:
            body = rss([{"title": title, "link": f"https://enc.example/{i}"}]).replace(
                b"encoding='utf-8'", b"encoding='utf-16'"
            )
        else:
            body = rss(
                [
                    {"title": title, "link": f"https://enc.example/{i}"},
                    {"title": title, "link": f"https://enc.example/{i}b"},
                ]
            )
            body = body.replace(title.encode(), title.encode("cp1252"), 1)
        add(
            "bad-encoding",
            (200, {"Content-Type": "application/rss+xml"}, body),
            r"encoding problem|malformed feed XML|not a feed|no RSS",
        )
    # empty and whitespace bodies
    for body in [b"", b" ", b"\n\n", b"\t \r\n", b"\xef\xbb\xbf", b"\x00" * 10] * 4:
        add(
            "empty",
            (200, {"Content-Type": "application/rss+xml"}, body),
            r"empty|not a feed|no RSS|malformed",
        )
    # gigantic bodies (declared and undeclared length)
    for i in range(8):
        body = b"<rss version='2.0'><channel>" + b"<item><title>x</title></item>" * (LIMIT // 20)
        headers = {"Content-Type": "application/rss+xml"}
        if i % 2:
            headers["Content-Length"] = str(len(body))
        add("gigantic", (200, headers, body), r"larger than \d+ bytes")
    # decompression bombs
    zeros = b"<rss>" + b" " * (LIMIT * 40)
    bombs = {
        "gzip": gzip.compress(zeros),
        "br": brotli.compress(zeros, quality=4),
        "deflate": zlib.compress(zeros),
        "gzip, gzip": gzip.compress(gzip.compress(zeros)),
    }
    for _ in range(3):
        for encoding, blob in bombs.items():
            add(
                "compression-bomb",
                (200, {"Content-Encoding": encoding}, blob),
                r"larger than \d+ bytes",
            )
    for encoding in ("gzip", "br", "deflate"):
        for i in range(4):
            add(
                "corrupt-compression",
                (200, {"Content-Encoding": encoding}, b"\x1f\x8b\x08" + bytes(range(i, 60 + i))),
                r"corrupt",
            )
    for encoding in ("zstd", "compress", "x-bogus", "exe"):
        add(
            "unknown-encoding",
            (200, {"Content-Encoding": encoding}, good),
            r"unsupported Content-Encoding",
        )
    # slow servers (few and short: they cost wall time)
    for _ in range(3):
        add("slow-drip", _drip(16.0), r"longer than [\d.]+ s in total")
    for _ in range(2):
        add("stall", _stall(10.0), r"sent nothing for [\d.]+ s|longer than")
    for i in range(6):
        add("truncated-body", _liar(5000 + i, good[:200]), r"broke mid-response")
    # redirect loops and chains
    for i in range(10):
        start = len(cases)
        cycle = 1 + i % 3
        paths = [f"/hf/{start + k}" for k in range(cycle)]
        for k in range(cycle):
            add(
                "redirect-loop",
                _redirect(paths[(k + 1) % cycle], rng.choice([301, 302, 307, 308])),
                r"redirect loop",
            )
    for _ in range(5):
        start = len(cases)
        for k in range(8):
            add(
                "redirect-chain",
                _redirect(f"/hf/{start + k + 1}"),
                r"more than \d+ redirects",
                poll=k == 0,
            )
        add("redirect-chain-end", (200, {}, good), "", poll=False)
    add("redirect-no-location", (302, {}, b""), r"without a Location")
    # redirects to private addresses and other schemes: refused before connecting
    for target in PRIVATE_TARGETS:
        for status in (301, 302, 303, 307, 308):
            add("redirect-private", _redirect(target, status), SSRF + r"|could not resolve")
    # wrong content types
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    for ctype, body in [("image/png", png), ("image/jpeg", b"\xff\xd8\xff" + bytes(200)),
                        ("application/pdf", b"%PDF-1.7\n" + bytes(300)),
                        ("video/mp4", bytes(500)), ("application/octet-stream", png),
                        ("audio/mpeg", b"ID3" + bytes(100))] * 4:  # fmt: skip
        add("wrong-content-type", (200, {"Content-Type": ctype}, body), r"not a feed")
    # HTTP errors
    for status in (400, 401, 403, 404, 405, 410, 418, 451, 500, 501, 502, 503, 504) * 2:
        add("http-error", (status, {}, b"error"), rf"HTTP {status}")
    # broken JSON feeds
    json_bodies = [
        b"{", b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [",
        json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": "nope"}).encode(),
        json.dumps({"version": "1", "items": []}).encode(), json.dumps([1, 2, 3]).encode(),
        json.dumps({"items": [{"url": "https://x.example/"}]}).encode(),
        b"{" * 100_000, "{\"a\": \"\udcff\"}".encode("utf-8", "surrogatepass"),
        b"\xff\xfe{\x00}\x00",
    ]  # fmt: skip
    for body in json_bodies * 3:
        add(
            "bad-json",
            (200, {"Content-Type": "application/feed+json"}, body),
            r"invalid JSON|jsonfeed|items list|UTF-8|not a feed",
        )
    # issue 19: entities hidden past the old 64 KiB window, in other spellings and encodings
    for pad in (65_000, 70_000, 100_000, 150_000, 200_000):
        for spelling in ('<!ENTITY big "xxxx">', '<! ENTITY big "x">', "<!entity big 'x'>",
                         "<!DOCTYPE rss [ ]>", "<!doctype rss [<!ELEMENT rss ANY>]>"):  # fmt: skip
            for where in ("comment", "whitespace", "cdata"):
                filler = {"comment": f"<!-- {'c' * pad} -->", "whitespace": " " * pad,
                          "cdata": f"<x><![CDATA[{'d' * pad}]]></x>"}[where]  # fmt: skip
                body = (
                    f"<?xml version='1.0'?>{filler}{spelling}<rss version='2.0'><channel>"
                    "<item><title>t</title><link>https://x.example/</link></item></channel></rss>"
                ).encode()
                add("entity-past-window", (200, {"Content-Type": "application/rss+xml"}, body),
                    r"XML entities")  # fmt: skip
    for codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        body = (
            f"<?xml version='1.0' encoding='{codec}'?><!DOCTYPE rss [<!ENTITY a 'b'>]>"
            "<rss version='2.0'><channel><item><title>&a;</title></item></channel></rss>"
        ).encode(codec)
        for _ in range(3):
            add("entity-wide-encoding", (200, {"Content-Type": "text/xml"}, body), r"XML entities")
    # issue 19: redirect targets httpx cannot parse or the guard refuses, one line each
    for target, why in BAD_TARGETS.items():
        for status in (301, 302, 303, 307, 308):
            add("redirect-unparsable", _redirect(target, status), why)
    # issue 19: JSON Feed items of wrong types cost only themselves
    wrong_fields = [{"authors": 5}, {"authors": "Jane"}, {"author": ["x"]}, {"title": {"a": 1}},
                    {"summary": [1]}, {"tags": "Politics"}, {"tags": [{"x": 1}]},
                    {"date_published": 17}, {"date_published": True}, {"url": 5},
                    {"content_html": {"x": 1}}, {"authors": [5, None, {"name": 3}]},
                    {"external_url": []}, {"id": {"a": 1}}, {"content_text": 1e308}]  # fmt: skip
    for k, wrong in enumerate(wrong_fields * 6):
        items = [{"id": str(i), "url": f"https://good.example/json{k}/{i}", "title": f"J{i}"}
                 for i in range(3)]  # fmt: skip
        items.append({"id": "b", "url": f"https://good.example/json{k}/bad", "title": "b"} | wrong)
        body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode()
        add("json-bad-item", (200, {"Content-Type": "application/feed+json"}, body), r"^$|warning",
            good_entries=3)  # fmt: skip
    # issue 19: characters XML forbids in titles and names
    for k, char in enumerate(["\x0b", "\x00", "\x01", "\x08", "\x0c", "\x1f", "\x7f"] * 10):
        items = _good_items(f"ctl{k}", 2, now)
        items[0]["title"] = f"Bad{char}title"
        body = rss(items).replace(b"encoding='utf-8'", b"encoding='utf-8'", 1)
        add("control-characters", (200, {"Content-Type": "application/rss+xml"}, body),
            r"^$|malformed feed XML|warning")  # fmt: skip
    return cases + _more_partly_good(now)


#: redirect targets httpx cannot parse or the guard refuses (issue 19), with the reason shown
BAD_TARGETS = {
    "data:text/html,<script>alert(1)</script>": r"only http and https",
    "javascript:alert(1)": r"only http and https", "JaVaScRiPt:alert(1)": r"only http and https",
    "vbscript:msgbox(1)": r"only http and https", "mailto:a@b.example": r"only http and https",
    "file:///etc/shadow": r"only http and https", "about:blank": r"only http and https",
    "http://[bad": r"malformed URL", "https://[::1": r"malformed URL", "//[bad/x": r"malformed URL",
    "http://[zz::1]/": r"malformed URL|refused", "http://example.com:99999/": r"malformed URL",
    "http://example.com:-1/": r"malformed URL", "http://example.com:abc/": r"malformed URL",
    "https://:80/": r"no host", "http://user:pw@good.example/": r"credentials",
}  # fmt: skip


def _more_partly_good(now: datetime) -> list[Case]:
    """The partly good feeds (kept last so the redirect-loop paths above stay stable)."""
    cases: list[Case] = []

    def add(kind: str, route: Route, expect: str, good_entries: int = 0, poll: bool = True) -> None:
        cases.append(Case(kind, f"/hg/{len(cases)}", route, expect, good_entries, poll))

    # partly good feeds: the good entries must survive next to the bad ones
    for i in range(30):
        items = _good_items(f"mix{i}", 3, now)
        items.append(
            {
                "title": "future",
                "link": f"https://good.example/mix{i}/future",
                "date": now + timedelta(days=365 * 80),
            }
        )
        items.append(
            {
                "title": "epoch",
                "link": f"https://good.example/mix{i}/epoch",
                "date": datetime(1970, 1, 1, tzinfo=UTC),
            }
        )
        items.append({"title": "no link"})
        items.append({"title": "script", "link": "javascript:alert(1)"})
        items.append({"title": "data", "link": "data:text/html,<script>alert(1)</script>"})
        add(
            "bad-dates-and-links",
            (200, {"Content-Type": "application/rss+xml"}, rss(items)),
            r"(?=.*future)(?=.*before 1990)",
            good_entries=5,
        )
    return cases


def page_cases(now: datetime) -> list[Case]:
    """Hostile article pages: each article must end partial with the reason recorded."""
    cases: list[Case] = []

    def add(kind: str, route: Route, expect: str) -> None:
        cases.append(Case(kind, f"/hp/{len(cases)}", route, expect))

    zeros = b"<html><body>" + b"a" * (LIMIT * 40)
    for encoding, blob in [
        ("gzip", gzip.compress(zeros)),
        ("br", brotli.compress(zeros, quality=4)),
    ] * 5:
        add(
            "page-bomb",
            (200, {"Content-Type": "text/html", "Content-Encoding": encoding}, blob),
            r"larger than",
        )
    for _ in range(6):
        add(
            "page-gigantic",
            (200, {"Content-Type": "text/html"}, b"<p>" + b"word " * LIMIT),
            r"larger than",
        )
    for _ in range(2):
        add("page-slow-drip", _drip(16.0), r"longer than")
    for target in PRIVATE_TARGETS:
        for status in (301, 302, 303, 307, 308):
            add("page-redirect-private", _redirect(target, status), SSRF + r"|could not resolve")
    for target, why in BAD_TARGETS.items():
        add("page-redirect-unparsable", _redirect(target), why)
    for _i in range(10):
        a, b = f"/hp/{len(cases)}", f"/hp/{len(cases) + 1}"
        add("page-redirect-loop", _redirect(b), r"redirect loop")
        add("page-redirect-loop", _redirect(a), r"redirect loop")
    for status in (403, 404, 410, 500, 503) * 6:
        add(
            "page-http-error",
            (status, {"Content-Type": "text/html"}, b"<h1>error</h1>"),
            rf"HTTP {status}",
        )
    for ctype in ("image/png", "application/pdf", "application/zip", "video/mp4") * 4:
        add("page-wrong-type", (200, {"Content-Type": ctype}, bytes(range(256))), r"not a web page")
    for body in (b"", b"   ", b"<html></html>", b"<html><body><nav>Home</nav></body></html>",
                 b"\x00\x01\x02binary\x00" * 50, b"<p>" * 20000 + b"x",
                 b"<div>" * 5000 + b"deep" + b"</div>" * 5000, b"\xff\xfe\xfd" * 300,
                 b"<html><script>" + b"x" * 5000 + b"</script></html>") * 3:  # fmt: skip
        add(
            "page-no-article",
            (200, {"Content-Type": "text/html; charset=utf-8"}, body),
            r"empty|binary|no article text|characters of text|could not be parsed",
        )
    for encoding in ("gzip", "br", "deflate"):
        add(
            "page-corrupt-compression",
            (
                200,
                {"Content-Type": "text/html", "Content-Encoding": encoding},
                b"not compressed at all",
            ),
            r"corrupt",
        )
    add("page-truncated", _liar(9000, b"<html><body><p>cut"), r"broke mid-response")
    return cases


def iter_routes(cases: list[Case]) -> Iterator[tuple[str, Route]]:
    """(path, route) pairs for the fixture server."""
    for case in cases:
        yield case.path, case.route
