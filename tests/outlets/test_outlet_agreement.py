"""Agreement of the shipped leans with public ratings data in ../shared/data (skipped without it).

The data is read in place, through the same matching `import-ratings` uses, and only compared:
nothing from it is written anywhere. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from newsprism.errors import RegistryError
from newsprism.outlets.ratings import RatingRow, match_ratings, read_ratings
from newsprism.outlets.registry import OutletRecord, load_registry, normalize_lean
from newsprism.store.schema import LEANS
from shareddata import shared_path

pytestmark = pytest.mark.shared_data

THREE_POINT = {"left": 0, "lean_left": 0, "center": 1, "lean_right": 2, "right": 2}


def lean_pairs(
    rows: Sequence[RatingRow], registry: Sequence[OutletRecord], source: str | None
) -> list[tuple[str, str]]:
    """(shipped lean, data lean) per matched outlet; outlets whose data rows disagree are left out.

    With *source*, only outlets whose shipped lean cites that source are compared.
    """
    matches, _report = match_ratings(rows, registry)
    pairs = []
    for index, matched in matches.items():
        rec = registry[index]
        leans = {r.lean for r in matched if r.lean}
        if rec.lean and len(leans) == 1 and (source is None or source in (rec.lean_source or "")):
            pairs.append((rec.lean, leans.pop()))
    return pairs


def agreement(pairs: Sequence[tuple[str, str]]) -> dict[str, float]:
    n = len(pairs)
    return {
        "n": n,
        "exact": sum(a == b for a, b in pairs) / n,
        "within_one": sum(abs(LEANS.index(a) - LEANS.index(b)) <= 1 for a, b in pairs) / n,
        "three_point": sum(THREE_POINT[a] == THREE_POINT[b] for a, b in pairs) / n,
    }


def mbfc_rows() -> list[RatingRow]:
    data = json.loads(shared_path("ratings/mbfc_mbfcext/sources.json").read_text("utf-8"))
    rows = []
    for line, item in enumerate(data, start=1):
        try:
            lean = normalize_lean(item.get("bias"))
        except RegistryError:
            lean = None
        if lean and item.get("domain"):
            # by domain only: MBFC lists domains, and 9,775 fuzzy name look-ups would add ~15 s
            rows.append(RatingRow(line, "", item["domain"], lean, None, None))
    return rows


def test_shipped_allsides_leans_agree_with_allsides_data() -> None:
    registry = load_registry()
    for relative in (
        "ratings/allsides_izbicki/allsides.csv",
        "ratings/allsides_favstats/allsides_data.csv",
    ):
        rows, _bad = read_ratings(shared_path(relative))
        figures = agreement(lean_pairs(rows, registry, "AllSides"))
        print(f"\n{relative}: {figures}")
        assert figures["n"] >= 50
        assert figures["exact"] >= 0.6
        assert figures["within_one"] >= 0.9


def test_shipped_leans_agree_with_mbfc_data() -> None:
    registry = load_registry()
    rows = mbfc_rows()
    cited = agreement(lean_pairs(rows, registry, "Media Bias/Fact Check"))
    everyone = agreement(lean_pairs(rows, registry, None))
    print(f"\nMBFC (rows citing MBFC): {cited}\nMBFC (all rated rows): {everyone}")
    assert everyone["n"] >= 150
    assert everyone["exact"] >= 0.6
    assert cited["three_point"] >= 0.6
    assert cited["within_one"] >= 0.9
