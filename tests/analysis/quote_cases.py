"""Shared helper of the quote tests: the resolved speakers of a text's quotes."""

from __future__ import annotations

from newsprism.analysis.quotes import extract_quotes
from newsprism.analysis.speaker_resolution import resolve_speakers


def resolved_speakers(text: str) -> list[str | None]:
    """The speaker of each quote of *text*, resolved to the names the text gives."""
    return [q.speaker for q in resolve_speakers(extract_quotes(text), text)]
