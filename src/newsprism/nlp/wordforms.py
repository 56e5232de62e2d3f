"""One root for the forms of a word: the guard counts "kept" as "keep", framing shows "tested" once.

The guard's coverage and extra-clause checks count how many of a sentence's content words its
cited sources hold. The plural/verb stemmer of `newsprism.synth.text` leaves three common kinds
of rewording apart, and each made a true paraphrase look invented (issue 16, tune half):

* irregular verbs: "kept" / "keep", "held" / "hold", "sought" / "seek";
* derivations of one verb: "reversal" / "reversed", "invitation" / "invite",
  "renewal" / "renew", "ended" / "end";
* a final "y" / "ied": "apply" / "applied" / "applies".

`word_root` maps each of these to one root. It stays conservative: a suffix is cut only when
four letters or more remain (three for "-ed" and "-s" with a doubled or silent ending kept
apart), so "protest" and "protect", "order" and "ordeal" keep different roots.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["IRREGULAR", "word_root"]

#: Past tenses and participles of the irregular verbs news prose uses, → the verb.
IRREGULAR = {
    form: verb
    for verb, forms in {
        "arise": "arose arisen", "awake": "awoke awoken", "bear": "bore borne born",
        "beat": "beaten", "become": "became", "begin": "began begun", "bend": "bent",
        "bind": "bound", "bite": "bit bitten", "bleed": "bled",
        "blow": "blew blown", "break": "broke broken", "breed": "bred", "bring": "brought",
        "build": "built", "burn": "burnt", "buy": "bought", "catch": "caught",
        "choose": "chose chosen", "cling": "clung", "deal": "dealt", "dig": "dug",
        "draw": "drew drawn", "drink": "drank drunk", "drive": "drove driven",
        "eat": "ate eaten", "fall": "fell fallen", "feed": "fed", "feel": "felt",
        "fight": "fought", "find": "found", "flee": "fled", "fly": "flew flown",
        "forbid": "forbade forbidden", "forget": "forgot forgotten",
        "forgive": "forgave forgiven", "freeze": "froze frozen", "give": "gave given",
        "grow": "grew grown", "hang": "hung", "hear": "heard",
        "hide": "hid hidden", "hold": "held", "keep": "kept", "kneel": "knelt",
        "lay": "laid", "lead": "led", "lean": "leant", "leap": "leapt", "leave": "left",
        "lend": "lent", "light": "lit", "lose": "lost", "mean": "meant",
        "meet": "met", "mislead": "misled", "overcome": "overcame", "oversee": "oversaw overseen",
        "overtake": "overtook overtaken", "overthrow": "overthrew overthrown", "pay": "paid",
        "prove": "proven", "ride": "rode ridden", "ring": "rang rung", "rise": "rose risen",
        "run": "ran", "seek": "sought", "sell": "sold", "send": "sent", "shake": "shook shaken",
        "shine": "shone", "shoot": "shot", "shrink": "shrank shrunk", "sing": "sang sung",
        "sink": "sank sunk", "sit": "sat", "sleep": "slept", "slide": "slid",
        "speak": "spoke spoken", "spend": "spent", "spin": "spun",
        "stand": "stood", "steal": "stole stolen", "stick": "stuck", "sting": "stung",
        "strike": "struck stricken", "strive": "strove striven", "swear": "swore sworn",
        "sweep": "swept", "swim": "swam swum", "swing": "swung", "take": "took taken",
        "teach": "taught", "tear": "tore torn", "throw": "threw thrown",
        "undergo": "underwent undergone", "understand": "understood",
        "undertake": "undertook undertaken", "uphold": "upheld", "wake": "woke woken",
        "wear": "wore worn", "weep": "wept", "win": "won", "withdraw": "withdrew withdrawn",
        "withhold": "withheld", "write": "wrote written", "see": "saw seen",
        "tell": "told", "think": "thought", "make": "made", "get": "got gotten",
        "go": "went gone", "come": "came", "know": "knew known", "say": "said",
    }.items()
    for form in forms.split()
}  # fmt: skip

#: Inflections, cut first (at most one): "renewals" → "renewal", "applied" → "apply".
_INFLECTIONS = ("ied", "ies", "ings", "ing", "ed", "es", "s")
#: Derivations, cut after (at most two): "renewal" → "renew", "illegally" → "illegal" → "illeg".
_DERIVATIONS = (
    "izations", "ization", "ations", "ation", "itions", "ition", "ments", "ment", "ions",
    "ion", "als", "al", "ers", "er", "ly", "e",
)  # fmt: skip
#: Letters a root keeps after a cut: three for an inflection ("ended" → "end"), four for a
#: derivation ("order" stays "order", "power" stays "power").
MIN_INFLECTED_ROOT = 3
MIN_DERIVED_ROOT = 4


@lru_cache(maxsize=16384)
def word_root(word: str) -> str:
    """The root of a lower-case *word*: its verb when irregular, else its suffixes cut.

    >>> [word_root(w) for w in ("kept", "reversal", "reversed", "invitation", "invite")]
    ['keep', 'revers', 'revers', 'invit', 'invit']
    """
    word = IRREGULAR.get(word, word)
    for suffix in _INFLECTIONS:
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            continue  # "congress", "status", "crisis" are not plurals
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_INFLECTED_ROOT:
            word = word[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
            break
    # "stopp" ← "stopped", "runn" ← "running": one consonant ("ll", "ss", "zz" stay)
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeioulsz":
        word = word[:-1]
    for _ in range(2):
        for suffix in _DERIVATIONS:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_DERIVED_ROOT:
                word = word[: -len(suffix)]
                break
        else:
            break
    # "apply" / "appli(cation)": one spelling for a final y
    return word[:-1] + "i" if word.endswith("y") and len(word) > 3 else word
