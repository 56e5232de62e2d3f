"""``/api/v1``: the same data as every HTML page, as JSON."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from newsprism.errors import StoreError
from newsprism.store.schema import Article, Brief, Outlet, Story
from newsprism.web import data
from newsprism.web.app import IdPath, problem_response, web_state

__all__ = ["router"]

#: RFC 9457 problem details, the body of every error under /api/ (see web/app.py).
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "description": "problem type URI (…/api#problem-not-found)"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string", "description": "the request path"},
    },
}
_PROBLEM = {"application/problem+json": {"schema": PROBLEM_SCHEMA}}

router = APIRouter(
    prefix="/api/v1",
    tags=["api"],
    responses={
        404: {
            "description": "No such resource (also: an id that cannot exist)",
            "content": _PROBLEM,
        },
        422: {"description": "A parameter is invalid", "content": _PROBLEM},
    },
)

PageNo = Annotated[int, Query(ge=1, le=10_000, description="1-based page number.")]


def _page(request: Request, number: int) -> data.Page:
    return data.Page(number, web_state(request).settings.web_page_size)


@router.get("/stories", summary="List stories")
def stories(
    request: Request,
    page: PageNo = 1,
    sort: Annotated[
        Literal["trending", "latest"], Query(description="trending score or last update")
    ] = "trending",
    category: Annotated[str | None, Query(description="only this category")] = None,
    hashtag: Annotated[str | None, Query(description="only stories with this hashtag")] = None,
    blindspot: Annotated[bool, Query(description="only blindspot stories")] = False,
) -> dict[str, Any]:
    """List a page of live stories with their lean counts (the home page: ``sort=trending``)."""
    with web_state(request).store.session() as s:
        return data.stories_data(
            s,
            _page(request, page),
            sort=sort,
            category=category,
            hashtag=hashtag,
            blindspot=blindspot,
        )


@router.get("/categories", summary="List categories")
def categories(request: Request) -> dict[str, Any]:
    """Categories that have live stories, with their story counts."""
    with web_state(request).store.session() as s:
        return {"categories": data.categories(s)}


@router.get("/stories/{story_id}", summary="One story")
def story(
    request: Request,
    story_id: IdPath,
    weighting: Annotated[
        Literal["coverage", "balanced"] | None,
        Query(
            description="Citations per side: 'coverage' follows each side's share of the "
            "outlets, 'balanced' gives each side equal turns (default: the site's setting). "
            "`brief.weighting` says which is shown."
        ),
    ] = None,
) -> dict[str, Any]:
    """Return everything on the story page.

    Brief sections with numbered citations, landscape, framing, sources, timeline,
    articles grouped by lean and more from the category. ``brief.weighting`` names the
    citation weighting shown, ``brief.weighting_links`` the pages of the others.
    """
    state = web_state(request)
    with state.store.session() as s:
        page = data.story_data(
            s, story_id, weighting=weighting, default_weighting=state.settings.brief_weighting
        )
    if page is None:
        raise HTTPException(404, f"No story {story_id}.")
    return page


@router.get("/outlets", summary="List outlets")
def outlets(request: Request, page: PageNo = 1) -> dict[str, Any]:
    """Outlets by name with lean, rating provenance and article counts."""
    with web_state(request).store.session() as s:
        return data.outlets_data(s, _page(request, page))


@router.get("/outlets/{slug}", summary="One outlet")
def outlet(request: Request, slug: str, page: PageNo = 1) -> dict[str, Any]:
    """Show an outlet's rating and provenance, a page of its articles and its stories."""
    with web_state(request).store.session() as s:
        result = data.outlet_data(s, slug, _page(request, page))
    if result is None:
        raise HTTPException(404, f"No outlet {slug!r}.")
    return result


@router.get("/search", summary="Search stories and articles")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=200, description="words to find")] = "",
    page: PageNo = 1,
) -> dict[str, Any]:
    """Full-text search (SQLite FTS5 or PostgreSQL) over story titles/hashtags and articles."""
    with web_state(request).store.session() as s:
        return data.search_data(s, q, _page(request, page))


@router.get("/health", summary="Health and progress")
def health(request: Request, broker: bool | None = None) -> dict[str, Any]:
    """Report the verdict (ok, degraded, down) with its reasons, and the details behind it.

    Details: schema revision, counts, lag per stage, failing feeds and heartbeats. The
    broker's queue depths are included with ``?broker=true``, and by default once a worker
    or scheduler has ever beaten (distributed mode). Answers 200 even when down: probes
    use ``/health/ready``.
    """
    from newsprism.distributed.health import collect_health

    state = web_state(request)
    store = state.store
    try:
        pipeline = collect_health(store, state.settings, broker=broker)
    except (StoreError, SQLAlchemyError) as exc:
        return {"status": "down", "reasons": [f"database unreachable: {exc}"], "ok": False}
    with store.session() as s:
        counts = {
            "outlets": int(s.scalar(select(func.count()).select_from(Outlet)) or 0),
            "stories": int(
                s.scalar(select(func.count()).select_from(Story).where(Story.merged_into.is_(None)))
                or 0
            ),
            "briefs": int(s.scalar(select(func.count()).select_from(Brief)) or 0),
        }
        by_status = {
            str(k): int(v)
            for k, v in s.execute(
                select(Article.status, func.count()).group_by(Article.status)
            ).all()
        }
        counts["articles"] = sum(by_status.values())
        # the latest article row that has been fetched, found backwards along the primary
        # key: max(fetched_at) would read the whole table (2.7 s at 1M articles on SQLite)
        newest = s.scalar(
            select(Article.fetched_at)
            .where(Article.fetched_at.is_not(None))
            .order_by(Article.id.desc())
            .limit(1)
        )
    return {
        "status": pipeline["status"],
        "reasons": pipeline["reasons"],
        "schema_revision": store.current_revision(),
        "counts": counts,
        "articles_by_status": by_status,
        "newest_article_fetched_at": newest.isoformat() if newest else None,
        "pipeline": pipeline,
    }


@router.get(
    "/health/ready",
    summary="Load-balancer probe: 200 when ok, 503 when degraded or down",
    responses={503: {"description": "Degraded or down", "content": _PROBLEM}},
)
def health_ready(request: Request) -> Any:
    """Answer 200 ``{"status": "ok"}`` only when the verdict of ``/health`` is ok.

    Degraded or down (no fresh worker or pipeline heartbeat, broker unreachable, a stage
    lagging past ``health_max_lag_seconds``, no feed reachable, database unreachable)
    answers 503 with the reasons in ``detail`` and ``reasons``.
    """
    from newsprism.distributed.health import collect_health

    state = web_state(request)
    try:
        report = collect_health(state.store, state.settings)
        status, reasons = report["status"], report["reasons"]
    except (StoreError, SQLAlchemyError) as exc:
        status, reasons = "down", [f"database unreachable: {exc}"]
    if status == "ok":
        return JSONResponse({"status": "ok", "reasons": []})
    problem = problem_response(request, 503, f"{status}: " + "; ".join(reasons))
    body = json.loads(bytes(problem.body))
    body.update(health=status, reasons=reasons)
    return JSONResponse(body, status_code=503, media_type="application/problem+json")


@router.get("/health/live", summary="Liveness probe: 200 while this web process answers")
def health_live() -> dict[str, str]:
    """Answer 200 as long as the web process serves requests (nothing else is checked)."""
    return {"status": "alive"}
