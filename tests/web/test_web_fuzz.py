"""Hostile requests against every route, on SQLite and PostgreSQL stores with data in them.

Issue 19 item 12: ids past the column range, NUL bytes in paths and parameters, bytes
that are not UTF-8, bad validators. No answer may be a server error, and every error
under /api/ is RFC 9457 problem JSON. Hypothesis generates paths and parameters over the
routes the app really has (read from the app, so a new route is fuzzed too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote_from_bytes

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from web_world import World, build_world

from newsprism.config import Settings
from newsprism.store.db import Store
from newsprism.web.app import create_app

PROBLEM = "application/problem+json"


@pytest.fixture(params=["sqlite", "postgresql"])
def fuzz_client(
    request: pytest.FixtureRequest, settings: Settings
) -> Iterator[tuple[TestClient, World]]:
    """A client of the app over a filled SQLite or PostgreSQL store; 5xx come back as answers."""
    store: Store = request.getfixturevalue(
        f"{'sqlite' if request.param == 'sqlite' else 'pg'}_store"
    )
    world = build_world(store)
    with TestClient(create_app(settings, store), raise_server_exceptions=False) as client:
        yield client, world


def check(response_status: int, content_type: str, body: bytes, path: str) -> None:
    """The rules every answer follows, whatever was asked."""
    # the readiness probe answers 503 by design: no worker or pipeline runs in these tests
    if path.split("?")[0] != "/api/v1/health/ready":
        assert response_status < 500, (path, response_status, body[:300])
    assert b"Traceback" not in body
    if path.startswith("/api/") and response_status >= 400:
        assert content_type == PROBLEM, (path, content_type)


def get(client: TestClient, path: str, **headers: str | bytes) -> int:
    response = client.get(path, headers=headers)  # type: ignore[arg-type]
    check(response.status_code, response.headers.get("content-type", ""), response.content, path)
    return response.status_code


HUGE_IDS = ["0", "-1", str(2**31), str(2**31 + 7), str(2**63), str(2**64), "9" * 40, "1e3", "0x10"]


def test_out_of_range_ids_are_404_on_every_story_route(
    fuzz_client: tuple[TestClient, World],
) -> None:
    client, world = fuzz_client
    for story_id in HUGE_IDS:
        for template in ("/story/{}", "/story/{}/slug", "/embed/story/{}", "/api/v1/stories/{}"):
            path = template.format(story_id)
            assert get(client, path) == 404, path
    assert get(client, f"/story/{2**31 - 1}") == 404  # in range but absent
    assert get(client, f"/story/{world.story}") == 200


def test_api_errors_are_problem_json(fuzz_client: tuple[TestClient, World]) -> None:
    client, _ = fuzz_client
    for path, status in [
        ("/api/v1/no-such-route", 404),
        ("/api/v1/stories/99999999999999999999", 404),
        ("/api/v1/stories?page=0", 422),
        ("/api/v1/stories?sort=sideways", 422),
        ("/api/v1/stories?blindspot=maybe", 422),
        ("/api/v1/search?q=" + "x" * 201, 422),
        ("/api/v1/stories?category=a%00b", 400),
        ("/api/v1/outlets/a%00b", 404),
    ]:
        response = client.get(path)
        assert response.status_code == status, path
        assert response.headers["content-type"] == PROBLEM
        problem = response.json()
        assert problem["status"] == status
        kind = {400: "bad-request", 404: "not-found", 422: "invalid-parameter"}[status]
        assert problem["type"] == f"http://127.0.0.1:8000/api#problem-{kind}"
        assert set(problem) == {"type", "title", "status", "detail", "instance"}
    post = client.post("/api/v1/stories")
    assert (post.status_code, post.headers["content-type"]) == (405, PROBLEM)


def test_nul_in_outlet_category_and_tag_paths_is_404(
    fuzz_client: tuple[TestClient, World],
) -> None:
    client, _ = fuzz_client
    for path in [
        "/outlet/a%00b",
        "/category/%00",
        "/category/x%00y/feed.rss",
        "/tag/%00tag",
        "/tag/t%00/feed.atom",
        "/api/v1/outlets/%00",
    ]:
        assert get(client, path) == 404, path
    for path in ["/search?q=%00", "/latest?page=%00", "/api/v1/search?q=a%00"]:
        assert get(client, path) == 400, path


def raw_get(client: TestClient, path: str, headers: list[tuple[bytes, bytes]]) -> int:
    """GET through the ASGI app with header bytes exactly as given.

    The test client re-encodes header values as UTF-8, so it cannot send the Latin-1 or
    broken bytes a real client can; this drives the app (fast path included) directly.
    """
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
        "app": client.app,
    }
    client.portal.call(client.app, scope, receive, send)  # type: ignore[union-attr]
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    content_type = dict(start["headers"]).get(b"content-type", b"").decode("latin-1")
    check(start["status"], content_type, body, path)
    return int(start["status"])


@pytest.mark.parametrize(
    "value",
    [b"\xff\xfe\xfd", b'W/"\xe9t\xe9"', b"\xc3\x28", b"*\x80", b"", b" , ,", b'"a", W/"b"'],
)
def test_unreadable_validators_are_ignored(
    fuzz_client: tuple[TestClient, World], value: bytes
) -> None:
    client, world = fuzz_client
    path = f"/story/{world.story}"
    for _ in range(3):  # fill the page cache and the version memo: the fast path answers
        assert raw_get(client, path, []) == 200
    for header in (b"if-none-match", b"if-modified-since"):
        status = raw_get(client, path, [(header, value)])
        assert status in (200, 304), (header, value)
        if b"*" not in value:
            assert status == 200
    bad_dates = [b"Mon, 99 Foo 99999 99:99:99 GMT", b"\xff", b"0", b"Thu, 01 Jan 1970 00:00:00"]
    for date in bad_dates:
        assert raw_get(client, path, [(b"if-modified-since", date)]) == 200
    assert raw_get(client, f"/embed/story/{world.story}", [(b"if-none-match", b"\xff")]) == 200


def _routes(client: TestClient) -> list[tuple[str, list[str]]]:
    """(path template, query parameter names) of every GET route of the app."""
    out: list[tuple[str, list[str]]] = []

    def walk(routes: list[Any], prefix: str) -> None:
        for route in routes:
            if isinstance(route, APIRoute) and "GET" in route.methods:
                names = [p.alias for p in route.dependant.query_params]
                out.append((prefix + route.path, names))
            included = getattr(route, "original_router", None)  # FastAPI ≥ 0.16x
            if included is not None:
                walk(included.routes, prefix + route.include_context.prefix)
            elif hasattr(route, "routes") and not isinstance(route, APIRoute):
                walk(route.routes, prefix + getattr(route, "path", ""))

    walk(client.app.routes, "")  # type: ignore[attr-defined]
    assert len(out) >= 20, out  # every page, feed and API route
    return out


_SEGMENT = st.one_of(
    st.sampled_from([*HUGE_IDS, "1", "2", "%00", "%ff", "..", "%2e%2e", "%2F", "feed.rss"]),
    st.binary(max_size=40).map(lambda raw: quote_from_bytes(raw, safe="")),
    st.text(max_size=30).map(
        lambda text: quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")
    ),
)
_VALUE = st.one_of(
    st.sampled_from(["0", "-1", "10001", str(2**63), "true", "maybe", "latest", "", "%00"]),
    st.sampled_from(['"', "*", "NEAR(", "a OR", "-x", "^", ":", "AND", "(", "'", "\\", "%25"]),
    st.binary(max_size=30).map(lambda raw: quote_from_bytes(raw, safe="")),
    st.text(max_size=30).map(
        lambda text: quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")
    ),
)
_HEADER = st.binary(max_size=40).map(lambda raw: raw.replace(b"\r", b"").replace(b"\n", b""))


@hsettings(
    max_examples=400,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_fuzzed_requests_never_fail_on_the_server(
    fuzz_client: tuple[TestClient, World], data: st.DataObject
) -> None:
    client, _ = fuzz_client
    template, names = data.draw(st.sampled_from(_routes(client)))
    path = re.sub(r"\{[^}]+\}", lambda _: data.draw(_SEGMENT) or "x", template)
    params = data.draw(
        st.lists(st.tuples(st.sampled_from([*names, "page", "junk"]), _VALUE), max_size=4)
    )
    if params:
        path += "?" + "&".join(f"{name}={value}" for name, value in params)
    headers = data.draw(
        st.dictionaries(st.sampled_from(["If-None-Match", "If-Modified-Since"]), _HEADER)
    )
    method = data.draw(st.sampled_from(["GET", "GET", "GET", "HEAD", "POST"]))
    response = client.request(method, path, headers=headers)  # type: ignore[arg-type]
    check(response.status_code, response.headers.get("content-type", ""), response.content, path)


def test_openapi_schema_declares_problem_responses(fuzz_client: tuple[TestClient, World]) -> None:
    client, _ = fuzz_client
    schema = client.get("/api/v1/openapi.json").json()
    one_story = schema["paths"]["/api/v1/stories/{story_id}"]["get"]["responses"]
    assert "application/problem+json" in one_story["404"]["content"]
    assert "application/problem+json" in one_story["422"]["content"]
    assert client.get("/api").status_code == 200  # the reference page renders them
