"""The distributed scheduler: one leader publishes stage tasks where the store shows backlog.

Every ``schedule_interval`` seconds the leader (holder of the ``scheduler`` lock) looks at
each stage's backlog in the store and tops the stage up to ``stage_parallelism`` active
jobs (1 for clustering); it also republishes jobs whose messages were lost (broker
restart) or whose worker died (stale ``queued``/``running`` rows). A second scheduler
started by mistake waits for the lock; even if two ever ran at once, job keys are derived
from the tick number, so the unique (stage, key) row lets only one of them publish.
"""

from __future__ import annotations

import logging
import math
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from newsprism import jobs
from newsprism.config import Settings
from newsprism.distributed.backlog import stage_backlog
from newsprism.distributed.execute import CLUSTER_STAGE
from newsprism.distributed.locks import LeaderLock
from newsprism.pipeline import STAGES
from newsprism.store.db import Store

__all__ = ["Publisher", "Scheduler", "TickReport"]

log = logging.getLogger(__name__)

#: seconds between two deletions of old finished job rows
PRUNE_EVERY = 3600.0

#: publish(stage, key): put one task message on the broker
Publisher = Callable[[str, str], None]


@dataclass
class TickReport:
    """What one scheduler tick did."""

    leader: bool
    created: dict[str, int] = field(default_factory=dict)
    republished: int = 0
    pruned: int = 0
    publish_errors: int = 0


class Scheduler:
    """Creates job rows for the backlog and publishes them; only while holding the lock."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        publish: Publisher,
        queue_depth: Callable[[str], int | None] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.publish = publish
        #: messages waiting on a stage's queue (None: unknown); see `_lost`
        self.queue_depth = queue_depth
        self.lock = LeaderLock(store, "scheduler")
        self.stop_event = threading.Event()
        self._next_prune = 0.0

    def _cap(self, stage: str) -> int:
        return 1 if stage == CLUSTER_STAGE else self.settings.stage_parallelism

    def tick(self, tick_number: int | None = None) -> TickReport:
        """One round: take or confirm leadership, then create and publish due jobs."""
        if not self.lock.acquire():
            return TickReport(leader=False)
        if tick_number is None:
            tick_number = math.floor(time.time() / self.settings.schedule_interval)
        report = TickReport(leader=True)
        to_publish: list[tuple[str, str]] = []
        with self.store.session() as s:
            for stage in STAGES:
                waiting = stage_backlog(s, stage, self.settings)
                if not waiting:
                    continue
                free = self._cap(stage) - jobs.outstanding_jobs(s, stage)
                # keys from the tick number: the fence against a second scheduler
                for slot in range(max(0, free)):
                    key = f"t{tick_number}-{slot}"
                    if jobs.create_job(s, stage, key):
                        to_publish.append((stage, key))
                        report.created[stage] = report.created.get(stage, 0) + 1
        stale = [
            (stage, key)
            for stage, key, state in jobs.stale_jobs(
                self.store, self.settings.job_stale_seconds, retry_grace=self.settings.job_retry_max
            )
            if self._lost(stage, state)
        ]
        if time.monotonic() >= self._next_prune:
            report.pruned = jobs.prune_jobs(self.store, self.settings.job_keep_days * 86400)
            self._next_prune = time.monotonic() + PRUNE_EVERY
        report.republished = len(stale)
        if not self.lock.held():
            # lost leadership while deciding: the rows exist, the next leader publishes
            # them as stale; publishing now could race it.
            return TickReport(leader=False)
        for stage, key in to_publish + stale:
            try:
                self.publish(stage, key)
            except Exception as exc:
                # broker down: the row stays queued and is republished once stale
                report.publish_errors += 1
                log.warning("cannot publish %s/%s: %s", stage, key, exc)
        return report

    def _lost(self, stage: str, state: str) -> bool:
        """Whether a stale job's message is presumably gone and must be published again.

        A ``queued`` job on a queue that still holds messages is most likely just waiting
        behind them (workers are busy): publishing it again would only pile duplicates
        onto a long queue. An empty queue (a broker restart) or a ``running`` job (its
        worker died) means the message is lost.
        """
        if state != "queued" or self.queue_depth is None:
            return True
        depth = self.queue_depth(stage)
        return depth is None or depth == 0

    def beat(self, *, leader: bool, alive: bool = True) -> None:
        """Write this scheduler's heartbeat (kind ``scheduler``); a database error is logged."""
        info = {"host": socket.gethostname(), "pid": os.getpid(), "leader": leader}
        name = f"scheduler@{info['host']}:{info['pid']}"
        try:
            jobs.write_heartbeat(self.store, name, info, alive=alive, kind="scheduler")
        except Exception as exc:
            log.warning("scheduler heartbeat not written: %s", exc)

    def run_forever(self) -> None:
        """Tick until `stop_event` is set; a standby scheduler just keeps trying the lock."""
        was_leader = False
        next_beat = 0.0
        while not self.stop_event.is_set():
            started = time.monotonic()
            try:
                report = self.tick()
            except Exception as exc:  # database briefly unreachable: keep going
                log.warning("scheduler tick failed: %s", exc)
                self.lock.release()
                report = TickReport(leader=False)
            if report.leader != was_leader:
                log.info("scheduler is %s", "the leader" if report.leader else "on standby")
                was_leader = report.leader
            elif report.created or report.republished:
                log.info("scheduled %s, republished %d", report.created, report.republished)
            if time.monotonic() >= next_beat:
                self.beat(leader=report.leader)
                next_beat = time.monotonic() + self.settings.heartbeat_seconds
            wait = self.settings.schedule_interval - (time.monotonic() - started)
            self.stop_event.wait(max(0.05, wait))
        self.lock.release()
        self.beat(leader=False, alive=False)
