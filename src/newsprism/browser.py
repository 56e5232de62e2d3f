"""Chromium's launch flags for pages rendered on loopback (tests, evaluation, screenshots).

This machine's network is closed: without the background-networking flags Chromium opens
connections that are refused many at a time and looks up Google's hosts at every start
(the env machine page). Debian's ``/usr/bin/chromium`` is driven through Playwright.
"""

from __future__ import annotations

__all__ = ["CHROMIUM", "CHROMIUM_ARGS"]

#: Debian's chromium package (`make browser` installs it).
CHROMIUM = "/usr/bin/chromium"
#: Flags for a headless run as root that talks to loopback only.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
