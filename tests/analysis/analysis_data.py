"""``shared_path`` for the analysis tests, with an override for worktrees.

Same contract as ``shared_path`` in tests/conftest.py (skip cleanly when the data is
absent); ``NEWSPRISM_SHARED_DATA`` points at the folder when the checkout does not sit
next to ``shared/`` (helper worktrees live one level deeper than the main checkout).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_DEFAULT = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def shared_path(relative: str) -> Path:
    """A file under ../shared/data, or skip the test cleanly when it is absent."""
    path = Path(os.environ.get("NEWSPRISM_SHARED_DATA", _DEFAULT)) / relative
    if not path.exists():
        pytest.skip(f"../shared/data/{relative} is absent: this test reads public data in place")
    return path
