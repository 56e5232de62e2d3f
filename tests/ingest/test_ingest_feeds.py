"""Feed parsing across formats, date handling and adaptive polling."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.errors import FeedError
from newsprism.ingest.feeds import check_date, next_poll_interval, parse_date, parse_feed

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Daily</title>
<item><title>Senate passes budget</title><link>https://daily.example/budget?utm_source=rss</link>
<description>&lt;p&gt;The Senate &lt;b&gt;passed&lt;/b&gt; the budget.&lt;/p&gt;</description>
<dc:creator>Ann Writer</dc:creator><category>Politics</category>
<pubDate>Mon, 23 Nov 2026 09:30:00 +0100</pubDate></item>
<item><title>No link here</title><description>orphan</description></item>
<item><title>Relative</title><link>/local/story</link></item>
</channel></rss>"""

RSS091 = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><link>http://old.example/</link>
<description>d</description><language>en</language>
<item><title>Old item</title><link>http://old.example/1</link><description>x</description></item>
</channel></rss>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://rdf.example/"><title>RDF</title><link>http://rdf.example/</link>
<description>d</description></channel>
<item rdf:about="http://rdf.example/a"><title>RDF item</title><link>http://rdf.example/a</link>
<dc:date>2026-11-22T08:00:00Z</dc:date></item></rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atomic</title><id>urn:x</id>
<updated>2026-11-23T10:00:00Z</updated>
<entry><title type="html">Court &amp;amp; rules</title><id>urn:1</id>
<link rel="alternate" href="https://atom.example/court"/>
<published>2026-11-23T05:00:00-05:00</published><updated>2026-11-23T11:00:00Z</updated>
<author><name>Bo Reporter</name></author><summary>The court ruled.</summary>
<category term="Law"/></entry></feed>"""


def test_rss2_entries_are_normalised() -> None:
    feed = parse_feed(
        RSS2, content_type="application/rss+xml", base_url="https://daily.example/feed", now=NOW
    )
    first = feed.entries[0]
    assert first.url == "https://daily.example/budget?utm_source=rss"
    assert first.title == "Senate passes budget"
    assert first.summary == "The Senate passed the budget."
    assert first.author == "Ann Writer"
    assert first.categories == ["Politics"]
    assert first.published == datetime(2026, 11, 23, 8, 30, tzinfo=UTC)


def test_entry_without_link_is_skipped_and_reported() -> None:
    feed = parse_feed(RSS2, base_url="https://daily.example/feed", now=NOW)
    assert [e.title for e in feed.entries] == ["Senate passes budget", "Relative"]
    assert any("without a link" in p for p in feed.problems)


def test_relative_links_resolve_against_the_feed_url() -> None:
    feed = parse_feed(RSS2, base_url="https://daily.example/feed", now=NOW)
    assert feed.entries[1].url == "https://daily.example/local/story"


def test_rss091_with_public_doctype_parses() -> None:
    feed = parse_feed(RSS091, now=NOW)
    assert [e.url for e in feed.entries] == ["http://old.example/1"]


def test_rss1_rdf_parses() -> None:
    feed = parse_feed(RDF, now=NOW)
    assert feed.entries[0].url == "http://rdf.example/a"
    assert feed.entries[0].published == datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def test_atom_uses_alternate_link_and_published_time_in_utc() -> None:
    feed = parse_feed(ATOM, content_type="application/atom+xml", now=NOW)
    entry = feed.entries[0]
    assert entry.url == "https://atom.example/court"
    assert entry.title == "Court & rules"
    assert entry.author == "Bo Reporter"
    assert entry.published == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert entry.categories == ["Law"]


def test_json_feed_items_are_normalised() -> None:
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "J",
            "home_page_url": "https://j.example/",
            "items": [
                {
                    "id": "1",
                    "url": "https://j.example/one",
                    "title": "One",
                    "content_html": "<p>Hello <i>world</i></p>",
                    "date_published": "2026-11-23T09:00:00+02:00",
                    "authors": [{"name": "Cy"}],
                    "tags": ["Tech"],
                },
                {"id": "https://j.example/two", "content_text": "Two"},
                {"id": "3", "title": "no url"},
                "junk",
            ],
        }
    ).encode()
    feed = parse_feed(body, content_type="application/feed+json", now=NOW)
    assert [e.url for e in feed.entries] == ["https://j.example/one", "https://j.example/two"]
    one = feed.entries[0]
    assert (one.summary, one.author, one.categories) == ("Hello world", "Cy", ["Tech"])
    assert one.published == datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    assert len(feed.problems) == 2


def test_html_page_is_not_a_feed() -> None:
    with pytest.raises(FeedError, match="HTML page"):
        parse_feed(
            b"<!DOCTYPE html><html><head><title>Home</title></head><body>hi</body></html>",
            content_type="text/html",
        )


def test_entity_declarations_are_refused() -> None:
    laughs = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><item><title>&lol2;</title><link>http://x.example/</link></item></channel></rss>"""
    with pytest.raises(FeedError, match="entities"):
        parse_feed(laughs)


