"""The ``newsprism`` command line (Typer, with Rich progress bars)."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from newsprism.config import Settings, load_settings
from newsprism.errors import ConfigError, NewsPrismError
from newsprism.ingest.commands import app as feeds_app
from newsprism.outlets.commands import app as outlets_app

if TYPE_CHECKING:
    from newsprism.store.db import Store

__all__ = ["app", "main"]

console = Console(stderr=True)
out = Console()

app = typer.Typer(
    help="NewsPrism: news from many outlets, grouped into stories, framed left to right.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
eval_app = typer.Typer(help="Evaluations on labelled data.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(eval_app, name="eval")
app.add_typer(outlets_app, name="outlets")
app.add_typer(feeds_app, name="feeds")

_state: dict[str, bool] = {"debug": False}


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log stage progress.")] = False,
) -> None:
    _state["debug"] = debug
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def settings() -> Settings:
    """The settings, validated (a `ConfigError` names the bad setting)."""
    return load_settings()


def open_store(s: Settings, *, check: bool = True) -> Store:
    """The store of *s*, checked to be migrated."""
    from newsprism.store.db import Store

    s.ensure_data_dir()
    store = Store(s.sqlalchemy_url)
    if check:
        store.check_schema()
    return store


@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Create or migrate the database schema."""
    from newsprism.store.db import Store

    s = settings()
    s.ensure_data_dir()
    store = Store(s.sqlalchemy_url)
    store.upgrade(revision)
    out.print(f"database at revision {store.current_revision()} ({_safe_url(s.sqlalchemy_url)})")


@app.command()
def init(
    replay_feeds: Annotated[
        Path | None,
        typer.Option(
            help="A feeds file written by `newsprism replay`: poll only its loopback feeds "
            "(outlets and leans still come from the registry)."
        ),
    ] = None,
) -> None:
    """Migrate the database and load the outlet registry (with your overrides)."""
    from newsprism.outlets.registry import load_registry, sync_registry
    from newsprism.store.db import Store

    s = settings()
    s.ensure_data_dir()
    store = Store(s.sqlalchemy_url)
    store.upgrade()
    extra = [replay_feeds] if replay_feeds else []
    records = load_registry(overrides=s.outlets_overrides, extra=extra)
    if replay_feeds:
        replay_urls = _feed_urls(replay_feeds)
        for record in records:
            record.feeds = [f for f in record.feeds if f.url in replay_urls]
    counts = sync_registry(store, records)
    out.print(
        f"database ready ({_safe_url(s.sqlalchemy_url)}); registry: "
        f"{counts['outlets']} outlets, {counts['feeds']} feeds"
    )


def _feed_urls(path: Path) -> set[str]:
    import csv

    with path.open(newline="", encoding="utf-8") as handle:
        return {
            entry.split("|", 1)[0].strip()
            for row in csv.DictReader(handle)
            for entry in (row.get("feeds") or "").split(";")
            if entry.strip()
        }


@app.command()
def status(
    as_json: Annotated[bool, typer.Option("--json")] = False,
    broker: Annotated[
        bool | None,
        typer.Option(
            help="Ask the Celery broker for queue depths (default: once a worker has run)."
        ),
    ] = None,
) -> None:
    """Health verdict; counts of outlets, feeds, articles, stories, errors; lag and workers."""
    from newsprism.distributed.health import collect_health
    from newsprism.status import collect_status

    s = settings()
    store = open_store(s)
    data = collect_status(store)
    data["health"] = collect_health(store, s, broker=broker)
    if as_json:
        out.print_json(json.dumps(data, default=str))
        return
    table = Table(title="NewsPrism status")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in data["counts"].items():
        table.add_row(key, str(value))
    for key, value in data["articles_by_status"].items():
        table.add_row(f"articles {key}", str(value))
    for key, value in data["errors_by_stage"].items():
        table.add_row(f"errors {key}", str(value))
    for stage, info in data["health"]["stages"].items():
        lag = info["lag_seconds"]
        table.add_row(
            f"backlog {stage}", f"{info['backlog']} (lag {lag if lag is not None else '-'} s)"
        )
    table.add_row("workers alive", str(data["health"]["workers_alive"]))
    for name, depth in (data["health"].get("broker") or {}).get("queues", {}).items():
        table.add_row(f"queue {name}", str(depth))
    out.print(table)
    health = data["health"]
    out.print(f"health: {health['status']}" + "".join(f"\n  - {r}" for r in health["reasons"]))


