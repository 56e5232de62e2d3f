"""Word tokens, English stop words and news boilerplate detection (pure Python, no model).

Shared by framing terms, key phrases and the category classifier, so that all three
agree on what a "word" is and which words carry no content.
"""

from __future__ import annotations

import re
import unicodedata

from newsprism.nlp.stopwords import STOP_WORDS

__all__ = [
    "HOVER_CARD",
    "STOP_WORDS",
    "is_boilerplate",
    "normalize_quotes",
    "outside_quotes",
    "strip_boilerplate",
    "word_list",
    "word_spans",
    "words",
]


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'"})


def normalize_quotes(text: str) -> str:
    """Curly quotes and apostrophes → straight ones; NFKC (non-breaking spaces, ligatures)."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def outside_quotes(text: str) -> str:
    """*text* with every double-quoted passage blanked: the writer's own words."""
    return re.sub(r'"[^"]*"', " ", normalize_quotes(text))


def word_list(text: str) -> list[str]:
    """Split a whitespace-separated word table (keeps long word lists readable)."""
    return text.split()


_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")

#: Sentences that are page furniture, not reporting: bylines, sign-up and cookie
#: prompts, copyright lines, photo credits, share buttons, wire-service tails.
_BOILERPLATE = re.compile(
    r"""(?ix)
    \bsubscrib | \bsign\s*up\b | \bnewsletter | \bcookie | all\s+rights\s+reserved
    | copyright | © | \bclick\s+here\b | \bread\s+more\b | \bfollow\s+(us|him|her)\b
    | \badvertisement\b | \bshare\s+this\b | \bsharing\s+options\b | ^\s*show\s+hide\b
    | ^\s*for\s+more\s+(on|about)\b
    | \bthis\s+(article|story)\s+(was\s+)?originally
    | contributed\s+to\s+this\s+report | \breporting\s+by\b | \bediting\s+by\b
    | \bwriting\s+by\b | \bimage\s+(caption|copyright|source)\b | \bgetty\s+images\b
    | \bphoto(graph)?\s*(by|credit|:|/) | \b(ap|afp|reuters|getty)\s+(photo|images)\b
    | \bcredit:\s | \bterms\s+of\s+(use|service)
    | \bprivacy\s+policy | \bsupport\s+(our|independent)\s+journalism | \bdonate\b
    | \bapp\s+store\b | \bgoogle\s+play\b | \bsign\s+in\b | \blog\s*in\b | \bregister\s+now\b
    | \bplay\s+video\s+\d{1,2}:\d\d
    """
)
#: Literal fragments of which every pattern of `_BOILERPLATE` needs one; checking them
#: first makes the common case (a reporting sentence) ~30x cheaper than the regex.
_MARKERS = (
    "sharing options",
    "show hide",
    "for more",
    "subscrib",
    "sign up",
    "signup",
    "sign in",
    "newsletter",
    "cookie",
    "rights reserved",
    "copyright",
    "©",
    "click here",
    "read more",
    "follow us",
    "follow him",
    "follow her",
    "advertisement",
    "share this",
    "originally",
    "contributed to",
    "reporting by",
    "editing by",
    "writing by",
    "image caption",
    "image copyright",
    "image source",
    "getty",
    "photo by",
    "photo credit",
    "photo:",
    "photo/",
    "ap photo",
    "afp photo",
    "reuters photo",
    "getty",
    "photograph by",
    "photograph:",
    "credit:",
    "terms of",
    "privacy policy",
    "journalism",
    "donate",
    "app store",
    "google play",
    "log in",
    "login",
    "register now",
    "play video",  # a video's title card: "Play Video 0:34 Kim Jong-un answers … – video"
)
#: Whole-line furniture, checked at the start only: a byline ("By Jane Doe, Staff"),
#: a bare wire tag ("(Reuters) -"), a time stamp ("Updated: Dec 5 2026").
_LINE_START = re.compile(
    r"""(?x)
    \s*By\s+[A-Z][\w.\-]+(\s+[A-Z][\w.\-]+){0,3}\s*(,|$|\|)
    | \s*\(?(AP|Reuters|AFP)\)?\s*[-—–]\s*$
    | \s*(Updated|Published|Posted|UPDATED|PUBLISHED)\s*(on|at)?\s*:?\s*\w+\s+\d
    """
)


def words(text: str) -> list[str]:
    """Return the lower-cased words of *text*; possessive ``'s`` dropped, numbers skipped."""
    return [_normalise(m.group()) for m in _WORD.finditer(text)]


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Return ``(lowercased word, start, end)`` for each word of *text*."""
    return [(_normalise(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def _normalise(token: str) -> str:
    token = token.lower().replace("’", "'")
    if token.endswith("'s"):
        token = token[:-2]
    return token.strip("'-")


#: The Hill's hover cards, two detectors that are not the same. `HOVER_CARD` finds a whole
#: card in a page — the name again, glued to headlines, up to "MORE" ("Stephanie Grisham
#: Stephanie GrishamHill.TV's Saagar Enjeti on impeachment: … MORE said") — so the quote
#: extractor can blank it and keep the name. `_HOVER_CARD_TAIL` finds only a card's end
#: inside one sentence — the headlines, then "MORE" and the sentence going on ("… lending
#: guns to a friend MORE (R-Texas) pushed …") — which is all a sentence cut from a page may
#: hold: on the lines of baly2020 with "MORE", 1,429 have a whole card the tail pattern
#: misses (the card ends a line or precedes another word), and 45 a tail whose head is cut.
HOVER_CARD = re.compile(
    r"\b(?P<surname>[A-Z][\w'’\-]+)\s+(?:[A-Z(][\w.()'’\-]*\s+){1,3}?(?P=surname)"
    r"(?=[A-Z0-9'\"‘“])[^\n]{0,600}?\sMORE\b"
)
_HOVER_CARD_TAIL = re.compile(
    r"[\w'’.,:)]\s+MORE\b(?=\s*\(|\s+(?:said|says|told|tweeted|wrote|added|argued|noted|"
    r"pushed|called|responded|has|had|is|was|who)\b)"
)


def is_boilerplate(sentence: str) -> bool:
    """Tell whether *sentence* is page furniture (byline, sign-up or cookie prompt, ©).

    A sentence a hover card runs through counts too: its text is not one sentence, and the
    card's headlines are not the article's words.
    """
    if (
        _LINE_START.match(sentence)
        or _HOVER_CARD_TAIL.search(sentence)
        or HOVER_CARD.search(sentence)
    ):
        return True
    lower = sentence.lower()
    if not any(marker in lower for marker in _MARKERS):
        return False
    return _BOILERPLATE.search(sentence) is not None


def strip_boilerplate(text: str) -> str:
    """Drop the boilerplate lines of *text*."""
    return "\n".join(line for line in text.splitlines() if not is_boilerplate(line))
