"""Embedded mode: the pipeline's scheduler in a thread and the web site in the foreground.

A heartbeat thread writes the pipeline's row of the ``heartbeat`` table (kind
``pipeline``) every ``heartbeat_seconds`` (at most 15 s) while the pipeline thread lives,
with the stage it is in and how many feeds answered. When feeds were polled and none
answered — a machine without internet — it says so once on the console, with what to do.
"""

from __future__ import annotations

import logging
import os
import socket
import threading

from newsprism.config import Settings
from newsprism.distributed.health import feed_reach, offline_hint
from newsprism.jobs import write_heartbeat
from newsprism.pipeline import Pipeline, StageContext
from newsprism.store.db import Store

__all__ = ["PipelineHeartbeat", "run_embedded"]

log = logging.getLogger(__name__)

#: the offline notice must reach the user within a minute of the first failed poll round
MAX_BEAT_SECONDS = 15.0


class PipelineHeartbeat:
    """Beats for an embedded pipeline thread and warns once when no feed can be reached."""

    def __init__(self, store: Store, settings: Settings, pipeline: Pipeline) -> None:
        self.store = store
        self.settings = settings
        self.pipeline = pipeline
        self.host = socket.gethostname()
        self.name = f"pipeline@{self.host}:{os.getpid()}"
        self.stop_event = threading.Event()
        self.warned = False

    def beat(self, *, alive: bool = True) -> None:
        """Write one heartbeat; print the offline notice the first time no feed answers."""
        with self.store.session() as s:
            reach = feed_reach(s)
        info = {
            "host": self.host,
            "pid": os.getpid(),
            "stage": self.pipeline.current_stage,
            "feeds_tried": reach.tried,
            "feeds_reached": reach.reached,
        }
        write_heartbeat(self.store, self.name, info, alive=alive, kind="pipeline")
        if reach.none_reached and not self.warned:
            print(offline_hint(reach), flush=True)
        self.warned = reach.none_reached

    def run(self, worker: threading.Thread) -> None:
        """Beat until stopped or *worker* (the pipeline thread) ends; then record the stop."""
        interval = min(self.settings.heartbeat_seconds, MAX_BEAT_SECONDS)
        while not self.stop_event.is_set() and worker.is_alive():
            try:
                self.beat()
            except Exception as exc:  # the database briefly unreachable: try next time
                log.warning("pipeline heartbeat not written: %s", exc)
            self.stop_event.wait(interval)
        try:
            self.beat(alive=False)
        except Exception as exc:
            log.warning("final pipeline heartbeat not written: %s", exc)


def run_embedded(settings: Settings, store: Store, *, once: bool = False, web: bool = True) -> None:
    """Run stages in-process; with *web* also serve the site until interrupted."""
    pipeline = Pipeline(StageContext(store=store, settings=settings))
    if once:
        for report in pipeline.run_once():
            print(
                f"{report.stage:>18}: {report.processed} done, {report.failed} failed "
                f"({report.seconds:.1f} s)",
                flush=True,
            )
        with store.session() as s:
            reach = feed_reach(s)
        if reach.none_reached:
            print(offline_hint(reach), flush=True)
        return
    worker = threading.Thread(target=_guarded, args=(pipeline,), name="pipeline", daemon=True)
    worker.start()
    heartbeat = PipelineHeartbeat(store, settings, pipeline)
    beats = threading.Thread(target=heartbeat.run, args=(worker,), name="heartbeat", daemon=True)
    beats.start()
    try:
        if web:
            import uvicorn

            from newsprism.web.app import create_app

            print(f"NewsPrism on http://{settings.host}:{settings.port}", flush=True)
            uvicorn.run(create_app(settings, store), host=settings.host, port=settings.port)
        else:
            worker.join()
    except KeyboardInterrupt:
        pass
    finally:
        pipeline.stop_event.set()
        worker.join(timeout=30)
        heartbeat.stop_event.set()
        beats.join(timeout=10)


def _guarded(pipeline: Pipeline) -> None:
    """Keep the scheduler alive: a crashing pass is logged and retried after a pause."""
    while not pipeline.stop_event.is_set():
        try:
            pipeline.run_lanes()
        except Exception:
            log.exception("pipeline pass failed; retrying in 30 s")
            pipeline.stop_event.wait(30)
