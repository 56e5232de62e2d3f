"""Fuzz `newsprism import`: thousands of generated hostile lines mixed with good ones.

A seeded generator (reproducible, no hypothesis shrinking needed for a file-level
property) writes good lines with unusual but valid values and bad lines made by one of
many mutations of a good line, each mutation chosen so the line is certainly invalid.
The import must store every good line, report every bad line with its own number, and
never raise; the CLI run must print no traceback.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from newsprism.importer import import_jsonl
from newsprism.store.db import Store
from newsprism.store.schema import Article

SEED = 19
N_BAD = 1200
N_GOOD = 800

Row = dict[str, Any]

_ODD_TEXT = ["Ünïcödé", "עברית", "中文标题", "emoji 🗞️", "tab\there", "a & b < c", "quote \" '"]


def good_row(rng: random.Random, i: int) -> Row:
    """A valid line: every optional field in one of its valid shapes."""
    when = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(60_000_000))
    stamp: Any = rng.choice(
        [
            when.isoformat(),
            when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            when.date().isoformat(),
            int(when.timestamp()),
            int(when.timestamp() * 1000),
            when.timestamp(),
        ]
    )
    row: Row = {
        "url": f"https://outlet{rng.randrange(7)}.example/news/{i}?utm_source=fuzz",
        "title": f"Story {i} " + rng.choice(_ODD_TEXT) + ("x" * rng.choice([0, 0, 900])),
        "published_at": stamp,
    }
    if rng.random() < 0.7:
        row["text"] = " ".join(rng.choice(_ODD_TEXT) for _ in range(rng.randrange(1, 60)))
    if rng.random() < 0.5:
        row["summary"] = rng.choice(_ODD_TEXT)
    if rng.random() < 0.5:
        row["author"] = rng.choice(["Ann Lee", "", None, "B" * 500])
    if rng.random() < 0.5:
        row["categories"] = rng.sample(["Politics", "World", "Economy", "Science"], 2)
    if rng.random() < 0.3:
        row["outlet"] = rng.choice(["Outlet", "N" * 200])
    if rng.random() < 0.2:
        row["unknown_field"] = {"nested": [1, 2, {"deep": True}]}
    return row


def _set(field: str, value: Any) -> Callable[[Row], Row]:
    return lambda row: {**row, field: value}


def _drop(field: str) -> Callable[[Row], Row]:
    return lambda row: {k: v for k, v in row.items() if k != field}


# Mutations of a parsed row; each makes the row invalid whatever the row was.
ROW_MUTATIONS: list[Callable[[Row], Row]] = [
    _set("published_at", 1e20),
    _set("published_at", -1e20),
    _set("published_at", 10**30),
    _set("published_at", -(10**30)),
    _set("published_at", True),
    _set("published_at", False),
    _set("published_at", "9999-12-31T23:59:59-05:00"),
    _set("published_at", "10000-01-01"),
    _set("published_at", "2999-01-01"),
    _set("published_at", "1800-01-01"),
    _set("published_at", "not a date"),
    _set("published_at", ""),
    _set("published_at", []),
    _set("published_at", {}),
    _set("published_at", None),
    _drop("published_at"),
    _set("title", 5),
    _set("title", 5.5),
    _set("title", True),
    _set("title", None),
    _set("title", ""),
    _set("title", " \t "),
    _set("title", ["t"]),
    _set("title", {"t": 1}),
    _set("title", "x" * 1001),
    _set("title", "bad\x00nul"),
    _set("title", "bad\x0bvt"),
    _set("title", "bad\x1fus"),
    _set("title", "bad\ud800sur"),
    _set("title", "bad\udfffsur"),
    _set("title", "bad\uffffchar"),
    _drop("title"),
    _set("url", 5),
    _set("url", None),
    _set("url", ""),
    _set("url", "ftp://a.example/x"),
    _set("url", "javascript:alert(1)"),
    _set("url", "//a.example/x"),
    _set("url", "http://[bad"),
    _set("url", "http://a.example:70000/"),
    _set("url", "http://a .example/"),
    _set("url", "http://a.example/\x00"),
    _set("url", "http://a.example/x\u0085y"),
    _set("url", "https://a.example/" + "p" * 2000),
    _drop("url"),
    _set("categories", "Politics"),
    _set("categories", 5),
    _set("categories", [1]),
    _set("categories", [None]),
    _set("categories", [["x"]]),
    _set("categories", ["c"] * 51),
    _set("categories", ["x" * 101]),
    _set("categories", ["nul\x00"]),
    _set("author", 5),
    _set("author", ["a"]),
    _set("author", "A" * 501),
    _set("author", "nul\x00"),
    _set("outlet", 5),
    _set("outlet", "O" * 201),
    _set("outlet", "ctl\x07"),
    _set("outlet_domain", 5),
    _set("outlet_domain", "not a domain"),
    _set("outlet_domain", "a" * 64 + ".example"),
    _set("outlet_domain", "x" * 254),
    _set("text", 5),
    _set("text", ["t"]),
    _set("text", "nul\x00in text"),
    _set("text", "sur\ud800in text"),
    _set("summary", {"s": 1}),
    _set("summary", "ctl\x0cin summary"),
]


def _raw(row: Row) -> bytes:
    return json.dumps(row).encode()


def _truncate(rng: random.Random, row: Row) -> bytes:
    raw = _raw(row)
    return raw[: rng.randrange(1, len(raw) - 1)]


# Mutations at the byte level; each yields a line that is not a valid JSON object.
BYTE_MUTATIONS: list[Callable[[random.Random, Row], bytes]] = [
    _truncate,
    lambda rng, row: _raw(row).replace(b"{", b"[", 1),
    lambda rng, row: b"[" + _raw(row) + b"]",
    lambda rng, row: b"\xff\xfe" + _raw(row),
    lambda rng, row: _raw(row)[:-1] + b', "x": \xc3\x28}',
    lambda rng, row: _raw(row)[:-1] + b', "published_at": Infinity}',
    lambda rng, row: _raw(row)[:-1] + b', "published_at": NaN}',
    lambda rng, row: _raw(row)[:-1] + b', "published_at": -Infinity}',
    lambda rng, row: _raw(row)[:-1] + b', "published_at": 1e999}',
    lambda rng, row: _raw(row)[:-1] + b', "published_at": ' + b"7" * 4400 + b"}",
    lambda rng, row: b'{"deep": ' + b"[" * 20_000 + b"]" * 20_000 + b"}",
    lambda rng, row: b'{"a":' * 5_000 + b"0" + b"}" * 5_000,
    lambda rng, row: b"null",
    lambda rng, row: b"12345",
    lambda rng, row: b'"just a string"',
    lambda rng, row: b"true",
    lambda rng, row: bytes(rng.randrange(0x21, 0x7B) for _ in range(40)).replace(b"{", b"("),
    lambda rng, row: b"\x00" * 10,
]


def hostile_file(path: Path, seed: int = SEED) -> tuple[dict[int, str], set[int]]:
    """Write the fuzz file; return {line: good article url} and the bad line numbers."""
    rng = random.Random(seed)
    kinds = ["good"] * N_GOOD + ["bad"] * N_BAD
    rng.shuffle(kinds)
    good: dict[int, str] = {}
    bad: set[int] = set()
    lines: list[bytes] = []
    for number, kind in enumerate(kinds, 1):
        row = good_row(rng, number)
        if kind == "good":
            good[number] = row["url"]
            lines.append(_raw(row))
        elif rng.random() < 0.7:
            lines.append(_raw(rng.choice(ROW_MUTATIONS)(row)))
            bad.add(number)
        else:
            lines.append(rng.choice(BYTE_MUTATIONS)(rng, row))
            bad.add(number)
    path.write_bytes(b"\n".join(lines) + b"\n")
    return good, bad


def _check(store: Store, path: Path, good: dict[int, str], bad: set[int]) -> None:
    report = import_jsonl(store, path, report_path=path.with_suffix(".tsv"))
    assert {n for n, _ in report.errors} == bad
    assert len(report.errors) == len(bad)  # one reason per bad line
    assert (report.inserted, report.duplicates, report.rejected) == (len(good), 0, len(bad))
    with store.session() as s:
        stored = set(s.scalars(select(Article.url)))
    assert stored == set(good.values())
    listed = path.with_suffix(".tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert {int(row.split("\t")[0]) for row in listed} == bad
    again = import_jsonl(store, path)
    assert (again.inserted, again.duplicates, again.rejected) == (0, len(good), len(bad))


def test_fuzzed_import_keeps_every_good_line(any_store: Store, tmp_path: Path) -> None:
    good, bad = hostile_file(tmp_path / "fuzz.jsonl")
    assert len(bad) == N_BAD
    _check(any_store, tmp_path / "fuzz.jsonl", good, bad)


def test_fuzzed_import_through_the_cli_prints_no_traceback(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    urls = {"sqlite": ""}
    with contextlib.suppress(pytest.skip.Exception):  # no PostgreSQL: SQLite still runs
        urls["postgresql"] = request.getfixturevalue("pg_url")
    good, bad = hostile_file(tmp_path / "cli.jsonl", seed=SEED + 1)
    for name, url in urls.items():
        env = {
            **os.environ,
            "NEWSPRISM_DATA_DIR": str(tmp_path / name),
            "NEWSPRISM_DATABASE_URL": url,
        }
        for args in (["db", "upgrade"], ["import", str(tmp_path / "cli.jsonl")]):
            done = subprocess.run(
                [sys.executable, "-m", "newsprism", *args],
                capture_output=True,
                text=True,
                env=env,
                cwd=tmp_path,
                timeout=600,
                check=False,
            )
            assert done.returncode == 0, (name, done.stderr[-2000:])
            assert "Traceback" not in done.stdout + done.stderr
        assert f"imported {len(good)}, already present 0, rejected {len(bad)}" in done.stdout
        shown = [row for row in done.stderr.splitlines() if row.startswith("  line ")]
        assert len(shown) == 10
        assert f"… and {len(bad) - 10} more" in done.stderr
        report = Path(done.stderr.split("every refused line with its reason: ")[1].split()[0])
        assert len(report.read_text(encoding="utf-8").splitlines()) == len(bad) + 1
