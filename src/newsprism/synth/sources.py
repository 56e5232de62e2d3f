"""Citable source sentences of a story and their centrality (TF-IDF graph, LexRank-style).

Both synthesizers start here: the extractive one selects among these sentences, the LLM one
numbers them in its prompt. Syndicated copies are counted once; boilerplate is skipped.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsprism.nlp.opinion import is_opinion, is_transcript
from newsprism.synth.brief import ArticleInput, Citation, StoryInput
from newsprism.synth.statements import dateline_length, statement_problem
from newsprism.synth.text import content_words, normalize_text, split_sentences

__all__ = [
    "SourceSentence",
    "centrality",
    "collect_sources",
    "needs_context",
    "quotes_balanced",
    "sentence_vectors",
    "unique_articles",
]

#: Lines of page furniture that extraction sometimes leaves in the text.
_BOILERPLATE = re.compile(
    r"(^related:|click here|sign up|subscribe|newsletter|read more|follow us|all rights reserved|"
    r"photo:|getty images|reuters photo|ap photo|advertisement|cookie|terms of use|"
    r"\bshare this\b|^opinion:|this story has been updated|https?://|www\.)",
    re.IGNORECASE,
)
#: Datelines that open wire copy: "(CNN) ", "WASHINGTON (AP) — ", "LONDON (Reuters) - ".
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.,'/ ]{0,40}\s)?\((?:CNN|AP|Reuters|AFP|UPI|CNBC|Bloomberg)\)\s*[-—–:]*\s*"
)
#: Sentences that lean on the one before ("And …", "He …") read badly out of context.
_DEPENDENT_START = re.compile(
    r"^[\"“‘']?(and|but|so|or|he|she|they|it|this|that|these|those|his|her|their|its|"
    r"there|here|then|also|still|yet|which|one)\b",
    re.IGNORECASE,
)


def quotes_balanced(sentence: str) -> bool:
    """Tell whether every quotation in *sentence* opens and closes inside it."""
    if sentence.count("“") != sentence.count("”"):
        return False
    return sentence.count('"') % 2 == 0


def inside_quotation(text: str, start: int) -> bool:
    """Tell whether offset *start* of *text* lies inside a quotation opened in its paragraph.

    A middle sentence of a long quotation is the speaker's words, not the outlet's ("All
    Republicans must remember what they are witnessing here -- a lynching." of Trump's
    quoted tweet was shown as an opinion piece's words on the 2019-10 replay).
    """
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _title_case(sentence: str) -> bool:
    """Tell a headline left in the body ("Democrats Want FBI To Investigate …")."""
    words = [w for w in sentence.split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) > 0.6


def needs_context(sentence: str) -> bool:
    """Tell whether *sentence* starts like a continuation ("And …", "He said …")."""
    return bool(_DEPENDENT_START.match(sentence))


#: Sentences shorter than 6 words are fragments (datelines, captions); longer than 60 words
#: are run-ons from lost punctuation. Measured on baly2020: 92% of sentences fall inside.
MIN_WORDS, MAX_WORDS = 6, 60
#: Only the first 40 sentences of an article are candidates: leads carry the news and this
#: bounds the similarity matrix (50 articles × 40 = 2,000 rows).
MAX_SENTENCES_PER_ARTICLE = 40


@dataclass
class SourceSentence:
    """One citable sentence (or title) of one article."""

    index: int
    article_id: int
    outlet: str
    side: str
    text: str
    start: int
    end: int
    field: str
    position: int
    n_positions: int
    #: from an opinion piece (column, op-ed, editorial): never in a neutral section
    opinion: bool = False
    #: why it cannot be a narrator-voice statement (`statement_problem`), or None
    problem: str | None = None

    @property
    def neutral(self) -> bool:
        """Fit for a neutral section: a reported statement from a news article."""
        return self.problem is None and not self.opinion

    def citation(self) -> Citation:
        """Cite exactly this sentence."""
        return Citation(self.article_id, self.start, self.end, self.text, self.field)


def unique_articles(story: StoryInput) -> list[ArticleInput]:
    """List the story's articles with syndicated copies once (the original, if present)."""
    ids = {a.article_id for a in story.articles}
    seen_groups: set[int] = set()
    out = []
    for art in sorted(story.articles, key=lambda a: a.article_id):
        group = art.syndicated_of if art.syndicated_of is not None else art.article_id
        if art.syndicated_of is not None and art.syndicated_of in ids:
            continue
        if group in seen_groups:
            continue
        seen_groups.add(group)
        out.append(art)
    return out


def collect_sources(story: StoryInput, *, titles: bool = False) -> list[SourceSentence]:
    """Candidate sentences of *story* (or its titles), wire copies across outlets once."""
    out: list[SourceSentence] = []
    seen_text: set[str] = set()
    headlines = [a.title for a in story.articles if a.title]
    for art in unique_articles(story):
        if not titles and is_transcript(art):
            continue  # one speaker's words without quotation marks: nobody's statement here
        opinion = is_opinion(art)
        if titles:
            spans = [(0, len(art.title))] if art.title.strip() else []
            text, field = art.title, "title"
        else:
            spans = split_sentences(art.text)[:MAX_SENTENCES_PER_ARTICLE]
            text, field = art.text, "text"
        for pos, (start, end) in enumerate(spans):
            if not titles:
                dateline = _DATELINE.match(text[start:end])
                if dateline:
                    start += dateline.end()
                start += dateline_length(text[start:end])
                # "--The FBI used …": stray dashes of a lost list or dateline
                while start < end and text[start] in "-—–• ":
                    start += 1
            sentence = text[start:end]
            words = len(sentence.split())
            if not titles and not (MIN_WORDS <= words <= MAX_WORDS):
                continue
            if not titles and (
                _BOILERPLATE.search(sentence)
                or sentence[0].islower()
                or not quotes_balanced(sentence)
                or inside_quotation(text, start)
                or sentence.rstrip("\"”’' ").endswith("?")
                or _title_case(sentence)
            ):
                continue
            problem = None if titles else statement_problem(sentence, headlines)
            # first-person or shouting lines stay for attributed use (diverging views)
            if problem not in (None, "opinion_unattributed"):
                continue
            key = normalize_text(sentence)
            if key in seen_text:
                continue
            seen_text.add(key)
            out.append(SourceSentence(len(out), art.article_id, art.outlet, art.side, sentence,
                                      start, end, field, pos, len(spans), opinion,
                                      problem))  # fmt: skip
    return out


def sentence_vectors(texts: list[str]) -> npt.NDArray[np.float32]:
    """L2-normalised TF-IDF rows (stemmed content words, sublinear tf)."""
    docs = [Counter(content_words(t)) for t in texts]
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    vocab = {w: k for k, w in enumerate(sorted(df))}
    matrix = np.zeros((len(texts), max(len(vocab), 1)), dtype=np.float32)
    n = len(texts)
    for row, doc in enumerate(docs):
        for word, tf in doc.items():
            matrix[row, vocab[word]] = (1 + math.log(tf)) * math.log((1 + n) / (1 + df[word]))
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.asarray(matrix / norms, dtype=np.float32)


#: LexRank edge threshold; below 0.1 TF-IDF cosine two news sentences share only filler.
EDGE_THRESHOLD = 0.1
DAMPING = 0.85


def centrality(
    sentences: list[SourceSentence], vectors: npt.NDArray[np.float32]
) -> npt.NDArray[np.float64]:
    """LexRank scores where only *other outlets'* sentences vote, times a lead-position prior.

    Counting only cross-outlet edges rewards what several outlets report, which is what a
    multi-outlet brief should lead with; the position prior (1 / (1 + 0.05·position))
    prefers the inverted-pyramid lead among equally central sentences.
    """
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    sims = vectors @ vectors.T
    outlets = np.array([s.outlet for s in sentences])
    adjacency = (sims >= EDGE_THRESHOLD) & (outlets[:, None] != outlets[None, :])
    weights = np.where(adjacency, sims, 0.0).astype(np.float64)
    out_degree = weights.sum(axis=1, keepdims=True)
    dangling = out_degree[:, 0] == 0
    out_degree[out_degree == 0] = 1.0
    transition = weights / out_degree
    transition[dangling] = 1.0 / n
    scores = np.full(n, 1.0 / n)
    for _ in range(50):
        new = (1 - DAMPING) / n + DAMPING * (transition.T @ scores)
        if float(np.abs(new - scores).sum()) < 1e-8:
            scores = new
            break
        scores = new
    # a sentence that needs the one before it ("And …", "He …") is worth half as a brief line
    prior = np.array(
        [(0.5 if needs_context(s.text) else 1.0) / (1.0 + 0.05 * s.position) for s in sentences]
    )
    return np.asarray(scores * prior * n, dtype=np.float64)
