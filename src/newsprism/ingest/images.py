"""The ``fetch_images`` stage: one picture per story, fetched through the guarded fetcher.

A story's picture is the ``og:image`` (or JSON-LD image) of one of its member articles, the
earliest that has one. Browsers never load it from the outlet: the stage fetches it through
`Fetcher` (SSRF guard, robots.txt, politeness, size cap), checks that the bytes are a JPEG,
PNG, GIF or WebP picture of a useful size, and stores them by content hash under
``<data_dir>/images``; the site serves them from its own origin (``/img/<file>``), so the
Content-Security-Policy stays ``img-src 'self'`` and no reader's address reaches an outlet.

The stage is idempotent rather than claimed: it reads its stories, fetches with no
transaction open, then writes with a condition on ``image_revision``. Two workers visiting
one story at once fetch the same picture twice at worst and store one file (same hash).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from newsprism.errors import FetchError
from newsprism.ingest.http import Fetcher
from newsprism.ingest.picture import ImageError, image_dir, inspect_image, store_image
from newsprism.ingest.stage import _fetcher, _run, _short
from newsprism.pipeline import StageContext, StageReport
from newsprism.store.schema import Article, Outlet, Story

__all__ = ["fetch_images"]

#: Candidate articles tried per story before it is left without a picture.
CANDIDATES = 3
_ACCEPT = "image/webp,image/png,image/jpeg,image/gif;q=0.9"


@dataclass(frozen=True)
class _Candidate:
    story_id: int
    revision: int
    article_id: int
    url: str
    outlet: str | None


def _candidates(ctx: StageContext) -> tuple[list[_Candidate], list[tuple[int, int, bool]]]:
    """Stories to visit: their candidate articles, and the settled ones.

    A story is settled without a fetch when its picture's article is still a member (keep
    it: True) or when no member has a picture (False: it has none).
    """
    with ctx.store.session() as session:
        stories = session.execute(
            select(Story.id, Story.revision, Story.image)
            .where(
                Story.merged_into.is_(None),
                Story.n_articles > 0,
                Story.image_revision < Story.revision,
            )
            .order_by(Story.last_updated.desc(), Story.id.desc())
            .limit(ctx.settings.image_batch_size)
        ).all()
        if not stories:
            return [], []
        rows = session.execute(
            select(Article.story_id, Article.id, Article.image_url, Outlet.name)
            .outerjoin(Outlet, Outlet.id == Article.outlet_id)
            .where(
                Article.story_id.in_([s.id for s in stories]),
                Article.image_url.is_not(None),
                Article.image_url != "",
            )
            .order_by(Article.published_at, Article.id)
        ).all()
    by_story: dict[int, list[Any]] = {}
    for row in rows:
        by_story.setdefault(row.story_id, []).append(row)
    out: list[_Candidate] = []
    settled: list[tuple[int, int, bool]] = []
    for story in stories:
        members = by_story.get(story.id, [])
        current = (story.image or {}).get("article_id")
        if current is not None and any(m.id == current for m in members):
            settled.append((story.id, story.revision, True))
            continue
        picks = [m for m in members if str(m.image_url).startswith(("http://", "https://"))]
        if not picks:
            settled.append((story.id, story.revision, False))
        for m in picks[:CANDIDATES]:
            out.append(_Candidate(story.id, story.revision, m.id, str(m.image_url), m.name))
    return out, settled


async def _first_picture(
    ctx: StageContext, fetcher: Fetcher, tries: Sequence[_Candidate], reasons: Counter[str]
) -> tuple[_Candidate, bytes, str, int, int] | None:
    """The first of a story's candidates that is a picture; the others are never fetched."""
    for cand in tries:
        try:
            result = await fetcher.fetch(cand.url, accept=_ACCEPT)
            if len(result.body) > ctx.settings.image_max_bytes:
                raise ImageError(
                    f"{len(result.body):,} bytes, over image_max_bytes "
                    f"({ctx.settings.image_max_bytes:,})"
                )
            ext, width, height = inspect_image(result.body)
        except (FetchError, ImageError) as exc:
            reasons[_short(str(exc))] += 1
            continue
        return cand, result.body, ext, width, height
    return None


async def _fetch_all(
    ctx: StageContext, by_story: dict[int, list[_Candidate]], reasons: Counter[str]
) -> list[tuple[_Candidate, bytes, str, int, int] | None]:
    async with _fetcher(ctx) as fetcher:
        return list(
            await asyncio.gather(
                *(_first_picture(ctx, fetcher, tries, reasons) for tries in by_story.values())
            )
        )


def fetch_images(ctx: StageContext) -> StageReport:
    """Choose, fetch and store one picture for each story whose membership changed."""
    report = StageReport("fetch_images")
    if not ctx.settings.story_images:
        return report
    candidates, settled = _candidates(ctx)
    if not candidates and not settled:
        return report
    by_story: dict[int, list[_Candidate]] = {}
    for cand in candidates:
        by_story.setdefault(cand.story_id, []).append(cand)
    reasons: Counter[str] = Counter()
    found = _run(_fetch_all(ctx, by_story, reasons)) if by_story else []
    chosen: dict[int, dict[str, Any]] = {}
    for picture in found:
        if picture is None:
            continue
        cand, body, ext, width, height = picture
        chosen[cand.story_id] = {
            "file": store_image(image_dir(ctx.settings.data_dir), body, ext),
            "article_id": cand.article_id,
            "source_url": cand.url,
            "outlet": cand.outlet,
            "width": width,
            "height": height,
        }
    visited = {c.story_id: c.revision for c in candidates}
    with ctx.store.session() as session:
        for story_id, revision in visited.items():
            values: dict[str, Any] = {"image_revision": revision}
            if story_id in chosen:
                values["image"] = chosen[story_id]
            # a story whose candidates all failed keeps the picture it had, if any
            session.execute(
                update(Story)
                .where(Story.id == story_id, Story.image_revision < revision)
                .values(**values)
            )
        for story_id, revision, keep in settled:
            session.execute(
                update(Story)
                .where(Story.id == story_id, Story.image_revision < revision)
                .values(image_revision=revision, **({} if keep else {"image": None}))
            )
    report.processed = len(chosen)
    report.failed = len(by_story) - len(chosen)
    report.details.update({"stories": len(visited) + len(settled), "images": len(chosen)})
    if reasons:
        report.details["refused"] = dict(reasons.most_common(5))
    return report
