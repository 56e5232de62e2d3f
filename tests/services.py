"""Whether the real services the integration tests use answer on loopback."""

from __future__ import annotations

import socket

POSTGRES = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)
RABBIT = ("127.0.0.1", 5672)


def answers(address: tuple[str, int]) -> bool:
    """Tell whether something accepts TCP connections at *address* (1 s timeout)."""
    try:
        with socket.create_connection(address, timeout=1):
            return True
    except OSError:
        return False
