"""``newsprism outlets …`` commands (issue 4): list, show, check, stats, ratings, OPML, sync."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from newsprism.config import Settings, load_settings
from newsprism.errors import RegistryError

if TYPE_CHECKING:
    from newsprism.outlets.registry import OutletRecord

# The registry module imports the store schema (SQLAlchemy); it is imported inside each command
# so that `import newsprism.cli` stays fast.

app = typer.Typer(
    help="The outlet registry: list, show, check, stats, ratings, OPML.", no_args_is_help=True
)
out = Console()
err = Console(stderr=True)

ExtraOption = Annotated[
    list[Path] | None,
    typer.Option("--extra", help="Another registry CSV merged after the shipped one (repeatable)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _settings() -> Settings:
    return load_settings()


def _registry(extra: list[Path] | None = None) -> list[OutletRecord]:
    from newsprism.outlets.registry import load_registry

    return load_registry(overrides=_settings().outlets_overrides, extra=extra or ())


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@app.command("list")
def list_outlets(
    lean: Annotated[str | None, typer.Option(help="Only this lean ('other': unrated).")] = None,
    country: Annotated[str | None, typer.Option(help="Only this ISO country code.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this ISO language code.")] = None,
    owner_type: Annotated[
        str | None, typer.Option(help="Only this funding type ('unknown': none recorded).")
    ] = None,
    extra: ExtraOption = None,
    as_json: JsonOption = False,
) -> None:
    """List outlets with country, language, lean, factuality and feed count."""
    records = _registry(extra)
    if lean:
        records = [r for r in records if (r.lean or "other") == lean]
    if country:
        records = [r for r in records if r.country == country.upper()]
    if language:
        records = [r for r in records if r.language == language.lower()]
    if owner_type:
        records = [r for r in records if (r.owner_type or "unknown") == owner_type.lower()]
    if as_json:
        _print_json([_record_dict(r) for r in records])
        return
    table = Table(title=f"{len(records)} outlets")
    for column in ("slug", "name", "country", "lang", "lean", "factuality", "owner", "feeds"):
        table.add_column(column, justify="right" if column == "feeds" else "left")
    for r in records:
        table.add_row(
            r.slug,
            r.name,
            r.country or "",
            r.language or "",
            r.lean or "other",
            r.factuality or "",
            r.owner_type or "",
            str(len(r.feeds)),
        )
    out.print(table)


def _record_dict(rec: OutletRecord) -> dict[str, Any]:
    return {
        "slug": rec.slug,
        "name": rec.name,
        "domains": rec.domains,
        "country": rec.country,
        "language": rec.language,
        "lean": rec.lean,
        "lean_source": rec.lean_source,
        "lean_as_of": rec.lean_as_of,
        "factuality": rec.factuality,
        "factuality_source": rec.factuality_source,
        "factuality_as_of": rec.factuality_as_of,
        "owner": rec.owner,
        "owner_type": rec.owner_type,
        "owner_chain": rec.owner_chain,
        "owner_source": rec.owner_source,
        "owner_as_of": rec.owner_as_of,
        "homepage": rec.homepage,
        "feeds": [{"url": f.url, "category": f.category} for f in rec.feeds],
    }


@app.command()
def show(
    slug: Annotated[str, typer.Argument(help="The outlet's slug (see `outlets list`).")],
    as_json: JsonOption = False,
) -> None:
    """Everything the registry knows about one outlet, with rating provenance and feeds."""
    records = _registry()
    rec = next((r for r in records if r.slug == slug.lower()), None)
    if rec is None:
        from rapidfuzz import process

        near = [m[0] for m in process.extract(slug.lower(), [r.slug for r in records], limit=3)]
        raise RegistryError(f"No outlet {slug!r}. Did you mean: {', '.join(near)}?")
    data = _record_dict(rec)
    if as_json:
        _print_json(data)
        return
    out.print(f"[bold]{rec.name}[/] ({rec.slug})", highlight=False)
    out.print(f"  domains:    {', '.join(rec.domains)}", highlight=False)
    out.print(f"  country:    {rec.country or '?'}   language: {rec.language or '?'}")
    lean = f"{rec.lean} ({rec.lean_source}, {rec.lean_as_of})" if rec.lean else "other (unrated)"
    fact = (
        f"{rec.factuality} ({rec.factuality_source}, {rec.factuality_as_of})"
        if rec.factuality
        else "unrated"
    )
    out.print(f"  lean:       {lean}", highlight=False)
    out.print(f"  factuality: {fact}", highlight=False)
    owner = (
        f"{rec.owner} [{rec.owner_type or 'type unknown'}]"
        + (f" > {rec.owner_chain}" if rec.owner_chain else "")
        + f" ({rec.owner_source}, {rec.owner_as_of})"
        if rec.owner
        else "unknown"
    )
    out.print(f"  owner:      {owner}", highlight=False, markup=False)
    out.print(f"  homepage:   {rec.homepage or ''}", highlight=False)
    out.print(f"  feeds ({len(rec.feeds)}):")
    for feed in rec.feeds:
        out.print(f"    {feed.url}  [{feed.category or '-'}]", highlight=False, markup=False)


@app.command()
def check(extra: ExtraOption = None) -> None:
    """Validate the registry (shipped + extra + your overrides); exit 1 listing every problem."""
    from newsprism.outlets.registry import load_layers, merge_records
    from newsprism.outlets.stats import registry_stats
    from newsprism.outlets.validate import validate_layers

    layers = load_layers(_settings().outlets_overrides, extra or ())
    merged = merge_records(records for _path, records in layers)
    problems = validate_layers(layers, merged)
    files = ", ".join(str(path) for path, _ in layers)
    if problems:
        for problem in problems:
            typer.echo(problem)
        typer.echo(f"{len(problems)} problem(s) in {files}", err=True)
        raise typer.Exit(1)
    stats = registry_stats(merged)
    typer.echo(
        f"ok: {stats['outlets']} outlets, {stats['feeds']} feeds, {stats['rated']} with a lean, "
        f"{stats['outside_us']} outside the US, {stats['languages']} languages ({files})"
    )


@app.command()
def stats(extra: ExtraOption = None, as_json: JsonOption = False) -> None:
    """Print coverage counts: outlets, rated, outside_us, languages, by_lean, by_country."""
    from newsprism.outlets.stats import registry_stats

    data = registry_stats(_registry(extra))
    if as_json:
        _print_json(data)
        return
    table = Table(title="Outlet registry")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key in (
        "outlets",
        "feeds",
        "rated",
        "factuality_rated",
        "owner_known",
        "rated_with_owner",
        "outside_us",
        "languages",
    ):
        table.add_row(key, str(data[key]))
    for group in ("by_lean", "factuality", "by_owner_type", "by_language", "by_country"):
        for key, value in data[group].items():
            table.add_row(f"{group.removeprefix('by_')} {key}", str(value))
    out.print(table)


@app.command("import-ratings")
def import_ratings_cmd(
    file: Annotated[Path, typer.Argument(help="Ratings CSV/TSV (format: docs/outlets.md).")],
    source: Annotated[str, typer.Option(help="Who rated, e.g. 'AllSides' (provenance).")],
    as_of: Annotated[
        str | None, typer.Option(help="Date of the ratings (YYYY-MM[-DD]); default today.")
    ] = None,
    dry_run: Annotated[bool, typer.Option(help="Report only; write nothing.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Match ratings by domain, then name; write changed leans/factuality to your overrides."""
    from newsprism.outlets.ratings import import_ratings

    _import_and_report(
        import_ratings,
        file,
        source=source,
        as_of=as_of,
        dry_run=dry_run,
        as_json=as_json,
        describe=lambda item: "; ".join(
            f"{k} {v['from'] or 'unrated'} → {v['to']}"
            for k, v in item.items()
            if k in {"lean", "factuality"}
        ),
        show_candidates=True,
    )


