"""Embedded mode: the pipeline's scheduler in a thread and the web site in the foreground."""

from __future__ import annotations

import logging
import threading

from newsprism.config import Settings
from newsprism.pipeline import Pipeline, StageContext
from newsprism.store.db import Store

__all__ = ["run_embedded"]

log = logging.getLogger(__name__)


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
        return
    worker = threading.Thread(target=_guarded, args=(pipeline,), name="pipeline", daemon=True)
    worker.start()
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


def _guarded(pipeline: Pipeline) -> None:
    """Keep the scheduler alive: a crashing pass is logged and retried after a pause."""
    while not pipeline.stop_event.is_set():
        try:
            pipeline.run_lanes()
        except Exception:
            log.exception("pipeline pass failed; retrying in 30 s")
            pipeline.stop_event.wait(30)
