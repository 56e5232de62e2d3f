"""CLI commands of distributed mode: ``worker``, ``scheduler`` and ``jobs``.

Kept free of Celery imports at module level so that ``import newsprism.cli`` stays fast.
"""

from __future__ import annotations

import json
import logging
import signal
from types import FrameType
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from newsprism.config import Settings, load_settings
from newsprism.errors import ConfigError

__all__ = ["jobs_app", "scheduler", "worker"]

out = Console()
jobs_app = typer.Typer(
    help="Task records: failed (dead-lettered) jobs and retrying them.",
    invoke_without_command=True,
)


def _store(settings: Settings) -> object:
    from newsprism.store.db import Store

    store = Store(settings.sqlalchemy_url)
    store.check_schema()
    return store


def _require_postgres(settings: Settings) -> None:
    if not settings.sqlalchemy_url.startswith("postgresql"):
        raise ConfigError(
            "Distributed workers share one PostgreSQL database: set NEWSPRISM_DATABASE_URL="
            "postgresql+psycopg://user@host:5432/newsprism (see docs/deploy.md), or use "
            "`newsprism run` for the single-process mode on SQLite."
        )


def worker(
    queues: Annotated[
        str,
        typer.Option(help="Comma-separated: stages (all scalable stages) and/or cluster."),
    ] = "stages",
    concurrency: Annotated[
        int,
        typer.Option(help="Task processes (0: one per CPU; 1 when the queues include cluster)."),
    ] = 0,
    pool: Annotated[str, typer.Option(help="Celery pool: prefork, threads or solo.")] = "prefork",
    name: Annotated[str, typer.Option(help="Worker name (default: celery@hostname).")] = "",
) -> None:
    """Run a Celery worker consuming stage tasks (start any number, on any machines)."""
    settings = load_settings()
    _require_postgres(settings)
    wanted = [q.strip() for q in queues.split(",") if q.strip()]
    unknown = set(wanted) - {"stages", "cluster"}
    if unknown or not wanted:
        raise ConfigError(f"--queues takes stages and/or cluster, not {', '.join(unknown)}")
    if "cluster" in wanted and concurrency != 1 and pool != "solo":
        if len(wanted) > 1:
            raise ConfigError(
                "Clustering needs a single consumer: run it as its own worker, "
                "`newsprism worker --queues cluster`, and the other stages with "
                "`newsprism worker --queues stages`."
            )
        concurrency = 1
    from newsprism.tasks import celery_app

    argv = [
        "worker",
        "--queues",
        ",".join(settings.queue_prefix + q for q in wanted),
        "--pool",
        pool,
        "--loglevel",
        "INFO",
        "--without-gossip",
        "--without-mingle",
    ]
    if concurrency:
        argv += ["--concurrency", str(concurrency)]
    if name:
        argv += ["--hostname", name]
    celery_app.worker_main(argv)


def scheduler() -> None:
    """Run the scheduler (one per installation; a second one waits on standby)."""
    from newsprism.distributed.health import queue_depths
    from newsprism.distributed.logs import configure_logging
    from newsprism.distributed.scheduler import Scheduler
    from newsprism.store.db import Store
    from newsprism.tasks import publish_job, queue_for

    settings = load_settings()
    _require_postgres(settings)
    configure_logging(settings)
    store = _store(settings)
    assert isinstance(store, Store)

    def depth(stage: str) -> int | None:
        found: dict[str, int] = queue_depths(settings)["queues"]
        return found.get(queue_for(stage, settings))

    sched = Scheduler(store, settings, lambda stage, key: publish_job(stage, key, settings), depth)

    def _stop(_sig: int, _frame: FrameType | None) -> None:
        sched.stop_event.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    logging.getLogger(__name__).info("scheduler starting (%s)", settings.broker_url)
    sched.run_forever()


@jobs_app.callback()
def jobs_list(
    ctx: typer.Context,
    failed: Annotated[bool, typer.Option("--failed", help="Dead-lettered jobs only.")] = False,
    state: Annotated[
        str, typer.Option(help="Comma-separated states: queued,running,retrying,done,dead.")
    ] = "dead,retrying",
    limit: Annotated[int, typer.Option(help="Rows shown, newest first.")] = 50,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List jobs (default: dead and retrying), with their last error."""
    if ctx.invoked_subcommand is not None:
        return
    from newsprism.jobs import JOB_STATES, list_jobs
    from newsprism.store.db import Store

    states = ("dead",) if failed else tuple(s.strip() for s in state.split(",") if s.strip())
    bad = set(states) - set(JOB_STATES)
    if bad:
        raise ConfigError(f"unknown job state {', '.join(bad)}; states are {', '.join(JOB_STATES)}")
    store = _store(load_settings())
    assert isinstance(store, Store)
    rows = list_jobs(store, states, limit=limit)
    if as_json:
        out.print_json(json.dumps([vars(r) for r in rows], default=str))
        return
    table = Table(title=f"jobs ({', '.join(states)})")
    for column in ("id", "stage", "key", "state", "attempts", "updated", "last error"):
        table.add_column(column)
    for r in rows:
        error = (r.last_error or "").strip().splitlines()
        table.add_row(
            str(r.id),
            r.stage,
            r.key,
            r.state,
            str(r.attempts),
            r.updated_at.strftime("%Y-%m-%d %H:%M:%S"),
            error[0][:80] if error else "",
        )
    out.print(table)


@jobs_app.command("retry")
def jobs_retry(
    ids: Annotated[list[int] | None, typer.Argument(help="Job ids (see `newsprism jobs`).")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every dead job.")] = False,
) -> None:
    """Put dead jobs back in the queue with a fresh attempt count."""
    from newsprism.jobs import retry_jobs
    from newsprism.store.db import Store
    from newsprism.tasks import publish_job

    if not ids and not all_:
        raise ConfigError("Give job ids (`newsprism jobs --failed` lists them) or --all.")
    settings = load_settings()
    store = _store(settings)
    assert isinstance(store, Store)
    again = retry_jobs(store, None if all_ else list(ids or []))
    unpublished = 0
    for stage, key in again:
        try:
            publish_job(stage, key, settings)
        except Exception:
            unpublished += 1
    out.print(f"{len(again)} job(s) queued again")
    if unpublished:
        out.print(
            f"{unpublished} could not be published now (broker unreachable); "
            "the scheduler publishes them once they are stale."
        )
