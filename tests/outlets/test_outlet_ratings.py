"""import-ratings: match by domain then name, report every outcome, never guess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.errors import RegistryError
from newsprism.outlets.ratings import import_ratings, normalize_name, read_ratings
from newsprism.outlets.registry import FeedRecord, OutletRecord, load_registry, read_registry_file


def outlet(slug: str, name: str, domain: str, lean: str | None = None) -> OutletRecord:
    return OutletRecord(
        slug=slug,
        name=name,
        domains=[domain],
        lean=lean,
        lean_source="Old" if lean else None,
        lean_as_of="2020-01" if lean else None,
        feeds=[FeedRecord(f"https://{domain}/feed")],
    )


REGISTRY = [
    outlet("daily-planet", "The Daily Planet", "dailyplanet.example.com", "center"),
    outlet("gotham-gazette", "Gotham Gazette", "gothamgazette.example.com", "lean_left"),
    outlet("metro-times", "Metro Times", "metrotimes.example.com"),
    outlet("metro-tribune", "Metro Tribune", "metrotribune.example.com"),
    outlet("star-city-star", "Star City Star", "starcity.example.net", "right"),
    outlet("springfield-shopper", "The Springfield Shopper", "shopper.example.com"),
    outlet("springfield-shopper-or", "Springfield Shopper (Oregon)", "shopper-or.example.com"),
]


def run(tmp_path: Path, text: str, **kwargs: object) -> tuple[dict[str, object], Path]:
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(text, encoding="utf-8")
    overrides = tmp_path / "outlets.local.csv"
    report = import_ratings(
        ratings,
        source="TestRatings",
        overrides=overrides,
        registry=REGISTRY,
        as_of="2025-05",
        **kwargs,  # type: ignore[arg-type]
    )
    return report.as_dict(), overrides


def overrides_by_slug(path: Path) -> dict[str, OutletRecord]:
    return {r.slug: r for r in read_registry_file(path)} if path.exists() else {}


def test_domain_match_updates_lean_and_provenance(tmp_path: Path) -> None:
    report, overrides = run(
        tmp_path, "name,url,bias\nWhatever,https://www.dailyplanet.example.com/,Lean Right\n"
    )
    assert report["counts"] == {
        "matched": 1,
        "changed": 1,
        "ambiguous": 0,
        "unmatched": 0,
        "bad_rows": 0,
    }
    row = overrides_by_slug(overrides)["daily-planet"]
    assert (row.lean, row.lean_source, row.lean_as_of) == ("lean_right", "TestRatings", "2025-05")


def test_name_match_uses_exact_then_fuzzy_names(tmp_path: Path) -> None:
    report, overrides = run(
        tmp_path,
        "outlet,rating\nDaily Planet (Online News),left-center\nGotham Gazzette,Left\n",
    )
    assert report["counts"]["matched"] == 2
    rows = overrides_by_slug(overrides)
    assert rows["daily-planet"].lean == "lean_left"
    assert rows["gotham-gazette"].lean == "left"


def test_unchanged_rating_from_the_same_source_is_matched_not_changed(tmp_path: Path) -> None:
    registry = [outlet("star-city-star", "Star City Star", "starcity.example.net", "right")]
    registry[0].lean_source = "TestRatings"
    ratings = tmp_path / "again.csv"
    ratings.write_text("name,lean\nStar City Star,right\n", encoding="utf-8")
    report = import_ratings(
        ratings, source="TestRatings", overrides=tmp_path / "o.csv", registry=registry
    )
    assert report.counts()["matched"] == 1
    assert report.counts()["changed"] == 0
    assert not (tmp_path / "o.csv").exists()


def test_names_shared_by_two_outlets_are_ambiguous_and_not_applied(tmp_path: Path) -> None:
    report, overrides = run(tmp_path, "name,lean\nSpringfield Shopper,left\n")
    assert report["counts"]["ambiguous"] == 1
    assert set(report["ambiguous"][0]["candidates"]) == {
        "springfield-shopper",
        "springfield-shopper-or",
    }
    assert overrides_by_slug(overrides) == {}


def test_near_misses_below_the_accept_score_are_ambiguous(tmp_path: Path) -> None:
    report, overrides = run(tmp_path, "name,lean\nMetro Timesbune,left\n")
    assert report["counts"]["ambiguous"] == 1
    assert report["counts"]["matched"] == 0
    assert overrides_by_slug(overrides) == {}


def test_a_clear_typo_still_matches(tmp_path: Path) -> None:
    report, overrides = run(tmp_path, "name,lean\nMetro Tmes,left\n")
    assert report["matched"][0]["slug"] == "metro-times"
    assert overrides_by_slug(overrides)["metro-times"].lean == "left"


def test_unmatched_rows_are_reported(tmp_path: Path) -> None:
    report, overrides = run(
        tmp_path, "name,domain,lean\nNowhere Weekly,nowhere.example.org,center\n"
    )
    assert report["unmatched"] == [
        {"line": 2, "name": "Nowhere Weekly", "domain": "nowhere.example.org"}
    ]
    assert not overrides.exists()


def test_bad_rows_are_reported_and_nothing_unmatchable_changes(tmp_path: Path) -> None:
    text = (
        "name,domain,lean,factuality\n"
        "Gotham Gazette,,purple,\n"  # unknown lean
        ",,left,\n"  # no name, no domain
        "Metro Times,,left,high\n"  # duplicate name …
        "Metro Times,,right,low\n"  # … so neither row is used
        "Daily Planet,,center,very high\n"  # good row
        "Too,many,cells,here,extra\n"  # wrong number of columns
    )
    report, overrides = run(tmp_path, text)
    reasons = {b["line"]: b["reason"] for b in report["bad_rows"]}
    assert "unknown lean 'purple'" in reasons[2]
    assert reasons[3] == "no name and no domain"
    assert reasons[4].startswith("duplicate name")
    assert reasons[5].startswith("duplicate name")
    assert reasons[7] == "wrong number of columns"
    rows = overrides_by_slug(overrides)
    assert set(rows) == {"daily-planet"}
    assert rows["daily-planet"].factuality == "very_high"
    # same lean as before, newer source: the provenance moves to this import
    assert (rows["daily-planet"].lean, rows["daily-planet"].lean_source) == (
        "center",
        "TestRatings",
    )


def test_missing_columns_raise_and_write_nothing(tmp_path: Path) -> None:
    ratings = tmp_path / "r.csv"
    ratings.write_text("title,score\nGotham Gazette,3\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="missing columns"):
        import_ratings(ratings, source="X", overrides=tmp_path / "o.csv", registry=REGISTRY)
    assert not (tmp_path / "o.csv").exists()


def test_conflicting_rows_for_one_outlet_are_ambiguous(tmp_path: Path) -> None:
    report, overrides = run(
        tmp_path,
        "name,domain,lean\n"
        "Planet A,dailyplanet.example.com,left\n"
        "Planet B,dailyplanet.example.com,right\n",
    )
    assert report["counts"]["ambiguous"] == 2
    assert report["counts"]["matched"] == 0
    assert not overrides.exists()


def test_mixed_lean_cell_keeps_lean_and_applies_factuality(tmp_path: Path) -> None:
    _report, overrides = run(
        tmp_path, "name,bias,factual_reporting\nGotham Gazette,Mixed,Mostly Factual\n"
    )
    row = overrides_by_slug(overrides)["gotham-gazette"]
    assert (row.lean, row.factuality, row.factuality_source) == (
        None,
        "mostly_factual",
        "TestRatings",
    )


def test_tsv_files_are_read(tmp_path: Path) -> None:
    path = tmp_path / "r.tsv"
    path.write_text(
        "source_url_normalized\tfact\tbias\ngothamgazette.example.com\thigh\tleft-center\n"
    )
    rows, bad = read_ratings(path)
    assert bad == []
    assert rows[0].domain == "gothamgazette.example.com"
    assert (rows[0].lean, rows[0].factuality) == ("lean_left", "high")


def test_existing_overrides_rows_are_kept(tmp_path: Path) -> None:
    overrides = tmp_path / "outlets.local.csv"
    overrides.write_text(
        "slug,name,domains,feeds\nmine,Mine,mine.example.com,https://mine.example.com/feed\n",
        encoding="utf-8",
    )
    run(tmp_path, "name,lean\nGotham Gazette,left\n")
    assert set(overrides_by_slug(overrides)) == {"mine", "gotham-gazette"}


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    report, overrides = run(tmp_path, "name,lean\nGotham Gazette,left\n", dry_run=True)
    assert report["counts"]["changed"] == 1
    assert not overrides.exists()


def test_cli_import_ratings_prints_the_report_and_the_registry_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overrides = tmp_path / "outlets.local.csv"
    monkeypatch.setenv("NEWSPRISM_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("NEWSPRISM_OUTLETS_OVERRIDES", str(overrides))
    ratings = tmp_path / "r.csv"
    ratings.write_text(
        "name,domain,bias\nReuters,reuters.com,Lean Left\nNowhere Weekly,,Left\nVox,,sideways\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["outlets", "import-ratings", str(ratings), "--source", "Mine", "--as-of", "2026-01"]
    )
    assert result.exit_code == 0, result.output
    assert "matched 1, changed 1, ambiguous 0, unmatched 1, bad rows 1" in result.output
    assert "reuters: lean center → lean_left" in result.output
    reuters = next(r for r in load_registry(overrides) if r.slug == "reuters")
    assert (reuters.lean, reuters.lean_source, reuters.lean_as_of) == (
        "lean_left",
        "Mine",
        "2026-01",
    )
    check = CliRunner().invoke(app, ["outlets", "check"])
    assert check.exit_code == 0, check.output
    as_json = CliRunner().invoke(
        app, ["outlets", "import-ratings", str(ratings), "--source", "Mine", "--dry-run", "--json"]
    )
    assert json.loads(as_json.output)["counts"]["changed"] == 0


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("The New York Times (Online News)", "new york times"),
        ("Wall Street Journal - News", "wall street journal"),
        ("RollingStone.com", "rollingstone"),
        ("Reuters Inc", "reuters"),
        ("Mother Jones", "mother jones"),
    ],
)
def test_rating_site_qualifiers_are_dropped_from_names(raw: str, normalised: str) -> None:
    assert normalize_name(raw) == normalised


def test_look_alike_names_are_not_applied(tmp_path: Path) -> None:
    report, overrides = run(tmp_path, "name,lean\nDaily Planets Weekly,left\n")
    assert report["counts"]["matched"] == 0
    assert not overrides.exists()
