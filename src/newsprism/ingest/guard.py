"""SSRF guard: decides, before any packet is sent, whether an address may be contacted.

Pure functions on strings and `ipaddress` objects (no sockets), so they are tested on
every dangerous address without ever contacting one. `http.py` calls `check_url()` for
every hop (redirects included), resolves DNS once through `check_host()` and connects
only to the addresses that were checked.

Refused unless admitted by ``settings.allow_hosts``: loopback, private, link-local
(169.254.169.254 cloud metadata included), multicast, reserved, unspecified, shared
(100.64/10), documentation and benchmark ranges, IPv4-mapped / -translated / 6to4 /
Teredo IPv6 forms, and every address Python's `ipaddress` does not call global. Odd IPv4
spellings (``2130706433``, ``0177.0.0.1``, ``0x7f.1``) are parsed the way browsers and
``inet_aton`` do, so they are judged as the address they really are.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsprism.errors import BlockedURLError

__all__ = [
    "Allowlist",
    "IPAddress",
    "address_problem",
    "check_ip",
    "check_url",
    "parse_host",
    "parse_ipv4_loose",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_ALLOWED_SCHEMES = ("http", "https")

#: Ranges that `ipaddress` may call global but that must never be fetched.
_EXTRA_BLOCKED: tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str], ...] = (
    (ipaddress.ip_network("100.64.0.0/10"), "a carrier-grade NAT (shared) address"),
    (ipaddress.ip_network("192.0.0.0/24"), "an IETF protocol-assignment address"),
    (ipaddress.ip_network("198.18.0.0/15"), "a benchmarking address"),
    (ipaddress.ip_network("64:ff9b::/96"), "a NAT64 address that embeds an IPv4 address"),
    (ipaddress.ip_network("64:ff9b:1::/48"), "a local NAT64 address"),
    (ipaddress.ip_network("2002::/16"), "a 6to4 address that embeds an IPv4 address"),
    (ipaddress.ip_network("2001::/32"), "a Teredo address that embeds an IPv4 address"),
)


def parse_ipv4_loose(host: str) -> ipaddress.IPv4Address | None:
    """Return the IPv4 address that *host* spells in any inet_aton form, or None if it is not one.

    Accepts 1 to 4 dot-separated parts, each decimal, octal (leading ``0``) or hex
    (``0x``); the last part fills the remaining bytes — so ``2130706433``,
    ``0177.0.0.1``, ``0x7f.1`` and ``127.1`` are all 127.0.0.1 (WHATWG URL host parsing).
    """
    text = host.strip().rstrip(".")
    if not text:
        return None
    parts = text.split(".")
    if len(parts) > 4:
        return None
    numbers: list[int] = []
    for part in parts:
        if not part:
            return None
        low = part.lower()
        try:
            if low.startswith("0x"):
                value = int(low[2:] or "0", 16)
            elif len(low) > 1 and low.startswith("0"):
                value = int(low[1:], 8)
            else:
                if not low.isdigit():
                    return None
                value = int(low, 10)
        except ValueError:
            return None
        numbers.append(value)
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for index, number in enumerate(head):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def parse_host(host: str) -> IPAddress | None:
    """Return the IP address *host* denotes (IPv6 in brackets or not, loose IPv4), else None."""
    text = host.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if "%" in text:  # zone index (fe80::1%eth0): judge the address itself
        text = text.split("%", 1)[0]
    if ":" in text:
        try:
            return ipaddress.IPv6Address(text)
        except ValueError:
            return None
    return parse_ipv4_loose(text)


def address_problem(ip: IPAddress) -> str | None:
    """Why *ip* must not be contacted (a phrase like "a private address"), or None if public."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return f"an IPv4-mapped IPv6 address (of {ip.ipv4_mapped})"
        if ip.sixtofour is not None and ip in ipaddress.ip_network("2002::/16"):
            return f"a 6to4 address that embeds an IPv4 address ({ip.sixtofour})"
        if ip.teredo is not None:
            return "a Teredo address that embeds an IPv4 address"
        # ::a.b.c.d (IPv4-compatible, deprecated) — the top 96 bits are zero
        if int(ip) >> 32 == 0 and int(ip) > 1:
            return "an IPv4-compatible IPv6 address"
    for network, why in _EXTRA_BLOCKED:
        if ip.version == network.version and ip in network:
            return why
    # most specific first: Python calls 240.0.0.0/4 "private" as well as "reserved"
    checks = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address (cloud metadata lives here)"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_reserved, "a reserved address"),
        (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local, "a site-local address"),
        (ip.is_private, "a private address"),
    )
    for flag, why in checks:
        if flag:
            return why
    if not ip.is_global:
        return "not a public address"
    return None


