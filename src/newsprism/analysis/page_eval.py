"""Page-quality measures of the analysis area, as plain functions for ``newsprism eval pages``.

- `speaker_accuracy`: speakers found for hand-labelled real quotes
  (``tests/analysis/speaker_labels.json``: article id, offsets, sha1 of the quote, label).
- `category_accuracy`: category accuracy on the baly2020 / UCI labelled set (`evaluate.py`).
- `timeline_links`: how many stories of a store have a non-empty timeline.
- `entity_framing_share`: share of framing terms that are names (entities or outlets).
- `lean_bar_above_fold`: share of story pages whose lean strip and counts fit in the first
  screen, desktop (1280×800) and phone (390×844), in chromium.

Every function reads its inputs in place and returns a dict of plain numbers.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from newsprism.analysis.evaluate import split_of
from newsprism.analysis.quotes import extract_quotes
from newsprism.analysis.speaker_resolution import resolve_speakers
from newsprism.analysis.speakers import GIVEN_NAME_FORMS, speaker_key
from newsprism.browser import CHROMIUM, CHROMIUM_ARGS
from newsprism.errors import DatasetError
from newsprism.store.db import Store
from newsprism.store.schema import Story

__all__ = [
    "SpeakerLabel",
    "as_extracted",
    "category_accuracy",
    "entity_framing_share",
    "lean_bar_above_fold",
    "load_speaker_labels",
    "nearest_name_speaker",
    "speaker_accuracy",
    "speaker_matches",
    "system_speaker",
    "timeline_links",
]

#: The labelled quotes shipped with the tests (no text: ids, offsets, hashes, labels).
SPEAKER_LABELS = Path(__file__).resolve().parents[3] / "tests" / "analysis" / "speaker_labels.json"


@dataclass(frozen=True)
class SpeakerLabel:
    """One hand-labelled quote: where it is and who said it (``~`` unnamed, ``?`` nobody)."""

    article_id: str
    start: int
    end: int
    sha1: str
    speaker: str


def load_speaker_labels(path: Path = SPEAKER_LABELS) -> list[SpeakerLabel]:
    """Read the label file (see `SpeakerLabel`)."""
    if not path.exists():
        raise DatasetError(f"{path} does not exist: it ships with the tests of the source tree.")
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [
        SpeakerLabel(q["article_id"], q["start"], q["end"], q["sha1"], q["speaker"])
        for q in doc["quotes"]
    ]


_NICKNAMES = GIVEN_NAME_FORMS


def _fold(word: str) -> str:
    """Lower case without accents or a possessive: "Díaz-Balart’s" → "diaz-balart"."""
    plain = unicodedata.normalize("NFKD", word)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return re.sub(r"['’]s$", "", plain)


def _tokens(name: str) -> list[str]:
    key = speaker_key(name)
    words = [_fold(w) for w in key.split()]
    if words and words[0] == "the":
        words = words[1:]
    return words


def _is_nominal(name: str) -> bool:
    """An unnamed speaker: "an official", "the statement", "one nurse"."""
    return name[:1].islower()


def speaker_matches(predicted: str | None, gold: str) -> bool:
    """Tell whether *predicted* is the labelled speaker.

    ``?``: only no speaker is right. ``~`` (unnamed): no speaker or an unnamed one. A name:
    the surname must agree (accents and a possessive aside), and the first names too when
    both give one, a usual short form counting as the name ("Trump" and "Donald Trump"
    agree, so do "Jerry Nadler" and "Jerrold Nadler"; "Ivanka Trump" and "Donald Trump"
    do not).
    """
    if gold == "?":
        return predicted is None
    if gold == "~":
        return predicted is None or _is_nominal(predicted)
    if predicted is None or _is_nominal(predicted):
        return False
    got = _tokens(predicted)
    for option in gold.split("|"):
        want = _tokens(option)
        if got and want and got[-1] == want[-1]:
            first_got, first_want = (_NICKNAMES.get(w, w) for w in (got[0], want[0]))
            if len(got) > 1 and len(want) > 1 and first_got != first_want:
                continue
            return True
    return False


def system_speaker(text: str, start: int, end: int) -> str | None:
    """The speaker NewsPrism gives the quote at ``text[start:end]`` (resolved to full names)."""
    quotes = resolve_speakers(extract_quotes(text), text)
    for quote in quotes:
        if quote.kind == "direct" and quote.start < end and quote.end > start:
            return quote.speaker
    return None


def as_extracted(
    predict: Callable[[str, int, int], str | None],
) -> Callable[[str, int, int], str | None]:
    """*predict* run on the text as the pipeline stores it: paragraphs one newline apart.

    The baly2020 texts part paragraphs with a blank line; the page extractor joins them
    with a single newline, and the quote extractor once read an attribution across that break
    that a blank line had hidden (5 % of a replay's quotes changed speaker). The label's
    offsets move with the removed newlines.
    """

    def run(text: str, start: int, end: int) -> str | None:
        shift_start = text.count("\n\n", 0, start)
        shift_end = text.count("\n\n", 0, end)
        return predict(text.replace("\n\n", "\n"), start - shift_start, end - shift_end)

    return run


_CAPITALISED = re.compile(r"\b[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)*")


def nearest_name_speaker(text: str, start: int, end: int) -> str | None:
    """Plain baseline: the capitalised run nearest the quote in its paragraph (after first)."""
    para_end = text.find("\n", end)
    after = text[end : para_end if para_end >= 0 else len(text)][:120]
    found = _CAPITALISED.search(after)
    if found:
        return found.group()
    para_start = text.rfind("\n", 0, start) + 1
    before = list(_CAPITALISED.finditer(text[max(para_start, start - 200) : start]))
    return before[-1].group() if before else None


def speaker_accuracy(
    labels: Sequence[SpeakerLabel],
    texts: Mapping[str, str],
    *,
    split: str | None = None,
    predict: Callable[[str, int, int], str | None] = system_speaker,
) -> dict[str, Any]:
    """Share of labelled quotes whose predicted speaker matches (`speaker_matches`).

    *texts* maps article id → article text (baly2020 ``text``); a label whose quote no
    longer hashes the same is counted in ``stale`` and skipped. *split* (``tune`` /
    ``test``) keeps the quotes of one half, split by article id (`split_of`). Returns
    ``{"n", "accuracy", "named_accuracy" (quotes with a named speaker), "stale",
    "errors": [{article_id, start, gold, predicted}]}``.
    """
    correct = named = named_correct = stale = 0
    errors: list[dict[str, Any]] = []
    used = 0
    for label in labels:
        if split is not None and split_of(label.article_id) != split:
            continue
        text = texts.get(label.article_id)
        quoted = text[label.start : label.end] if text is not None else None
        if quoted is None or hashlib.sha1(quoted.encode()).hexdigest() != label.sha1:
            stale += 1
            continue
        assert text is not None
        used += 1
        predicted = predict(text, label.start, label.end)
        hit = speaker_matches(predicted, label.speaker)
        correct += hit
        if label.speaker not in {"?", "~"}:
            named += 1
            named_correct += hit
        if not hit:
            errors.append(
                {
                    "article_id": label.article_id,
                    "start": label.start,
                    "gold": label.speaker,
                    "predicted": predicted,
                }
            )
    return {
        "n": used,
        "accuracy": round(correct / used, 4) if used else None,
        "named_accuracy": round(named_correct / named, 4) if named else None,
        "stale": stale,
        "errors": errors,
    }


def category_accuracy(path: Path, *, split: str | None = "test") -> dict[str, Any]:
    """Category accuracy on a baly2020 JSONL(.gz) or the UCI CSV (`evaluate_categories`)."""
    from newsprism.analysis.evaluate import evaluate_categories

    result = evaluate_categories(path, split=split)
    result.pop("confusion", None)
    return result


def timeline_links(store: Store) -> dict[str, Any]:
    """Stories with at least one timeline link, and the number of links, in *store*."""
    with store.session() as session:
        analyses = session.scalars(
            select(Story.analysis).where(Story.merged_into.is_(None), Story.analysis.is_not(None))
        ).all()
    linked = [len(a.get("timeline") or []) for a in analyses if a]
    return {
        "stories": len(linked),
        "stories_with_timeline": sum(1 for n in linked if n),
        "links": sum(linked),
    }


def entity_framing_share(store: Store) -> dict[str, Any]:
    """Share of framing terms with a word of the story's entities or outlet names."""
    from newsprism.analysis.framing import NAME_LABELS, name_words

    terms = named_terms = 0
    with store.session() as session:
        analyses = session.scalars(
            select(Story.analysis).where(Story.merged_into.is_(None), Story.analysis.is_not(None))
        ).all()
    for analysis in analyses:
        if not analysis or "framing" not in analysis:
            continue
        headlines = (analysis.get("landscape") or {}).get("headlines") or {}
        names = name_words(
            [e["text"] for e in analysis.get("entities") or [] if e["label"] in NAME_LABELS]
            + [h["outlet"] for rows in headlines.values() for h in rows if h.get("outlet")]
        )
        for side_terms in analysis["framing"].values():
            for item in side_terms:
                terms += 1
                named_terms += any(w in names for w in item["term"].split())
    return {"terms": terms, "named_share": round(named_terms / terms, 4) if terms else None}


#: Viewports of `lean_bar_above_fold`: a laptop and a phone.
FOLD_VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
_FOLD_SELECTORS = (".lean-strip", ".lean-counts")


def lean_bar_above_fold(
    base_url: str,
    story_paths: Sequence[str],
    *,
    browser: Any = None,
    chromium: str = CHROMIUM,
) -> dict[str, Any]:
    """Share of *story_paths* whose lean strip and counts sit in the first screen.

    Uses a Playwright *browser* when given (tests pass theirs), else launches *chromium*.
    Returns ``{"pages", "desktop", "phone"}`` (shares, 0–1).
    """
    if browser is None:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:
            raise DatasetError(
                "lean_bar_above_fold needs Playwright: pip install playwright"
            ) from exc
        with sync_playwright() as pw:
            launched = pw.chromium.launch(
                executable_path=chromium,
                args=list(CHROMIUM_ARGS),
            )
            try:
                return lean_bar_above_fold(base_url, story_paths, browser=launched)
            finally:
                launched.close()
    shares: dict[str, Any] = {"pages": len(story_paths)}
    for name, (width, height) in FOLD_VIEWPORTS.items():
        context = browser.new_context(
            viewport={"width": width, "height": height}, is_mobile=width < 600
        )
        page = context.new_page()
        above = 0
        for path in story_paths:
            page.goto(base_url.rstrip("/") + path)
            boxes = [page.locator(sel).first.bounding_box() for sel in _FOLD_SELECTORS]
            above += all(
                b is not None and b["y"] >= 0 and b["y"] + b["height"] <= height for b in boxes
            )
        context.close()
        shares[name] = round(above / len(story_paths), 4) if story_paths else None
    return shares
