"""The ``newsprism recluster`` command body (kept here so the CLI stays thin)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsprism.config import Settings
from newsprism.errors import ConfigError
from newsprism.store.db import Store

__all__ = ["parse_since", "run_recluster"]


def parse_since(value: str) -> datetime:
    """Parse a ``--since`` value (YYYY-MM-DD or ISO 8601) into an aware UTC datetime."""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(
            f"--since {value!r} is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)"
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def run_recluster(settings: Settings, store: Store, since: str) -> str:
    """Re-cluster everything published since *since*; return a one-line summary."""
    from newsprism.stories.stage import recluster

    counts = recluster(store, settings, parse_since(since))
    return (
        f"released {counts['released']} articles, removed {counts['deleted_stories']} emptied "
        f"stories, clustered {counts['clustered']} articles into {counts['stories']} stories"
    )
