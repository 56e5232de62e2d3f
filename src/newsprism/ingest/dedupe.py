"""Deduplication: canonical URLs, exact content hashes and MinHash near-copy detection.

Exact repeats (same canonical URL) are never stored twice — ``article.canonical_url`` is
unique. Syndicated copies (the same wire story on many sites) are *kept*, because they are
coverage, and linked with ``syndicated_of`` to the earliest copy so that later stages do
not count their text twice.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import numpy as np

__all__ = [
    "MINHASH_PERMUTATIONS",
    "NearDuplicateIndex",
    "canonical_url",
    "content_hash",
    "minhash_bytes",
    "minhash_from_bytes",
    "normalise_text",
    "shingle_hashes",
]

#: Query parameters that only track the reader; dropped from canonical URLs.
_TRACKING_EXACT = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "twclid", "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
        "_hsenc", "_hsmi", "hsctatracking", "mkt_tok", "oly_anon_id", "oly_enc_id",
        "vero_id", "vero_conv", "wt.mc_id", "ncid", "cmpid", "ocid", "sr_share",
        "ref_src", "ref_url", "smid", "smtyp", "s_cid", "cid_source", "spm",
        "amp", "outputtype", "__twitter_impression", "ito", "at_medium",
        "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmb_", "at_", "ga_", "icid")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# RFC 3986 reserved characters stay literal; "%" is re-escaped so that decoding then
# encoding once is a fixed point (no "%2541" → "%41" → "A" drift between passes).
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def _is_tracking(key: str) -> bool:
    low = key.lower()
    return low in _TRACKING_EXACT or low.startswith(_TRACKING_PREFIXES)


def _normalise_percent(text: str, safe: str) -> str:
    # unquote → quote makes %7E vs ~ and %2f vs %2F spell the same; invalid escapes survive.
    return quote(unquote(text, errors="surrogateescape"), safe=safe, errors="surrogateescape")


def _strip_amp_path(path: str) -> str:
    for suffix in ("/amp/", "/amp"):
        if path.endswith(suffix) and len(path) > len(suffix):
            return path[: -len(suffix)] or "/"
    if path.startswith("/amp/"):
        return path[4:]
    if path.endswith(".amp.html"):
        return path[: -len(".amp.html")] + ".html"
    if path.endswith(".amp"):
        return path[: -len(".amp")]
    return path


def canonical_url(url: str) -> str:
    """Return the one spelling of *url* used as the article key.

    Lowercases scheme and host, drops default ports, credentials, fragments, tracking
    parameters (``utm_*``, ``fbclid``, ``gclid``, …) and AMP variants (``/amp``,
    ``?amp``, ``amp.`` subdomains, ``.amp.html``), sorts the remaining query, normalises
    percent-escapes and removes trailing slashes. Idempotent:
    ``canonical_url(canonical_url(u)) == canonical_url(u)``. Strings that are not URLs
    come back stripped, so callers never crash on them.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return text
    host = parts.hostname.lower().rstrip(".")
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    while host.startswith("amp.") and host.count(".") >= 2:
        host = host[len("amp.") :]
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _normalise_percent(parts.path, _PATH_SAFE)
    path = re.sub(r"/{2,}", "/", path)
    stripped = _strip_amp_path(path)
    while stripped != path:
        path, stripped = stripped, _strip_amp_path(stripped)
    while path.endswith("/") and path != "/":
        path = path[:-1]
    if path == "/":
        path = ""
    pairs = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k and not _is_tracking(k)
    ]
    query = urlencode(sorted(pairs), doseq=True)
    result = urlunsplit((scheme, netloc, path, query, ""))
    # A second pass catches what the first one exposed (e.g. "/amp/" left "…/amp").
    return result if result == text else _fixpoint(result)


def _fixpoint(url: str) -> str:
    seen = url
    for _ in range(8):
        nxt = canonical_url(seen)
        if nxt == seen:
            return seen
        seen = nxt
    return seen


