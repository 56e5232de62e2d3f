"""The extractive synthesizer (default, offline): every sentence cites where it came from.

Each sentence is a source sentence, or a template around quoted framing terms.

Selection: LexRank centrality over cross-outlet TF-IDF similarity (`sources.centrality`),
then maximal marginal relevance (MMR) spread across the left / center / right / other sides,
so near-duplicates from wire copy are skipped. How the sides share the citations is the
*weighting* (`WEIGHTINGS`): "coverage" follows each side's share of the story's outlets,
"balanced" gives every side that covered the story equal turns. `brief_variants` writes
both from one pool.
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import UTC, date
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from newsprism.analysis.quotes import is_quotation
from newsprism.nlp.syntax import fragment
from newsprism.nlp.text import is_boilerplate
from newsprism.synth.brief import WEIGHTINGS, Brief, Citation, Sentence, StoryInput
from newsprism.synth.compose import TOKEN_OVERLAP, same_statement, token_overlap
from newsprism.synth.headings import (
    broken_heading,
    clause_heading,
    opens_with_quote,
    speaker_heading,
    topic_heading,
)
from newsprism.synth.headlines import neutral_headline
from newsprism.synth.players import (
    AMBIGUOUS_COUNTRIES,
    COUNTRY_WORD,
    country_of_mention,
    international_reactions,
    key_players,
    story_countries,
)
from newsprism.synth.sources import (
    SourceSentence,
    centrality,
    collect_sources,
    sentence_vectors,
)
from newsprism.synth.statements import attributed
from newsprism.synth.text import (
    STOPWORDS,
    content_words,
    normalize_quotes,
    stem,
    word_tokens,
    wordset,
)

__all__ = [
    "SIDES",
    "TEMPLATE_WORDS",
    "WEIGHTINGS",
    "ExtractiveSynthesizer",
    "Synthesizer",
    "side_outlets",
    "side_shares",
]

SIDES = ("left", "center", "right")
#: One wording per side: three lines of one template read as the same line three times.
_BIAS_LINE = {
    "left": "Outlets on the left use {terms} more than the others.",
    "center": "Center outlets more often write {terms}.",
    "right": "Right-leaning coverage favours {terms}.",
}
_SIDE_PLACE = {"left": "on the left", "center": "in the center", "right": "on the right"}
#: Words of our own templates: the guard admits them (see FaithfulnessGuard.allowed_words).
TEMPLATE_WORDS = ("Outlets", "Coverage", "Left", "Center", "Right", "Centre", "Right-leaning", "An")

#: MMR trade-off: 0.7 relevance / 0.3 novelty (Carbonell & Goldstein's news setting).
MMR_LAMBDA = 0.7
#: Sentences this similar (TF-IDF cosine) to one already chosen are the same fact retold.
DUPLICATE_SIMILARITY = 0.55
#: Days over which a sentence's pull on the summary and the full story halves, counted
#: back from where the story stands (`recency`). A story that runs for weeks leads with
#: where it stands: on the 2019-11-11 replay the three-week impeachment story's summary gave
#: "The House Intelligence Committee is expected to review a report on Monday" (of three
#: weeks before) next to the House's vote. A day-old sentence keeps 0.91 of its pull.
RECENCY_HALF_LIFE_DAYS = 7.0
#: Outlets that must report on one day for that day to set where a story stands.
RECENCY_DAY_OUTLETS = 2
#: Pull of an opinion piece's sentence that voices a view, against one that reports, for
#: the piece's line under Diverging views (a column's view over its most central fact).
VIEW_BOOST = 1.5

_WHY = re.compile(
    r"\b(could|would|will|may|might|expected|means|impact|effect|consequence|risk|threat|"
    r"concern|significant|important|crucial|because|first time|aim|so that|affect|cost)\w*",
    re.IGNORECASE,
)
_CONTEXT = re.compile(
    r"\b((?:in|since|until|by) (?:19|20)\d\d|previous\w*|earlier|last (?:year|month|week)|"
    r"has long|had been|history|historic\w*|ago|former\w*|original\w*|began|decades?)\b",
    re.IGNORECASE,
)
#: What reaches beyond the story's country. "Nation", "region", "markets" and "economy" are
#: left out: "the character of this nation" and "red state regions of America" are home news.
_GLOBAL = re.compile(
    # allies abroad, not "congressional allies" (a replayed Pelosi story's Global impact)
    r"\b(?:(?:u\.s\.|us|american|america['’]s|washington['’]s|western|european|nato|arab|gulf|"
    r"asian|regional|foreign|international) allies|"
    r"(?:nato|western|transatlantic|military|security|defen[cs]e) alliance|"
    r"world(?:wide|['’]s)?|global\w*|international\w*|countries|foreign|abroad|"
    r"overseas|united nations|u\.n\.|nato|exports?|imports?|oil prices?|tariffs?|"
    r"trade (?:war|deal|talks|partners?))\b",
    re.IGNORECASE,
)
_IN_THE_WORLD = re.compile(
    r"\bin the (?:whole |entire )?world\b|\bin a world (?:where|in which)\b|"
    # a domain, not the world abroad: "surprised the political world", "the tech world"
    r"\b(?:political|business|sports?|media|tech|financial|corporate|academic|legal|"
    r"literary|art|music|fashion|entertainment|conservative|liberal|evangelical|online|"
    r"digital|real|policy|news|publishing|health|medical|scientific|intelligence)[ -]world\b",
    re.IGNORECASE,
)
#: A quotation's words: "their Twitter world" is the speaker's figure, no reach abroad.
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


@lru_cache(maxsize=4096)
def _abroad(text: str, home: str | frozenset[str] | None) -> tuple[int, int]:
    """(international words, other countries named) of *text* outside quotation marks.

    *home*: the country (or countries) the story is about, which reach nowhere.
    """
    homes = home if isinstance(home, frozenset) else frozenset({home} if home else ())
    # "the greatest country in the world" stays at home; quoted words are the speaker's
    text = _IN_THE_WORLD.sub(" ", _QUOTED.sub(" ", text))
    foreign = {
        country
        for word in re.findall(COUNTRY_WORD, text)
        if word not in AMBIGUOUS_COUNTRIES
        and (country := country_of_mention(word)) is not None
        and country not in homes
    }
    return len(_GLOBAL.findall(text)), len(foreign)


def global_cues(text: str, home: str | frozenset[str] | None) -> int:
    """How many times *text* reaches abroad: international words and other countries named."""
    return sum(_abroad(text, home))


def reaches_abroad(text: str, home: str | frozenset[str] | None) -> bool:
    """Tell a sentence for Global impact: an international word, or two other countries.

    One other country named in passing is no impact abroad: "… questioned him about the
    Russia probe and a migrant caravan traveling through Mexico" and "… before leaving on a
    trip to France" were 24 of the 58 Global impact lines of the 2018-10/11 replay.
    """
    words, countries = _abroad(text, home)
    return words > 0 or words + countries >= 2


def recency(story: StoryInput) -> Callable[[SourceSentence], float]:
    """Weight of each sentence by its article's age against where the story stands.

    The story stands at its newest article of a day that `RECENCY_DAY_OUTLETS` outlets
    reported on: one outlet's later piece does not move it. On the 2019-06-24 replay the
    House's vote condemning Trump's tweets (nine outlets on the day) was led by a lone
    Politico piece of three weeks later on Trump wooing black voters, at six times the pull
    of the vote's reports; so was an asylum-rule story by a Biden debate preview. Articles
    after that point weigh 1, like it. 0.5 per `RECENCY_HALF_LIFE_DAYS` before it; 1 for an
    article without a date (or when no article of the story has one).
    """
    dates = {
        art.article_id: (
            art.published_at
            if art.published_at.tzinfo is not None
            else art.published_at.replace(tzinfo=UTC)
        )
        for art in story.articles
        if art.published_at is not None
    }
    if not dates:
        return lambda s: 1.0
    outlets_on: dict[date, set[str]] = defaultdict(set)
    for art in story.articles:
        if art.article_id in dates:
            outlets_on[dates[art.article_id].date()].add(art.outlet)
    reported = [
        when for when in dates.values() if len(outlets_on[when.date()]) >= RECENCY_DAY_OUTLETS
    ]
    newest = max(reported or dates.values())

    def weight(sentence: SourceSentence) -> float:
        when = dates.get(sentence.article_id)
        if when is None:
            return 1.0
        days = max(0.0, (newest - when).total_seconds() / 86400)
        return float(0.5 ** (days / RECENCY_HALF_LIFE_DAYS))

    return weight


def summary_candidate(sentence: SourceSentence) -> bool:
    """Whether *sentence* may be a summary bullet: a neutral lead in the narrator's voice.

    The seed's bullets are the page's own statements; a lead that opens with a quotation
    ('"We heard loud and clear …," Rep. Sarbanes said') is left to Sources, and one of
    fewer than `SUMMARY_MIN_WORDS` words says too little to stand for the story ("Donald
    Trump won the 2016 election." led a replayed impeachment page). A guess in the
    narrator's own voice is no summary either ("…, Iran could now keep quiet." led the
    2019-12 replay's embassy story): a main clause's "could"/"might", unattributed.
    """
    return (
        sentence.neutral
        and sentence.position < 10
        and len(sentence.text.split()) >= SUMMARY_MIN_WORDS
        and not opens_with_quote(sentence.text)
        and not (_GUESS.search(sentence.text) and not attributed(sentence.text))
    )


#: The shortest summary bullet (the seed's run 15–30 words).
SUMMARY_MIN_WORDS = 8
#: A main clause's guess: "could"/"might" not inside a relative clause ("a Senate trial that
#: could result in his removal" reports what is at stake).
_GUESS = re.compile(r"(?<!\bthat )(?<!\bwhich )(?<!\bwho )\b(?:could|might)\b(?!\s+not\b)")


class Synthesizer(Protocol):
    """Writes a story brief. One method, so a fake is three lines."""

    name: str

    def brief(self, story: StoryInput) -> Brief:
        """Write the brief of *story*; every sentence carries citations (the guard runs later)."""
        ...


@dataclass
class _Pool:
    """The story's candidate sentences with vectors and centrality, drawn once per page.

    Every section draws from this one pool in page order (`PAGE_ORDER`): a sentence shown
    once, or one saying the same (TF-IDF cosine ≥ `DUPLICATE_SIMILARITY` or word overlap ≥
    `TOKEN_OVERLAP`), is never offered again.
    """

    sentences: list[SourceSentence]
    vectors: npt.NDArray[np.float32]
    scores: npt.NDArray[np.float64]
    #: side → share of the story's outlets; None balances sides equally
    side_weights: dict[str, float] | None = None
    shown: list[int] = dc_field(default_factory=list)
    shown_texts: list[str] = dc_field(default_factory=list)
    #: sentences that name nothing the story is about (`off_subject`): never offered
    off_topic: frozenset[int] = frozenset()

    def fresh(self) -> _Pool:
        """The same candidates with nothing shown yet: a second page from one pool."""
        return _Pool(
            self.sentences, self.vectors, self.scores, self.side_weights, off_topic=self.off_topic
        )

    def show(self, text: str, index: int | None = None) -> None:
        """Record *text* as shown on the page (pool sentence *index*, when it is one)."""
        if index is not None:
            self.shown.append(index)
        self.shown_texts.append(text)

    def same_core(self, s: SourceSentence, chosen: Sequence[SourceSentence]) -> bool:
        """Tell whether *s*'s main clause is one shown (or *chosen*) already.

        Two outlets' tellings of one act share it even when the rest of the sentence
        differs: "President Trump on Friday threatened to close the southern border if
        Democrats do not relent …" and "… to close the southern border "entirely" if he
        does not get the funding …" were two of a replayed story's three summary bullets
        (TF-IDF cosine under the bar, MiniLM 0.74).
        """
        core = clause_heading(s.text)
        return any(
            _same_clause(core, clause_heading(text))
            for text in [*self.shown_texts, *(c.text for c in chosen)]
        )

    def repeats(self, s: SourceSentence) -> bool:
        """Tell whether *s* says what the page already shows."""
        if s.index in self.shown:
            return True
        if self.shown and max(
            float(self.vectors[s.index] @ self.vectors[k]) for k in self.shown
        ) >= (DUPLICATE_SIMILARITY):
            return True
        return any(same_statement(s.text, t) for t in self.shown_texts)

    def select(
        self,
        k: int,
        *,
        used: set[int],
        allowed: Callable[[SourceSentence], bool] = lambda s: s.neutral,
        boost: Callable[[SourceSentence], float] = lambda s: 1.0,
        balance: bool = True,
        balance_by: Callable[[SourceSentence], str] = lambda s: s.side,
        weights: dict[str, float] | None = None,
        tally: dict[str, int] | None = None,
        floor: Collection[str] = (),
    ) -> list[SourceSentence]:
        """Up to *k* sentences by MMR, spread across sides (or *balance_by*), never repeating.

        With *weights* (group → share) the next pick goes to the group with the largest
        share / (picks + 1) — D'Hondt — so citations follow coverage; without, to the group
        with the fewest picks. *tally* (group → picks so far) is shared by the sections of
        one page and updated here, so the page as a whole follows the shares, not each
        3-sentence section rounding in the largest side's favour. *floor* groups with no
        pick yet go first once the slots left are no more than such groups: a side that
        covered the story is never silenced by rounding.
        """
        cands = [
            s
            for s in self.sentences
            if s.index not in used
            and s.index not in self.off_topic
            and allowed(s)
            and not self.repeats(s)
        ]
        if not cands:
            return []
        relevance = {s.index: float(self.scores[s.index]) * boost(s) for s in cands}
        top = max(relevance.values()) or 1.0
        chosen: list[SourceSentence] = []
        per_side: dict[str, int] = {} if tally is None else tally
        while cands and len(chosen) < k:
            best: tuple[float, SourceSentence] | None = None
            sides = {balance_by(s) for s in cands}
            unseated = {g for g in sides if g in floor and not per_side.get(g, 0)}
            if unseated and k - len(chosen) <= len(unseated):
                target = unseated
            elif weights:
                quotient = {g: weights.get(g, 0.0) / (per_side.get(g, 0) + 1) for g in sides}
                target = {g for g in sides if quotient[g] >= max(quotient.values()) - 1e-9}
            else:
                least = min(per_side.get(side, 0) for side in sides)
                target = {g for g in sides if per_side.get(g, 0) == least}
            for s in cands:
                if balance and balance_by(s) not in target:
                    continue
                redundancy = max(
                    (float(self.vectors[s.index] @ self.vectors[c.index]) for c in chosen),
                    default=0.0,
                )
                if redundancy >= DUPLICATE_SIMILARITY or any(
                    same_statement(s.text, c.text) for c in chosen
                ):
                    continue
                mmr = MMR_LAMBDA * relevance[s.index] / top - (1 - MMR_LAMBDA) * redundancy
                if best is None or mmr > best[0]:
                    best = (mmr, s)
            if best is None:
                if not balance:
                    break
                balance = False
                continue
            if best[1].field == "text" and (
                fragment(best[1].text) or self.same_core(best[1], chosen)
            ):
                # a caption, a tweet's fragment, an imperative, an act the page states
                # already: tagged only once chosen (~1 ms a sentence), then passed over
                # like any sentence not allowed
                cands = [c for c in cands if c.index != best[1].index]
                continue
            chosen.append(best[1])
            group = balance_by(best[1])
            per_side[group] = per_side.get(group, 0) + 1
            cands = [c for c in cands if c.index != best[1].index]
        for s in chosen:
            self.show(s.text, s.index)
        return chosen


#: Top entities of the story that say what it is about (with its title and key phrases).
SUBJECT_ENTITIES = 12
#: A word this share of the story's articles use (and at least this many) is its subject too.
SUBJECT_SHARE = 0.4
SUBJECT_MIN_ARTICLES = 2


def off_subject(story: StoryInput, sentences: Sequence[SourceSentence]) -> frozenset[int]:
    """Indices of *sentences* that share no content word with what the story is about.

    What it is about: its title, its key phrases, its top `SUBJECT_ENTITIES` entities and
    the words `SUBJECT_SHARE` of its articles use.
    On the replayed 2018-10/11 window 136 of 1,485 brief sentences named none of them,
    most of them lines that need the sentence before ("Across the country, people are
    seething.", "Two events from the last two days stand out.") or another story's, come
    in with an article that covers both ("The economy, in particular, could be vital."
    among the border-troops story's key points). A story without a title, key phrases or
    entities filters nothing.
    """
    subject = {stem(w) for w in _story_words(story, top=SUBJECT_ENTITIES)}
    # and the words most of its articles use: "closure" and "repair" are the bridge story's
    # whatever its entities are
    df = Counter(w for a in story.articles for w in _stems(f"{a.title}\n{a.text}"))
    common = max(SUBJECT_MIN_ARTICLES, math.ceil(SUBJECT_SHARE * len(story.articles)))
    subject |= {w for w, n in df.items() if n >= common}
    if not subject:
        return frozenset()
    return frozenset(s.index for s in sentences if not subject & _stems(s.text))


def _stems(text: str) -> set[str]:
    """The stems of *text*'s content words."""
    return {stem(w) for w in content_words(text)}


#: Words a main clause needs before two of them can be the same act: shorter headings
#: ("Trump said", a topic) say too little to tell.
SAME_CLAUSE_WORDS = 5


def _same_clause(a: str, b: str) -> bool:
    """Tell whether two main clauses (`clause_heading`) state one act."""
    if min(len(a.split()), len(b.split())) < SAME_CLAUSE_WORDS:
        return False
    return token_overlap(a, b) >= TOKEN_OVERLAP


def _as_sentence(src: SourceSentence, **extra: Any) -> Sentence:
    return Sentence(text=src.text, citations=[src.citation()], **extra)


class ExtractiveSynthesizer:
    """Offline brief writer: centrality + MMR selection of real, cited source sentences."""

    name = "extractive"

    def __init__(
        self,
        *,
        summary_size: int = 3,
        story_size: int = 9,
        key_points: int = 3,
        max_speakers: int = 6,
        weighting: str = "coverage",
    ) -> None:
        self.summary_size = summary_size
        self.story_size = story_size
        self.key_points = key_points
        self.max_speakers = max_speakers
        #: "coverage": a side's share of citations follows its share of outlets;
        #: "balanced": left, center and right get equal turns
        self.weighting = weighting

    def brief(self, story: StoryInput) -> Brief:
        """Every section the story's coverage supports (empty ones are left out)."""
        start = time.perf_counter()
        return self.brief_sections(story, sections=None, started=start)

    def brief_variants(self, story: StoryInput, weightings: Sequence[str]) -> dict[str, Brief]:
        """One full brief per weighting of *weightings*, all drawn from one candidate pool.

        Candidates, their vectors and centrality are computed once; each variant starts from
        an unshown copy of the pool, so each is a page of its own (one sentence, one place).
        """
        pool = self.pool(story)
        out: dict[str, Brief] = {}
        for weighting in weightings:
            out[weighting] = self.brief_sections(
                story, None, time.perf_counter(), weighting=weighting, pool=pool.fresh()
            )
        return out

    def brief_sections(
        self,
        story: StoryInput,
        sections: Sequence[str] | None,
        started: float | None = None,
        *,
        weighting: str | None = None,
        pool: _Pool | None = None,
    ) -> Brief:
        """Only *sections* (all when None), drawn from one pool in page order.

        *weighting* overrides the synthesizer's own (`WEIGHTINGS`); *pool* is a pool built
        by `pool` and not drawn from yet.
        """
        started = time.perf_counter() if started is None else started
        weighting = weighting or self.weighting
        if weighting not in WEIGHTINGS:
            raise ValueError(f"weighting must be one of {', '.join(WEIGHTINGS)}, not {weighting!r}")
        pool = self.pool(story) if pool is None else pool
        want = set(sections) if sections is not None else None
        out: dict[str, list[Sentence]] = {}
        used: set[int] = set()
        shares = side_shares(story)
        weights = shares if weighting == "coverage" else None
        # citations per side so far on this page: the narrator sections share one count
        tally: dict[str, int] = {}
        # every rated side that covered the story is cited at least once in summary + story
        floor = {side for side in SIDES if shares.get(side)}
        headings: set[str] = set()

        def wanted(name: str) -> bool:
            return want is None or name in want

        def headed(text: str, *, topic: bool) -> str:
            # a sentence that opens with a quotation would give its speaker's words as the
            # page's own heading ("We are honoring America's proud farming legacy"): a
            # topic heading first
            quoted = opens_with_quote(text)
            heading = topic_heading(text, key_phrases, headings) if topic or quoted else None
            if heading is None and quoted:
                heading = speaker_heading(text)
            if not heading:
                heading = clause_heading(text)
                if broken_heading(heading):
                    # "Ted Cruz had" headed a replayed bullet: a topic of the sentence reads
                    # better than a clause cut open, and no heading better than that clause
                    # ("The executive order being looked")
                    heading = topic_heading(text, key_phrases, headings) or ""
            headings.add(heading.lower())
            return heading

        key_phrases = [str(p) for p in story.analysis.get("key_phrases", [])]
        headline = self._headline(story)
        if wanted("headline"):
            out["headline"] = headline
        for sentence in headline:
            pool.show(sentence.text)
        recent = recency(story)
        if wanted("summary"):
            picks = pool.select(self.summary_size, used=used, weights=weights, tally=tally,
                                allowed=summary_candidate, boost=recent)  # fmt: skip
            # the most central pick leads, whichever side's turn chose it: "Espy has pointed
            # repeatedly to the comments" led a replayed runoff story above "Republican Cindy
            # Hyde-Smith won a U.S. Senate special election runoff …"
            picks.sort(key=lambda s: -float(pool.scores[s.index]) * recent(s))
            out["summary"] = [_as_sentence(s, heading=headed(s.text, topic=False)) for s in picks]
        if wanted("story"):
            picks = pool.select(
                self.story_size,
                used=used,
                weights=weights,
                tally=tally,
                floor=floor,
                boost=recent,
            )
            picks.sort(key=lambda s: (s.position / max(s.n_positions, 1), s.index))
            out["story"] = []
            for i, s in enumerate(picks):
                # paragraphs of three (seed 000); each after the first gets a subheading
                sub = None
                if i % 3 == 0 and i > 0:
                    # the heading is checked against this sentence's own citation
                    sub = topic_heading(s.text, key_phrases, headings)
                    if sub:
                        headings.add(sub.lower())
                out["story"].append(_as_sentence(s, paragraph=i // 3, heading=sub))
        for name, pattern, size in (
            ("why_it_matters", _WHY, 3),
            ("context", _CONTEXT, 3),
        ):
            if not wanted(name):
                continue
            picks = pool.select(
                size, used=used, weights=weights, tally=tally,
                allowed=lambda s, p=pattern: s.neutral and bool(p.search(s.text)),  # type: ignore[misc]
                boost=lambda s, p=pattern: 1.0 + 0.5 * len(p.findall(s.text)),  # type: ignore[misc]
            )  # fmt: skip
            heading = name == "why_it_matters"
            out[name] = [
                _as_sentence(s, heading=headed(s.text, topic=True) if heading else None)
                for s in picks
            ]
        framing = _framing(story)
        if wanted("diverging_views"):
            out["diverging_views"] = self._diverging(story, pool, framing, used)
        if wanted("global_impact"):
            home = story_countries(story)
            picks = pool.select(
                2, used=used, weights=weights, tally=tally,
                allowed=lambda s: s.neutral and reaches_abroad(s.text, home),
                boost=lambda s: 1.0 + 0.5 * global_cues(s.text, home),
            )  # fmt: skip
            out["global_impact"] = [_as_sentence(s) for s in picks]
        if wanted("sources"):
            out["sources"] = self._sources(story, pool)
        if wanted("bias_comparison"):
            out["bias_comparison"] = self._bias_comparison(story, framing)
        for side in SIDES:
            name = f"key_points_{side}"
            if wanted(name):
                picks = pool.select(
                    self.key_points, used=used, balance_by=lambda s: s.outlet,
                    allowed=lambda s, side=side: s.neutral and s.side == side,  # type: ignore[misc]
                )  # fmt: skip
                out[name] = [_as_sentence(s, side=side) for s in picks]
        # issue 21's sections live in their own module (synth/players.py)
        if wanted("key_players"):
            out["key_players"] = key_players(story)
        if wanted("international_reactions"):
            out["international_reactions"] = international_reactions(story)
        brief = Brief(story.story_id, {k: v for k, v in out.items() if v}, self.name)
        brief.stats = {
            "seconds": round(time.perf_counter() - started, 3),
            "candidates": len(pool.sentences),
            "weighting": weighting,
            "side_shares": shares,
            "side_outlets": side_outlets(story),
        }
        return brief

    # --- building blocks ---------------------------------------------------------------
    def pool(self, story: StoryInput) -> _Pool:
        """Collect the story's candidate sentences with TF-IDF vectors and centrality."""
        sentences = collect_sources(story)
        vectors = sentence_vectors([s.text for s in sentences])
        return _Pool(
            sentences,
            vectors,
            centrality(sentences, vectors),
            off_topic=off_subject(story, sentences),
        )

    def _headline(self, story: StoryInput) -> list[Sentence]:
        """The most central factual headline, trimmed of teaser labels and outlet names."""
        titles = [t for t in collect_sources(story, titles=True) if not t.opinion]
        titles = titles or collect_sources(story, titles=True)
        if not titles:
            return []
        vectors = sentence_vectors([t.text for t in titles])
        mean = vectors.mean(axis=0)
        central = [
            float(vectors[k] @ mean) * (1.1 if t.side == "center" else 1.0)
            for k, t in enumerate(titles)
        ]
        outlets = sorted({a.outlet for a in story.articles})
        found = neutral_headline([t.text for t in titles], central, outlets)
        if found is None:
            return []
        k, start, end = found
        best = titles[k]
        text = best.text[start:end]
        cite = Citation(best.article_id, best.start + start, best.start + end, text, "title")
        return [Sentence(text, [cite])]

    def _diverging(
        self,
        story: StoryInput,
        pool: _Pool,
        framing: dict[str, list[dict[str, Any]]],
        used: set[int],
    ) -> list[Sentence]:
        out: list[Sentence] = []
        # the sides' words are compared once, under Bias comparison: here, what they report
        # someone holds (a view names whose it is: "… to stand," Pelosi said); a report's
        # scene ("Weeks ago, … a 41-year-old housekeeper headed to the grocery store") is
        # no view, and stood here on replayed pages
        sides = [s for s in ("left", "right", "center") if framing.get(s)]
        for side in sides:
            terms = {stem(t.lower()) for item in framing[side] for t in
                     content_words(str(item.get("term", "")))}  # fmt: skip
            picks = pool.select(
                1, used=used, balance=False,
                allowed=lambda s, side=side, terms=terms: s.neutral  # type: ignore[misc]
                and s.side == side and bool(terms & set(content_words(s.text)))
                and attributed(s.text),
                boost=lambda s, terms=terms: 1.0 + len(terms & set(content_words(s.text))),  # type: ignore[misc]
            )  # fmt: skip
            out.extend(_as_sentence(s, side=side) for s in picks)
        # opinion pieces speak here only, and in their own name; a line that voices the
        # writer's view (a verdict, a prescription, a stance opener: what `statement_problem`
        # calls opinion_unattributed) is preferred to the column's most central fact ("Less
        # than a day later, at least nine people were killed …" stood here for a column)
        about = _story_words(story)
        for side in SIDES:
            picks = pool.select(
                1, used=used, balance=False,
                allowed=lambda s, side=side: s.opinion and s.side == side  # type: ignore[misc]
                and not _has_quote_marks(s.text)
                # about the story: "In the other America, people say nothing." stood here
                # for a column on the House vote
                and bool(about & set(content_words(s.text))),
                boost=lambda s: VIEW_BOOST if s.problem == "opinion_unattributed" else 1.0,
            )  # fmt: skip
            for s in picks:
                # "writes", not "argues": the line may report a fact ("The President has
                # denied he knew …" read as an argument on a replayed page)
                text = f"An opinion piece {_SIDE_PLACE[side]} writes: “{s.text.strip()}”"
                out.append(Sentence(text, [s.citation()], side=side, origin="template"))
        return out

    def _bias_comparison(
        self, story: StoryInput, framing: dict[str, list[dict[str, Any]]]
    ) -> list[Sentence]:
        out = []
        for side in SIDES:
            terms, cites = _term_citations(story, framing.get(side, []), 3)
            if not terms:
                continue
            text = _BIAS_LINE[side].format(terms=_quoted(terms))
            out.append(Sentence(text, cites, side=side, terms=terms, origin="template"))
        return out

    def _sources(self, story: StoryInput, pool: _Pool) -> list[Sentence]:
        out: list[Sentence] = []
        entries = story.analysis.get("sources") or []
        for entry in entries[: self.max_speakers]:
            speaker = entry.get("speaker")
            if not _named(speaker):
                continue  # a quote without a named speaker tells the reader nothing
            # the speaker's first quote the page does not show yet, whole sentences first: a
            # fragment ("definitely and imminently", "had a stick figure hanging …") said
            # little on replayed pages where the same speaker had a full sentence
            quotes = sorted(entry.get("quotes", []), key=lambda q: not _full_quote(q))
            for quote in quotes:
                if len(str(quote.get("text", "")).split()) < FULL_QUOTE_WORDS:
                    continue  # "Here, in the United States" says nothing on its own
                if out and out[-1].speaker == speaker:
                    break
                if not is_quotation(quote):
                    continue
                # (a quotation cut before its attribution keeps no trailing comma: "… into
                # Northern Syria,’" showed as "…Syria,”" on the 2019-10 replay)
                qtext = str(quote.get("text", "")).strip().strip("\"“”'‘’ ").rstrip(",;:")
                qtext = qtext.strip("\"“”'‘’ ")
                if any(same_statement(qtext, t) for t in pool.shown_texts):
                    continue
                for article_id in quote.get("article_ids", []):
                    art = story.article(int(article_id))
                    if art is None or not qtext:
                        continue
                    span = _quote_span(art.text, qtext, speaker)
                    if span is not None and is_boilerplate(art.text[span[0] : span[1]]):
                        # the attribution sentence carries a hover card: the quote alone
                        span = _quote_span(art.text, qtext, None)
                    if span is None or is_boilerplate(art.text[span[0] : span[1]]):
                        continue
                    start, end = span
                    cite = Citation(art.article_id, start, end, art.text[start:end])
                    prefix = f"{speaker}: " if speaker else ""
                    out.append(Sentence(f"{prefix}“{qtext}”", [cite], speaker=speaker,
                                        origin="template"))  # fmt: skip
                    pool.show(qtext)
                    break
        return out


#: Words the quote finder sometimes returns as a speaker: none of them names anyone.
_NOT_SPEAKERS = wordset(
    "his her their its another one others it this that he she they we advertisement"
)


def _named(speaker: object) -> bool:
    """Tell a speaker that names someone ("Ana Torres"), not "His" or "the president"."""
    if not isinstance(speaker, str) or not speaker.strip():
        return False
    text = speaker.strip()
    return text[0].isupper() and text.lower() not in _NOT_SPEAKERS


#: Fewest words of a quotation that stands as a statement of its own ("Donald Trump: “Here,
#: in the United States”" on a replayed page had five).
FULL_QUOTE_WORDS = 6


def _full_quote(quote: object) -> bool:
    """Tell a quotation that is a whole sentence (capital first, 6+ words), not a fragment."""
    text = str(quote.get("text", "") if isinstance(quote, dict) else "").strip("\"“”'‘’ ")
    return text[:1].isupper() and len(text.split()) >= FULL_QUOTE_WORDS


#: How many of the story's entities and key phrases name what it is about.
STORY_WORDS_TOP = 10


def _story_words(story: StoryInput, top: int = STORY_WORDS_TOP) -> set[str]:
    """The content words that name what *story* is about.

    Its title's, and those of its *top* most frequent entities and key phrases
    (`content_words`).
    """
    entities = (story.analysis.get("entities") or [])[:top]
    names = [str(e.get("text", "")) for e in entities if isinstance(e, dict)]
    phrases = [str(p) for p in (story.analysis.get("key_phrases") or [])[:top]]
    return {w for text in (story.title, *names, *phrases) for w in content_words(text)}


def _has_quote_marks(text: str) -> bool:
    return any(mark in text for mark in '"“”‘’') or "'" in text.replace("'s ", "")


def side_outlets(story: StoryInput) -> dict[str, int]:
    """How many distinct outlets of each side (left / center / right / other) cover *story*."""
    outlets: dict[str, set[str]] = {}
    for art in story.articles:
        outlets.setdefault(art.side, set()).add(art.outlet)
    return {side: len(v) for side, v in sorted(outlets.items())}


def side_shares(story: StoryInput) -> dict[str, float]:
    """Each side's share of the story's distinct outlets (left / center / right / other)."""
    counts = side_outlets(story)
    total = sum(counts.values()) or 1
    return {side: round(n / total, 4) for side, n in counts.items()}


def _framing(story: StoryInput) -> dict[str, list[dict[str, Any]]]:
    framing = story.analysis.get("framing") or {}
    return {side: list(framing.get(side) or []) for side in SIDES}


def _quoted(terms: Sequence[str]) -> str:
    quoted = [f"“{t}”" for t in terms]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _term_citations(
    story: StoryInput, items: Sequence[dict[str, Any]], limit: int
) -> tuple[list[str], list[Citation]]:
    """Up to *limit* framing terms that a snippet in the story's text really contains.

    One sentence holding two terms ("a sitting president can be indicted") is cited once:
    the term takes its next snippet, or none when its only one is already shown.
    """
    terms: list[str] = []
    cites: list[Citation] = []
    for item in items:
        term = str(item.get("term", "")).strip()
        if not term:
            continue
        found: list[Citation] = []
        for snippet in item.get("snippets", []):
            art = story.article(int(snippet.get("article_id", -1)))
            if art is None:
                continue
            cite = _find_citation(art.article_id, art.text, art.title, str(snippet.get("text", "")),
                                  term)  # fmt: skip
            if cite is not None:
                found.append(cite)
                if not any(_same_cite(cite, c) for c in cites):
                    break
        if found:
            terms.append(term)
            if not any(_same_cite(found[-1], c) for c in cites):
                cites.append(found[-1])
        if len(terms) >= limit:
            break
    return terms, cites


def _same_cite(a: Citation, b: Citation) -> bool:
    # two windows of one sentence overlap
    return (
        (a.article_id, a.field) == (b.article_id, b.field) and a.start < b.end and b.start < a.end
    )


def _find_citation(
    article_id: int, text: str, title: str, snippet: str, term: str
) -> Citation | None:
    """Find *snippet* (or else a sentence containing *term*) in the article."""
    from newsprism.synth.text import split_sentences

    pattern = re.compile(r"\b" + re.escape(term) + r"\b", re.IGNORECASE)
    for field, body in (("text", text), ("title", title)):
        snippet = snippet.strip().strip(".…")
        at = body.find(snippet) if snippet else -1
        if at >= 0 and pattern.search(snippet):
            return Citation(article_id, at, at + len(snippet), snippet, field)
    for field, body in (("text", text), ("title", title)):
        for start, end in split_sentences(body):
            if pattern.search(body[start:end]):
                return Citation(article_id, start, end, body[start:end], field)
    return None


def _quote_span(text: str, quote: str, speaker: str | None) -> tuple[int, int] | None:
    """Find the sentence(s) holding *quote*, widened to the attribution of *speaker*.

    The attribution may sit in the sentence after the quote ("…,” Torres said.") or, with
    the full name, up to two sentences before it ("Mayor Ana Torres said … “…”").
    """
    from newsprism.synth.text import split_sentences

    norm = normalize_quotes(text)
    at = norm.find(normalize_quotes(quote))
    if at < 0:
        return None
    spans = split_sentences(text)
    inside = [k for k, (s, e) in enumerate(spans) if e > at and s < at + len(quote)]
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    if speaker:
        surname = speaker.split()[-1]

        def has(k: int, name: str) -> bool:
            return name in text[spans[k][0] : spans[k][1]]

        surname_missing = not any(has(k, surname) for k in range(first, last + 1))
        if surname_missing and last + 1 < len(spans) and has(last + 1, surname):
            last += 1
        if not any(has(k, speaker) for k in range(first, last + 1)):
            for back in (first - 1, first - 2):
                if back >= 0 and has(back, speaker):
                    first = back
                    break
    return spans[first][0], spans[last][1]


def heading_for(text: str, key_phrases: Sequence[str]) -> str:
    """Make a short heading that only uses words of *text*.

    A key phrase it contains, else its first named phrase, else its longest run of content
    words.
    """
    words = set(content_words(text))
    lowered = normalize_quotes(text).lower()
    for phrase in key_phrases:
        if phrase and phrase.lower() in lowered and len(phrase.split()) <= 5:
            return _cap(phrase)
    for phrase in key_phrases:
        phrase_words = content_words(phrase)
        if phrase_words and all(w in words for w in phrase_words) and len(phrase.split()) <= 5:
            found = _span_of_words(text, phrase_words)
            if found:
                return _cap(found)
    names = re.findall(r"(?<!^)(?<![.!?] )\b([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)+)", text)
    if names:
        return str(names[0])
    # the longest run of consecutive content words ("crowded debate stage"), at most 4
    best: list[str] = []
    run: list[str] = []
    for token in [*word_tokens(text), ""]:
        if token and token.lower() not in STOPWORDS and len(token) > 2:
            run.append(token)
            continue
        if len(run) > len(best):
            best = run
        run = []
    if best:
        return _cap(" ".join(best[:4]))
    return _cap(" ".join(text.split()[:3]))


def _span_of_words(text: str, stems: Sequence[str]) -> str | None:
    tokens = word_tokens(text)
    picked = [t for t in tokens if content_words(t) and content_words(t)[0] in stems]
    return " ".join(dict.fromkeys(picked)) or None


def _cap(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]
