"""Key phrases of a group of texts: stop-word-delimited phrases shared across documents.

A RAKE-style candidate generator (Rose et al. 2010: runs of content words between stop
words and punctuation; here every 1–3 word window of a run) scored by how many
*documents* use the phrase, with a bonus for multi-word phrases — for a story, what
many outlets say, not what one repeats.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from newsprism.nlp.sentences import split_sentences
from newsprism.nlp.text import STOP_WORDS, is_boilerplate

__all__ = ["candidate_phrases", "key_phrases"]

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|[^\sA-Za-z]+")
_MAX_WORDS = 3
_VERBS = frozenset({"freed", "fled", "led", "met", "won", "lost", "held", "sent", "took", "made"})


def candidate_phrases(text: str) -> list[str]:
    """Return the 1–3 word windows of the content-word runs of *text* (split at stop words)."""
    out: list[str] = []
    for start, end in split_sentences(text):
        sentence = text[start:end]
        if is_boilerplate(sentence):
            continue
        run: list[str] = []
        for match in _TOKEN.finditer(sentence):
            token = match.group()
            low = token.lower().replace("’", "'")
            if not token[0].isalpha() or low in STOP_WORDS or len(low) < 3:
                _flush(run, out)
                run = []
            else:
                run.append(token[:-2] if token.endswith(("'s", "’s")) else token)
        _flush(run, out)
    return out


def _flush(run: list[str], out: list[str]) -> None:
    # every 1–3 word window of the run, so "political prisoners" is found inside
    # "Belarus freed political prisoners" too; word flags computed once per run
    n = len(run)
    verb = [_verb_like(w) for w in run]
    cap = [_capital(w) for w in run]
    for size in range(1, min(_MAX_WORDS, n) + 1):
        for start in range(n - size + 1):
            end = start + size
            if verb[start] or verb[end - 1]:
                continue
            # never cut a name: "General William" out of "Attorney General William Barr"
            if start > 0 and cap[start - 1] and cap[start]:
                continue
            if end < n and cap[end] and cap[end - 1]:
                continue
            # nor start with a title's last word before the name: "staff John Kelly" (of
            # "chief of staff John Kelly") headed a replayed summary bullet
            if size > 1 and not cap[start] and cap[start + 1]:
                continue
            out.append(" ".join(run[start:end]))


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _verb_like(word: str) -> bool:
    """Tell whether *word* is a verb form that cannot start or end a topic phrase.

    Lower-case words ending in -ed ("freed", "crossed") are verbs or participles in news
    copy; a phrase that starts or ends with one is a clause fragment, not a topic.
    """
    return (
        (word.islower() and word.endswith("ed") and len(word) > 4)
        or word in _VERBS
        or "n't" in word.replace("’", "'")  # "doesn't mean conditions"
    )


def _shape_weight(key: str, shown: str) -> float:
    """Weigh a phrase by its shape: each extra word doubles it, a lone common noun halves it.

    "political prisoners" in 3 of 8 articles (6.0) then outranks "bus" in all 8 (4.0),
    while a name used by every outlet ("Belarus", 8.0) stays on top.
    """
    extra_words = key.count(" ")
    if extra_words == 0 and shown.islower():
        return 0.5
    return 1.0 + extra_words


def key_phrases(
    texts: Sequence[str], top_k: int = 10, *, exclude: set[str] | None = None
) -> list[str]:
    """Return the *top_k* phrases used by the most texts, weighted by `_shape_weight`.

    With more than one text a phrase must occur in at least two of them; a single text must
    use it at least twice (then counts rank, not texts). Phrases whose
    lower-cased form is in *exclude* are skipped. Returned in their most common casing.
    """
    doc_freq: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        seen: set[str] = set()
        for phrase in candidate_phrases(text):
            key = phrase.lower()
            surface[key][phrase] += 1
            if key not in seen:
                seen.add(key)
                doc_freq[key] += 1
    skip = exclude or set()
    if len(texts) > 1:
        support = doc_freq  # what several outlets say
    else:
        # one text: what it repeats. Every 3-word window used once ties, and an alphabetical
        # pick of them gave "building permits hit", "citing weather effects".
        support = Counter({key: sum(surface[key].values()) for key in doc_freq})
    scored = [
        (n * _shape_weight(key, surface[key].most_common(1)[0][0]), n, key)
        for key, n in support.items()
        if n >= 2 and key not in skip
    ]
    scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
    chosen: list[str] = []
    for _score, _df, key in scored:
        # skip a phrase contained in one already chosen ("prisoners" after "political prisoners")
        if any(f" {key} " in f" {c.lower()} " for c in chosen):
            continue
        chosen.append(surface[key].most_common(1)[0][0])
        if len(chosen) == top_k:
            break
    return chosen
