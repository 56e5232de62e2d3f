"""The registry: shipped data quality, merge with extra files and overrides, validation, sync."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.errors import ConfigError, RegistryError
from newsprism.outlets.registry import (
    CSV_COLUMNS,
    SHIPPED_CSV,
    FeedRecord,
    OutletRecord,
    load_registry,
    normalize_lean,
    passes_factuality,
    read_registry_file,
    sync_registry,
    write_registry_file,
)
from newsprism.outlets.stats import registry_stats
from newsprism.store.db import Store
from newsprism.store.schema import Feed, Outlet, OutletDomain


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, CSV_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    overrides = tmp_path / "outlets.local.csv"
    monkeypatch.setenv("NEWSPRISM_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("NEWSPRISM_OUTLETS_OVERRIDES", str(overrides))
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(tmp_path / "data"))
    return overrides


def test_shipped_registry_passes_check(cli_env: Path) -> None:
    result = CliRunner().invoke(app, ["outlets", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ")


def test_shipped_registry_meets_the_coverage_targets() -> None:
    stats = registry_stats(load_registry())
    print(stats["by_lean"], stats["languages"], stats["outside_us"])
    assert stats["outlets"] >= 300
    assert stats["rated"] >= 200
    assert stats["outside_us"] >= 80
    assert len(stats["non_english_languages"]) >= 5
    assert all(stats["by_lean"][lean] >= 10 for lean in ("left", "lean_left", "center"))
    assert all(stats["by_lean"][lean] >= 10 for lean in ("lean_right", "right"))


def test_shipped_registry_has_the_wire_services_and_regions() -> None:
    records = {r.slug: r for r in load_registry()}
    for slug in ("ap", "reuters", "afp", "upi", "bbc-news", "al-jazeera", "le-monde", "nhk"):
        assert records[slug].feeds, slug
    countries = {r.country for r in records.values()}
    for country in ("GB", "DE", "FR", "JP", "IN", "QA", "ZA", "NG", "BR", "AR", "AU", "NZ"):
        assert country in countries


def test_every_shipped_rating_names_its_source_and_date() -> None:
    for rec in read_registry_file(SHIPPED_CSV):
        if rec.lean:
            assert rec.lean_source, rec.slug
            assert rec.lean_as_of, rec.slug
        if rec.factuality:
            assert rec.factuality_source, rec.slug
            assert rec.factuality_as_of, rec.slug


def test_overrides_update_a_shipped_outlet_by_slug(tmp_path: Path) -> None:
    overrides = write_csv(
        tmp_path / "o.csv",
        [{"slug": "reuters", "lean": "lean_left", "lean_source": "Me", "lean_as_of": "2026-01"}],
    )
    reuters = next(r for r in load_registry(overrides) if r.slug == "reuters")
    assert (reuters.lean, reuters.lean_source, reuters.lean_as_of) == ("lean_left", "Me", "2026-01")
    assert reuters.name == "Reuters"
    assert reuters.feeds


def test_overrides_row_with_known_domain_updates_that_outlet_and_adds_feeds(tmp_path: Path) -> None:
    overrides = write_csv(
        tmp_path / "o.csv",
        [
            {
                "slug": "my-bbc",
                "domains": "www.bbc.co.uk",
                "feeds": "https://feeds.bbci.co.uk/news/education/rss.xml|General",
            }
        ],
    )
    records = load_registry(overrides)
    assert not any(r.slug == "my-bbc" for r in records)
    bbc = next(r for r in records if r.slug == "bbc-news")
    assert FeedRecord("https://feeds.bbci.co.uk/news/education/rss.xml", "General") in bbc.feeds
    assert bbc.lean == "center"


def test_overrides_add_a_new_outlet(tmp_path: Path) -> None:
    overrides = write_csv(
        tmp_path / "o.csv",
        [
            {
                "slug": "local-gazette",
                "name": "Local Gazette",
                "domains": "localgazette.example.org",
                "feeds": "https://localgazette.example.org/feed",
            }
        ],
    )
    shipped = len(load_registry())
    records = load_registry(overrides)
    assert len(records) == shipped + 1
    assert records[-1].lean is None


def test_extra_files_merge_before_overrides(tmp_path: Path) -> None:
    extra = write_csv(
        tmp_path / "extra.csv",
        [{"slug": "vox", "lean": "center", "lean_source": "Extra", "lean_as_of": "2025-01"}],
    )
    overrides = write_csv(
        tmp_path / "o.csv",
        [{"slug": "vox", "lean": "right", "lean_source": "Mine", "lean_as_of": "2025-02"}],
    )
    vox = next(r for r in load_registry(overrides, [extra]) if r.slug == "vox")
    assert (vox.lean, vox.lean_source) == ("right", "Mine")


def test_missing_overrides_file_is_no_error(tmp_path: Path) -> None:
    assert len(load_registry(tmp_path / "none.csv")) == len(load_registry())


def test_missing_extra_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match=r"none\.csv does not exist"):
        load_registry(extra=[tmp_path / "none.csv"])


def test_invalid_overrides_refuse_to_load_with_every_problem(tmp_path: Path) -> None:
    overrides = write_csv(
        tmp_path / "o.csv",
        [{"slug": "vox", "lean": "purple", "lean_source": "x", "lean_as_of": "2025-01"}],
    )
    with pytest.raises(
        RegistryError, match=r"(?s)o.csv:2 \(vox\): unknown lean 'purple'.*outlets check"
    ):
        load_registry(overrides)


def test_check_lists_every_problem_and_exits_nonzero(cli_env: Path) -> None:
    write_csv(
        cli_env,
        [
            {
                "slug": "dup-a",
                "name": "A",
                "domains": "dup.example.com",
                "lean": "far-out",
                "lean_source": "x",
                "lean_as_of": "2025-01",
                "feeds": "not a url",
            },
            {"slug": "dup-b", "name": "B", "domains": "dup.example.com", "feeds": ""},
            {"slug": "dup-b", "name": "B2", "domains": "b2.example.com", "factuality": "great"},
            {"slug": "lonely", "name": "Lonely", "domains": "lonely.example.com"},
        ],
    )
    result = CliRunner().invoke(app, ["outlets", "check"])
    assert result.exit_code == 1
    out = result.output
    assert "unknown lean 'far-out'" in out
    assert "malformed feed URL 'not a url'" in out
    assert "duplicate domain 'dup.example.com'" in out
    assert "duplicate slug 'dup-b'" in out
    assert "unknown factuality 'great'" in out
    assert "outlet 'lonely': no feed" in out


def test_check_reports_a_domain_shared_with_the_shipped_registry_by_another_slug(
    cli_env: Path,
) -> None:
    write_csv(
        cli_env,
        [
            {
                "slug": "copycat",
                "name": "Copycat",
                "domains": "copycat.example.com;nytimes.com",
                "feeds": "https://copycat.example.com/feed",
            },
            {
                "slug": "copycat-2",
                "name": "Copycat 2",
                "domains": "copycat2.example.com",
                "feeds": "https://rss.nytimes.com/services/xml/rss/nyt/World.xml",
            },
        ],
    )
    result = CliRunner().invoke(app, ["outlets", "check"])
    assert result.exit_code == 1
    assert "listed by two outlets: 'nytimes' and 'copycat-2'" in result.output


def test_registry_file_round_trips_through_write(tmp_path: Path) -> None:
    rec = OutletRecord(
        slug="x",
        name="X, Inc.",
        domains=["x.example.com"],
        country="US",
        language="en",
        lean="center",
        lean_source="AllSides",
        lean_as_of="2024-06",
        feeds=[
            FeedRecord("https://x.example.com/feed?a=1,2", "World"),
            FeedRecord("https://x.example.com/b"),
        ],
    )
    path = tmp_path / "x.csv"
    write_registry_file(path, [rec])
    assert read_registry_file(path) == [rec]


@pytest.mark.parametrize(
    ("spelling", "lean"),
    [
        ("Lean Left", "lean_left"),
        ("left-center", "lean_left"),
        ("Least Biased", "center"),
        ("right-center", "lean_right"),
        ("Right", "right"),
        ("Mixed", None),
    ],
)
def test_common_lean_spellings_normalise(spelling: str, lean: str | None) -> None:
    assert normalize_lean(spelling) == lean


def test_factuality_threshold_keeps_rated_outlets_at_or_above_it() -> None:
    assert passes_factuality("very_high", "high")
    assert passes_factuality("high", "high")
    assert not passes_factuality("mixed", "high")
    assert not passes_factuality("very_low", "low")


def test_factuality_threshold_keeps_unrated_outlets_and_empty_minimum() -> None:
    assert passes_factuality(None, "very_high")
    assert passes_factuality("very_low", "")


def test_factuality_threshold_rejects_unknown_minimum() -> None:
    with pytest.raises(ConfigError, match="very_high"):
        passes_factuality("high", "excellent")


def test_sync_is_idempotent(any_store: Store) -> None:
    records = load_registry()
    first = sync_registry(any_store, records)
    second = sync_registry(any_store, records)
    assert first["created_outlets"] == len(records)
    assert second["created_outlets"] == 0
    assert second["created_feeds"] == 0
    assert any_store.count(Outlet) == len(records)
    assert any_store.count(Feed) == sum(len(r.feeds) for r in records)
    assert any_store.count(OutletDomain) == sum(len(r.domains) for r in records)


def test_sync_applies_changes_and_keeps_feed_state(any_store: Store) -> None:
    records = [
        OutletRecord(
            slug="a",
            name="A",
            domains=["a.example.com", "old.example.com"],
            feeds=[FeedRecord("https://a.example.com/feed", "World")],
        )
    ]
    sync_registry(any_store, records)
    with any_store.session() as s:
        s.scalars(select(Feed)).one().failures = 3
    records[0].domains = ["a.example.com", "new.example.com"]
    records[0].lean, records[0].lean_source, records[0].lean_as_of = "left", "Me", "2025-01"
    records[0].feeds[0].category = "Politics"
    sync_registry(any_store, records)
    with any_store.session() as s:
        outlet = s.scalars(select(Outlet)).one()
        feed = s.scalars(select(Feed)).one()
        domains = set(s.scalars(select(OutletDomain.domain)))
    assert outlet.lean == "left"
    assert (feed.category_hint, feed.failures) == ("Politics", 3)
    assert domains == {"a.example.com", "new.example.com"}


def test_overrides_survive_an_upgrade_of_the_shipped_registry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsprism.outlets.registry as registry

    feed = "https://a.example.com/feed"
    old = write_csv(
        tmp_path / "v1.csv",
        [{"slug": "a", "name": "A", "domains": "a.example.com", "feeds": feed}],
    )
    new = write_csv(
        tmp_path / "v2.csv",
        [
            {"slug": "a", "name": "A (renamed)", "domains": "a.example.com", "feeds": feed},
            {
                "slug": "b",
                "name": "B",
                "domains": "b.example.com",
                "feeds": "https://b.example.com/f",
            },
        ],
    )
    overrides = write_csv(
        tmp_path / "o.csv",
        [{"slug": "a", "lean": "right", "lean_source": "Mine", "lean_as_of": "2025-03"}],
    )
    monkeypatch.setattr(registry, "SHIPPED_CSV", old)
    before = {r.slug: r for r in load_registry(overrides)}
    monkeypatch.setattr(registry, "SHIPPED_CSV", new)
    after = {r.slug: r for r in load_registry(overrides)}
    assert before["a"].lean == after["a"].lean == "right"
    assert after["a"].name == "A (renamed)"
    assert set(after) == {"a", "b"}


def test_check_reports_a_row_with_an_unquoted_comma(cli_env: Path) -> None:
    cli_env.write_text(
        ",".join(CSV_COLUMNS)
        + "\n"
        # one cell more than the header: "Acme, Inc." unquoted, the rest empty but the feed
        + ",".join(
            ["acme", "Acme", " Inc.", "acme.example.com", "US", "en"]
            + [""] * (len(CSV_COLUMNS) - 6)
            + ["https://acme.example.com/feed"]
        )
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["outlets", "check"])
    assert result.exit_code == 1
    assert "1 cell(s) more than the header has" in result.output
