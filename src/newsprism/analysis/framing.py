"""Framing per side: words and two-word phrases each side uses distinctively.

Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
2008, "Fightin' Words", eq. 22): for side *i* against the other rated sides *j*,

    δ_w = log((y_iw + α_w) / (n_i + α0 − y_iw − α_w)) − log((y_jw + α_w) / (n_j + α0 − y_jw − α_w))
    σ²_w ≈ 1 / (y_iw + α_w) + 1 / (y_jw + α_w),   z_w = δ_w / σ_w

The prior α_w is the term's count in the whole story (all sides and unrated outlets),
scaled to α0 = ``prior_weight`` × corpus size (0.3, see `PRIOR_WEIGHT`), so rare terms
are shrunk toward the story's own usage instead of exploding. Stop words (which hold the
reporting verbs), names and boilerplate sentences (bylines, sign-up and cookie prompts,
copyright lines) are removed before counting. A term with any word that is a name is
dropped: the words of the story's named entities and of outlet names (``exclude_words``,
from the NER and the registry) and the words this story's own text writes capitalised
mid-sentence (`proper_noun_words`: the names the small NER model misses, "Pecker").

Over-use by one side is not enough: a long article on one side lifts "people", "night" or
"making" above z = 1.645 although they say nothing of its framing. With a `Background`
(word document frequencies over recent articles of any story) a single word that more
than `MAX_BACKGROUND_SHARE` of news articles use is not shown (issue 15 item 6).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.analysis.articles import SIDES, StoryArticle
from newsprism.nlp.captions import is_caption
from newsprism.nlp.lexicon import PERSON_TITLES
from newsprism.nlp.sentences import split_sentences
from newsprism.nlp.text import STOP_WORDS, is_boilerplate, word_spans
from newsprism.nlp.wordforms import word_root

__all__ = [
    "Background",
    "framing",
    "framing_exclusions",
    "name_words",
    "proper_noun_words",
    "side_terms",
]

#: Prior strength α0 / corpus size. With 1.0 (prior as strong as the data) a term that
#: three outlets of one side use twice each and nobody else uses scored z = 1.58 on the
#: 8-article corpora of tests/analysis/test_framing.py; 0.3 gives z = 2.0, while 0.01
#: lets the zero count of the other sides dominate the variance again (z = 1.2).
PRIOR_WEIGHT = 0.3
#: A unigram is shown as the bigram that holds at least this share of its uses.
PHRASE_SHARE = 0.7
#: Snippets kept per term (distinct outlets first) and characters per snippet.
MAX_SNIPPETS = 3
SNIPPET_CHARS = 280


#: A word is a proper noun of the story when at least this share of its mid-sentence
#: uses are capitalised (and it is used at least `PROPER_MIN_USES` times mid-sentence).
#: 0.8 keeps "Senate"/"Pecker"/"Yates" out and "border"/"wall" in on the baly2020 stories.
PROPER_SHARE = 0.8
PROPER_MIN_USES = 2
#: Entity labels whose words never make a framing term (people, places, bodies, works).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "PRODUCT"})


#: A single word used by more than this share of the background's articles is too common
#: to frame anything. Tuned on the tune half of tests/analysis/framing_labels.json (21
#: baly2020 stories, 400 background articles; bench/framing_labels.py): shown terms
#: labelled generic 67.5 % plain; 0.1 → 63.6 % with 11 of 39 framing terms lost; 0.2 →
#: 62.4 %, 19 terms fewer of which 1 framing ("power"); 0.3 → 65.8 %.
#: Phrases are exempt: no labelled one was used by even 5 % of the background.
MAX_BACKGROUND_SHARE = 0.2
#: Below this many background articles the shares are too noisy (and a small store is
#: mostly the story itself): no term is dropped.
MIN_BACKGROUND_DOCS = 100


@dataclass(frozen=True)
class Background:
    """How many of *n_docs* general news articles use each word: the yardstick of common."""

    doc_freq: Mapping[str, int]
    n_docs: int

    @classmethod
    def of_texts(cls, texts: Iterable[str]) -> Background:
        """Count, for each lower-cased word, the texts that use it."""
        doc_freq: Counter[str] = Counter()
        n_docs = 0
        for text in texts:
            n_docs += 1
            doc_freq.update({word for word, _s, _e in word_spans(text)})
        return cls(doc_freq, n_docs)

    def is_common(self, term: str, max_share: float = MAX_BACKGROUND_SHARE) -> bool:
        """Tell whether single-word *term* is in more than *max_share* of the articles."""
        if " " in term or self.n_docs < MIN_BACKGROUND_DOCS:
            return False
        return self.doc_freq.get(term, 0) > max_share * self.n_docs


#: Offices alone say nothing of a side's framing: they are the front of a name ("Secretary
#: Pompeo", "Chief Justice Roberts"). "chief", "secretary", "director", "president" were
#: 4 of the 12 terms most often shown on the 2019-06-24 replay's pages. A phrase that holds
#: one keeps it ("racial justice").
_OFFICES = frozenset(PERSON_TITLES) | {"chief"}


def name_words(names: Iterable[str]) -> set[str]:
    """Lower-cased content words of *names* (entity texts, outlet names)."""
    out: set[str] = set()
    for name in names:
        out.update(w for w, _s, _e in word_spans(name) if w not in STOP_WORDS and len(w) >= 2)
    return out


def framing_exclusions(articles: Sequence[StoryArticle], registry_names: Iterable[str]) -> set[str]:
    """Words that are names: the story's entities (NER) and outlet names.

    Every word of the story's own outlets' names; of the other outlets in the registry
    (*registry_names*) only one-word names ("CNN", "Fox News", "The Hill"), as longer names
    are made of common words ("American", "Independent", "Review") that frame stories on
    their own.
    """
    names = [
        text for art in articles for text, label in (art.entities or []) if label in NAME_LABELS
    ]
    names.extend(art.outlet for art in articles if art.outlet)
    out = name_words(names)
    for outlet in registry_names:
        parts = name_words([outlet])
        if len(parts) == 1:
            out |= parts
    return out


def proper_noun_words(texts: Iterable[str]) -> set[str]:
    """Words the texts write capitalised in the middle of a sentence (nearly) every time.

    A word used mid-sentence only once counts when that use is capitalised: "Sean Hannity"
    written once in the story, and "Hannity" opening sentences, is a name all the same.
    """
    upper: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for text in texts:
        for s_start, s_end in split_sentences(text):
            sentence = text[s_start:s_end]
            for i, (word, w_start, _w_end) in enumerate(word_spans(sentence)):
                if i == 0 or sentence[max(0, w_start - 2) : w_start].strip() in {'"', "“", ":"}:
                    continue  # sentence or quotation start: capitalised anyway
                total[word] += 1
                if sentence[w_start].isupper():
                    upper[word] += 1
    return {
        w
        for w, n in upper.items()
        if ((n >= PROPER_MIN_USES and n >= PROPER_SHARE * total[w]) or n == total[w])
        and w not in STOP_WORDS
    }


def _in_dotted_name(sentence: str, start: int, end: int) -> bool:
    """Tell whether the word at *start*–*end* is part of a web address.

    ("DailyMail.com", "pic.twitter.com/…": "com" framed the right on a replayed page.)
    """
    before = start >= 2 and sentence[start - 1] in "./" and sentence[start - 2].isalnum()
    after = end + 1 < len(sentence) and sentence[end] == "." and sentence[end + 1].isalnum()
    return before or after


@dataclass
class _Occurrence:
    article_id: int
    outlet: str
    sentence: str
    start: int  # offset of the term in the sentence


def side_terms(text: str) -> Iterable[tuple[str, str, int]]:
    """``(term, sentence, offset)`` for every unigram and bigram term of *text*.

    A unigram is a non-stop word of ≥ 3 letters; a bigram is two adjacent such words
    in one sentence. Boilerplate sentences and photo captions yield nothing.
    """
    for s_start, s_end in split_sentences(text):
        sentence = text[s_start:s_end]
        if is_boilerplate(sentence) or is_caption(sentence):
            # ("U.S. President Donald Trump delivers remarks on the Infrastructure
            # Initiative at …, Ohio, U.S. May 28, 2019" gave "remarks" to the center)
            continue
        prev: tuple[str, int, int] | None = None
        for word, w_start, w_end in word_spans(sentence):
            # a word written in capitals is an acronym, a name ("ICE raids" showed "ice" as
            # a side's word on a replayed page)
            content = (
                len(word) >= 3
                and word not in STOP_WORDS
                and "'" not in word
                and not sentence[w_start:w_end].isupper()
                and not _in_dotted_name(sentence, w_start, w_end)
            )
            if content:
                yield word, sentence, w_start
                if prev is not None and sentence[prev[2] : w_start].strip() == "":
                    yield f"{prev[0]} {word}", sentence, prev[1]
            prev = (word, w_start, w_end) if content else None


def framing(
    articles: Sequence[StoryArticle],
    *,
    exclude_words: set[str] | None = None,
    top_k: int = 8,
    min_z: float = 1.645,
    prior_weight: float = PRIOR_WEIGHT,
    background: Background | None = None,
    max_background_share: float = MAX_BACKGROUND_SHARE,
) -> dict[str, list[dict[str, Any]]]:
    """Distinctive terms per side (``left``, ``center``, ``right``), best first.

    A term must occur at least twice on its side, in at least two of its outlets when
    the side has two or more, and reach ``z ≥ min_z`` (1.645: one-sided 5 %, as only
    over-use by a side is reported). Terms with a word in *exclude_words* (names from the
    NER and the outlet registry) or in the story's `proper_noun_words` are dropped, and so
    are words common in general news by *background* (`Background.is_common`): they still
    count in the totals and the prior, they are only not shown. With fewer than two
    sides present there is nothing to compare and every list is empty.
    """
    skip = (exclude_words or set()) | proper_noun_words(art.body for art in articles)
    counts: dict[str, Counter[str]] = {side: Counter() for side in SIDES}
    outlets: dict[str, dict[str, set[str]]] = {side: defaultdict(set) for side in SIDES}
    side_outlets: dict[str, set[str]] = {side: set() for side in SIDES}
    pooled: Counter[str] = Counter()
    occurrences: dict[str, dict[str, list[_Occurrence]]] = {
        side: defaultdict(list) for side in SIDES
    }
    for art in articles:
        side = art.side
        if side is not None:
            side_outlets[side].add(art.outlet_key)
        for term, sentence, offset in side_terms(art.body):
            if any(word in skip for word in term.split()) or term in _OFFICES:
                continue
            pooled[term] += 1
            if side is None:
                continue
            counts[side][term] += 1
            outlets[side][term].add(art.outlet_key)
            occ = occurrences[side][term]
            if len(occ) < 20:
                occ.append(_Occurrence(art.id, art.outlet, sentence, offset))
    present = [side for side in SIDES if counts[side]]
    result: dict[str, list[dict[str, Any]]] = {side: [] for side in SIDES}
    if len(present) < 2:
        return result
    total = sum(pooled.values())
    alpha0 = prior_weight * total
    for side in present:
        n_i = sum(counts[side].values())
        rest: Counter[str] = Counter()
        for other in present:
            if other != side:
                rest.update(counts[other])
        n_j = sum(rest.values())
        min_outlets = min(2, len(side_outlets[side]))
        scored = []
        for term, y_i in counts[side].items():
            if y_i < 2 or len(outlets[side][term]) < min_outlets:
                continue
            if background is not None and background.is_common(term, max_background_share):
                continue
            alpha = alpha0 * pooled[term] / total
            y_j = rest.get(term, 0)
            delta = math.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha)) - math.log(
                (y_j + alpha) / (n_j + alpha0 - y_j - alpha)
            )
            z = delta / math.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
            if z >= min_z:
                scored.append((z, term))
        # at equal z the phrase says more than its words: bigrams first
        scored.sort(key=lambda item: (-round(item[0], 6), -item[1].count(" "), item[1]))
        z_of = {term: z for z, term in scored}
        chosen: list[dict[str, Any]] = []
        for z, term in scored:
            phrase = _phrase_for(term, counts[side], z_of)
            if phrase is not None:
                term, z = phrase, z_of[phrase]
            if _redundant(term, chosen):
                continue
            chosen.append(
                {
                    "term": term,
                    "z": round(z, 3),
                    "count": counts[side][term],
                    "snippets": _snippets(occurrences[side][term], term),
                }
            )
            if len(chosen) == top_k:
                break
        result[side] = chosen
    return result


def _phrase_for(term: str, side_counts: Counter[str], z_of: dict[str, float]) -> str | None:
    """Find the significant bigram that carries most uses of unigram *term*, if any.

    "special" used 14 times, 12 of them in "special counsel": show "special counsel".
    """
    if " " in term:
        return None
    need = PHRASE_SHARE * side_counts[term]
    best = None
    for other in z_of:
        if (
            " " in other
            and term in other.split()
            and side_counts[other] >= need
            and (best is None or side_counts[other] > side_counts[best])
        ):
            best = other
    return best


def _redundant(term: str, chosen: list[dict[str, Any]]) -> bool:
    """Tell whether *term* repeats a better term (a unigram inside a bigram, or vice versa).

    Words are compared by their root: "tests" and "tested" after "tested" say nothing new (a
    replayed page listed "tested", "tests" and "test" as three of the left's eight words).
    """
    words = [word_root(w) for w in term.split()]
    for item in chosen:
        other = [word_root(w) for w in item["term"].split()]
        if other == words:
            return True
        if len(words) == 1 and words[0] in other:
            return True
        if len(other) == 1 and other[0] in words:
            return True
    return False


def _snippets(occurrences: list[_Occurrence], term: str) -> list[dict[str, Any]]:
    picked: list[_Occurrence] = []
    seen_outlets: set[str] = set()
    for occ in occurrences:  # one per outlet first, then fill up
        if occ.outlet not in seen_outlets:
            picked.append(occ)
            seen_outlets.add(occ.outlet)
    for occ in occurrences:
        if len(picked) >= MAX_SNIPPETS:
            break
        if occ not in picked:
            picked.append(occ)
    out = []
    for occ in picked[:MAX_SNIPPETS]:
        out.append({"article_id": occ.article_id, "outlet": occ.outlet, "text": _window(occ, term)})
    return out


def _window(occ: _Occurrence, term: str) -> str:
    sentence = occ.sentence
    if len(sentence) <= SNIPPET_CHARS:
        return sentence
    half = (SNIPPET_CHARS - len(term)) // 2
    start = max(0, occ.start - half)
    end = min(len(sentence), start + SNIPPET_CHARS)
    start = max(0, end - SNIPPET_CHARS)
    # whole words only: a cut "ump's latest tweets" reads as a typo in the citation
    if start and sentence[start - 1].isalnum():
        start = next((k + 1 for k in range(start, occ.start) if sentence[k] == " "), occ.start)
    if end < len(sentence) and sentence[end].isalnum():
        term_end = occ.start + len(term)
        end = next((k for k in range(end, term_end, -1) if sentence[k - 1] == " "), term_end)
    return (
        ("…" if start else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")
    )
