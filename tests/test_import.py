"""`newsprism import`: the line schema, line-numbered reports, true counts on both databases."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from newsprism.errors import DatasetError
from newsprism.importer import LIMITS, LineError, import_jsonl, parse_line
from newsprism.store.db import Store
from newsprism.store.schema import Article, Outlet

GOOD: dict[str, Any] = {
    "url": "https://example.org/news/one",
    "title": "A headline",
    "text": "Some text.",
    "published_at": "2025-12-13T09:30:00Z",
}


def line(**changes: Any) -> bytes:
    row = {**GOOD, **changes}
    return json.dumps({k: v for k, v in row.items() if v is not ...}).encode()


# One (raw line, words the reason must contain) per hostile value of issue 19 item 11.
BAD_LINES: list[tuple[bytes, str]] = [
    (b'{"url": "https://e.org/a", "title": "t", "published_at": 1e20}', "out of range"),
    (b'{"url": "https://e.org/a", "title": "t", "published_at": -1e20}', "out of range"),
    (b'{"url": "https://e.org/a", "title": "t", "published_at": Infinity}', "Infinity"),
    (b'{"url": "https://e.org/a", "title": "t", "published_at": -Infinity}', "Infinity"),
    (b'{"url": "https://e.org/a", "title": "t", "published_at": NaN}', "NaN"),
    (b'{"url": "https://e.org/a", "title": "t", "published_at": 1e400}', "finite"),
    (line(published_at=10**30), "out of range"),
    (line(published_at=10**4000), "out of range"),
    (b'{"url": "https://e.org/a", "title": "t", "published_at": ' + b"9" * 5000 + b"}", "JSON"),
    (line(published_at="9999-12-31T23:59:59-05:00"), "out of range"),
    (line(published_at="10000-01-01"), "not an ISO 8601"),
    (line(published_at="9999-12-31"), "out of range"),
    (line(published_at="1066-10-14"), "out of range"),
    (line(published_at=True), "not a boolean"),
    (line(published_at=False), "not a boolean"),
    (line(published_at=[2025]), "not a list"),
    (line(published_at={"y": 2025}), "not an object"),
    (line(published_at=""), "empty"),
    (line(published_at="yesterday"), "not an ISO 8601"),
    (line(published_at=None), "missing"),
    (line(published_at=...), "missing"),
    (line(title=5), "title must be a string"),
    (line(title=True), "title must be a string"),
    (line(title=["a"]), "title must be a string"),
    (line(title={"a": 1}), "title must be a string"),
    (line(title=""), "title is empty"),
    (line(title="   "), "title is empty"),
    (line(title=...), "title is missing"),
    (line(title="a\x00b"), "NUL"),
    (line(title="a\x0bb"), "U+000B"),
    (line(title="a\x01b"), "U+0001"),
    (line(title="a\ud800b"), "lone surrogate"),
    (line(title="x" * 1001), "at most 1,000"),
    (line(categories="Politics"), "categories must be a list"),
    (line(categories=[1, 2]), "list of strings"),
    (line(categories=[["a"]]), "list of strings"),
    (line(categories={"a": 1}), "categories must be a list"),
    (line(categories=["x"] * 51), "at most 50"),
    (line(categories=["a\x00"]), "NUL"),
    (line(categories=["x" * 101]), "at most 100"),
    (line(author=5), "author must be a string"),
    (line(author="x" * 501), "at most 500"),
    (line(author="a\x00b"), "NUL"),
    (line(author=..., authors=["a", 5]), "authors must be a string"),
    (line(outlet=5), "outlet must be a string"),
    (line(outlet="x" * 201), "at most 200"),
    (line(outlet_domain=5), "outlet_domain must be a string"),
    (line(outlet_domain="not a domain"), "host name"),
    (line(outlet_domain="a" * 300 + ".com"), "host name"),
    (line(text=5), "text must be a string"),
    (line(text="a\x00b"), "NUL"),
    (line(summary=["s"]), "summary must be a string"),
    (line(url=...), "url is missing"),
    (line(url=5), "url must be a string"),
    (line(url="ftp://example.org/a"), "http(s)"),
    (line(url="example.org/a"), "http(s)"),
    (line(url="https://"), "http(s)"),
    (line(url="http://[bad"), "not a valid URL"),
    (line(url="http://example.org:99999/"), "not a valid URL"),
    (line(url="http://exa mple.org/"), "space or a control"),
    (line(url="http://example.org/\x00"), "space or a control"),
    (line(url="https://example.org/" + "a" * 2000), "at most 2,000"),
    (b"[1, 2, 3]", "not a JSON object"),
    (b'"a string"', "not a JSON object"),
    (b"5", "not a JSON object"),
    (b"null", "not a JSON object"),
    (b"{not json}", "not valid JSON"),
    (b'{"url": "https://e.org/a", "title": "t"', "not valid JSON"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "nested too deeply"),
    (b'{"url": "https://e.org/\xff", "title": "t", "published_at": "2025-01-01"}', "UTF-8"),
    (b'{"url": "https://e.org/a", "title": "\\udc80", "published_at": "2025-01-01"}', "surrogate"),
]


@pytest.mark.parametrize(("raw", "reason"), BAD_LINES, ids=range(len(BAD_LINES)))
def test_hostile_line_is_refused_with_its_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(LineError) as info:
        parse_line(raw)
    assert reason in str(info.value)
    assert "\n" not in str(info.value)


def test_good_lines_keep_their_values() -> None:
    article, canonical = parse_line(
        line(
            url="https://www.Example.org/a?utm_source=x",
            title="  Two\tspaces\nhere ",
            published_at=1_765_618_200_000,  # epoch milliseconds
            categories=["Politics", "Politics", "World"],
            authors=["Ann", "Bob"],
            outlet_domain="WWW.Example.org",
        )
    )
    assert canonical == "https://www.example.org/a"
    assert article.title == "Two spaces here"
    assert article.published.isoformat() == "2025-12-13T09:30:00+00:00"
    assert article.categories == ("Politics", "World")
    assert article.author == "Ann, Bob"
    assert article.domain == "example.org"
    date_only, _ = parse_line(line(published_at="2025-12-13", topic="economy", categories=None))
    assert date_only.published.isoformat() == "2025-12-13T00:00:00+00:00"
    assert date_only.categories == ("economy",)


def _write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _stored(store: Store) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(Article)) or 0)


def test_every_good_line_after_a_bad_one_is_kept_and_counts_are_true(
    any_store: Store, tmp_path: Path
) -> None:
    lines = [line(url=f"https://example.org/{i}") for i in range(1200)]
    bad_at = {1: 0, 501: 1, 502: 2, 1100: 3}  # 0-based index → hostile line
    for index, which in bad_at.items():
        lines[index] = BAD_LINES[which][0]
    lines.insert(700, b"   ")  # blank lines are skipped but still counted
    path = _write(tmp_path / "a.jsonl", lines)
    report_file = tmp_path / "refused.tsv"
    report = import_jsonl(any_store, path, report_path=report_file)
    expected_lines = [i + 1 if i < 700 else i + 2 for i in sorted(bad_at)]
    assert [n for n, _ in report.errors] == expected_lines
    assert (report.inserted, report.duplicates, report.rejected) == (1196, 0, 4)
    assert _stored(any_store) == 1196
    listed = report_file.read_text(encoding="utf-8").splitlines()
    assert [row.split("\t")[0] for row in listed[1:]] == [str(n) for n in expected_lines]
    # idempotent: the same file again stores nothing new and says so
    again = import_jsonl(any_store, path)
    assert (again.inserted, again.duplicates, again.rejected) == (0, 1196, 4)
    assert _stored(any_store) == 1196


def test_unknown_outlets_are_created_once_and_long_domains_fit(
    any_store: Store, tmp_path: Path
) -> None:
    domain = ".".join(["a" * 60] * 4)  # 243 characters: longer than Outlet.slug's 120
    path = _write(
        tmp_path / "b.jsonl",
        [
            line(url=f"https://{domain}/x", outlet="N" * 200, author="A" * 500),
            line(url=f"https://{domain}/y"),
            line(url="https://other.example/z", outlet_domain="other.example"),
        ],
    )
    report = import_jsonl(any_store, path)
    assert (report.inserted, report.rejected) == (3, 0), report.errors
    with any_store.session() as s:
        slugs = sorted(s.scalars(select(Outlet.slug)))
    assert len(slugs) == 2
    assert all(len(slug) <= 120 for slug in slugs)


def test_gzip_and_a_corrupt_gzip_tail(sqlite_store: Store, tmp_path: Path) -> None:
    body = b"".join(line(url=f"https://example.org/{i}") + b"\n" for i in range(300))
    good = tmp_path / "c.jsonl.gz"
    good.write_bytes(gzip.compress(body))
    assert import_jsonl(sqlite_store, good).inserted == 300
    broken = tmp_path / "d.jsonl.gz"
    data = gzip.compress(body.replace(b"example.org", b"example.net"))
    broken.write_bytes(data[: len(data) // 2])
    report = import_jsonl(sqlite_store, broken)
    assert report.rejected == 1
    assert "cannot be read beyond this line" in report.errors[0][1]
    assert report.inserted > 0


def test_an_overlong_line_is_skipped_and_the_next_is_kept(
    sqlite_store: Store, tmp_path: Path
) -> None:
    huge = line(text="x" * 9_000_000)
    path = _write(tmp_path / "e.jsonl", [huge, line()])
    report = import_jsonl(sqlite_store, path)
    assert report.errors == [(1, "line longer than 8,388,608 bytes")]
    assert report.inserted == 1


def test_a_folder_or_a_missing_file_is_a_dataset_error(sqlite_store: Store, tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="is a folder"):
        import_jsonl(sqlite_store, tmp_path)
    with pytest.raises(DatasetError, match="does not exist"):
        import_jsonl(sqlite_store, tmp_path / "nope.jsonl")


def test_a_row_the_database_refuses_costs_only_that_row(
    pg_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With the author limit lifted, PostgreSQL itself refuses a 600-character author
    # (VARCHAR(500)): the batch is retried row by row and only that line is reported.
    monkeypatch.setitem(LIMITS, "author", 10_000)
    lines = [line(url=f"https://example.org/{i}") for i in range(600)]
    lines[250] = line(url="https://example.org/long", author="A" * 600)
    report = import_jsonl(pg_store, _write(tmp_path / "f.jsonl", lines))
    assert [n for n, _ in report.errors] == [251]
    assert "the database refused it" in report.errors[0][1]
    assert (report.inserted, report.rejected) == (599, 1)
    assert _stored(pg_store) == 599
