"""Briefs on real multi-outlet coverage: every baly2020 story with ≥ 3 outlets, end to end.

Stores the stories in a throwaway SQLite database (outlets with their AllSides lean), marks
them analyzed with an empty analysis (the analysis stage is benchmarked on its own), runs
``synthesize_briefs`` until it has nothing left, and reports coverage of sections, dropped
sentences and time per brief (wall and CPU). Prints one example brief, abridged.

Coverage weighting (issue 15 item 9): for every brief, each side's share of the narrator
citations (summary, story, why it matters, context, global impact) against its share of the
story's outlets, for the stored brief and for its balanced variant when there is one, and
the figures of the most lopsided story.

    PYTHONPATH=src python bench/bench_briefs.py [--limit N] [--lopsided] [--json]

``--lopsided`` takes the stories covered by all three sides whose largest side has the
largest share of the outlets first, and reports citations by side for each of them.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from newsprism.config import load_settings
from newsprism.pipeline import StageContext
from newsprism.store.db import Store
from newsprism.store.schema import Article, Brief, Outlet, Story
from newsprism.synth.evaluate import _stories, find_baly
from newsprism.synth.stage import synthesize_briefs


def load(store: Store, stories: list[list[dict[str, Any]]]) -> None:
    outlets: dict[str, int] = {}
    with store.session() as session:
        for group in stories:
            day = datetime.fromisoformat(group[0]["published"]).replace(tzinfo=UTC)
            story = Story(
                title=group[0]["title"], slug="s", first_seen=day, last_updated=day,
                n_articles=len(group), n_outlets=len({a["outlet"] for a in group}),
                revision=1, analyzed_revision=1, analysis={},
            )  # fmt: skip
            session.add(story)
            session.flush()
            for art in group:
                if art["outlet"] not in outlets:
                    outlet = Outlet(slug=f"o{len(outlets)}", name=art["outlet"], lean=art["lean"],
                                    domains=[art["outlet_domain"]])  # fmt: skip
                    session.add(outlet)
                    session.flush()
                    outlets[art["outlet"]] = outlet.id
                session.add(
                    Article(
                        outlet_id=outlets[art["outlet"]], url=art["url"],
                        canonical_url=f"{art['url']}#{art['id']}", title=art["title"],
                        text=art["text"], story_id=story.id, status="clustered",
                        published_at=day,
                    )
                )  # fmt: skip


#: Sections in the narrator's voice: the weighting decides their sides (key points are one
#: side each by definition).
NARRATOR = ("summary", "story", "why_it_matters", "context", "global_impact")


def _side(lean: str | None) -> str:
    if lean in ("left", "lean_left"):
        return "left"
    if lean in ("right", "lean_right"):
        return "right"
    return "center" if lean == "center" else "other"


def _cited_sides(sections: dict[str, Any], side_of: dict[int, str]) -> Counter[str]:
    return Counter(
        side_of[s["citations"][0]["article_id"]]
        for name in NARRATOR
        for s in sections.get(name, [])
        if s.get("citations")
    )


def lopsidedness(group: list[dict[str, Any]]) -> tuple[float, int] | None:
    """(largest side's share of outlets, outlets) of a story covered by all three sides."""
    outlets: dict[str, set[str]] = {}
    for art in group:
        outlets.setdefault(_side(art["lean"]), set()).add(art["outlet"])
    if not {"left", "center", "right"} <= set(outlets):
        return None
    n = sum(len(v) for v in outlets.values())
    return max(len(v) for v in outlets.values()) / n, n


def weighting_figures(store: Store, *, per_story: bool = False) -> dict[str, Any]:
    """Citation shares by side against outlet shares, per brief and for the most lopsided."""
    with store.session() as session:
        rows = session.execute(
            select(Article.id, Article.story_id, Outlet.name, Outlet.lean).join(
                Outlet, Outlet.id == Article.outlet_id
            )
        ).all()
        briefs = list(session.scalars(select(Brief)))
        variants = {
            b.story_id: (getattr(b, "variants", None) or {}).get("balanced") for b in briefs
        }
    side_of = {article_id: _side(lean) for article_id, _, _, lean in rows}
    outlets: dict[int, dict[str, set[str]]] = {}
    for _, story_id, name, lean in rows:
        outlets.setdefault(story_id, {}).setdefault(_side(lean), set()).add(name)
    gaps: dict[str, list[float]] = {"stored": [], "balanced": []}
    lopsided: tuple[float, int] | None = None
    for brief in briefs:
        by_side = {k: len(v) for k, v in outlets[brief.story_id].items()}
        n_outlets = sum(by_side.values())
        top = max(by_side.values()) / n_outlets
        if len(by_side) >= 3 and (lopsided is None or top > lopsided[0]):
            lopsided = (top, brief.story_id)
        for label, sections in (("stored", brief.sections), ("balanced", variants[brief.story_id])):
            cited = _cited_sides(sections or {}, side_of)
            total = sum(cited.values())
            if not total:
                continue
            # mean over the story's sides of |citation share − outlet share|
            gaps[label].append(
                statistics.mean(abs(cited[k] / total - n / n_outlets) for k, n in by_side.items())
            )
    out: dict[str, Any] = {
        f"side_share_gap_{k}": round(statistics.mean(v), 3) for k, v in gaps.items() if v
    }
    if per_story:
        out["per_story"] = [
            {
                "outlets_by_side": {k: len(v) for k, v in sorted(outlets[b.story_id].items())},
                "citations_stored": dict(_cited_sides(b.sections, side_of)),
                "citations_balanced": dict(_cited_sides(variants[b.story_id] or {}, side_of)),
            }
            for b in sorted(briefs, key=lambda b: b.story_id)
        ]
    if lopsided is not None:
        story_id = lopsided[1]
        brief = next(b for b in briefs if b.story_id == story_id)
        out["lopsided_story"] = {
            "story_id": story_id,
            "outlets_by_side": {k: len(v) for k, v in sorted(outlets[story_id].items())},
            "citations_stored": dict(_cited_sides(brief.sections, side_of)),
            "citations_balanced": dict(_cited_sides(variants[story_id] or {}, side_of)),
            "weighting_stored": (brief.stats or {}).get("weighting"),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="at most this many stories")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--lopsided", action="store_true", help="most one-sided stories first")
    args = parser.parse_args()
    stories = [g for g in _stories(find_baly()) if len({a["outlet"] for a in g}) >= 3]
    if args.lopsided:
        ranked = [(rank, g) for g in stories if (rank := lopsidedness(g)) is not None]
        ranked.sort(key=lambda rg: (-rg[0][0], -rg[0][1]))
        stories = [g for _, g in ranked]
    if args.limit:
        stories = stories[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp), embedder="hashing")
        store = Store(settings.sqlalchemy_url)
        store.upgrade()
        load(store, stories)
        ctx = StageContext(store, settings)
        started = time.perf_counter()
        ctx.resource("faithfulness_guard", lambda: __import__(
            "newsprism.synth.stage", fromlist=["build_guard"]).build_guard(settings))  # fmt: skip
        model_seconds = time.perf_counter() - started
        started, cpu_started = time.perf_counter(), time.process_time()
        while synthesize_briefs(ctx).did_work:
            pass
        total = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        with store.session() as session:
            briefs = list(session.scalars(select(Brief)))
            n_stories = len(list(session.scalars(select(Story.id))))
            n_articles = len(list(session.scalars(select(Article.id))))
        sections = Counter(name for b in briefs for name in b.sections)
        dropped = Counter(d["reason"] for b in briefs for d in b.stats.get("dropped", []))
        kept = sum(b.stats.get("sentences", 0) for b in briefs)
        uncited = sum(1 for b in briefs for ss in b.sections.values() for s in ss
                      if not s["citations"])  # fmt: skip
        seconds = [b.stats["seconds"] for b in briefs]
        result = {
            "stories_with_3_outlets": n_stories,
            "briefs": len(briefs),
            "sections_present": {k: f"{v}/{len(briefs)}" for k, v in sections.most_common()},
            "sentences_kept": kept,
            "sentences_dropped": sum(dropped.values()),
            "dropped_by_reason": dict(dropped),
            "uncited_sentences_stored": uncited,
            "seconds_model_load": round(model_seconds, 1),
            "seconds_total": round(total, 1),
            # CPU of this process (both cores): steadier than wall time on a shared machine
            "cpu_seconds_total": round(cpu, 1),
            "cpu_seconds_per_brief": round(cpu / len(briefs), 3) if briefs else None,
            "cpu_ms_per_article": round(1000 * cpu / max(1, n_articles), 1),
            "seconds_per_brief_median": round(statistics.median(seconds), 3) if seconds else None,
            "seconds_per_brief_max": round(max(seconds), 3) if seconds else None,
            "machine": f"{platform.machine()}, 2 cores",
        }
        result.update(weighting_figures(store, per_story=args.lopsided))
        if args.json:
            print(json.dumps(result, indent=1))
        else:
            for key, value in result.items():
                print(f"{key}: {value}")
        example = max(briefs, key=lambda b: len(b.sections))
        print("\nexample brief (story", example.story_id, "):")
        for name, sentences in example.sections.items():
            print(f"  [{name}]")
            for s in sentences[:3]:
                head = f"{s['heading']}: " if s.get("heading") else ""
                cites = ",".join(str(c["article_id"]) for c in s["citations"])
                print(f"    - {head}{s['text'][:160]} [{cites}]")
        store.dispose()


if __name__ == "__main__":
    main()
