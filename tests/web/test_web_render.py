"""Template filters: relative times, outside text, links, JSON-LD."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from newsprism.web.render import json_ld, plain_text, relative_time, safe_href

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_relative_time_reads_like_a_person() -> None:
    assert relative_time(NOW - timedelta(seconds=20), NOW) == "just now"
    assert relative_time(NOW - timedelta(minutes=1), NOW) == "1 minute ago"
    assert relative_time((NOW - timedelta(hours=3)).isoformat(), NOW) == "3 hours ago"
    assert relative_time(NOW - timedelta(days=9), NOW) == "1 week ago"
    assert relative_time(NOW + timedelta(days=2), NOW) == "in 2 days"
    assert relative_time(None, NOW) == ""


def test_plain_text_strips_markup_and_scripts() -> None:
    assert (
        str(plain_text("<p>Tom &amp; <b>Jerry</b><script>alert(1)</script></p>"))
        == "Tom &amp; Jerry"
    )


def test_safe_href_admits_only_http_and_https() -> None:
    assert safe_href("https://a.example/x") == "https://a.example/x"
    assert safe_href(" JavaScript:alert(1)") == "#"
    assert safe_href("data:text/html,x") == "#"


def test_json_ld_cannot_close_its_script_block() -> None:
    encoded = str(json_ld({"headline": "</script><script>alert(1)</script>"}))
    assert "</script>" not in encoded
    assert "<" not in encoded
    assert json.loads(encoded)["headline"] == "</script><script>alert(1)</script>"