@app.command("check")
def check(
    as_json: Annotated[bool, typer.Option("--json")] = False,
    stale_seconds: Annotated[
        float, typer.Option(help="A job unheard of this long counts as stuck.")
    ] = 600.0,
) -> None:
    """Check the store for ghost/twin stories, impossible rows, double briefs, stuck jobs.

    Exits 1 when anything is inconsistent (usable from a monitoring probe).
    """
    from newsprism.check import check_store

    s = settings()
    data = check_store(open_store(s), stale_seconds=stale_seconds)
    if as_json:
        out.print_json(json.dumps(data, default=str))
    else:
        table = Table(title="NewsPrism consistency check")
        table.add_column("finding")
        table.add_column("count", justify="right")
        table.add_column("examples")
        for key, value in data.items():
            if isinstance(value, dict) and "count" in value:
                table.add_row(key, str(value["count"]), json.dumps(value["examples"]))
        out.print(table)
        out.print("consistent" if data["consistent"] else f"{data['problems']} problem(s)")
    if not data["consistent"]:
        raise typer.Exit(1)


@app.command("config")
def show_config(
    markdown: Annotated[
        bool, typer.Option(help="Print the settings reference as Markdown.")
    ] = False,
) -> None:
    """Show the effective settings (or the reference table of all settings)."""
    from newsprism.config import settings_markdown

    if markdown:
        sys.stdout.write(settings_markdown())
        return
    s = settings()
    table = Table(title="NewsPrism settings")
    table.add_column("setting")
    table.add_column("value")
    for name in type(s).model_fields:
        value = getattr(s, name)
        shown = "***" if "key" in name and value else str(value)
        table.add_row(f"NEWSPRISM_{name.upper()}", shown)
    out.print(table)


