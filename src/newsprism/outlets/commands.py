"""``newsprism outlets …`` commands (issue 4)."""

from __future__ import annotations

import typer

app = typer.Typer(help="The outlet registry: list, show, check, stats, ratings, OPML.", no_args_is_help=True)
