"""Real stages on PostgreSQL: a batch another worker holds is skipped; lock conflicts say so."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update

from newsprism.config import Settings
from newsprism.errors import StoreError
from newsprism.pipeline import StageContext
from newsprism.store.db import Store, yield_to_writers
from newsprism.store.schema import Article
from newsprism.stories.stage import embed_articles


def _ready_articles(store: Store, n: int) -> None:
    with store.session() as s:
        for i in range(n):
            s.add(
                Article(
                    url=f"http://o.example/{i}",
                    canonical_url=f"http://o.example/{i}",
                    title=f"volcano ash report {i}",
                    text="lava flows near the airport " * 20,
                    status="ready",
                )
            )


def _ctx(store: Store, tmp_path: Path) -> StageContext:
    settings = Settings(data_dir=tmp_path, embedder="hashing", embed_batch_size=4)
    return StageContext(store=store, settings=settings)


@pytest.mark.postgres
def test_embed_skips_the_rows_another_worker_holds(dist_store: Store, tmp_path: Path) -> None:
    _ready_articles(dist_store, 6)
    with dist_store.session() as other:
        # another worker's claim on the first four (as embed_articles itself takes them)
        held = other.scalars(
            select(Article.id).order_by(Article.id).limit(4).with_for_update()
        ).all()
        report = embed_articles(_ctx(dist_store, tmp_path))
        assert report.processed == 2
    with dist_store.session() as s:
        embedded = set(s.scalars(select(Article.id).where(Article.status == "embedded")))
    assert embedded.isdisjoint(held) and len(embedded) == 2


@pytest.mark.postgres
def test_a_lock_conflict_says_retry_not_db_upgrade(dist_store: Store) -> None:
    _ready_articles(dist_store, 1)
    with dist_store.session() as holder:
        holder.execute(update(Article).values(title="held"))
        with pytest.raises(StoreError) as caught, dist_store.session() as s:
            yield_to_writers(s, 100)
            s.execute(update(Article).values(title="waiting"))
    message = str(caught.value)
    assert "Lock conflict with another worker" in message
    assert "db upgrade" not in message
