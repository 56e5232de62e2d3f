"""HTTP hygiene on every response: security headers, and HEAD answered like GET.

The headers: a CSP without inline script, no sniffing, no framing. Only ``/embed/…``
may be framed by other sites (that is what the widget is for).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CSP", "EMBED_CSP", "HeadAsGet", "SecurityHeaders", "security_headers"]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
#: The widget: same rules, but any page may frame it and its links open the full site.
EMBED_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors *")
_COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


def _headers(csp: str, frame: bytes | None) -> list[tuple[bytes, bytes]]:
    headers = [(b"content-security-policy", csp.encode()), *_COMMON]
    if frame:
        headers.append((b"x-frame-options", frame))
    return headers


_PAGE_HEADERS = _headers(CSP, b"DENY")
_EMBED_HEADERS = _headers(EMBED_CSP, None)


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    """Return the security headers (raw ASGI pairs) of a response to *path*."""
    return _EMBED_HEADERS if path.startswith("/embed/") else _PAGE_HEADERS


class SecurityHeaders:
    """Pure ASGI middleware (no per-request task overhead) adding the headers above."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers to the response start message."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """Answer HEAD like GET, with the same headers and no body (crawlers and link checkers)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run HEAD requests as GET and drop the body."""
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)
