"""Fixtures for brief tests (data in briefs_fixture.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from briefs_fixture import bridge_story

from newsprism.synth.brief import StoryInput
from newsprism.synth.guard import FaithfulnessGuard
from newsprism.synth.semantic import shared_encoder

BALY_RELATIVE = "shared/data/articles/baly2020/articles-2018-2020.jsonl.gz"
# ../shared/data beside the project root (as in tests/conftest.py); a worktree under wt/
# sits one level deeper, so look one more folder up
_ROOTS = Path(__file__).resolve().parents[3:5]
BALY = next(
    (r / BALY_RELATIVE for r in _ROOTS if (r / BALY_RELATIVE).exists()), _ROOTS[0] / BALY_RELATIVE
)


@pytest.fixture
def baly_path() -> Path:
    """The public baly2020 articles, read in place; skips when ../shared/data is absent."""
    if not BALY.exists():
        pytest.skip("../shared/data/articles/baly2020 is absent: this test reads it in place")
    return BALY


@pytest.fixture
def story_input() -> StoryInput:
    return bridge_story()


@pytest.fixture(scope="session")
def guard() -> FaithfulnessGuard:
    """The real guard with all-MiniLM-L6-v2 (loaded once per test session)."""
    from newsprism.synth.extractive import TEMPLATE_WORDS

    return FaithfulnessGuard(shared_encoder(), allowed_words=TEMPLATE_WORDS)
