"""Ingestion stages (contract; implemented in issue 5).

- ``poll_feeds(ctx)``: poll every feed whose ``next_poll_at`` has come; insert one
  ``article`` row per new entry (status ``new``, keyed by canonical URL, so a repeat is a
  no-op); update the feed's etag / last_modified / next_poll_at / failures / last_error.
- ``fetch_articles(ctx)``: for a batch of ``new`` articles fetch the page and extract it;
  status ``extracted``, or ``partial`` (feed summary used), or ``failed`` with ``error``.
- ``dedupe_articles(ctx)``: content hash + MinHash LSH over ``extracted``/``partial``
  articles; set ``syndicated_of`` for near-copies; status ``ready``.
"""

from __future__ import annotations

from newsprism.pipeline import StageContext, StageReport


def poll_feeds(ctx: StageContext) -> StageReport:
    """Poll due feeds and store their new entries."""
    raise NotImplementedError


def fetch_articles(ctx: StageContext) -> StageReport:
    """Fetch and extract a batch of new articles."""
    raise NotImplementedError


def dedupe_articles(ctx: StageContext) -> StageReport:
    """Link syndicated copies and mark a batch of articles ready."""
    raise NotImplementedError
