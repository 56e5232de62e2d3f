"""Screenshots of real pipeline output: `make demo` on a small corpus slice, then chromium.

    PYTHONPATH=src python bench/screenshots.py [--corpus PATH] [--limit 400]

Runs bench/demo.sh (replay on loopback → the real pipeline → the site) in a fresh
data/demo, waits until the top story has a brief, and writes docs/screenshots/demo-home.png,
demo-story-desktop.png (above the fold), demo-story-full.png, demo-story-phone.png, and
docs/screenshot.png (the README image) from the desktop one. Needs /usr/bin/chromium
(`make browser`) and Playwright.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

from newsprism.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/data/articles/baly2020/articles-2018-2020.jsonl.gz"
SHOTS = ROOT / "docs" / "screenshots"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def _idle(base: str) -> bool:
    """Whether the pipeline has nothing left to analyse or brief (health backlogs all 0)."""
    try:
        stages = _get(f"{base}/api/v1/health")["pipeline"]["stages"]
    except (OSError, KeyError):
        return False
    return all(not stage.get("backlog") for stage in stages.values())


def _top_story(base: str) -> int | None:
    """The first story of "Top stories" with a brief, once the pipeline is idle, else None.

    Taken earlier, the first story briefed stood for the top one (a 3-outlet market story
    instead of the 12-outlet shutdown deal that led the home page).
    """
    if not _idle(base):
        return None
    try:
        stories = _get(f"{base}/api/v1/stories?sort=trending")["stories"]
    except OSError:
        return None
    for card in stories:
        story = _get(f"{base}/api/v1/stories/{card['id']}")
        if story.get("brief"):
            return int(card["id"])
    return None


def main() -> None:
    """Run the demo, wait for a brief, take the screenshots, stop the demo."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    shutil.rmtree(ROOT / "data" / "demo", ignore_errors=True)
    port = _free_port()
    env = {
        **os.environ,
        "NEWSPRISM_PORT": str(port),
        "NEWSPRISM_SITE_URL": f"http://127.0.0.1:{port}",
        "REPLAY_PORT": str(_free_port()),
    }
    demo = subprocess.Popen(
        ["bash", "bench/demo.sh", str(args.corpus), str(args.limit)],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + args.timeout
        story = None
        while story is None:
            if time.monotonic() > deadline or demo.poll() is not None:
                raise SystemExit("screenshots: no story with a brief in time")
            time.sleep(10)
            story = _top_story(base)
        _shoot(base, story)
    finally:
        os.killpg(demo.pid, signal.SIGTERM)
        demo.wait(timeout=60)


def _shoot(base: str, story: int) -> None:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        shots = [
            ("demo-home.png", "/", {"width": 1280, "height": 900}, False),
            ("demo-story-desktop.png", f"/story/{story}", {"width": 1280, "height": 900}, False),
            ("demo-story-full.png", f"/story/{story}", {"width": 1280, "height": 900}, True),
            ("demo-story-phone.png", f"/story/{story}", {"width": 390, "height": 844}, False),
        ]
        for name, path, viewport, full in shots:
            context = browser.new_context(viewport=viewport, is_mobile=viewport["width"] < 600)
            page = context.new_page()
            page.goto(base + path, wait_until="load")
            page.screenshot(path=str(SHOTS / name), full_page=full)
            context.close()
            print(f"wrote docs/screenshots/{name}")
        browser.close()
    shutil.copyfile(SHOTS / "demo-story-desktop.png", ROOT / "docs" / "screenshot.png")


if __name__ == "__main__":
    main()
