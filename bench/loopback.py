"""Loopback helpers shared by the bench scripts: free ports and the web server under test."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

#: nginx in front of NewsPrism, as deployed (story pages from web_page_dir)
SITE_CONF = Path(__file__).resolve().parents[1] / "deploy" / "nginx" / "newsprism.conf"


def free_port() -> int:
    """An unused port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def uvicorn_command(port: int, workers: int = 1) -> list[str]:
    """The command that serves NewsPrism's web app (settings from the environment) on *port*."""
    return [
        sys.executable, "-m", "uvicorn", "--factory", "newsprism.web.app:app_from_env",
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
        "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip


def granian_command(port: int, workers: int = 1) -> list[str]:
    """The same app under Granian (HTTP in Rust), as `newsprism serve --server granian`."""
    return [
        sys.executable, "-m", "granian", "--interface", "asgi", "--factory",
        "newsprism.web.app:app_from_env", "--host", "127.0.0.1", "--port", str(port),
        "--workers", str(workers), "--loop", "uvloop", "--log-level", "warning",
        "--no-access-log",
    ]  # fmt: skip


def site_config(listen: str, page_dir: Path, app: str) -> str:
    """deploy/nginx/newsprism.conf with its placeholders filled in, as an installer would."""
    text = SITE_CONF.read_text()
    for placeholder, value in (
        ("__LISTEN__", listen),
        ("__PAGE_DIR__", str(page_dir)),
        ("__APP__", app),
    ):
        text = text.replace(placeholder, value)
    return text
