"""Briefs on real multi-outlet coverage: every baly2020 story with ≥ 3 outlets, end to end.

Stores the stories in a throwaway SQLite database (outlets with their AllSides lean), marks
them analyzed with an empty analysis (the analysis stage is benchmarked on its own), runs
``synthesize_briefs`` until it has nothing left, and reports coverage of sections, dropped
sentences and time per brief. Prints one example brief, abridged.

    PYTHONPATH=src python bench/bench_briefs.py [--limit N] [--json]
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="at most this many stories")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    stories = [g for g in _stories(find_baly()) if len({a["outlet"] for a in g}) >= 3]
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
        started, started_cpu = time.perf_counter(), time.process_time()
        while synthesize_briefs(ctx).did_work:
            pass
        total, cpu = time.perf_counter() - started, time.process_time() - started_cpu
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
            "cpu_ms_per_article": round(1000 * cpu / max(1, n_articles), 1),
            "seconds_per_brief_median": round(statistics.median(seconds), 3) if seconds else None,
            "seconds_per_brief_max": round(max(seconds), 3) if seconds else None,
            "machine": f"{platform.machine()}, 2 cores",
        }
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
