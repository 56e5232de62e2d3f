"""Cheap lexical features for clustering: content words and capitalised names, no model.

The clusterer compares an article with a story on more than its embedding: the content
words and names they share. These extractors are regex-only (~20 µs per headline) so
clustering stays cheap per article; the richer spaCy entities of the analysis stage are
not needed to tell stories apart.
"""

from __future__ import annotations

import re

from newsprism.nlp.stopwords import STOP_WORDS

__all__ = ["STOPWORDS", "ArticleTerms", "extract_terms"]

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’&.-]*[A-Za-z0-9]|[A-Za-z0-9]")
_SENTENCE_END = re.compile(r"[.!?:;\"“”|]\s*$")

#: The project-wide stop-word list (headline words such as "update" included).
STOPWORDS = STOP_WORDS


class ArticleTerms:
    """The content words and the names of one article, each a set of normalised strings."""

    __slots__ = ("entities", "words")

    def __init__(self, words: frozenset[str], entities: frozenset[str]) -> None:
        self.words = words
        self.entities = entities

    def __repr__(self) -> str:
        return f"ArticleTerms(words={sorted(self.words)}, entities={sorted(self.entities)})"


def _normalise(token: str) -> str:
    token = token.lower().replace("’", "'").strip(".-'")
    if token.endswith("'s"):
        token = token[:-2]
    # Crude plural folding ("talks"/"talk", "rates"/"rate"); words of 4 letters or fewer
    # keep their s ("bus", "gas", "news").
    if len(token) > 4 and token.endswith("s") and not token.endswith("ss"):
        token = token[:-1]
    return token


def _is_name_token(token: str) -> bool:
    return token[:1].isupper() or any(ch.isdigit() for ch in token)


def extract_terms(text: str, max_chars: int = 1500) -> ArticleTerms:
    """Content words (lower-cased, plural-folded) and name tokens of *text*.

    A name token is capitalised (or carries a digit, e.g. "MH370") and does not merely
    start a sentence. In Title Case headlines capitals say nothing, so there only
    acronyms and tokens with digits ("GM", "iOS 7.1") count as names.
    """
    text = text[:max_chars]
    tokens = [(m.group(0), m.start()) for m in _WORD.finditer(text)]
    words: set[str] = set()
    entities: set[str] = set()
    alpha = [t for t, _ in tokens if t[:1].isalpha() and t.lower() not in STOPWORDS]
    # 0.75: in sentence-case news prose about a third of content words are capitalised
    # names; headlines in Title Case run at 0.9 and above.
    title_case = bool(alpha) and sum(t[:1].isupper() for t in alpha) >= 0.75 * len(alpha)
    for index, (token, start) in enumerate(tokens):
        norm = _normalise(token)
        if len(norm) <= 1 or norm in STOPWORDS:
            continue
        words.add(norm)
        if not _is_name_token(token):
            continue
        marked = token.isupper() or any(ch.isdigit() for ch in token)
        if title_case:
            # capitals say nothing in Title Case: only acronyms and codes count as names
            if marked:
                entities.add(norm)
            continue
        sentence_start = index == 0 or bool(_SENTENCE_END.search(text[max(0, start - 3) : start]))
        if not sentence_start or marked:
            entities.add(norm)
    return ArticleTerms(frozenset(words), frozenset(entities))