@app.command("import-ownership")
def import_ownership_cmd(
    file: Annotated[Path, typer.Argument(help="Ownership CSV (format: docs/outlets.md).")],
    source: Annotated[str, typer.Option(help="Where it comes from, e.g. 'Wikipedia'.")],
    as_of: Annotated[
        str | None, typer.Option(help="Date of the information (YYYY-MM[-DD]); default today.")
    ] = None,
    dry_run: Annotated[bool, typer.Option(help="Report only; write nothing.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Match owners by domain, then name; write changed ownership to your overrides."""
    from newsprism.outlets.ownership import import_ownership

    _import_and_report(
        import_ownership,
        file,
        source=source,
        as_of=as_of,
        dry_run=dry_run,
        as_json=as_json,
        describe=lambda item: f"owner {item['owner']['from'] or 'unknown'} → {item['owner']['to']}",
        show_candidates=False,
    )


def _import_and_report(
    importer: Callable[..., Any],
    file: Path,
    *,
    source: str,
    as_of: str | None,
    dry_run: bool,
    as_json: bool,
    describe: Callable[[dict[str, Any]], str],
    show_candidates: bool,
) -> None:
    """Run a ratings or ownership import against the user's overrides and print its report."""
    from newsprism.outlets.registry import load_registry

    settings = _settings()
    report = importer(
        file,
        source=source,
        overrides=settings.outlets_overrides,
        registry=load_registry(overrides=settings.outlets_overrides),
        as_of=as_of,
        dry_run=dry_run,
    )
    if as_json:
        _print_json(report.as_dict())
        return
    _print_import_report(
        report, dry_run=dry_run, describe=describe, show_candidates=show_candidates
    )


def _print_import_report(
    report: Any, *, dry_run: bool, describe: Callable[[dict[str, Any]], str], show_candidates: bool
) -> None:
    """Print a ratings or ownership import report: counts, then one line per outlet."""
    counts = report.counts()
    typer.echo(
        f"matched {counts['matched']}, changed {counts['changed']}, ambiguous "
        f"{counts['ambiguous']}, unmatched {counts['unmatched']}, bad rows {counts['bad_rows']}"
    )
    for item in report.changed:
        typer.echo(f"  changed   {item['slug']}: {describe(item)}")
    for item in report.ambiguous:
        candidates = f" ({', '.join(item['candidates'])})" if show_candidates else ""
        typer.echo(
            f"  ambiguous line {item['line']} {item['name']!r}: {item['reason']}{candidates}"
        )
    for item in report.unmatched:
        typer.echo(f"  unmatched line {item['line']} {item['name'] or item['domain']!r}")
    for item in report.bad_rows:
        typer.echo(f"  bad row   line {item['line']} {item['name']!r}: {item['reason']}")
    if report.written_to:
        typer.echo(f"wrote {len(report.changed)} outlet(s) to {report.written_to}")
    elif dry_run:
        typer.echo("dry run: nothing written")


@app.command("export-opml")
def export_opml_cmd(
    file: Annotated[Path, typer.Argument(help="OPML file to write.")],
) -> None:
    """Write every feed of the registry to an OPML 2.0 file, grouped by category."""
    from newsprism.outlets.opml import export_opml

    count = export_opml(_registry(), file)
    typer.echo(f"wrote {count} feeds to {file}")


@app.command("import-opml")
def import_opml_cmd(
    file: Annotated[Path, typer.Argument(help="OPML file (any feed reader's export).")],
    dry_run: Annotated[bool, typer.Option(help="Report only; write nothing.")] = False,
) -> None:
    """Add an OPML file's feeds to your overrides: to known outlets, or as new unrated outlets."""
    from newsprism.outlets.opml import read_opml

    _import_feeds(read_opml(file), [], dry_run=dry_run)


@app.command("import-feeds")
def import_feeds_cmd(
    file: Annotated[Path, typer.Argument(help="Feed list, CSV or JSON (docs/outlets.md).")],
    dry_run: Annotated[bool, typer.Option(help="Report only; write nothing.")] = False,
) -> None:
    """Add a CSV/JSON feed list (category, region, language per feed) like an OPML file."""
    from newsprism.outlets.feedlist import read_feed_list

    feeds, skipped = read_feed_list(file)
    _import_feeds(feeds, skipped, dry_run=dry_run)


def _import_feeds(feeds: list[Any], skipped: list[str], *, dry_run: bool) -> None:
    from newsprism.outlets.opml import plan_opml_import
    from newsprism.outlets.ratings import merge_into_overrides

    settings = _settings()
    plan = plan_opml_import(feeds, _registry())
    plan.skipped[:0] = skipped
    added = sum(len(r.feeds) for r in plan.added_feeds)
    new_feeds = sum(len(r.feeds) for r in plan.new_outlets)
    typer.echo(
        f"{added} feed(s) for known outlets, {len(plan.new_outlets)} new outlet(s) with "
        f"{new_feeds} feed(s), {plan.already_present} already present, "
        f"{len(plan.skipped)} skipped"
    )
    for reason in plan.skipped[:50]:
        typer.echo(f"  skipped {reason}")
    if len(plan.skipped) > 50:
        typer.echo(f"  … and {len(plan.skipped) - 50} more skipped")
    if plan.updates and not dry_run:
        merge_into_overrides(settings.outlets_overrides, plan.updates)
        typer.echo(f"wrote to {settings.outlets_overrides}; run `newsprism outlets sync`")


@app.command()
def sync() -> None:
    """Load the registry (with your overrides) into the database."""
    from newsprism.outlets.registry import load_registry, sync_registry
    from newsprism.store.db import Store

    settings = _settings()
    store = Store(settings.sqlalchemy_url)
    store.check_schema()
    counts = sync_registry(store, load_registry(overrides=settings.outlets_overrides))
    typer.echo(
        f"synced {counts['outlets']} outlets ({counts['created_outlets']} new), "
        f"{counts['feeds']} feeds ({counts['created_feeds']} new)"
    )
