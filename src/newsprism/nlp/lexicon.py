"""One vocabulary of reporting verbs and of the offices written before a person's name.

Who said a quotation is read in three places: the quote extractor (`analysis.quote_patterns`:
"“…,” Coale said"), the brief's heading of a quote-opening sentence (`synth.headings`) and
the guard's check of a source's quote (`synth.claims`). All three mean the same verb —
one that attributes words to a speaker — so all three take `SPEECH_VERBS`. Lists with
another meaning stay with their users: reactions that are no speech ("condemned",
"welcomed": `synth.players`), stance cues ("believes", "accused": `synth.statements`), verbs
after which "would" is a back-shifted "will" (`synth.claims`), and the words that resume
a sentence after a hover card (`nlp.text`).

Offices: `PERSON_TITLES` are the offices and honorifics that stand right before a person's
name ("Majority Leader Mitch McConnell", "Sen. Pat Toomey", "Spokeswoman Zita Astravas"),
used by the brief's headings and its key players alike. The quote extractor's wider
`_TITLES` (which also strips "U.S.", "House", "former" from a grouping key) and its
office → spelling table are a different thing and stay in `analysis.quote_patterns`.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsprism.nlp.text import word_list

__all__ = ["HONORIFICS", "PERSON_TITLES", "SAYING", "SPEECH_VERBS", "speech_alternation"]

#: Verbs (every form met) that attribute words to a speaker: "said", "told", "argued" …;
#: a space stands for any blank ("pointed out").
SPEECH_VERBS: tuple[str, ...] = (
    *word_list(
        """said says say told tells added adds wrote writes write written reported eulogized
    tweeted posted explained explains noted notes insisted insists argued argues warned warns
    announced stated states declared continued asked asks replied replies responded recalled
    acknowledged admitted claimed claims concluded conceded cautioned urged emphasized
    emphasised stressed observed remarked commented predicted suggested complained countered
    confirmed confirms asserted repeated recounted wondered maintained continues responds
    reports clarified contends contended counters recalls"""
    ),
    "puts it",
    "put it",
    *word_list(
        """vowed pledged boasted lamented joked mused quipped shouted testified proclaimed
    exclaimed bragged fumed snapped scoffed retorted elaborated reflected speculated
    speculates boasts observes predicts ends answered answers"""
    ),
    "pointed out",
    "points out",
    "went on",
    # the present of verbs above, where it is no noun or evidence's verb ("Pelosi
    # complains that …", "Capital Economics concedes “…”"; not "comments", "remarks",
    # "tweets", "suggests": "Trump’s tweets", "the data suggests"), and "opine"
    *word_list(
        """announces declares acknowledges admits concludes concedes cautions urges
    emphasizes emphasises stresses complains asserts maintains clarifies laments
    testifies proclaims exclaims retorts elaborates opined opines"""
    ),
)

#: The three forms every check of reported speech knows ("X said", "Y says", "Z told").
SAYING: tuple[str, ...] = ("said", "says", "told")


def speech_alternation(verbs: Iterable[str] = SPEECH_VERBS) -> str:
    """A regex alternation (no group) of *verbs*, each of which must be a speech verb.

    Raises ValueError for a word `SPEECH_VERBS` does not hold, so that no list of reporting
    verbs can grow apart from the vocabulary.
    """
    chosen = list(verbs)
    unknown = [v for v in chosen if v not in SPEECH_VERBS]
    if unknown:
        raise ValueError(f"not in SPEECH_VERBS: {unknown}")
    return "|".join(v.replace(" ", r"\s+") for v in chosen)


#: Honorifics: a title before a name that names no office ("Mr. Trump").
HONORIFICS: frozenset[str] = frozenset(word_list("mr mrs ms dr"))
#: Offices and honorifics written right before a person's name, lower case, without a
#: period ("sen" for "Sen.").
PERSON_TITLES: frozenset[str] = frozenset(
    word_list(
        """leader president speaker sen senator rep representative gov governor secretary
    general gen minister judge justice mr mrs ms dr chancellor mayor spokesman spokeswoman
    spokesperson chairman chairwoman director ambassador commissioner adviser advisor counsel
    king queen premier ceo executive"""
    )
)
