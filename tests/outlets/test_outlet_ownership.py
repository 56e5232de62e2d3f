"""Ownership and funding per outlet: shipped coverage, validation, import, stats, DB, pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.outlets.ownership import import_ownership
from newsprism.outlets.registry import (
    OWNER_TYPES,
    OutletRecord,
    load_registry,
    normalize_owner_type,
    read_registry_file,
    sync_registry,
)
from newsprism.outlets.validate import validate_records
from newsprism.store.db import Store
from newsprism.store.schema import LEANS, Outlet


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSPRISM_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("NEWSPRISM_OUTLETS_OVERRIDES", str(tmp_path / "outlets.local.csv"))
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def test_at_least_80_percent_of_rated_outlets_name_an_owner_with_provenance() -> None:
    rated = [r for r in load_registry() if r.lean in LEANS]
    owned = [r for r in rated if r.owner]
    assert len(owned) / len(rated) >= 0.8
    for rec in owned:
        assert rec.owner_source, rec.slug
        assert rec.owner_as_of, rec.slug
        assert rec.owner_type is None or rec.owner_type in OWNER_TYPES, rec.slug


def test_shipped_owners_of_well_known_outlets() -> None:
    by_slug = {r.slug: r for r in load_registry()}
    assert (by_slug["bbc-news"].owner_type, by_slug["bbc-news"].owner) == ("public", "BBC")
    assert by_slug["wsj"].owner_chain == "News Corp"
    assert by_slug["the-guardian"].owner_type == "non_profit"
    assert by_slug["rt"].owner_type == "state"
    assert by_slug["ap"].owner_type == "cooperative"


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [("Non-profit", "non_profit"), ("state-owned", "state"), ("Public", "public"), ("", None)],
)
def test_owner_type_spellings_are_normalised(spelling: str, expected: str | None) -> None:
    assert normalize_owner_type(spelling) == expected


def test_owner_without_provenance_or_with_unknown_type_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text(
        "slug,name,domains,owner,owner_type,owner_source,owner_as_of,feeds\n"
        "a,A,a.example,Acme,,,,https://a.example/feed\n"
        "b,B,b.example,Bco,billionaire,Wikipedia,2024-06,https://b.example/feed\n",
        encoding="utf-8",
    )
    problems = validate_records(read_registry_file(path))
    assert any("(a): ownership needs owner_source" in p for p in problems)
    assert any("(b): unknown owner_type 'billionaire'" in p for p in problems)


def test_import_ownership_matches_by_domain_and_name_and_records_source(tmp_path: Path) -> None:
    registry = load_registry()
    ownership = tmp_path / "owners.csv"
    ownership.write_text(
        "name,domain,owner,funding,parent_chain\n"
        "Some Renamed Outlet,1news.co.nz,Television New Zealand,Public broadcaster,NZ Crown\n"
        "Crikey,,Private Media,independent,\n"
        "Nowhere Gazette,nowhere.invalid,Someone,corporate,\n"
        "Bad Type,bbc.co.uk,BBC,billionaire,\n",
        encoding="utf-8",
    )
    overrides = tmp_path / "outlets.local.csv"
    report = import_ownership(
        ownership, source="Wikipedia", overrides=overrides, registry=registry, as_of="2026-12"
    )
    assert [c["slug"] for c in report.changed] == ["1news"]  # crikey already says so
    assert report.counts()["unmatched"] == 1
    assert "unknown owner type 'billionaire'" in report.bad_rows[0]["reason"]
    merged = {r.slug: r for r in load_registry(overrides=overrides)}
    assert merged["1news"].owner == "Television New Zealand"
    assert merged["1news"].owner_type == "public"
    assert (merged["1news"].owner_source, merged["1news"].owner_as_of) == ("Wikipedia", "2026-12")


def test_stats_count_outlets_by_owner_type(cli_env: Path) -> None:
    result = CliRunner().invoke(app, ["outlets", "stats", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert sum(data["by_owner_type"].values()) == data["outlets"]
    assert data["by_owner_type"]["state"] >= 5
    assert data["rated_with_owner"] / data["rated"] >= 0.8
    table = CliRunner().invoke(app, ["outlets", "stats"]).output
    assert "owner_type non_profit" in table


def test_sync_stores_ownership(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'n.db'}")
    store.upgrade()
    sync_registry(
        store,
        [
            OutletRecord(
                slug="x",
                name="X",
                domains=["x.example"],
                owner="X Holdings",
                owner_type="corporate",
                owner_chain="Y Group > Z",
                owner_source="Wikipedia",
                owner_as_of="2024-06",
            )
        ],
    )
    with store.session() as session:
        outlet = session.query(Outlet).one()
        assert (outlet.owner, outlet.owner_type, outlet.owner_chain) == (
            "X Holdings",
            "corporate",
            "Y Group > Z",
        )
