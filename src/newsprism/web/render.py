"""Jinja2 environment of the site: autoescaping, filters for times, leans and outside text."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import nh3
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from newsprism.web.data import BUCKETS, LEAN_LABELS

__all__ = [
    "STATIC_DIR",
    "TEMPLATE_DIR",
    "make_environment",
    "plain_text",
    "relative_time",
    "safe_href",
]

TEMPLATE_DIR = Path(__file__).with_name("templates")
STATIC_DIR = Path(__file__).with_name("static")

_UNITS = (
    (365 * 86400, "year"),
    (30 * 86400, "month"),
    (7 * 86400, "week"),
    (86400, "day"),
    (3600, "hour"),
    (60, "minute"),
)


def _parse(value: str | datetime | None) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def relative_time(value: str | datetime | None, now: datetime | None = None) -> str:
    """'3 hours ago', 'just now', 'in 2 days' for an ISO timestamp; '' for none."""
    moment = _parse(value)
    if moment is None:
        return ""
    delta = ((now or datetime.now(UTC)) - moment).total_seconds()
    seconds = abs(delta)
    if seconds < 60:
        return "just now"
    for size, unit in _UNITS:
        if seconds >= size:
            n = int(seconds // size)
            label = f"{n} {unit}{'' if n == 1 else 's'}"
            return f"{label} ago" if delta > 0 else f"in {label}"
    return "just now"


def long_date(value: str | datetime | None) -> str:
    """'November 23, 2026' (UTC)."""
    moment = _parse(value)
    return f"{moment:%B} {moment.day}, {moment.year}" if moment else ""


def plain_text(value: str | None) -> Markup:
    """Outside text that may hold HTML (feed summaries) reduced to safe plain text by nh3."""
    if not value:
        return Markup("")
    return Markup(nh3.clean(value, tags=set(), attributes={}))


def json_ld(data: Any) -> Markup:
    """JSON for a ``<script type="application/ld+json">`` block that no string can close."""
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        encoded = encoded.replace(raw, escaped)
    encoded = encoded.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(encoded)


def safe_href(value: str | None) -> str:
    """Make an outside link usable in ``href``: http(s) only, anything else becomes ``#``."""
    if not value:
        return "#"
    candidate = value.strip()
    if urlsplit(candidate).scheme.lower() in ("http", "https"):
        return candidate
    return "#"


def _static_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(STATIC_DIR.glob("*")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def make_environment(site_url: str, site_name: str) -> Environment:
    """Build the template environment: autoescape everywhere, filters and globals."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    version = _static_version()
    env.filters.update(
        reltime=relative_time,
        longdate=long_date,
        plain=plain_text,
        href=safe_href,
        jsonld=json_ld,
        lean_label=lambda b: LEAN_LABELS.get(b or "other", str(b)),
        urlq=lambda s: quote(str(s), safe=""),
    )
    env.globals.update(
        site_url=site_url.rstrip("/"),
        site_name=site_name,
        buckets=BUCKETS,
        lean_labels=LEAN_LABELS,
        static=lambda name: f"/static/{name}?v={version}",
    )
    return env
