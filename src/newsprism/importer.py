"""Import articles from a JSONL file (schema in docs/import.md) straight into the store.

Imported articles skip fetching: they enter the chain as ``extracted`` (or ``partial``
when they carry no text) and flow on through dedupe → embed → cluster → analyze → brief.
Unknown outlet domains get an unrated outlet (shown as "Other") so no article is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import Progress
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from newsprism.replay import ReplayArticle, read_articles
from newsprism.store.db import Store
from newsprism.store.schema import Article, Outlet, OutletDomain, utcnow

__all__ = ["ImportReport", "import_articles", "import_jsonl"]

BATCH = 500


@dataclass
class ImportReport:
    """What an import did; ``errors`` holds (line, reason) of rejected lines."""

    inserted: int = 0
    duplicates: int = 0
    rejected: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _outlet_for(
    session: Session, domain: str, name: str, resolve: Callable[[str], int | None]
) -> int:
    outlet_id = resolve(f"https://{domain}/")
    if outlet_id is not None:
        return outlet_id
    slug = domain.replace(".", "-")
    existing = session.scalar(select(Outlet.id).where(Outlet.slug == slug))
    if existing is not None:
        return existing
    outlet = Outlet(slug=slug, name=name, domains=[domain], homepage=f"https://{domain}/")
    session.add(outlet)
    session.flush()
    session.add(OutletDomain(domain=domain, outlet_id=outlet.id))
    return outlet.id


def import_articles(store: Store, articles: Iterable[ReplayArticle], report: ImportReport) -> None:
    """Insert *articles*, skipping canonical URLs already stored (idempotent)."""
    from newsprism.ingest.dedupe import canonical_url
    from newsprism.outlets.resolve import OutletResolver

    resolver = OutletResolver.from_store(store)
    created: dict[str, int] = {}
    insert = sqlite_insert if store.is_sqlite else pg_insert
    batch: list[dict[str, object]] = []

    def flush(session: Session) -> None:
        if not batch:
            return
        stmt = (
            insert(Article).values(batch).on_conflict_do_nothing(index_elements=["canonical_url"])
        )
        result = session.execute(stmt)
        inserted = max(result.rowcount, 0)  # type: ignore[attr-defined]
        report.inserted += inserted
        report.duplicates += len(batch) - inserted
        batch.clear()

    with store.session() as session:
        for art in articles:
            domain = art.domain
            if domain not in created:
                created[domain] = _outlet_for(session, domain, art.outlet_name, resolver.resolve)
            batch.append(
                {
                    "outlet_id": created[domain],
                    "url": art.url,
                    "canonical_url": canonical_url(art.url),
                    "title": art.title,
                    "summary": art.summary or art.text[:300],
                    "text": art.text,
                    "author": art.author or None,
                    "categories": list(art.categories),
                    "published_at": art.published,
                    "fetched_at": utcnow(),
                    "partial": not art.text,
                    "status": "extracted" if art.text else "partial",
                }
            )
            if len(batch) >= BATCH:
                flush(session)
                session.commit()
        flush(session)


def import_jsonl(store: Store, path: Path, *, progress: bool = False) -> ImportReport:
    """Import a JSONL / JSONL.gz file of articles; bad lines are reported, not fatal."""
    report = ImportReport()
    articles = read_articles(path, report.errors)
    if progress:
        with Progress(transient=True) as bar:
            task = bar.add_task(f"importing {path.name}", total=None)

            def counted() -> Iterable[ReplayArticle]:
                for art in articles:
                    bar.advance(task)
                    yield art

            import_articles(store, counted(), report)
    else:
        import_articles(store, articles, report)
    report.rejected = len(report.errors)
    return report