@app.command("import")
def import_articles(
    path: Annotated[Path, typer.Argument(help="JSONL in the import schema (docs/import.md).")],
    report: Annotated[
        Path | None,
        typer.Option(
            help="Where to list every refused line (line<TAB>reason); default: "
            "<data_dir>/import-reports/<file>-<time>.tsv, written only if a line is refused."
        ),
    ] = None,
) -> None:
    """Import articles from a JSONL file (url, outlet_domain, title, text, published_at)."""
    from datetime import UTC, datetime

    from newsprism.importer import import_jsonl

    s = settings()
    store = open_store(s)
    if report is None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        name = path.name.removesuffix(".gz").removesuffix(".jsonl")
        report = s.data_dir / "import-reports" / f"{name}-{stamp}.tsv"
    result = import_jsonl(store, path, progress=True, report_path=report)
    out.print(
        f"imported {result.inserted}, already present {result.duplicates}, "
        f"rejected {result.rejected}",
        highlight=False,
    )
    for line, why in result.errors[:SHOWN_REJECTIONS]:
        console.print(f"  line {line}: {why}", markup=False, highlight=False, soft_wrap=True)
    if result.rejected > SHOWN_REJECTIONS:
        console.print(
            f"  … and {result.rejected - SHOWN_REJECTIONS} more", markup=False, highlight=False
        )
    if result.report_path is not None:
        console.print(
            f"every refused line with its reason: {result.report_path}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    elif result.report_error:
        console.print(
            f"could not write the list of refused lines ({result.report_error})",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


#: Refused import lines printed to the console; the report file has all of them.
SHOWN_REJECTIONS = 10


def _since_date(since: str | None) -> date | None:
    """Parse a ``--since`` option (YYYY-MM-DD) or say clearly what is wrong with it."""
    try:
        return date.fromisoformat(since) if since else None
    except ValueError:
        raise ConfigError(f"--since {since!r} is not a date: use YYYY-MM-DD") from None


@app.command()
def replay(
    source: Annotated[Path, typer.Argument(help="JSONL or .jsonl.gz (import schema or baly2020).")],
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8765,
    speed: Annotated[float, typer.Option(help="Simulated time: N× faster; 0 = all at once.")] = 0,
    limit: Annotated[int, typer.Option(help="Serve at most this many articles (0 = all).")] = 0,
    since: Annotated[
        str | None, typer.Option(help="Only articles published on or after YYYY-MM-DD.")
    ] = None,
    feeds_file: Annotated[
        Path, typer.Option(help="Where to write the registry feeds file for this replay.")
    ] = Path("data/replay-feeds.csv"),
) -> None:
    """Serve articles as per-outlet RSS feeds and HTML pages on 127.0.0.1."""
    from newsprism.replay import ReplayCorpus, serve_replay

    corpus = ReplayCorpus.load(source, limit=limit or None, since=_since_date(since))
    serve_replay(corpus, port=port, speed=speed, feeds_file=feeds_file)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[
        int | None,
        typer.Option(min=0, max=65535, help="Port to listen on; 0 picks a free one."),
    ] = None,
    server: Annotated[
        str,
        typer.Option(
            help="HTTP server: uvicorn (default) or granian (HTTP in Rust: more pages/s)."
        ),
    ] = "uvicorn",
    workers: Annotated[
        int, typer.Option(min=1, max=256, help="Worker processes (one per core is typical).")
    ] = 1,
) -> None:
    """Serve the web site and JSON API (read-only; stateless)."""
    import socket

    if server not in ("uvicorn", "granian"):
        raise ConfigError(f"Unknown --server {server!r}; choose uvicorn or granian.")
    s = settings()
    store = open_store(s)
    bind_host = host or s.host
    bind_port = s.port if port is None else port
    # Bind here, not in the server: a busy or invalid address becomes a one-line error, and
    # port 0 gets a free port whose number is known before the banner is printed.
    try:
        family = socket.AF_INET6 if ":" in bind_host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((bind_host, bind_port))
    except (OSError, OverflowError) as exc:
        raise ConfigError(
            f"Cannot listen on {bind_host}:{bind_port} ({getattr(exc, 'strerror', None) or exc}); "
            "choose another --port / --host (NEWSPRISM_PORT, NEWSPRISM_HOST)."
        ) from None
    bind_port = sock.getsockname()[1]
    out.print(f"serving on http://{bind_host}:{bind_port}", highlight=False)
    if server == "granian" or workers > 1:
        # Worker processes build their own app (store pool, page cache) from the settings.
        sock.close()
        store.dispose()
        _serve_processes(server, bind_host, bind_port, workers)
        return
    import uvicorn

    from newsprism.web.app import create_app

    config = uvicorn.Config(create_app(s, store), host=bind_host, port=bind_port)
    uvicorn.Server(config).run(sockets=[sock])


def _serve_processes(server: str, host: str, port: int, workers: int) -> None:
    """Run *workers* processes of the app factory under uvicorn or Granian."""
    target = "newsprism.web.app:app_from_env"
    if server == "granian":
        from granian import Granian
        from granian.constants import Interfaces, Loops

        from newsprism.web.render import STATIC_DIR

        Granian(
            target,
            address=host,
            port=port,
            interface=Interfaces.ASGI,
            workers=workers,
            loop=Loops.uvloop,
            factory=True,
            log_access=False,
            # Static files straight from Rust; everything else goes to the app.
            static_path_route=["/static"],
            static_path_mount=[STATIC_DIR],
        ).serve()
        return
    import uvicorn

    uvicorn.run(target, factory=True, host=host, port=port, workers=workers)


@app.command()
def run(
    once: Annotated[bool, typer.Option(help="One pass of every stage, then exit.")] = False,
    web: Annotated[bool, typer.Option(help="Serve the site alongside.")] = True,
) -> None:
    """The main job: scheduler + pipeline (in-process workers) + web site."""
    from newsprism.runner import run_embedded

    s = settings()
    store = open_store(s)
    run_embedded(s, store, once=once, web=web)


@eval_app.command("clustering")
def eval_clustering(
    data: Annotated[Path, typer.Option(help="Labelled JSONL or the UCI News Aggregator CSV.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    silver: Annotated[
        str | None,
        typer.Option(
            help="Score a JSONL without story ids against a silver standard: "
            "topic-date (one topic on one day = a story) or topic (precision only)."
        ),
    ] = None,
    labels: Annotated[
        Path | None,
        typer.Option(
            help="A hand-made id,story CSV (tests/stories/labels/) naming the JSONL "
            "articles to score and their gold stories."
        ),
    ] = None,
    part: Annotated[
        str | None,
        typer.Option(help="Score only the tune or the test part of the stories."),
    ] = None,
    headlines: Annotated[
        bool, typer.Option("--headlines", help="Drop the body text: headlines only.")
    ] = False,
) -> None:
    """B-cubed P/R/F1 of the clustering stage on a labelled stream, beside a plain baseline."""
    from newsprism.stories.evaluate import evaluate_file

    result = evaluate_file(
        data, settings(), silver=silver, labels=labels, part=part, headlines=headlines
    )
    out.print_json(json.dumps(result)) if as_json else out.print(result)


@eval_app.command("faithfulness")
def eval_faithfulness(
    cases: Annotated[Path | None, typer.Option(help="Your own JSONL of cases (docs).")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    split: Annotated[
        str | None, typer.Option(help="Only the cases of this split of the file (tune, test).")
    ] = None,
) -> None:
    """Share of planted unsupported sentences the guard drops, and of supported ones it keeps."""
    from newsprism.synth.evaluate import evaluate_faithfulness

    result = evaluate_faithfulness(settings(), cases=cases, split=split)
    out.print_json(json.dumps(result)) if as_json else out.print(result)


@eval_app.command("pages")
def eval_pages(
    data: Annotated[Path, typer.Option(help="A JSONL / JSONL.gz corpus of articles.")],
    since: Annotated[
        str | None, typer.Option(help="Only articles published on or after YYYY-MM-DD.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Articles to replay.")] = 400,
    embedder: Annotated[
        str, typer.Option(help="minilm (as deployed) or hashing (fast).")
    ] = "minilm",
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Replay a corpus into a scratch store, build the story pages and measure their quality."""
    from newsprism.pageeval import dumps, evaluate_pages

    start = _since_date(since)
    if embedder not in ("minilm", "hashing"):
        raise ConfigError(f"--embedder {embedder!r}: use minilm or hashing")
    result = evaluate_pages(
        data, since=start, limit=limit, embedder=embedder, progress=lambda m: console.print(m)
    )
    out.print_json(dumps(result)) if as_json else out.print(result)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def main() -> None:
    """Entry point: run the CLI, printing `NewsPrismError`s without a traceback."""
    try:
        app()
    except NewsPrismError as exc:
        if _state["debug"]:
            raise
        console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)


@app.command()
def recluster(
    since: Annotated[
        str, typer.Option(help="Release and re-cluster articles published on or after this date.")
    ],
) -> None:
    """Cluster again every article published since a date (e.g. after changing settings)."""
    from newsprism.stories.commands import run_recluster

    s = settings()
    out.print(run_recluster(s, open_store(s), since), soft_wrap=True)


# --- area sub-commands added by helpers ------------------------------------------
from newsprism.analysis.commands import app as analysis_app  # noqa: E402

app.add_typer(analysis_app, name="analysis")
# --- distributed mode (issue 10): worker, scheduler, jobs -------------------------
from newsprism.distributed.commands import jobs_app, scheduler, worker  # noqa: E402

app.command()(worker)
app.command()(scheduler)
app.add_typer(jobs_app, name="jobs")
