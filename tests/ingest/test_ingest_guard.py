"""The SSRF guard's decisions, on addresses only: no packet is ever sent here."""

from __future__ import annotations

import ipaddress

import pytest

from newsprism.errors import BlockedURLError
from newsprism.ingest.guard import (
    Allowlist,
    address_problem,
    check_resolved,
    check_url,
    parse_host,
    parse_ipv4_loose,
)

NO_ALLOW = Allowlist.parse([])


@pytest.mark.parametrize(
    ("spelling", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("0xA9.0xFE.0xA9.0xFE", "169.254.169.254"),
        ("2852039166", "169.254.169.254"),
        ("10.1", "10.0.0.1"),
        ("192.168.257", "192.168.1.1"),
        ("8.8.8.8.", "8.8.8.8"),
    ],
)
def test_odd_ipv4_spellings_parse_to_the_real_address(spelling: str, address: str) -> None:
    assert parse_ipv4_loose(spelling) == ipaddress.IPv4Address(address)


@pytest.mark.parametrize("name", ["example.com", "1.2.3.4.5", "256.1.1.1", "1..2", "12a"])
def test_host_names_and_invalid_numbers_are_not_ip_addresses(name: str) -> None:
    assert parse_ipv4_loose(name) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://2130706433/", "loopback"),
        ("http://0177.0.0.1/", "loopback"),
        ("http://0x7f.1/feed", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://10.0.0.5/", "private"),
        ("http://172.16.3.4/", "private"),
        ("http://192.168.0.1:8080/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://0xA9FEA9FE/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fc00::1]/", "private"),
        ("http://224.0.0.1/", "multicast"),
        ("http://[ff02::1]/", "multicast"),
        ("http://240.0.0.1/", "reserved"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::]/", "unspecified"),
        ("http://[::ffff:127.0.0.1]/", "IPv4-mapped"),
        ("http://[::ffff:169.254.169.254]/", "IPv4-mapped"),
        ("http://[::ffff:8.8.8.8]/", "IPv4-mapped"),
        ("http://[2002:7f00:1::]/", "6to4"),
        ("http://[64:ff9b::a00:1]/", "NAT64"),
        ("http://100.64.1.1/", "carrier-grade NAT"),
        ("http://[::127.0.0.1]/", "IPv4-compatible"),
    ],
)
def test_guard_refuses_non_public_addresses(url: str, reason: str) -> None:
    with pytest.raises(BlockedURLError, match=reason):
        check_url(url, NO_ALLOW)


@pytest.mark.parametrize(
    "url", ["http://8.8.8.8/", "https://93.184.216.34/x", "http://[2606:4700::1111]/"]
)
def test_guard_admits_public_addresses(url: str) -> None:
    _host, _port, ip = check_url(url, NO_ALLOW)
    assert ip is not None
    assert address_problem(ip) is None


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "gopher://x/", "ftp://example.com/", "javascript:alert(1)"]
)
def test_guard_refuses_other_schemes(url: str) -> None:
    with pytest.raises(BlockedURLError, match="only http and https"):
        check_url(url, NO_ALLOW)


def test_guard_refuses_urls_with_credentials() -> None:
    with pytest.raises(BlockedURLError, match="credentials"):
        check_url("http://user:pw@example.com/", NO_ALLOW)


def test_allowlist_admits_loopback_network_only_when_listed() -> None:
    allow = Allowlist.parse(["127.0.0.0/8", "::1/128"])
    check_url("http://127.0.0.1:8765/feed", allow)
    check_url("http://[::1]/", allow)
    with pytest.raises(BlockedURLError, match="private"):
        check_url("http://10.0.0.1/", allow)
    with pytest.raises(BlockedURLError, match="link-local"):
        check_url("http://169.254.169.254/", allow)


def test_host_name_resolving_to_any_private_address_is_refused() -> None:
    with pytest.raises(BlockedURLError, match=r"resolves to 10\.0\.0\.7"):
        check_resolved("news.example", ["93.184.216.34", "10.0.0.7"], NO_ALLOW)


def test_allowlisted_host_name_is_admitted_whatever_it_resolves_to() -> None:
    allow = Allowlist.parse(["replay.local"])
    checked = check_resolved("replay.local", ["127.0.0.1"], allow)
    assert [str(ip) for ip in checked] == ["127.0.0.1"]


def test_bracketed_ipv6_with_zone_is_judged_by_address() -> None:
    ip = parse_host("[fe80::1%eth0]")
    assert ip is not None
    assert address_problem(ip) is not None