_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise_text(text: str) -> str:
    """NFKC, lower case, single spaces: the form hashed for exact-duplicate detection."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def content_hash(text: str) -> str:
    """SHA-256 hex of the normalised text (same words, same hash, whatever the markup)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def shingle_hashes(text: str, size: int = 5) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """Distinct 32-bit hashes of the word *size*-grams of *text* (empty if it has no words).

    5 words separate wire copies from articles on the same topic. Words are hashed with
    CRC-32 and combined per n-gram with a multiplicative mix, all in numpy: 25× faster than
    hashing every shingle string with SHA-1 as datasketch does.
    """
    words = _WORD.findall(normalise_text(text))
    if not words:
        return np.zeros(0, dtype=np.uint64)
    ids = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), np.uint64, len(words))
    if len(ids) < size:
        size = len(ids)
    mixed = ids[: len(ids) - size + 1].copy()
    for k in range(1, size):
        mixed = (mixed * _MIX) ^ ids[k : len(ids) - size + 1 + k]
    folded = (mixed ^ (mixed >> np.uint64(32))) & _LOW32
    return np.unique(folded)


#: 128 permutations: Jaccard estimate std. error ≈ sqrt(J(1-J)/128) ≈ 0.035 at J = 0.8.
MINHASH_PERMUTATIONS = 128
#: datasketch's 32-bit scheme label for the LSH index; stored signatures are 128 × uint32.
MINHASH_SCHEME = "affine32"
_MIX = np.uint64(1_000_003)
_LOW32 = np.uint64(0xFFFFFFFF)
#: the smallest prime above 2**32: (a·x + b) mod p is a universal hash of 32-bit x
_PRIME = np.uint64(4_294_967_311)


@functools.cache
def _permutations() -> tuple[np.ndarray[Any, np.dtype[np.uint64]], ...]:
    # fixed seed: signatures are stored, so they must mean the same in every process
    gen = np.random.default_rng(20261123)
    a = gen.integers(1, 1 << 32, MINHASH_PERMUTATIONS, dtype=np.uint64)
    b = gen.integers(0, 1 << 32, MINHASH_PERMUTATIONS, dtype=np.uint64)
    return a, b


def minhash_bytes(text: str) -> bytes | None:
    """Return the MinHash signature of *text* as uint32 bytes (None when it has no words)."""
    hashes = shingle_hashes(text)
    if hashes.size == 0:
        return None
    a, b = _permutations()
    # a, b, x < 2**32, so a·x + b < 2**64: no overflow in uint64
    permuted = (hashes[:, None] * a[None, :] + b[None, :]) % _PRIME
    return bytes((permuted.min(axis=0) & _LOW32).astype(np.uint32).tobytes())


def minhash_from_bytes(blob: bytes) -> object:
    """Rebuild a datasketch ``LeanMinHash`` (what the LSH index takes) from stored bytes."""
    from datasketch import LeanMinHash

    values = np.frombuffer(blob, dtype=np.uint32)
    return LeanMinHash(seed=1, hashvalues=values, scheme=MINHASH_SCHEME)


class NearDuplicateIndex:
    """MinHash LSH over recent articles: ``query()`` finds likely near-copies.

    Rebuilt from stored signatures (``article.minhash``) of a bounded recent window after a
    restart, and topped up incrementally, so a restart never un-links copies.
    """

    def __init__(self, threshold: float) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=MINHASH_PERMUTATIONS)
        self._signatures: dict[int, np.ndarray[Any, np.dtype[np.uint32]]] = {}
        #: newest article id already indexed; rows above it are loaded by the stage
        self.max_id = 0

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, article_id: int, blob: bytes) -> None:
        """Index article *article_id* under its stored signature (repeat adds are ignored)."""
        if article_id in self._signatures:
            return
        self._lsh.insert(article_id, minhash_from_bytes(blob))
        self._signatures[article_id] = np.frombuffer(blob, dtype=np.uint32)
        self.max_id = max(self.max_id, article_id)

    def remove(self, article_ids: Iterable[int]) -> None:
        """Forget articles that left the window."""
        for article_id in article_ids:
            if self._signatures.pop(article_id, None) is not None:
                self._lsh.remove(article_id)

    def ids(self) -> list[int]:
        """Every indexed article id."""
        return list(self._signatures)

    def query(self, blob: bytes) -> list[tuple[int, float]]:
        """Indexed articles whose estimated Jaccard with *blob* reaches the threshold."""
        keys = [int(key) for key in self._lsh.query(minhash_from_bytes(blob))]
        if not keys:
            return []
        # LSH candidates are verified on the signatures: the estimated Jaccard is the share
        # of equal slots, computed for all candidates at once (a wire story can have hundreds)
        mine = np.frombuffer(blob, dtype=np.uint32)
        scores = (np.stack([self._signatures[k] for k in keys]) == mine).mean(axis=1)
        found = [(k, float(v)) for k, v in zip(keys, scores, strict=True) if v >= self.threshold]
        return sorted(found, key=lambda pair: -pair[1])
