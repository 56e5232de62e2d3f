"""URL canonicalisation (examples + properties) and near-duplicate signatures."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.ingest.dedupe import (
    NearDuplicateIndex,
    canonical_url,
    content_hash,
    minhash_bytes,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Example.COM:443/News/Story/", "https://example.com/News/Story"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://example.com/a#comments", "https://example.com/a"),
        (
            "https://example.com/a?utm_source=tw&utm_medium=social&id=7&fbclid=abc&gclid=x",
            "https://example.com/a?id=7",
        ),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com/story/amp", "https://example.com/story"),
        ("https://example.com/story/amp/", "https://example.com/story"),
        ("https://example.com/story?amp", "https://example.com/story"),
        ("https://example.com/story?amp=1&p=2", "https://example.com/story?p=2"),
        ("https://amp.example.com/story", "https://example.com/story"),
        ("https://example.com/story.amp.html", "https://example.com/story.html"),
        ("https://example.com/amp/story", "https://example.com/story"),
        ("https://user:pw@example.com/a", "https://example.com/a"),
        ("https://example.com/%7Euser/a%2Db", "https://example.com/~user/a-b"),
        ("https://example.com//a///b", "https://example.com/a/b"),
        ("https://example.com/", "https://example.com"),
        ("  https://example.com/a  ", "https://example.com/a"),
    ],
)
def test_canonical_url_examples(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize("junk", ["", "not a url", "mailto:x@example.com", "http://[::1"])
def test_canonical_url_returns_non_urls_unchanged(junk: str) -> None:
    assert canonical_url(junk) == junk.strip()


_segment = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#"),
    max_size=12,
)
_key = st.sampled_from(
    ["id", "page", "q", "utm_source", "utm_campaign", "fbclid", "gclid", "amp", "ref", "x y", "é"]
)
_urls = st.builds(
    lambda scheme, host, port, segs, params, frag, slash: (
        f"{scheme}://{host}{port}/"
        + "/".join(segs)
        + ("/" if slash else "")
        + ("?" + "&".join(f"{k}={v}" for k, v in params) if params else "")
        + (f"#{frag}" if frag else "")
    ),
    st.sampled_from(["http", "HTTP", "https", "HtTpS"]),
    st.sampled_from(
        ["example.com", "EXAMPLE.com", "amp.news.example.org", "www.Site.co.uk", "127.0.0.1"]
    ),
    st.sampled_from(["", ":80", ":443", ":8080"]),
    st.lists(
        st.one_of(_segment, st.sampled_from(["amp", "story.amp.html", "%41", "%2525"])), max_size=5
    ),
    st.lists(st.tuples(_key, st.text(max_size=6)), max_size=5),
    st.text(max_size=5),
    st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(_urls)
def test_canonical_url_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


@settings(max_examples=200, deadline=None)
@given(_urls)
def test_canonical_url_drops_tracking_fragments_and_case(url: str) -> None:
    result = urlsplit(canonical_url(url))
    keys = [k.lower() for k, _v in parse_qsl(result.query, keep_blank_values=True)]
    assert not any(k.startswith("utm_") or k in ("fbclid", "gclid", "amp") for k in keys)
    assert result.fragment == ""
    assert result.scheme in ("http", "https")
    assert result.netloc == result.netloc.lower()
    assert not result.path.endswith("/")


@settings(max_examples=100, deadline=None)
@given(_urls, st.text(alphabet="abcXYZ019-_.~%é ", min_size=1, max_size=8))
def test_canonical_url_ignores_added_tracking_parameters(url: str, value: str) -> None:
    base = url.split("#", 1)[0].strip()
    joiner = "&" if "?" in base else "?"
    assert canonical_url(f"{base}{joiner}utm_source={value}") == canonical_url(base)


def test_content_hash_ignores_case_and_spacing() -> None:
    assert content_hash("The  Senate\nvoted today.") == content_hash("the senate voted TODAY.")
    assert content_hash("The Senate voted today.") != content_hash("The House voted today.")


STORY = (
    "The central bank raised its main interest rate by a quarter point on Wednesday, citing "
    "persistent inflation in services and a labour market that has cooled only slowly. "
    "Officials signalled that further increases remain possible if price pressures persist "
    "through the summer, while several members of the committee argued for a pause to assess "
    "the effect of earlier moves on lending and housing. Markets had largely expected the "
    "decision, and bond yields moved little after the announcement."
)


def test_near_copy_is_found_and_unrelated_text_is_not() -> None:
    index = NearDuplicateIndex(threshold=0.7)
    original = minhash_bytes(STORY)
    assert original is not None
    index.add(1, original)
    copy = minhash_bytes(STORY + " Reporting by the wire service; editing by the desk.")
    other = minhash_bytes(
        "A storm knocked out power to thousands of homes along the coast overnight, and crews "
        "worked through the morning to restore service while schools stayed closed and roads "
        "remained blocked by fallen trees across the region according to local officials."
    )
    assert copy is not None
    assert other is not None
    assert [i for i, _ in index.query(copy)] == [1]
    assert index.query(other) == []


def test_removed_articles_are_no_longer_matched() -> None:
    index = NearDuplicateIndex(threshold=0.7)
    sig = minhash_bytes(STORY)
    assert sig is not None
    index.add(5, sig)
    index.remove([5])
    assert index.query(sig) == []
