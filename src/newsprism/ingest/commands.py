"""``newsprism feeds …`` commands: list feeds and their health, pause, resume, poll now."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

__all__ = ["app"]

app = typer.Typer(help="Feeds and their health.", no_args_is_help=True)
out = Console()


def _store_and_settings() -> tuple[Any, Any]:
    # imported here: newsprism.cli imports this module
    from newsprism.cli import open_store, settings

    s = settings()
    return open_store(s), s


def _feed_dict(feed: Any, outlet: str | None) -> dict[str, Any]:
    return {
        "id": feed.id,
        "outlet": outlet,
        "url": feed.url,
        "paused": feed.paused,
        "failures": feed.failures,
        "last_error": feed.last_error,
        "last_polled_at": feed.last_polled_at.isoformat() if feed.last_polled_at else None,
        "next_poll_at": feed.next_poll_at.isoformat() if feed.next_poll_at else None,
        "poll_interval": feed.poll_interval,
        "entries_seen": feed.entries_seen,
    }


@app.callback(invoke_without_command=True)
def _feeds(
    ctx: typer.Context,
    failing: Annotated[
        bool, typer.Option("--failing", help="List only feeds that failed or are paused.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """List feeds when no sub-command is given: `feeds --failing` is `feeds list --failing`."""
    if ctx.invoked_subcommand is None:
        list_feeds(failing=failing, as_json=as_json)


@app.command("list")
def list_feeds(
    failing: Annotated[
        bool, typer.Option("--failing", help="Only feeds that failed last time or are paused.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """List feeds with their health: failures, last error, next poll."""
    from sqlalchemy import or_, select

    from newsprism.store.schema import Feed, Outlet

    store, _s = _store_and_settings()
    query = select(Feed, Outlet.name).outerjoin(Outlet, Feed.outlet_id == Outlet.id)
    if failing:
        query = query.where(or_(Feed.failures > 0, Feed.paused.is_(True)))
    with store.session() as session:
        rows = [_feed_dict(feed, name) for feed, name in session.execute(query.order_by(Feed.id))]
    if as_json:
        for row in rows:
            out.print(json.dumps(row), soft_wrap=True, highlight=False)
        return
    table = Table(title="Failing feeds" if failing else "Feeds")
    for column in ("id", "outlet", "url", "state", "failures", "next poll", "last error"):
        table.add_column(column, overflow="fold")
    for row in rows:
        state = "paused" if row["paused"] else ("failing" if row["failures"] else "ok")
        table.add_row(
            str(row["id"]),
            row["outlet"] or "",
            row["url"],
            state,
            str(row["failures"]),
            row["next_poll_at"] or "now",
            (row["last_error"] or "")[:300],
        )
    out.print(table)


def _set_paused(feed_id: int, paused: bool) -> None:
    from newsprism.errors import NewsPrismError
    from newsprism.store.schema import Feed

    store, _s = _store_and_settings()
    with store.session() as session:
        feed = session.get(Feed, feed_id)
        if feed is None:
            raise NewsPrismError(f"no feed with id {feed_id}; see `newsprism feeds list`")
        feed.paused = paused
        if not paused:
            feed.failures = 0
            feed.next_poll_at = None
        url = feed.url
    out.print(f"feed {feed_id} ({url}) {'paused' if paused else 'resumed; polled next round'}")


@app.command("pause")
def pause(feed_id: Annotated[int, typer.Argument(help="Feed id (see `feeds list`).")]) -> None:
    """Stop polling a feed until it is resumed."""
    _set_paused(feed_id, True)


@app.command("resume")
def resume(feed_id: Annotated[int, typer.Argument(help="Feed id (see `feeds list`).")]) -> None:
    """Resume a paused feed: failures reset, polled in the next round."""
    _set_paused(feed_id, False)


@app.command("poll")
def poll(
    all_feeds: Annotated[
        bool, typer.Option("--all", help="Poll every unpaused feed, due or not.")
    ] = False,
) -> None:
    """Poll due feeds now (one round), with a progress bar."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
    from sqlalchemy import select

    from newsprism.ingest.stage import poll_due_feeds
    from newsprism.pipeline import StageContext
    from newsprism.store.schema import Feed

    store, s = _store_and_settings()
    ctx = StageContext(store=store, settings=s)
    ids = None
    if all_feeds:
        with store.session() as session:
            ids = list(session.scalars(select(Feed.id).where(Feed.paused.is_(False))))
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    ) as bar:
        task = bar.add_task("polling feeds", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = poll_due_feeds(ctx, progress=advance, feed_ids=ids)
    out.print(
        f"polled {report.processed + report.failed} feeds: {report.failed} failed, "
        f"{report.details.get('articles_new', 0)} new articles, "
        f"{report.details.get('not_modified', 0)} not modified"
    )
