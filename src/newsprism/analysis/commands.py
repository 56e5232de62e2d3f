"""``newsprism analysis …`` commands: analyze stories, show an analysis, evaluate categories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

__all__ = ["app"]

app = typer.Typer(
    help="Story analysis: landscape, framing, sources, category.", no_args_is_help=True
)
out = Console()


@app.command("run")
def run_analysis(
    story: Annotated[int | None, typer.Option(help="Analyze only this story id, now.")] = None,
) -> None:
    """Analyze every changed story (or one story), then print what was done."""
    from newsprism.cli import open_store, settings
    from newsprism.store.db import Store

    s = settings()
    store = open_store(s)
    assert isinstance(store, Store)
    if story is not None:
        from newsprism.analysis.story import analyze_story

        with store.session() as session:
            result = analyze_story(session, story, settings=s)
        out.print(
            f"story {story}: {result['category']}, {result['landscape']['total_outlets']} outlets"
        )
        return
    from newsprism.analysis.stage import analyze_stories
    from newsprism.pipeline import StageContext

    ctx = StageContext(store, s)
    done = failed = 0
    while True:
        report = analyze_stories(ctx)
        done, failed = done + report.processed, failed + report.failed
        if not report.did_work:
            break
    out.print(f"analyzed {done} stories, {failed} failed")


@app.command("show")
def show(story: int, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Print the stored analysis of a story."""
    from newsprism.cli import open_store, settings
    from newsprism.errors import NewsPrismError
    from newsprism.store.db import Store
    from newsprism.store.schema import Story

    store = open_store(settings())
    assert isinstance(store, Store)
    with store.session() as session:
        row = session.get(Story, story)
        if row is None:
            raise NewsPrismError(
                f"There is no story {story}: list stories with `newsprism status`."
            )
        analysis = row.analysis
    if as_json:
        out.print_json(json.dumps(analysis, default=str))
        return
    if not analysis:
        out.print(f"story {story} has not been analyzed yet: run `newsprism analysis run`.")
        return
    out.print(f"[bold]{analysis['category']}[/] {' '.join(analysis['hashtags'])}")
    out.print("outlets per lean:", analysis["landscape"]["counts"])
    if analysis["blindspot"]["text"]:
        out.print(analysis["blindspot"]["text"])
    for side, terms in analysis["framing"].items():
        out.print(f"{side}: " + ", ".join(f"“{t['term']}” ({t['z']:.1f})" for t in terms))
    for group in analysis["sources"][:8]:
        out.print(f"{group['speaker'] or 'unattributed'}: {len(group['quotes'])} quotes")


@app.command("eval-categories")
def eval_categories(
    data: Annotated[Path, typer.Option(help="UCI News Aggregator CSV or baly2020 JSONL(.gz).")],
    limit: Annotated[
        int | None, typer.Option(help="Evaluate on the first N labelled rows.")
    ] = None,
    split: Annotated[
        str | None, typer.Option(help="Evaluate one half of the labelled set: tune or test.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Category accuracy on labelled data, with the majority-class baseline."""
    from newsprism.analysis.evaluate import evaluate_categories

    result = evaluate_categories(data, limit=limit, split=split)
    if as_json:
        out.print_json(json.dumps(result))
    else:
        result.pop("confusion")
        out.print(result)
