"""Targeted checks for what entailment models miss: certainty, bounds, time frame, quote speaker.

Each check compares the claim with the cited sources it rests on and returns a short reason
when the claim says more than they do, else None:

* ``certainty`` — the claim states as settled what the sources hedge: a certainty word the
  sources lack ("confirmed", "proved", "convicted", "certainly", "guaranteed"), or "will"
  where the premise only says "may", "could", "likely", "expected". A claim that attributes
  the statement ("is accused of", "has not ruled out") keeps the hedge; one naming who
  holds it ("Investigators say", "according to two people involved") keeps an "allegedly" /
  "reportedly", not the speaker's own "likely" or "hopes".
* ``bound`` — a number's bound changed: "nearly 100" for "more than 100", "up to" for "at
  least". Bounds fall in three classes (lower, upper, approximate); a claim's bound must
  be the class the source gives that number, or none.
* ``time_frame`` — a time phrase the sources lack ("already", "next week", "last month",
  "years ago").
* ``speaker`` — a quotation attributed to someone ("…,” Kelly said", "Kelly wrote: “…”")
  must sit with that speaker's name in the cited source that holds the quotation, or, where
  that source names no one ("the chief said", "he said"), with the person the story gives
  that role or another cited source has speaking.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.nlp.lexicon import speech_alternation
from newsprism.nlp.sentences import sentences
from newsprism.nlp.wordforms import IRREGULAR, word_root
from newsprism.synth.normalize import canonical
from newsprism.synth.text import (
    content_roots,
    content_words,
    known_roots,
    normalize_quotes,
    stem,
    wordset,
)

__all__ = [
    "bound_problem",
    "certainty_problem",
    "extra_clause_reason",
    "new_clauses",
    "quote_cut_problem",
    "source_clauses",
    "speaker_problem",
    "time_frame_problem",
]

#: A clause needs this share of its content words in the cited sources: a sentence copied
#: from a source with an invented clause added ("…, and the IRS said it would comply")
#: passes the whole-sentence coverage but not this.
MIN_CLAUSE_COVERAGE = 0.34
_CLAUSE_SPLIT = re.compile(
    r"\s*;\s*|,?\s+(?:and|but|while|which|where|who|after|before|because|as)\s+|,\s+"
)

#: Words that state a fact as settled; a claim may use one only when its sources do.
_CERTAIN = re.compile(
    r"\b(certain(?:ly)?|definite(?:ly)?|confirm(?:s|ed)?|prove[sdn]?|proving|guarantee[sd]?|"
    r"convicted|guilty|undoubtedly|admit(?:s|ted)?|has\s+shown|"
    r"have\s+shown|showed\s+that|vowed|will\s+certainly|inevitabl[ey])\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(may|might|could|likely|probably|possibly|perhaps|expected|reportedly|allegedly|"
    r"alleged|suggest(?:s|ed)?|appear(?:s|ed)?|apparently|seem(?:s|ed)?|consider(?:s|ed|ing)?|"
    r"mull(?:s|ed)?|explor(?:es|ing)|hop(?:es|ing)|plans?|would|"
    # an aim is no fact: "wanted to spend more time" keeps the source's "so he could spend"
    # ("seeking to unseat" describes who, so only a finite "wanted"/"intends")
    r"(?:want(?:s|ed)?|intend(?:s|ed)?)\s+to)\b",
    re.IGNORECASE,
)
_STRONG_HEDGE = re.compile(
    r"\b(may|might|could|likely|probably|possibly|reportedly|allegedly|alleged|expected|"
    r"appears?|apparently|suggested|seems?|whether|if|unclear|presumably|suspected|"
    r"believed\s+to|thought\s+to)\b",
    re.IGNORECASE,
)
#: The same hedges as a source's: "appear" and "seem" hedge only as raising verbs
#: ("appears to", "seemed that"): "will appear at a hearing" is a court date. "expected"
#: hedges as "expected to", not in "than expected" or "as expected". Only the sources' side
#: reads them so narrowly; a claim's "appear" still counts as its hedge. "appeared to" is a
#: strong hedge of a source too ("Democrats appeared to have backed off" / "backed off":
#: 3 more certainty_inflation cases caught on tune by it, no supported one dropped).
_RAISING = r"(?=\s+(?:to|that|likely|unlikely|as\s+if|as\s+though)\b|,)"
_EXPECTED = r"(?<!than\s)(?<!as\s)expected"
_SOURCE_HEDGE = re.compile(
    r"\b(may|might|could|likely|probably|possibly|perhaps|" + _EXPECTED + r"|reportedly|"
    r"allegedly|alleged|suggest(?:s|ed)?|appear(?:s|ed)?" + _RAISING + r"|apparently|"
    r"seem(?:s|ed)?" + _RAISING + r"|consider(?:s|ed|ing)?|"
    r"mull(?:s|ed)?|explor(?:es|ing)|hop(?:es|ing)|plans?|would)\b",
    re.IGNORECASE,
)
_SOURCE_STRONG_HEDGE = re.compile(
    r"\b(may|might|could|likely|probably|possibly|reportedly|allegedly|alleged|"
    + _EXPECTED
    + r"|appear(?:s|ed)?"
    + _RAISING
    + r"|apparently|suggested|seem(?:s|ed)?"
    + _RAISING
    + r"|whether|if|unclear|presumably|suspected|"
    r"believed\s+to|thought\s+to|claim(?:s|ed)?\s+(?:that|to))\b",
    re.IGNORECASE,
)
#: Words by which a claim keeps a statement someone else's: "is accused of lying" for
#: "allegedly lied", "has not ruled out filing" for "could file". A claim holding one
#: states nothing flat, as a hedge would. "According to" is not one: it says whose word the
#: claim is (`_SAYER`), which stands for a source's "reportedly" but not for the speaker's
#: own hedge ("According to a GOP lawmaker, the president will take executive action" for
#: "the lawmaker said he believes the president will likely take …").
_ATTRIBUTED = re.compile(
    r"\b(accus(?:es|ed|ing|ations?)|alleg(?:e|es|ing|ations?)|suspected|claim(?:s|ed)|"
    r"not\s+(?:yet\s+)?rul(?:e|es|ed|ing)\s+out|possib(?:le|ility)|"
    r"potential(?:ly)?|believed\s+to|thought\s+to|expects?)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(will|won't|'ll|going\s+to|set\s+to|scheduled|plans?\s+to)\b", re.I)
_BOUNDS = {
    "lower": r"more\s+than|over|at\s+least|no\s+(?:fewer|less)\s+than|upwards\s+of|"
    r"in\s+excess\s+of|exceed(?:s|ed|ing)?|above|nearly\s+all|a\s+minimum\s+of|minimum\s+of",
    "upper": r"up\s+to|at\s+most|no\s+more\s+than|fewer\s+than|less\s+than|under|below|"
    r"a\s+maximum\s+of|maximum\s+of|"
    r"nearly|almost|just\s+under|not\s+quite",
    "approx": r"about|around|roughly|approximately|some|an\s+estimated|close\s+to|"
    r"or\s+so|nearly\s+about",
}
_BOUND = re.compile(
    r"\b(?P<bound>" + "|".join(f"(?P<{k}>{v})" for k, v in _BOUNDS.items()) + r")\s+"
    # "an hour", "a year": one of a unit ("less than an hour" for "a little more than an hour")
    r"(?:\$\s?)?(?P<num>\d[\d,]*(?:\.\d+)?|one\b|an?(?=\s+(?:minute|hour|day|week|month|"
    r"year|decade|century|mile|dozen)s?\b))",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(?<![\d.,])(?:\$\s?)?(\d[\d,]*(?:\.\d+)?)")
_TIME_FRAME = re.compile(
    r"\b(already|(?:next|last|this|past|coming)\s+(?:week|month|year|weekend|spring|summer|"
    r"fall|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"\d+\s+(?:days?|weeks?|months?|years?)\s+ago|(?:weeks|months|years|days)\s+ago|"
    r"yesterday|tomorrow|later\s+this\s+\w+|earlier\s+this\s+\w+|since\s+\d{4}|"
    r"for\s+months|for\s+years|long\s+ago|no\s+longer)\b",
    re.IGNORECASE,
)
#: Who speaks a source's quote: the reporting verbs of the quote extractor
#: (`nlp.lexicon.SPEECH_VERBS`, same meaning), and "described" / "called" a thing "…".
_SPEECH = rf"{speech_alternation()}|described|called"
_NAME = r"(?:[A-Z][\w.'’-]+)(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|bin|al))*"
_TITLES = wordset(
    """mr mrs ms dr sen rep gov gen lt col sgt the president senator secretary judge vice
    chairman speaker leader he she they it i we but and in on as after asked when"""
)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", canonical(text)).lower()


#: "X said the bridge would stay closed": reported speech shifts "will" back to "would";
#: that "would" is the speaker's "will", not a hedge.
_BACKSHIFT = re.compile(
    r"\b(said|says|told|announced|added|warned|promised|stated|insisted|confirmed)\b"
    r"([^.;]{0,80}?)\bwould\b",
    re.IGNORECASE,
)


#: Hedges that say only that someone else holds it ("allegedly", "reportedly"): a claim
#: that says who holds it ("Investigators say …", "…, prosecutors said", "according to
#: the complaint", "is accused of") keeps them. A named speaker does not: "Ortiz said the
#: treasurer moved the funds" gives the allegation to someone the source does not name.
_EVIDENTIAL = re.compile(r"\b(?:reportedly|allegedly|alleged|purportedly)\b")
_SAYER = re.compile(
    r"\b(?:according\s+to|accus(?:e|es|ed|ing)|alleg(?:e|es|ing)|"
    r"(?:[a-z]+s|police|the\s+(?:indictment|complaint|lawsuit|report))\s+"
    r"(?:say|says|said|allege|alleged|charge|charged|believe|believed|contend|contended)\b)"
)


#: A source's words that state as much as a claim's certainty word (by its stem): a guilty
#: plea is an admission, a guilty verdict a conviction.
_GUILTY_PLEA = re.compile(r"\b(?:plead(?:s|ed)?|pled)\s+guilty|\bconfess")
_CERTAIN_IMPLIED = {
    **dict.fromkeys(("admit", "admits", "admitt"), _GUILTY_PLEA),
    "convic": re.compile(r"\bfound\s+(?:\w+\s+)?guilty|\bguilty\s+verdict"),
}


def certainty_problem(claim: str, premise: str) -> str | None:
    """A reason when *claim* is surer than *premise* (see the module doc), else None."""
    claim_n, premise_n = _plain(_month_may(claim)), _plain(_month_may(premise))
    premise_n = _BACKSHIFT.sub(lambda m: f"{m.group(1)}{m.group(2)}will", premise_n)
    if _SAYER.search(outside_quotes_simple(claim_n)):
        premise_n = _EVIDENTIAL.sub("", premise_n)
    for m in _CERTAIN.finditer(claim_n):
        word = m.group(1).split()[-1]
        stem = word[:6] if len(word) > 6 else word
        implied = _CERTAIN_IMPLIED.get(stem)
        if stem not in premise_n and not (implied and implied.search(premise_n)):
            return f"states as certain what the sources do not (“{m.group(1)}”)"
        # "almost guaranteed" in the source is a hedge, "guaranteed" in the claim is not
        softened = re.search(rf"\b(?:almost|nearly|all but|not yet)\s+{re.escape(stem)}", premise_n)
        if softened and not re.search(rf"\b(?:almost|nearly|all but|not yet)\s+{stem}", claim_n):
            return f"drops the sources' “{softened.group().split()[0]}” before “{word}”"
    kept = _ATTRIBUTED.search(claim_n)
    claim_future = _FUTURE.search(claim_n) and not _HEDGE.search(claim_n) and not kept
    if (
        claim_future
        and not _FUTURE.search(premise_n)
        and _hedge_over_claim(claim_n, premise_n, _SOURCE_HEDGE)
    ):
        return "says “will” where the sources only say it may happen"
    # the source hedges (may, likely, reportedly, whether …) what the claim states flat;
    # only outside quotations: a quotation the claim leaves out cannot be inflated by it
    if not _HEDGE.search(claim_n) and not _STRONG_HEDGE.search(claim_n) and not kept:
        hedge = _hedge_over_claim(claim_n, _outside_long_quotes(premise_n), _SOURCE_STRONG_HEDGE)
        if hedge:
            return f"states flat what its source hedges (“{hedge}”)"
    return _dropped_local_hedge(claim_n, premise_n)


#: A quotation of this many words or fewer is the writer's own wording in scare quotes
#: ("agreed that it is “highly likely” Russia is responsible"): its hedge hedges the sentence.
SCARE_QUOTE_WORDS = 3


def _outside_long_quotes(text: str) -> str:
    """*text* without its quotations longer than `SCARE_QUOTE_WORDS` words."""
    return re.sub(
        r'"([^"]*)"',
        lambda m: m.group(1) if len(m.group(1).split()) <= SCARE_QUOTE_WORDS else " ",
        normalize_quotes(text),
    )


#: "May" inside a sentence is the month (or a name), not the hedge "may".
_MONTH_MAY = re.compile(r"(?<=[\w,;:]\s)May\b")


def _month_may(text: str) -> str:
    """*text* with a capitalised "May" inside a sentence renamed, so it reads as no hedge."""
    return _MONTH_MAY.sub("Maymonth", text)


#: Where a hedge's reach ends: "X happened, so officials could …" hedges the second clause
#: only. A condition ("if", "unless") reaches over the whole premise ("If it passes, the
#: plan will cost …"); "whether" opens a question in its own clause ("… whether X").
_HEDGE_CLAUSE_SPLIT = re.compile(
    r"\s*[;—–]\s*|,?\s+(?:and|but|while|which|where|who|after|before|because|as|so)\s+|,\s+"
)
_CONDITIONAL = frozenset({"if", "unless"})
_RELATIVE_OPENER = re.compile(r"\b(?:which|who|where)\s*$")
#: A claim repeats the hedged clause when they share this part of the clause's content words
#: or of the claim's.
HEDGED_CLAUSE_SHARE = 0.5


#: A question someone asked, then its answer: the "whether" is the asker's, not a doubt.
_ANSWERED_QUESTION = re.compile(
    r"\basked\b[^?!]{0,120}?\bwhether\b.*\b(?:replied|answered|responded)\b", re.DOTALL
)


def _hedge_over_claim(claim_n: str, premise_n: str, hedges: re.Pattern[str]) -> str | None:
    """The premise's hedge word (of *hedges*) whose clause the claim repeats, if any.

    A cited sentence often hedges a clause the claim leaves out ("Pelosi delayed sending the
    articles …, so she could learn more about the trial" for "Pelosi delayed sending the
    articles …"): a hedge counts only when two or more content words of the clause it sits
    in are the claim's, and they make `HEDGED_CLAUSE_SHARE` of that clause or of the claim.
    """
    claim_words = set(content_roots(claim_n))
    pieces = _HEDGE_CLAUSE_SPLIT.split(premise_n)
    opened = [None, *_HEDGE_CLAUSE_SPLIT.findall(premise_n)]
    for clause, opener in zip(pieces, opened, strict=True):
        hedge = next((h for h in hedges.finditer(clause)
                      if not _hedges_another_noun(clause, h, claim_words)), None)  # fmt: skip
        if hedge is None:
            continue
        if hedge.group(1) == "whether" and _ANSWERED_QUESTION.search(premise_n):
            # a question put and answered: "He asked Fauci whether it was a long shot …
            # “It's definitely not a long shot,” Fauci replied" doubts nothing of the reply
            continue
        # a condition reaches over the whole premise, but one inside a relative clause
        # ("the bill, which if passed would have …") only over that clause
        relative = opener is not None and _RELATIVE_OPENER.search(opener)
        whole = hedge.group(1) in _CONDITIONAL and not relative
        scope = set(content_roots(premise_n if whole else clause))
        held = len(scope & claim_words)
        # two shared words, or all of a claim that has fewer ("The U.S. will be back in the
        # agreement" for "could then be back into the agreement")
        if (
            held
            and held >= min(2, len(claim_words))
            and held >= HEDGED_CLAUSE_SHARE * min(len(scope), len(claim_words))
        ):
            return hedge.group(1)
    return None


#: "the suspected shooter", "an alleged accomplice": a hedge before a noun doubts only
#: who that noun is, not the rest of its clause.
_ATTRIBUTIVE_HEDGE = re.compile(
    r"\b(?:the|a|an|his|her|its|their|two|three|several)\s+(?:suspected|alleged)\s+([a-z]+)$"
)


def _hedges_another_noun(clause: str, hedge: re.Match[str], claim_words: set[str]) -> bool:
    """Tell whether *hedge* doubts a noun of *clause* that the claim does not speak of.

    "Aaron said the patron rushed the suspected shooter" hedges the shooter only: a claim
    about the patron (no "shooter") states nothing the hedge doubts. A claim that keeps the
    noun ("the shooter fled") drops the hedge and stays a certainty problem.
    """
    after = re.match(r"\s+([a-z]+)", clause[hedge.end() :])
    if after is None:
        return False
    attributive = _ATTRIBUTIVE_HEDGE.search(clause[: hedge.end()] + " " + after.group(1))
    return bool(attributive) and not set(content_roots(after.group(1))) & claim_words


#: Words after a source's hedge that make up what it hedges ("may have used the audit
#: claim to avoid scrutiny"): a claim repeating most of them repeats that statement.
HEDGED_WINDOW = 5
_LOCAL_HEDGE = re.compile(r"\b(may|might|could|likely|probably|possibly|allegedly|suspected)\b")


def _dropped_local_hedge(claim_n: str, premise_n: str) -> str | None:
    """A reason when the claim repeats a hedged statement of the premise without its hedge.

    The claim may hedge something else ("… could lead to an audit") and still state flat
    what the source hedged ("but had used the audit claim" for "but may have used …").
    """
    claim_tokens = re.findall(r"[a-z0-9']+", outside_quotes_simple(claim_n))
    claim_stems = [stem(t) for t in claim_tokens]
    # a quotation's hedge too: "Fauci said areas will see spikes that turn into outbreaks"
    # states flat his "spikes that might turn into outbreaks" (the claim's own quotations
    # are left out above, so a claim quoting the hedge verbatim repeats nothing here)
    premise_quoted = normalize_quotes(premise_n)
    premise_plain = premise_quoted.replace('"', " ")
    for m in _LOCAL_HEDGE.finditer(premise_plain):
        rest = premise_quoted[m.end() :]
        quoted = premise_quoted[: m.start()].count('"') % 2 == 1
        if quoted:
            rest = rest.split('"')[0]  # a quoted hedge reaches to the end of its quotation
        window = content_words(rest)[:HEDGED_WINDOW]
        # a quotation's end bounds what it hedges: two words repeated are enough there
        if len(window) < (2 if quoted else 3):
            continue
        found = [w for w in window if w in claim_stems]
        missing = 0 if len(window) < 3 else 1
        if len(found) < len(window) - missing or window[0] not in claim_stems:
            continue  # the claim does not repeat this statement
        first = claim_stems.index(window[0])
        # up to the statement's second word: "Russia may be responsible" keeps the hedge
        # after the subject the window opens with
        end = next((claim_stems.index(w, first + 1) for w in window[1:2]
                    if w in claim_stems[first + 1 :]), first)  # fmt: skip
        nearby = claim_tokens[max(0, first - 5) : end]
        # "faces a possible censure vote": an attribution word may follow the verb
        around = " ".join(claim_tokens[max(0, first - 5) : first + 3])
        before = " ".join(nearby)  # "wanted to": a hedge may take two words
        if not (_HEDGE.search(before) or _STRONG_HEDGE.search(before)) and not (
            _ATTRIBUTED.search(around)
        ):
            return f"states flat what its source hedges (“{m.group(1)} …{' '.join(window[:3])}”)"
    return None


_BEFORE_QUOTE_HEDGE = wordset("may might could would not never likely possibly probably")
#: The claim keeps the source's hedge when it sits among the words right before its
#: quotation: "vowed not to “back down”" for "said he would not “back down”".
QUOTE_HEDGE_REACH = 3


def quote_cut_problem(claim: str, sources: Sequence[str]) -> str | None:
    """A reason when a quotation starts right after a hedge or negation its source quotes.

    “pose an unacceptable risk” cut from “may pose an unacceptable risk” is word for word in
    the source and still says more than it.
    """
    plain = normalize_quotes(claim)
    for m in re.finditer(r'"([^"]{8,})"', plain):
        quote = re.findall(r"[a-z0-9']+", m.group(1).lower())[:6]
        if len(quote) < 3:
            continue
        said = re.findall(r"[a-z0-9']+", plain[: m.start()].lower())
        if _BEFORE_QUOTE_HEDGE & set(said[-QUOTE_HEDGE_REACH:]):
            continue  # the claim keeps the word outside its quotation: would not "impact …"
        for source in sources:
            words = re.findall(r"[a-z0-9']+", normalize_quotes(source).lower())
            for k in range(1, len(words) - len(quote) + 1):
                if words[k : k + len(quote)] == quote and words[k - 1] in _BEFORE_QUOTE_HEDGE:
                    return f"the quotation leaves out the source's “{words[k - 1]}” before it"
    return None


def _bounds(text: str) -> dict[float, set[str]]:
    found: dict[float, set[str]] = {}
    canon = canonical(text)
    for m in _NUMBER.finditer(canon):
        found.setdefault(float(m.group(1).replace(",", "")), set())
    for m in _BOUND.finditer(canon):
        kind = next(k for k in _BOUNDS if m.group(k))
        num = m.group("num").lower()
        value = 1.0 if num in ("one", "a", "an") else float(num.replace(",", ""))
        found.setdefault(value, set()).add(kind)
    return found


def bound_problem(claim: str, premise: str) -> str | None:
    """A reason when a number's bound in *claim* differs from the sources', else None."""
    source = _bounds(premise)
    for value, kinds in _bounds(claim).items():
        if value not in source or not kinds:
            continue  # absent numbers are the number check's job; a bare number is fine
        theirs = source[value]
        if not theirs and kinds - {"approx"}:
            return f"gives {value:g} a bound (“{'/'.join(sorted(kinds))}”) the sources do not"
        if theirs and not kinds & theirs and kinds != {"approx"}:
            return (f"bound of {value:g} changed: {'/'.join(sorted(kinds))} for "
                    f"{'/'.join(sorted(theirs))} in the sources")  # fmt: skip
    return None


def time_frame_problem(claim: str, premise: str) -> str | None:
    """A reason when *claim* has a time phrase its sources lack, else None.

    Also when the claim puts in the past what its sources only schedule: "Cohen appeared
    before the committee" where they say he "is set to appear", "traveled" for "was to
    travel".
    """
    premise_n = _plain(premise)
    claim_n = _plain(outside_quotes_simple(claim))
    for m in _TIME_FRAME.finditer(claim_n):
        phrase = m.group(1)
        if phrase not in premise_n:
            return f"time frame “{phrase}” is not in the cited sources"
    return _done_for_planned(claim_n, _plain(outside_quotes_simple(premise)))


#: A source's event still to come: "is set to appear", "was to travel", "will be sentenced",
#: "is scheduled to testify", "plans to step down", "will personally approve", and the
#: reported "said the two would meet soon".
_PLANNED = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:set|scheduled|slated|due|expected|poised|going)\s+to|"
    r"(?:was|were)\s+to|will|would|plans?\s+to|intends?\s+to)\s+(?:[a-z]+ly\s+)?(?:be\s+)?"
    r"([a-z]{3,})\b"
)


def _past_form(word: str) -> bool:
    """Tell whether *word* is a past tense or participle ("appeared", "held")."""
    return word.endswith("ed") or IRREGULAR.get(word, word) != word


def _done_for_planned(claim_n: str, premise_n: str) -> str | None:
    """A reason when *claim_n* states in the past an event *premise_n* only plans."""
    planned = {word_root(m.group(1)): m.group() for m in _PLANNED.finditer(premise_n)}
    if not planned:
        return None
    # the event happened in the sources too ("appeared Monday and is set to appear again")
    done = {word_root(w) for w in re.findall(r"[a-z]+", premise_n) if _past_form(w)}
    for word in re.findall(r"[a-z]+", claim_n):
        root = word_root(word)
        if root in planned and root not in done and _past_form(word):
            if _PLANNED.search(claim_n):
                return None  # the claim keeps a plan of its own ("is expected to …")
            return f"says “{word}” where the sources only say it “{planned[root]}”"
    return None


def outside_quotes_simple(text: str) -> str:
    """*text* without its double-quoted parts (a light version for these checks)."""
    return re.sub(r'"[^"]*"', " ", normalize_quotes(text))


def _speakers(claim: str) -> list[tuple[str, str]]:
    """(quotation, speaker name) pairs the claim attributes: ‘“…,” Name said’, ‘Name said: “…”’."""
    text = normalize_quotes(claim)
    pairs: list[tuple[str, str]] = []
    for m in re.finditer(r'"([^"]{8,})"', text):
        after = text[m.end() : m.end() + 80]
        before = text[max(0, m.start() - 120) : m.start()]
        name = None
        a = re.match(rf"\s*,?\s*(?:{_NAME}\s+)?(?P<n>{_NAME})\s+(?:{_SPEECH})\b", after)
        b = re.match(rf"\s*,?\s*(?:{_SPEECH})\s+(?P<n>{_NAME})", after)
        # the speaker nearest the quotation: in "Reports say Collins called Slaughter “…”"
        # Collins speaks, not "Reports" (the greedy lead puts the name as far right as it goes)
        c = re.search(rf".*(?<![\w.'’-])(?P<n>{_NAME})(?:,[^,\"]{{1,60}},)?\s+(?:\w+\s+)?"
                      rf"(?:{_SPEECH})\b[^\"]*$", before, re.DOTALL)  # fmt: skip
        for found in (a, b, c):
            if found:
                name = found.group("n")
                break
        if name:
            pairs.append((m.group(1), name))
    return pairs


def speaker_problem(claim: str, sources: Sequence[str], story: Sequence[str] = ()) -> str | None:
    """A reason when a quotation is given to a speaker its source does not name, else None.

    A source that gives the quotation to no name ("… ,” he said", "the interim chief
    said", a quotation running on from the sentence before) leaves its speaker to the
    story: the claim may name the person the story gives that role ("Austin Police Chief
    Brian Manley", *story* being the brief's other cited texts) or another of the claim's
    cited sources names as speaking ("“…,” Honig said" before "“It could be …”").
    """
    for quote, name in _speakers(claim):
        tokens = [t for t in re.findall(r"[A-Za-z][\w'’-]*", name) if t.lower() not in _TITLES]
        if not tokens:
            continue
        needle = _quote_key(quote)
        holding = [s for s in sources if needle and needle in _all_words(s)]
        if not holding:
            continue  # the quote check decides whether the quotation exists at all
        # a source whose words around the quotation give it to someone settles the speaker:
        # the claim's name elsewhere in that source ("…,” Bremmer said" two paragraphs
        # after Gardiner speaks) is another person's
        sits = [_sits_with(tokens, s, needle) for s in holding]
        if any(sits):
            continue
        if all(sit is False for sit in sits):
            return f"the quotation is given to {name}; its cited source gives it to another"
        if any(_has_token(tokens, s) for s in holding):
            continue
        unnamed = [s for s in holding if not _named_speakers(s, needle)]
        others = [s for s in sources if s not in holding]
        if unnamed and (
            _story_gives_role(tokens, unnamed, [*sources, *story])
            or any(_names_as_speaker(tokens, s) for s in others)
        ):
            continue
        return f"the quotation is given to {name}, whom its cited source does not name"
    return None


def _named_speakers(source: str, needle: str) -> list[str]:
    """The names (titles and pronouns aside) *source* gives the quotation holding *needle*.

    The claim may quote a part of the source's quotation, so *needle* (the claim quote's
    opening words) is looked for in the whole of each source quotation.
    """
    return [
        name
        for quote, name in _speakers(source)
        if needle in _all_words(quote)
        and any(t.lower() not in _TITLES for t in re.findall(r"[A-Za-z][\w'’-]*", name))
    ]


def _has_token(tokens: Sequence[str], text: str) -> bool:
    return any(re.search(rf"\b{re.escape(t)}\b", text) for t in tokens)


#: How far before and after a quotation its attribution is read (as `_speakers` does).
_BEFORE, _AFTER = 120, 80
_PRONOUN_SAYS = re.compile(rf"\b(?:he|she)\s+(?:{_SPEECH})\b|\b(?:{_SPEECH})\s+(?:he|she)\b", re.I)


def _sits_with(tokens: Sequence[str], source: str, needle: str) -> bool | None:
    """Whether *source* gives the quotation holding *needle* to one of *tokens*.

    True when a token is in the words around the quotation (its attribution); False when
    those words name someone else, or say "he said" while the source names the token only
    after the quotation (a pronoun looks back); None when the source does not tell.
    """
    text = normalize_quotes(source)
    for m in re.finditer(r'"([^"]{8,})"', text):
        if needle not in _all_words(m.group(1)):
            continue
        before = re.split(r'["\n]', text[max(0, m.start() - _BEFORE) : m.start()])[-1]
        after = re.split(r'["\n]', text[m.end() : m.end() + _AFTER])[0]
        if _has_token(tokens, before + " " + after):
            return True
        if _named_speakers(text, needle):
            return False
        if _PRONOUN_SAYS.search(before + " " + after) and not _has_token(tokens, text[: m.start()]):
            return False if _has_token(tokens, text[m.end() :]) else None
        return None
    return None


#: Role words by which a source names a speaker ("the senator said"), each with the forms
#: it takes before a name ("Sen. Pat Toomey", "Austin Police Chief Brian Manley").
_ROLES = {
    "senator": "senator|sen",
    "representative": "representative|rep|congressman|congresswoman",
    "governor": "governor|gov",
    "president": "president",
    "chief": "chief",
    "judge": "judge",
    "secretary": "secretary|sec",
    "spokesman": "spokesman|spokeswoman|spokesperson",
    "spokeswoman": "spokesman|spokeswoman|spokesperson",
    "attorney": "attorney|lawyer",
    "lawyer": "attorney|lawyer",
    "prosecutor": "prosecutor",
    "director": "director",
    "minister": "minister",
    "chairman": "chairman|chairwoman|chair",
    "chairwoman": "chairman|chairwoman|chair",
    "mayor": "mayor",
    "ambassador": "ambassador",
    "commissioner": "commissioner",
    "general": "general|gen",
    "sheriff": "sheriff",
}
#: Words between "the" and the role word: "the interim chief", "the democratic
#: socialist U.S. senator".
_ROLE_REACH = 5


def _story_gives_role(tokens: Sequence[str], holding: Sequence[str], story: Sequence[str]) -> bool:
    """Tell whether a source calls its speaker by a role the story gives one of *tokens*."""
    roles = set()
    for source in holding:
        words = re.findall(r"[\w.'’-]+", outside_quotes_simple(source).lower())
        for k, word in enumerate(words):
            if word in _ROLES and "the" in words[max(0, k - _ROLE_REACH) : k]:
                roles.add(word)
    for role in roles:
        forms = _ROLES[role]
        for token in tokens:
            t = re.escape(token)
            before = rf"\b(?i:{forms})\.?\s+(?:[A-Z][\w.'’-]*\s+){{0,3}}{t}\b"
            after = rf"\b{t},\s+(?:the|a|an)\s+(?:[\w.'’-]+\s+){{0,4}}(?i:{forms})\b"
            if any(re.search(before, s) or re.search(after, s) for s in story):
                return True
    return False


def _names_as_speaker(tokens: Sequence[str], source: str) -> bool:
    """Tell whether *source* names one of *tokens* as speaking ("Honig said", "said Honig")."""
    text = normalize_quotes(source)
    for token in tokens:
        t = re.escape(token)
        if re.search(rf"\b{t},?\s+(?:{_SPEECH})\b|\b(?:{_SPEECH})\s+(?:[A-Z][\w.'’-]*\s+)*{t}\b",
                     text):  # fmt: skip
            return True
    return False


def _quote_key(text: str) -> str:
    """The first eight words of a quotation, to find the source that holds it."""
    return " ".join(_all_words(text).split()[:8])


def _all_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", normalize_quotes(text).lower()))


def extra_clause_reason(clause: str) -> str:
    """Why *clause* (one of `new_clauses`) drops its sentence."""
    return f"the clause “{clause.strip()[:60]}” is mostly not in the cited sources"


def new_clauses(claim: str, sources: str, min_share: float = MIN_CLAUSE_COVERAGE) -> list[str]:
    """The clauses of *claim* whose content words are mostly not in *sources*.

    Words are compared as roots (`content_roots`): "reversed course" for "the reversal" is
    no new word. A name the story gives elsewhere is one here: "and Nadler agreed" adds a
    claim whatever else the story says of Nadler.
    """
    known = known_roots(sources)
    found: list[str] = []
    for clause in _CLAUSE_SPLIT.split(outside_quotes_simple(claim)):
        words = content_roots(clause)
        if len(words) < 2:
            continue
        if len(words) == 2:
            # a two-word clause ("and Nadler agreed", "and were censured by the committee")
            # counts only when neither word, nor a word of the same first five letters
            # ("discussed" / "discuss"), is in the sources
            prefixes = {w[:5] for w in known}
            if any(w in known or w[:5] in prefixes for w in words):
                continue
        if sum(w in known for w in words) / len(words) < min_share:
            found.append(clause)
    return found


def source_clauses(sources: Sequence[str]) -> list[str]:
    """The sentences of *sources* and their clauses of three words or more."""
    sents = [s for src in sources for s in sentences(src)]
    parts = [p for s in sents for p in _CLAUSE_SPLIT.split(s) if len(p.split()) >= 3]
    return list(dict.fromkeys([*sents, *parts]))
