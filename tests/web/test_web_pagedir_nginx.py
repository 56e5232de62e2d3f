"""deploy/nginx/newsprism.conf run by a real nginx on loopback, over the app's page folder.

A story page on disk is sent by nginx with the app's headers; a miss, other pages and POST
fall through to the app. Skipped (with the reason) when nginx is not installed.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from web_world import NOW, World

from newsprism.config import Settings
from newsprism.store.db import Store
from newsprism.store.schema import Story
from newsprism.web.pagedir import PageDir
from newsprism.web.security import security_headers

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from loopback import SITE_CONF as CONF  # noqa: E402
from loopback import site_config  # noqa: E402

SLUG = "belarus-frees-123-prisoners"
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if Path(p).exists()), None
)


def test_nginx_sends_the_same_headers_as_the_app() -> None:
    # no nginx needed: the config's add_header lines must match security.py
    location = CONF.read_text().split("location /story/", 1)[1].split("location ", 1)[0]
    sent = dict(re.findall(r'add_header ([\w-]+) "([^"]*)" always;', location))
    expected = {k.decode(): v.decode() for k, v in security_headers("/story/1")}
    expected["cache-control"] = "public, no-cache"
    assert {k.lower(): v for k, v in sent.items()} == expected


@pytest.fixture
def nginx_site(
    tmp_path: Path,
    settings: Settings,
    sqlite_store: Store,
    world: World,
    serve_app: Callable[[Settings, Store], str],
) -> Iterator[tuple[str, str, Path]]:
    """nginx on a free loopback port in front of a live app; (nginx URL, app URL, page dir)."""
    if NGINX is None:
        pytest.skip("nginx is not installed (apt-get install -y nginx-light)")
    page_dir = tmp_path / "pages"
    served = settings.model_copy(update={"web_page_dir": page_dir, "web_page_sweep_seconds": 3600})
    app_url = serve_app(served, sqlite_store)
    with socket.socket() as sock:  # a free loopback port for nginx
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    run = tmp_path / "nginx"
    run.mkdir()
    (run / "site.conf").write_text(site_config(f"127.0.0.1:{port}", page_dir, app_url[7:]))
    temp_paths = "\n".join(
        f"  {kind}_temp_path {run}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (run / "nginx.conf").write_text(
        # as root, workers would drop to nobody, who cannot enter pytest's 0700 folders
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"""worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log;
daemon off;
events {{ worker_connections 64; }}
http {{
  access_log off;
{temp_paths}
  include {run}/site.conf;
}}
"""
    )
    proc = subprocess.Popen([NGINX, "-p", str(run), "-c", str(run / "nginx.conf")])
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                httpx.get(url + "/api/v1/health/live", timeout=1)
                break
            except httpx.TransportError:
                assert proc.poll() is None, (run / "error.log").read_text()
                assert time.monotonic() < deadline, "nginx did not answer within 10 s"
                time.sleep(0.05)
        yield url, app_url, page_dir
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_page_on_disk_is_sent_by_nginx(nginx_site: tuple[str, str, Path], world: World) -> None:
    nginx, app, page_dir = nginx_site
    path = f"/story/{world.story}/{SLUG}"
    from_app = httpx.get(app + path)  # the app renders the page and writes the file
    page = page_dir / "story" / str(world.story) / f"{SLUG}.html"
    assert page.read_bytes() == from_app.content
    # put a marker on disk (same date): only a response read from the file can carry it
    written = page.stat()
    page.write_bytes(from_app.content.replace(b"</body>", b"<!-- from disk --></body>"))
    os.utime(page, ns=(written.st_atime_ns, written.st_mtime_ns))
    sent = httpx.get(nginx + path)
    assert sent.status_code == 200
    assert b"<!-- from disk -->" in sent.content
    assert sent.headers["content-type"] == "text/html; charset=utf-8"
    assert sent.headers["last-modified"] == from_app.headers["last-modified"]
    for name, value in security_headers(path):
        assert sent.headers[name.decode()] == value.decode()
    assert sent.headers["cache-control"] == "public, no-cache"


def test_nginx_answers_304_to_its_own_etag(nginx_site: tuple[str, str, Path], world: World) -> None:
    nginx, app, _ = nginx_site
    httpx.get(f"{app}/story/{world.story}")
    first = httpx.get(f"{nginx}/story/{world.story}")
    again = httpx.get(
        f"{nginx}/story/{world.story}", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304


def test_miss_falls_through_to_the_app_which_writes_the_page(
    nginx_site: tuple[str, str, Path], world: World
) -> None:
    nginx, _, page_dir = nginx_site
    bare = page_dir / "story" / f"{world.story}.html"
    assert not bare.exists()
    first = httpx.get(f"{nginx}/story/{world.story}")
    assert first.status_code == 200
    assert first.headers["etag"].startswith('W/"')  # the app's validator, not nginx's
    assert bare.read_bytes() == first.content
    second = httpx.get(f"{nginx}/story/{world.story}")
    assert second.content == first.content
    assert not second.headers["etag"].startswith('W/"')  # now nginx's, from the file


def test_swept_page_falls_through_to_the_app(
    nginx_site: tuple[str, str, Path], world: World, sqlite_store: Store
) -> None:
    nginx, _, page_dir = nginx_site
    first = httpx.get(f"{nginx}/story/{world.story}")
    with sqlite_store.session() as s:
        story = s.get(Story, world.story)
        assert story is not None
        story.revision += 1
        story.last_updated = NOW
    PageDir(page_dir, sqlite_store).sweep()
    again = httpx.get(f"{nginx}/story/{world.story}")
    assert again.headers["etag"].startswith('W/"')
    assert again.headers["etag"] != first.headers["etag"]


def test_other_paths_and_post_go_to_the_app(
    nginx_site: tuple[str, str, Path], world: World
) -> None:
    nginx, app, _ = nginx_site
    httpx.get(f"{app}/story/{world.story}")  # on disk now
    posted = httpx.post(f"{nginx}/story/{world.story}", content=b"x")
    assert posted.status_code == 405
    assert b"nginx" not in posted.content  # the app's answer, not nginx's static 405
    assert httpx.get(f"{nginx}/api/v1/health/live").status_code == 200
    assert httpx.get(f"{nginx}/story/999999").status_code == 404
    search = httpx.get(f"{nginx}/search", params={"q": "Belarus"})
    assert search.status_code == 200
    assert "Belarus" in search.text


def test_query_string_goes_to_the_app(nginx_site: tuple[str, str, Path], world: World) -> None:
    nginx, app, page_dir = nginx_site
    httpx.get(f"{app}/story/{world.story}")
    page = page_dir / "story" / f"{world.story}.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<!-- from disk --></body>"))
    assert b"<!-- from disk -->" in httpx.get(f"{nginx}/story/{world.story}").content
    asked = httpx.get(f"{nginx}/story/{world.story}", params={"utm_source": "x"})
    assert asked.status_code == 200
    assert b"<!-- from disk -->" not in asked.content
    assert asked.headers["etag"].startswith('W/"')
