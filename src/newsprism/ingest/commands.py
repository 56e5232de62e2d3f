"""``newsprism feeds …`` commands (issue 5)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Feeds and their health.", no_args_is_help=True)
