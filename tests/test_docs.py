"""Docs a test keeps honest: every setting and every CLI command is documented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer.main

from newsprism.cli import app
from newsprism.config import settings_markdown

ROOT = Path(__file__).resolve().parents[1]


def all_docs() -> str:
    parts = [(ROOT / "README.md").read_text()]
    parts += [p.read_text() for p in sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(parts)


def command_paths(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, cmd in group.commands.items():
        if hasattr(cmd, "commands"):
            paths += command_paths(cmd, (*prefix, name))
        else:
            paths.append((*prefix, name))
    return paths


def test_settings_reference_is_current() -> None:
    documented = (ROOT / "docs" / "configuration.md").read_text()
    assert documented == settings_markdown(), (
        "docs/configuration.md is stale: run `newsprism config --markdown > docs/configuration.md`"
    )


def test_every_command_is_documented() -> None:
    root = typer.main.get_command(app)
    text = all_docs()
    missing = []
    for path in command_paths(root):
        # "outlets import-ratings" may be written "outlets list|show|import-ratings"
        pattern = r"\s+(?:[\w-]+\s*[|/,]\s*)*".join(re.escape(p) for p in path)
        if not re.search(r"newsprism\s+" + pattern + r"\b", text):
            missing.append(" ".join(path))
    assert missing == []