@dataclass(frozen=True)
class Allowlist:
    """Networks and host names admitted although not public (``settings.allow_hosts``)."""

    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    hosts: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> Allowlist:
        """Split entries into CIDR networks / single addresses and host names."""
        networks = []
        hosts = set()
        for raw in entries:
            entry = raw.strip()
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                hosts.add(entry.lower().rstrip("."))
        return cls(tuple(networks), frozenset(hosts))

    def admits_ip(self, ip: IPAddress) -> bool:
        """Tell whether *ip* lies in an allowed network."""
        candidates: list[IPAddress] = [ip]
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            candidates.append(ip.ipv4_mapped)
        return any(c.version == n.version and c in n for c in candidates for n in self.networks)

    def admits_host(self, host: str) -> bool:
        """Tell whether the host name itself is allowed."""
        return host.lower().rstrip(".") in self.hosts


def check_ip(ip: IPAddress, allow: Allowlist, *, what: str = "address") -> None:
    """Raise `BlockedURLError` unless *ip* is public or admitted by *allow*."""
    problem = address_problem(ip)
    if problem is None or allow.admits_ip(ip):
        return
    raise BlockedURLError(
        f"blocked by the SSRF guard: {what} {ip} is {problem}. If this host is yours "
        "(e.g. the replay server), add it to NEWSPRISM_ALLOW_HOSTS."
    )


def check_url(url: str, allow: Allowlist) -> tuple[str, int, IPAddress | None]:
    """Check a URL's scheme and literal host; return ``(host, port, ip_if_literal)``.

    A host name (not an IP literal) still has to be resolved and each address checked
    with `check_resolved()` before connecting.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BlockedURLError(f"refused a malformed URL {url[:200]!r}: {exc}") from None
    if parts.scheme.lower() not in _ALLOWED_SCHEMES:
        raise BlockedURLError(
            f"refused {url[:200]!r}: only http and https URLs are fetched, not {parts.scheme!r}"
        )
    host = parts.hostname or ""
    if not host:
        raise BlockedURLError(f"refused {url[:200]!r}: the URL has no host")
    if parts.username or parts.password:
        raise BlockedURLError(f"refused {url[:200]!r}: URLs with credentials are not fetched")
    if port is None:
        port = 443 if parts.scheme.lower() == "https" else 80
    ip = parse_host(host)
    if ip is not None:
        check_ip(ip, allow, what=f"host {host!r} =")
    return host, port, ip


def check_resolved(host: str, addresses: Sequence[str], allow: Allowlist) -> list[IPAddress]:
    """Check every address *host* resolved to; all must pass (one bad answer refuses the host)."""
    if not addresses:
        raise BlockedURLError(f"could not resolve {host!r}: no addresses; check the URL")
    checked: list[IPAddress] = []
    admitted_name = allow.admits_host(host)
    for text in addresses:
        ip = ipaddress.ip_address(text.split("%", 1)[0])
        if not admitted_name:
            check_ip(ip, allow, what=f"host {host!r} resolves to")
        checked.append(ip)
    return checked
