"""The stage chain and its in-process runner.

Each stage is a plain function ``stage(ctx) -> StageReport`` that reads rows from the
store, does its work in bounded batches and writes rows back, idempotently. The same
functions run here (embedded mode) and inside Celery tasks (``tasks.py``).

Order: poll_feeds → fetch_articles → dedupe_articles → embed_articles →
cluster_articles → analyze_stories → synthesize_briefs.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newsprism.config import Settings
from newsprism.store.db import Store

__all__ = ["LANES", "STAGES", "Pipeline", "StageContext", "StageReport", "run_stage"]

log = logging.getLogger(__name__)


@dataclass
class StageContext:
    """What every stage receives: the store, the settings and lazily built shared models."""

    store: Store
    settings: Settings
    #: lazily created, shared objects (embedder, fetcher, clusterer state, …) by name
    resources: dict[str, Any] = field(default_factory=dict)

    def resource(self, name: str, factory: Callable[[], Any]) -> Any:
        """The shared object *name*, built once with *factory*."""
        if name not in self.resources:
            self.resources[name] = factory()
        return self.resources[name]


@dataclass
class StageReport:
    """What one run of a stage did."""

    stage: str
    processed: int = 0
    failed: int = 0
    seconds: float = 0.0
    #: CPU seconds of this process (all threads) spent in the stage
    cpu_seconds: float = 0.0
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def did_work(self) -> bool:
        """True when the stage handled at least one row."""
        return self.processed + self.failed > 0


StageFn = Callable[[StageContext], StageReport]


def _stage_table() -> dict[str, StageFn]:
    # Imported here so that `import newsprism.pipeline` stays cheap (no torch, no spaCy).
    from newsprism.analysis.stage import analyze_stories
    from newsprism.ingest.images import fetch_images
    from newsprism.ingest.stage import dedupe_articles, fetch_articles, poll_feeds
    from newsprism.stories.stage import cluster_articles, embed_articles
    from newsprism.synth.stage import synthesize_briefs

    return {
        "poll_feeds": poll_feeds,
        "fetch_articles": fetch_articles,
        "dedupe_articles": dedupe_articles,
        "embed_articles": embed_articles,
        "cluster_articles": cluster_articles,
        "analyze_stories": analyze_stories,
        "synthesize_briefs": synthesize_briefs,
        "fetch_images": fetch_images,
    }


STAGES = (
    "poll_feeds",
    "fetch_articles",
    "dedupe_articles",
    "embed_articles",
    "cluster_articles",
    "analyze_stories",
    "synthesize_briefs",
    "fetch_images",
)


#: Embedded mode runs these lanes concurrently: the network lane never waits for a model,
#: and the model lane never waits for the network. Each stage belongs to exactly one lane,
#: so no two threads ever take the same rows.
LANES: dict[str, tuple[str, ...]] = {
    "ingest": ("poll_feeds", "fetch_articles", "dedupe_articles", "fetch_images"),
    "models": ("embed_articles", "cluster_articles"),
    "stories": ("analyze_stories", "synthesize_briefs"),
}


def run_stage(name: str, ctx: StageContext) -> StageReport:
    """Run one stage by name and time it."""
    fn = _stage_table()[name]
    start, cpu_start = time.perf_counter(), time.process_time()
    report = fn(ctx)
    report.seconds = time.perf_counter() - start
    report.cpu_seconds = time.process_time() - cpu_start
    return report


class Pipeline:
    """Runs the stages in order, in this process, until there is no work left or it is stopped."""

    def __init__(self, ctx: StageContext) -> None:
        self.ctx = ctx
        self.stop_event = threading.Event()
        #: the stage running now (None between passes), for the heartbeat
        self.current_stage: str | None = None

    def run_once(self, stages: tuple[str, ...] = STAGES) -> list[StageReport]:
        """One pass over *stages*; each stage drains its backlog in batches."""
        reports = []
        for name in stages:
            if self.stop_event.is_set():
                break
            total = StageReport(name)
            self.current_stage = name
            while not self.stop_event.is_set():
                report = run_stage(name, self.ctx)
                total.processed += report.processed
                total.failed += report.failed
                total.seconds += report.seconds
                total.cpu_seconds += report.cpu_seconds
                total.details.update(report.details)
                # poll_feeds does one round per pass; batch stages repeat until drained
                if name == "poll_feeds" or not report.did_work:
                    break
            log.info("stage %s: %d done, %d failed", name, total.processed, total.failed)
            reports.append(total)
        self.current_stage = None
        return reports

    def run_forever(self, idle_seconds: float = 5.0) -> None:
        """The embedded scheduler: pass after pass, sleeping when a pass found nothing."""
        while not self.stop_event.is_set():
            reports = self.run_once()
            if not any(r.did_work for r in reports):
                self.stop_event.wait(idle_seconds)

    def run_lanes(self, idle_seconds: float = 5.0) -> None:
        """The embedded scheduler with concurrent lanes (see `LANES`), until stopped.

        Ingest fetches while the models embed and cluster; stories are analysed and briefed
        every `brief_interval` seconds while articles arrive, and at once when the model lane
        is idle, so a story's brief appears soon after its articles instead of after the
        whole backlog. Fetching pauses while `lane_queue_limit` articles wait for the models.
        """
        threads = [
            threading.Thread(target=self._lane, args=(name, idle_seconds), name=f"lane-{name}")
            for name in LANES
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _lane(self, lane: str, idle_seconds: float) -> None:
        """Run one batch of each stage of *lane* in turn; a crash is logged and retried."""
        interval = self.ctx.settings.brief_interval
        last = 0.0
        while not self.stop_event.is_set():
            try:
                if lane == "stories" and time.monotonic() - last < interval and self._busy():
                    self.stop_event.wait(min(1.0, interval))
                    continue
                last = time.monotonic()
                worked = False
                for name in LANES[lane]:
                    if self.stop_event.is_set():
                        return
                    if (
                        name == "fetch_articles"
                        and self._backlog() >= self.ctx.settings.lane_queue_limit
                    ):
                        continue  # bounded queue: the model lane is behind
                    worked |= run_stage(name, self.ctx).did_work
            except Exception:
                log.exception("lane %s failed; retrying in 30 s", lane)
                self.stop_event.wait(30)
                continue
            if not worked:
                self.stop_event.wait(idle_seconds if lane == "ingest" else 1.0)

    def _backlog(self) -> int:
        """Articles fetched and deduplicated that wait for the model lane."""
        from sqlalchemy import func, select

        from newsprism.store.schema import Article

        with self.ctx.store.session() as session:
            return int(
                session.scalar(
                    select(func.count()).select_from(Article).where(Article.status == "ready")
                )
                or 0
            )

    def _busy(self) -> bool:
        """Whether articles are still on their way to stories (embedding or clustering)."""
        from sqlalchemy import select

        from newsprism.store.schema import Article

        with self.ctx.store.session() as session:
            waiting = session.scalar(
                select(Article.id).where(Article.status.in_(("ready", "embedded"))).limit(1)
            )
        return waiting is not None
