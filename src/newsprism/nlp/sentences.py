"""Sentence splitting with character spans, tuned for news text.

``split_sentences(text)`` returns ``(start, end)`` offsets into *text* so that callers
(framing snippets, quote attribution, brief citations) can point back at the exact
source characters. It is a rule-based splitter: ~50x faster than a spaCy parse and
better on news conventions — titles ("Sen.", "Gov."), dotted acronyms ("U.S.",
"U.N."), dated abbreviations ("Dec. 5"), initials ("John F. Kennedy") and
sentence-final punctuation inside quotes (``"We are done." He left.``).
"""

from __future__ import annotations

import re

from newsprism.nlp.text import word_list

__all__ = ["sentences", "split_sentences"]

#: Abbreviations after which a period never ends a sentence (the next word is a name
#: or a number): titles, ranks, months and "No." as in "No. 10".
_NEVER_FINAL = frozenset(
    word_list("""mr mrs ms mx dr prof sr jr st gen lt col capt cpt sgt maj adm cmdr gov sen rep
    brig cpl pvt rev hon pres supt insp det amb atty fr sec ft mt
    jan feb mar apr jun jul aug sep sept oct nov dec no nos vol fig pp approx est
    dept univ assn bros vs v sens reps govs gens drs messrs""")
)

#: After a dotted acronym or an initial ("U.S.", "F."), a period ends the sentence
#: only when the next word typically starts one: "in the U.S. The bill" splits,
#: "U.S. Senator" and "John F. Kennedy" do not.
_STARTERS = frozenset(
    word_list("""the a an he she it they we i you his her its their our this that these those
    there here but and so yet or if when while after before as in on at for from by
    with without however meanwhile still also then now some many most all no not
    one two three officials police critics mr mrs ms dr""")
)

_CANDIDATE = re.compile(
    r"(?P<punct>[.!?…]+)(?P<close>[\"'”’)\]]*)(?P<space>\s+)(?=[\"“‘'(\[]?[A-Z0-9])"
)
_PARAGRAPH = re.compile(r"[^\n]+")
_LAST_TOKEN = re.compile(r"(\S+)$")
_FIRST_WORD = re.compile(r"[\"“‘'(\[]?([A-Za-z]+)")
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")
#: A title behind a time prefix: "then-Sen. Barack Obama", "ex-Gov. Brown" (a
#: summary bullet of a replayed story ended at "when then-Sen.").
_PREFIXED_TITLE = re.compile(
    rf"^(?:then|ex|former|now|late)-(?:{'|'.join(sorted(_NEVER_FINAL))})$", re.IGNORECASE
)


def _is_boundary(paragraph: str, match: re.Match[str]) -> bool:
    if match.group("close") or match.group("punct") != ".":
        return True  # "?", "!", "…" or a closing quote after the period: a real end
    before = _LAST_TOKEN.search(paragraph, 0, match.start())
    if before is None:
        return True
    token = before.group(1).lstrip("\"“‘'([")
    if token.lower() in _NEVER_FINAL or _PREFIXED_TITLE.match(token):
        return False
    if _ACRONYM.match(token):
        word = _FIRST_WORD.match(paragraph, match.end())
        return word is not None and word.group(1).lower() in _STARTERS
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of *text*, whitespace trimmed, in order.

    Line breaks always end a sentence (feeds and extracted pages put paragraphs and
    headlines on their own lines).
    """
    spans: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        base = para.start()
        chunk = para.group()
        start = 0
        for match in _CANDIDATE.finditer(chunk):
            if _is_boundary(chunk, match):
                end = match.end("close")
                _append(spans, chunk, base, start, end)
                start = match.end()
        _append(spans, chunk, base, start, len(chunk))
    return spans


def _append(spans: list[tuple[int, int]], chunk: str, base: int, start: int, end: int) -> None:
    piece = chunk[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append((base + start + lead, base + start + lead + len(stripped)))


def sentences(text: str) -> list[str]:
    """Return the sentences of *text* as strings (see `split_sentences`)."""
    return [text[a:b] for a, b in split_sentences(text)]
