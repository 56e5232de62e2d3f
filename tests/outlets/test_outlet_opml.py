"""OPML export and import: feeds with categories round-trip; foreign OPML adds outlets."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.errors import RegistryError
from newsprism.outlets.opml import export_opml, plan_opml_import, read_opml
from newsprism.outlets.registry import FeedRecord, OutletRecord, load_registry

FOREIGN_OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My reader</title></head>
  <body>
    <outline text="Tech">
      <outline type="rss" text="Tiny Blog" xmlUrl="https://tinyblog.example.org/feed.xml"
               htmlUrl="https://www.tinyblog.example.org/"/>
    </outline>
    <outline text="Science">
      <outline type="rss" text="NYT Science" xmlUrl="https://rss.nytimes.com/services/xml/rss/nyt/Space.xml"/>
      <outline type="rss" text="Broken" xmlUrl="not a url"/>
    </outline>
    <outline type="rss" text="BBC" category="/World"
             xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml"/>
  </body>
</opml>
"""


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    overrides = tmp_path / "outlets.local.csv"
    monkeypatch.setenv("NEWSPRISM_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("NEWSPRISM_OUTLETS_OVERRIDES", str(overrides))
    return overrides


def test_export_then_read_round_trips_every_feed_with_its_category(tmp_path: Path) -> None:
    records = load_registry()
    path = tmp_path / "feeds.opml"
    count = export_opml(records, path)
    feeds = read_opml(path)
    assert count == len(feeds) == sum(len(r.feeds) for r in records)
    exported = {(f.url, f.category, f.slug) for f in feeds}
    expected = {(f.url, f.category, r.slug) for r in records for f in r.feeds}
    assert exported == expected


def test_reimporting_an_export_adds_nothing(tmp_path: Path) -> None:
    records = load_registry()
    path = tmp_path / "feeds.opml"
    export_opml(records, path)
    plan = plan_opml_import(read_opml(path), records)
    assert plan.updates == []
    assert plan.already_present == sum(len(r.feeds) for r in records)


def test_export_into_an_empty_registry_rebuilds_outlets_and_categories(tmp_path: Path) -> None:
    records = [
        OutletRecord(
            slug="alpha",
            name="Alpha News",
            domains=["alpha.example.com"],
            homepage="https://alpha.example.com/",
            feeds=[
                FeedRecord("https://alpha.example.com/world.xml", "World"),
                FeedRecord("https://alpha.example.com/all.xml"),
            ],
        )
    ]
    path = tmp_path / "a.opml"
    export_opml(records, path)
    plan = plan_opml_import(read_opml(path), [])
    assert [(o.slug, o.name, o.domains) for o in plan.new_outlets] == [
        ("alpha", "Alpha News", ["alpha.example.com"])
    ]
    assert {(f.url, f.category) for f in plan.new_outlets[0].feeds} == {
        ("https://alpha.example.com/world.xml", "World"),
        ("https://alpha.example.com/all.xml", None),
    }


def test_foreign_opml_takes_categories_from_folders_and_attributes(tmp_path: Path) -> None:
    path = tmp_path / "reader.opml"
    path.write_text(FOREIGN_OPML, encoding="utf-8")
    by_url = {f.url: f.category for f in read_opml(path)}
    assert by_url["https://tinyblog.example.org/feed.xml"] == "Technology"
    assert by_url["https://rss.nytimes.com/services/xml/rss/nyt/Space.xml"] == "Science"
    assert by_url["https://feeds.bbci.co.uk/news/world/rss.xml"] == "World"


def test_import_opml_adds_feeds_to_known_outlets_and_new_outlets(
    cli_env: Path, tmp_path: Path
) -> None:
    path = tmp_path / "reader.opml"
    path.write_text(FOREIGN_OPML, encoding="utf-8")
    result = CliRunner().invoke(app, ["outlets", "import-opml", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 new outlet(s)" in result.output
    assert "malformed feed URL 'not a url'" in result.output
    records = {r.slug: r for r in load_registry(cli_env)}
    nyt_urls = {f.url for f in records["nytimes"].feeds}
    assert "https://rss.nytimes.com/services/xml/rss/nyt/Space.xml" in nyt_urls
    tiny = next(r for r in records.values() if r.domains == ["tinyblog.example.org"])
    assert tiny.lean is None
    assert tiny.name == "Tiny Blog"


def test_import_opml_dry_run_writes_nothing(cli_env: Path, tmp_path: Path) -> None:
    path = tmp_path / "reader.opml"
    path.write_text(FOREIGN_OPML, encoding="utf-8")
    result = CliRunner().invoke(app, ["outlets", "import-opml", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert not cli_env.exists()


def test_export_opml_command_writes_a_readable_file(cli_env: Path, tmp_path: Path) -> None:
    path = tmp_path / "out.opml"
    result = CliRunner().invoke(app, ["outlets", "export-opml", str(path)])
    assert result.exit_code == 0, result.output
    assert len(read_opml(path)) == sum(len(r.feeds) for r in load_registry())


def test_read_opml_rejects_a_non_opml_file(tmp_path: Path) -> None:
    path = tmp_path / "x.opml"
    path.write_text("<html><body/></html>", encoding="utf-8")
    with pytest.raises(RegistryError, match="not an OPML file"):
        read_opml(path)
