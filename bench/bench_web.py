"""Story page throughput: NewsPrism (uvicorn, Granian, nginx over the page folder) against nginx.

Runs on loopback only. Builds a temporary SQLite store with one fully analysed and briefed
story (the web tests' fixture world), starts uvicorn and Granian with ``--workers`` processes and
nginx with as many worker processes, saves the rendered story page as nginx's static
file, then runs wrk against each in turn (never both at once: they share the cores).

The served mode is a third row set: ``deploy/nginx/newsprism.conf`` as installed (nginx
``try_files`` over ``web_page_dir``, misses to a Granian app that writes the pages), the
deployment `docs/deploy.md` describes, measured in the same rounds as the rest.

    python bench/bench_web.py [--seconds 10] [--connections 64] [--workers 2] [--quick] [--json]

Needs ``wrk`` and ``nginx`` (Debian packages). Prints a Markdown table, or with ``--json`` one
JSON line: every row, and the two web ratios of issue 20 — the faster NewsPrism server's story
page requests/s over nginx's for the same bytes, same run (the app alone), and nginx
``try_files`` over the page folder over the same baseline (`bench/ratios.py` prints both).
``--quick`` measures only nginx, the two NewsPrism servers and try_files (no 304 and
proxy_cache rows).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from loopback import free_port, granian_command, site_config, uvicorn_command

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "web"))


NGINX_ROW = "nginx, static file"
PAGEDIR_ROW = "nginx try_files over web_page_dir (deploy/nginx/newsprism.conf)"


def web_summary(results: dict[str, dict[str, float]], app_rows: tuple[str, ...]) -> dict[str, Any]:
    """The web ratios of issue 20 from the median rows, over nginx serving the same bytes.

    ``ratio``: the faster NewsPrism server alone; ``pagedir_ratio`` (when measured): nginx
    sending the pages NewsPrism wrote to ``web_page_dir``.
    """
    best = max(app_rows, key=lambda row: results[row]["rps"])
    nginx = results[NGINX_ROW]
    summary: dict[str, Any] = {
        "rows": results,
        "nginx_rps": nginx["rps"],
        "newsprism_row": best,
        "newsprism_rps": results[best]["rps"],
        "newsprism_p99_ms": results[best]["p99"],
        "ratio": round(results[best]["rps"] / nginx["rps"], 3),
    }
    if PAGEDIR_ROW in results:
        pagedir = results[PAGEDIR_ROW]
        summary.update(
            pagedir_rps=pagedir["rps"],
            pagedir_p99_ms=pagedir["p99"],
            pagedir_ratio=round(pagedir["rps"] / nginx["rps"], 3),
        )
    return summary


def wait_for(url: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def wrk(url: str, seconds: int, connections: int, headers: list[str]) -> dict[str, float]:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    for header in headers:
        cmd[1:1] = ["-H", header]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def latency(pct: str) -> float:
        m = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)\b", out)
        assert m, out
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": latency("50"),
        "p99": latency("99"),
        "non2xx": float(errors.group(1)) if errors else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; medians")
    parser.add_argument("--quick", action="store_true", help="nginx and the two app servers only")
    parser.add_argument("--json", action="store_true", help="print one JSON summary line")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            reason = f"{tool} is missing: apt-get install -y wrk nginx"
            if args.json:
                print(json.dumps({"skipped": reason}))
                return
            sys.exit(reason)

    from web_world import build_world

    from newsprism.config import load_settings
    from newsprism.store.db import Store

    tmp = Path(tempfile.mkdtemp(prefix="np-bench-web-"))
    settings = load_settings(data_dir=tmp / "data", embedder="hashing")
    store = Store(settings.sqlalchemy_url)
    store.upgrade()
    world = build_world(store)
    store.dispose()

    app_port, nginx_port, proxy_port, granian_port, served_port, pages_port = (
        free_port() for _ in range(6)
    )
    env = {
        **os.environ,
        "NEWSPRISM_DATA_DIR": str(tmp / "data"),
        "NEWSPRISM_EMBEDDER": "hashing",
        "PYTHONPATH": str(ROOT / "src"),
    }
    uvicorn = subprocess.Popen(
        uvicorn_command(app_port, args.workers),
        env=env,
    )
    granian = subprocess.Popen(granian_command(granian_port, args.workers), env=env)
    # the served mode's app: the same Granian, writing pages for nginx (idle once they exist)
    page_dir = tmp / "pages"
    page_dir.mkdir(mode=0o755)
    served = subprocess.Popen(
        granian_command(served_port, args.workers),
        env={**env, "NEWSPRISM_WEB_PAGE_DIR": str(page_dir)},
    )
    story_path = f"/story/{world.story}/belarus-frees-123-prisoners"
    app_url = f"http://127.0.0.1:{app_port}{story_path}"
    nginx = None
    try:
        wait_for(app_url)
        granian_url = f"http://127.0.0.1:{granian_port}{story_path}"
        wait_for(granian_url)
        wait_for(f"http://127.0.0.1:{served_port}/api/v1/health/live")
        page = httpx.get(app_url)
        etag = page.headers["etag"]
        www = tmp / "www"
        (www / "story").mkdir(parents=True)
        (www / "story" / "index.html").write_bytes(page.content)
        # nginx workers drop root privileges: let them read the page
        for path in (tmp, www, www / "story", www / "story" / "index.html", page_dir):
            path.chmod(0o755)
        (tmp / "site.conf").write_text(
            site_config(f"127.0.0.1:{pages_port}", page_dir, f"127.0.0.1:{served_port}")
        )
        cache_dir = tmp / "nginx-cache"
        cache_dir.mkdir(mode=0o777)
        cache_dir.chmod(0o777)
        conf = tmp / "nginx.conf"
        conf.write_text(
            f"""worker_processes {args.workers};
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
daemon off;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types {{ text/html html; }}
  server {{
    listen 127.0.0.1:{nginx_port};
    root {www};
    location / {{ try_files $uri $uri/index.html =404; }}
  }}
  # The deployment option for more: nginx in front of NewsPrism with a 1 s microcache.
  proxy_cache_path {cache_dir} levels=1 keys_zone=np:10m max_size=100m inactive=60s
                   use_temp_path=off;
  upstream newsprism {{ server 127.0.0.1:{app_port}; keepalive 64; }}
  server {{
    listen 127.0.0.1:{proxy_port};
    location / {{
      proxy_pass http://newsprism;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache np;
      proxy_ignore_headers Cache-Control;
      proxy_cache_valid 200 1s;
      proxy_cache_lock on;
      proxy_cache_use_stale updating;
      proxy_cache_revalidate on;
    }}
  }}
  # The served mode, exactly as deployed.
  include {tmp}/site.conf;
}}
"""
        )
        nginx = subprocess.Popen(["nginx", "-c", str(conf)])
        nginx_url = f"http://127.0.0.1:{nginx_port}/story/index.html"
        wait_for(nginx_url)
        proxy_url = f"http://127.0.0.1:{proxy_port}{story_path}"
        wait_for(proxy_url)
        pages_url = f"http://127.0.0.1:{pages_port}{story_path}"
        wait_for(pages_url)  # the first request misses: the app writes the page
        on_disk = page_dir / "story" / str(world.story) / f"{story_path.rsplit('/', 1)[1]}.html"
        if not on_disk.is_file():
            raise RuntimeError(f"the app did not write {on_disk}")
        if on_disk.read_bytes() != page.content:
            raise RuntimeError("the page on disk differs from the page nginx's baseline sends")
        for url in (app_url, granian_url, nginx_url, proxy_url, pages_url):  # warm caches
            wrk(url, 2, args.connections, [])
        uvicorn_row = f"NewsPrism story page (uvicorn, {args.workers} workers)"
        granian_row = f"NewsPrism story page (granian, {args.workers} workers)"
        targets = {
            NGINX_ROW: (nginx_url, []),
            uvicorn_row: (app_url, []),
            granian_row: (granian_url, []),
            PAGEDIR_ROW: (pages_url, []),
            "NewsPrism story page, If-None-Match (304)": (app_url, [f"If-None-Match: {etag}"]),
            "nginx proxy_cache (1 s) in front of NewsPrism": (proxy_url, []),
        }
        if args.quick:
            quick = (NGINX_ROW, uvicorn_row, granian_row, PAGEDIR_ROW)
            targets = {k: v for k, v in targets.items() if k in quick}
        # The machine is shared: interleave the servers round by round and keep medians,
        # so a burst of outside load hits every server alike.
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in targets}
        for _ in range(args.rounds):
            for name, (url, headers) in targets.items():
                runs[name].append(wrk(url, args.seconds, args.connections, headers))
        results = {
            name: {key: statistics.median(r[key] for r in rs) for key in rs[0]}
            for name, rs in runs.items()
        }
        rounds = {
            row: [a["rps"] / b["rps"] for a, b in zip(runs[row], runs[NGINX_ROW], strict=True)]
            for row in (granian_row, PAGEDIR_ROW)
        }
    finally:
        for server in (uvicorn, granian, served):
            server.terminate()
            server.wait(timeout=20)
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)

    if args.json:
        summary = web_summary(results, (uvicorn_row, granian_row))
        summary.update(
            date=datetime.now(UTC).isoformat(timespec="seconds"),
            machine=f"{platform.machine()}, {os.cpu_count()} cores",
            load_average=round(os.getloadavg()[0], 2),
            command="python bench/bench_web.py " + " ".join(sys.argv[1:]),
            page_bytes=len(page.content),
            wrk=f"wrk -t2 -c{args.connections} -d{args.seconds}s --latency",
            rounds=args.rounds,
        )
        print(json.dumps(summary))
        return
    nginx_rps = results[NGINX_ROW]["rps"]
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, load average "
        f"{os.getloadavg()[0]:.1f}; page {len(page.content)} bytes; "
        f"wrk -t2 -c{args.connections} -d{args.seconds}s --latency; "
        f"median of {args.rounds} interleaved rounds"
    )
    print("| server | requests/s | p50 ms | p99 ms | share of nginx req/s | non-2xx/3xx |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        print(
            f"| {name} | {r['rps']:,.0f} | {r['p50']:.2f} | {r['p99']:.2f} | "
            f"{r['rps'] / nginx_rps:.0%} | {r['non2xx']:.0f} |"
        )
    for row, shares in rounds.items():
        print(f"{row} / nginx req/s, round by round: " + ", ".join(f"{x:.0%}" for x in shares))


if __name__ == "__main__":
    main()
