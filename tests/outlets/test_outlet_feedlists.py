"""10,000-feed imports (OPML, CSV, JSON) in one go, and fair batches of due feeds."""

from __future__ import annotations

import csv
import json
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.errors import RegistryError
from newsprism.ingest.stage import _DueFeed, fair_batch
from newsprism.outlets.feedlist import read_feed_list
from newsprism.outlets.opml import plan_opml_import, read_opml
from newsprism.outlets.registry import load_registry

# 2,500 generated sites with 4 section feeds each: the import must make one outlet per site.
SITES, SECTIONS = 2500, ("world", "politics", "tech", "sport")
CATEGORY = {"world": "World", "politics": "Politics", "tech": "Technology", "sport": "Sports"}
COUNTRIES = ("DE", "FR", "JP", "BR", "NG")
LANGUAGES = ("de", "fr", "ja", "pt", "en")


def _rows() -> list[dict[str, str]]:
    return [
        {
            "url": f"https://site{i}.example.org/{section}/rss.xml",
            "title": f"Site {i}",
            "site": f"https://site{i}.example.org/",
            "category": section,
            "country": COUNTRIES[i % 5],
            "language": LANGUAGES[i % 5],
        }
        for i in range(SITES)
        for section in SECTIONS
    ]


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSPRISM_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("NEWSPRISM_OUTLETS_OVERRIDES", str(tmp_path / "outlets.local.csv"))
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def _check_plan(feeds: list, cap_s: float = 30.0) -> None:  # type: ignore[type-arg]
    started = time.process_time()
    plan = plan_opml_import(feeds, load_registry())
    # not a speed assertion: the quadratic version took minutes, so this bounds a regression
    assert time.process_time() - started < cap_s
    assert len(plan.new_outlets) == SITES
    assert sum(len(o.feeds) for o in plan.new_outlets) == SITES * len(SECTIONS)
    site7 = next(o for o in plan.new_outlets if o.domains == ["site7.example.org"])
    assert {f.category for f in site7.feeds} == {"World", "Politics", "Technology", "Sports"}
    assert (site7.country, site7.language) == ("JP", "ja")  # 7 % 5 == 2


def test_a_10000_feed_csv_list_imports_with_categories_regions_and_one_outlet_per_site(
    tmp_path: Path,
) -> None:
    path = tmp_path / "feeds.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["url", "title", "site", "category", "country", "language"])
        writer.writeheader()
        writer.writerows(_rows())
    feeds, skipped = read_feed_list(path)
    assert (len(feeds), skipped) == (10_000, [])
    _check_plan(feeds)


def test_a_10000_feed_json_list_by_category_imports(tmp_path: Path) -> None:
    by_category: dict[str, list[dict[str, str]]] = {}
    for row in _rows():
        by_category.setdefault(CATEGORY[row.pop("category")], []).append(row)
    path = tmp_path / "feeds.json"
    path.write_text(json.dumps(by_category), encoding="utf-8")
    feeds, _ = read_feed_list(path)
    _check_plan(feeds)


def test_a_10000_feed_opml_file_imports_in_one_go(cli_env: Path) -> None:
    root = ET.Element("opml", {"version": "2.0"})
    body = ET.SubElement(root, "body")
    folders = {s: ET.SubElement(body, "outline", {"text": CATEGORY[s]}) for s in SECTIONS}
    for row in _rows():
        ET.SubElement(
            folders[row["category"]],
            "outline",
            {"type": "rss", "text": row["title"], "xmlUrl": row["url"], "htmlUrl": row["site"]},
        )
    path = cli_env / "big.opml"
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    assert len(read_opml(path)) == 10_000
    result = CliRunner().invoke(app, ["outlets", "import-opml", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 feed(s) for known outlets, 2500 new outlet(s) with 10000 feed(s)" in result.output
    merged = load_registry(overrides=cli_env / "outlets.local.csv")
    assert sum(len(r.feeds) for r in merged) == 816 + 10_000
    again = CliRunner().invoke(app, ["outlets", "import-opml", str(path)])
    assert "10000 already present" in again.output


def test_feed_list_without_url_column_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,category\nA,World\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="no feed URL column"):
        read_feed_list(path)


def test_fair_batch_caps_one_host_and_keeps_oldest_first() -> None:
    due = [_DueFeed(i, f"https://big.example/{i}", None, None, None, 900) for i in range(500)]
    due += [
        _DueFeed(1000 + i, f"https://s{i}.example/rss", None, None, None, 900) for i in range(50)
    ]
    batch = fair_batch(due, size=120, host_cap=100)
    assert [f.id for f in batch[:100]] == list(range(100))
    assert [f.id for f in batch[100:]] == list(range(1000, 1020))