def test_external_entity_is_refused() -> None:
    xxe = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title><link>http://x.example/</link></item></channel></rss>"""
    with pytest.raises(FeedError, match="entities"):
        parse_feed(xxe)


def test_future_dates_are_clamped_and_1970_dropped() -> None:
    body = RSS2.replace(b"Mon, 23 Nov 2026 09:30:00 +0100", b"Fri, 01 Jan 2100 00:00:00 GMT")
    body = body.replace(
        b"<title>Relative</title>",
        b"<title>Relative</title><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate>",
    )
    feed = parse_feed(body, base_url="https://daily.example/", now=NOW)
    assert feed.entries[0].published == NOW
    assert feed.entries[1].published is None
    assert any("future" in p for p in feed.problems)
    assert any("before 1990" in p for p in feed.problems)


def test_empty_body_is_an_error() -> None:
    with pytest.raises(FeedError, match="empty"):
        parse_feed(b"  \n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon, 23 Nov 2026 09:30:00 GMT", datetime(2026, 11, 23, 9, 30, tzinfo=UTC)),
        ("Mon, 23 Nov 2026 09:30:00 EST", datetime(2026, 11, 23, 14, 30, tzinfo=UTC)),
        ("2026-11-23T09:30:00Z", datetime(2026, 11, 23, 9, 30, tzinfo=UTC)),
        ("2026-11-23T09:30:00+05:30", datetime(2026, 11, 23, 4, 0, tzinfo=UTC)),
        ("2026-11-23", datetime(2026, 11, 23, tzinfo=UTC)),
        ("not a date", None),
        ("", None),
    ],
)
def test_parse_date_examples(text: str, expected: datetime | None) -> None:
    assert parse_date(text) == expected


_aware = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.sampled_from([UTC])
)


@settings(max_examples=200, deadline=None)
@given(_aware, st.integers(min_value=-14 * 60, max_value=14 * 60))
def test_parse_date_round_trips_rfc822_and_iso(when: datetime, offset_min: int) -> None:
    from email.utils import format_datetime

    when = when.replace(microsecond=0)
    zone = __import__("datetime").timezone(timedelta(minutes=offset_min))
    local = when.astimezone(zone)
    assert parse_date(local.isoformat()) == when
    if when.year >= 1900:
        assert parse_date(format_datetime(local)) == when


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_parse_date_never_raises_and_returns_aware(text: str) -> None:
    result = parse_date(text)
    assert result is None or result.tzinfo is not None


@settings(max_examples=200, deadline=None)
@given(_aware)
def test_checked_dates_are_never_future_or_before_1990(when: datetime) -> None:
    checked, problem = check_date(when, NOW)
    assert checked is None or (
        datetime(1990, 1, 1, tzinfo=UTC) <= checked <= NOW + timedelta(hours=1)
    )
    assert (problem is None) == (checked == when)


def test_busy_feed_is_polled_often_and_quiet_feed_rarely() -> None:
    busy = [NOW - timedelta(minutes=10 * i) for i in range(20)]
    quiet = [NOW - timedelta(days=2 * i + 1) for i in range(5)]
    kwargs = {"now": NOW, "min_interval": 120, "max_interval": 21600, "previous": 900}
    assert next_poll_interval(busy, new_entries=3, **kwargs) == 300
    assert next_poll_interval(quiet, new_entries=1, **kwargs) == 21600


def test_poll_interval_backs_off_without_new_entries() -> None:
    kwargs = {"now": NOW, "min_interval": 120, "max_interval": 21600}
    assert next_poll_interval([], new_entries=0, previous=600, **kwargs) == 900
