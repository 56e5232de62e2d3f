"""Clustering stages (contract; implemented in issue 6).

- ``embed_articles(ctx)``: embed a batch of ``ready`` articles (title + lead) with the
  configured `Embedder`; store float32 bytes in ``article.embedding``; status ``embedded``.
- ``cluster_articles(ctx)``: in publication order, assign ``embedded`` articles to a story
  (new or existing), update story centroid / counts / ``revision``; status ``clustered``.
  Syndicated copies join their original's story.
"""

from __future__ import annotations

from newsprism.pipeline import StageContext, StageReport


def embed_articles(ctx: StageContext) -> StageReport:
    """Embed a batch of ready articles."""
    raise NotImplementedError


def cluster_articles(ctx: StageContext) -> StageReport:
    """Assign a batch of embedded articles to stories."""
    raise NotImplementedError
