"""One spelling for what can be written many ways, before the guard compares claim and sources.

`canonical` rewrites numbers in words ("seven hundred thousand", "twenty-six-year-old",
"a dozen") as digits with thousands separators, scales as digits ("$1.2 million" →
"$1,200,000", "one million dollars" → "$1,000,000"), ordinals as "3rd", scores and votes as
"6-3" ("six-to-three", "11 to 10", "eleven votes to ten"), "%" as "percent", short weekday
names in full, reporting verbs for Twitter as "tweeted", ratios as percentages ("nine in
ten" → "90 percent"), scale suffixes in words ("$60bn" → "$60,000,000,000"), and spans of
whole weeks in weeks ("seven days" → "a week"). Both sides of a comparison go through it, so
only a real difference is left for the entailment model to see.
"""

from __future__ import annotations

import re

from newsprism.synth.text import (
    _SCALES,
    _UNITS,
    FRACTION,
    fraction_percent,
    normalize_quotes,
    ratio_percent,
    scale_suffixes,
    spell_numbers,
)

__all__ = ["canonical"]

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_WEEKDAYS = {"mon": "Monday", "tue": "Tuesday", "tues": "Tuesday", "wed": "Wednesday",
             "thu": "Thursday", "thur": "Thursday", "thurs": "Thursday", "fri": "Friday",
             "sat": "Saturday", "sun": "Sunday"}  # fmt: skip
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_SCALES], key=len, reverse=True))
# a run of number words: "seven hundred thousand", "nine hundred and five", "twenty-six"
_WORD_RUN = re.compile(
    rf"\b(?:{_NUMBER_WORD})(?:-(?:{_NUMBER_WORD}))*"
    rf"(?:(?:\s+and\s+|\s+|-)(?:{_NUMBER_WORD})(?:-(?:{_NUMBER_WORD}))*)*\b",
    re.IGNORECASE,
)
_DIGITS_SCALE = re.compile(
    r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s+(hundred|thousand|million|billion|trillion)\b",
    re.IGNORECASE,
)
_ORDINAL = re.compile(rf"\b({'|'.join(_ORDINALS)})\b", re.IGNORECASE)
_SCORE = re.compile(
    r"\b(\d+)(?:\s*-\s*to\s*-\s*|\s+to\s+|\s+votes?\s+to\s+|-)(\d+)\b(?!\s*(?:percent|%))"
)
_TWEETED = re.compile(
    r"\b(?:said|wrote|posted|announced)\s+(?:on|in\s+a\s+post\s+on|via)\s+Twitter\b"
    r"|\b(?:said|wrote)\s+in\s+a\s+tweet\b",
    re.IGNORECASE,
)


def _words_value(words: str) -> float | None:
    """The value of a run of number words, or None for a lone "one"/"zero" (a pronoun)."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    if len(tokens) == 1 and tokens[0] in ("one", "zero"):
        return None
    total, current = 0.0, 0.0
    for tok in tokens:
        if tok in _UNITS:
            current += _UNITS[tok]
        else:
            scale = _SCALES[tok]
            current = max(current, 1.0) * scale
            if scale >= 1000:
                total += current
                current = 0.0
    return total + current


def _show(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


def canonical(text: str) -> str:
    """Rewrite *text* with one spelling for numbers, ordinals, scores and reporting verbs."""
    text = normalize_quotes(text).replace("%", " percent")
    text = scale_suffixes(spell_numbers(text))

    def words(m: re.Match[str]) -> str:
        value = _words_value(m.group())
        return m.group() if value is None else _show(value)

    # "700 thousand", "1.2 million" → all digits, before the word runs take "million" alone
    text = _DIGITS_SCALE.sub(
        lambda m: _show(float(m.group(1).replace(",", "")) * _SCALES[m.group(2).lower()]), text
    )
    # "three-quarters of" → "75 percent of", before the word runs take "three" alone
    text = FRACTION.sub(
        lambda m: f"{round(v):d} percent" if (v := fraction_percent(m)) else m.group(), text
    )
    text = _WORD_RUN.sub(words, text)
    text = _RATIO.sub(_as_percent, text)
    text = re.sub(r"(\d[\d,]*)\s+dollars\b", r"$\1", text)
    text = _ORDINAL.sub(lambda m: _ordinal(_ORDINALS[m.group(1).lower()]), text)
    text = _SCORE.sub(r"\1-\2", text)
    text = re.sub(
        r"\b(Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.",
        lambda m: _WEEKDAYS[m.group(1).lower()],
        text,
    )
    text = _TWEETED.sub("tweeted", text)
    text = _weeks(text)
    return re.sub(r"\s+", " ", text).strip()


#: "seven days" and "a week", "14 days" and "two weeks", "a fortnight": one spelling for a
#: span of whole weeks. The model scored "a week before the elections" against "with seven
#: days to go before the elections" 0.93 "not entailed", 0.40 with both in days (issue 16).
_DAYS = re.compile(
    r"\b(?:(the|these|those|first|last|past|next)\s+)?(7|14|21|28)\s+days\b(?!-)", re.IGNORECASE
)
_ONE_WEEK = re.compile(r"\b(?:one|1)\s+week\b", re.IGNORECASE)
_FORTNIGHT = re.compile(r"\ba\s+fortnight\b", re.IGNORECASE)


def _weeks(text: str) -> str:
    """Spans of whole weeks in weeks: "7 days" → "a week", "14 days" → "2 weeks"."""
    text = _FORTNIGHT.sub("2 weeks", text)
    text = _ONE_WEEK.sub("a week", text)
    return _DAYS.sub(_in_weeks, text)


def _in_weeks(m: re.Match[str]) -> str:
    if m.group(1):
        return m.group()  # "the 7 days of …", "the past 14 days": a count, left as it is
    days = int(m.group(2))
    return "a week" if days == 7 else f"{days // 7} weeks"


#: "9 in 10", "one out of 5" (a lone "one" stays a word): a share, written as a percentage
_RATIO = re.compile(r"\b(\d+|one)\s+(?:in|out\s+of)\s+(?:every\s+)?(\d+)\b(?![,.]\d)", re.I)


def _as_percent(m: re.Match[str]) -> str:
    part = 1.0 if m.group(1).lower() == "one" else float(m.group(1))
    share = ratio_percent(part, float(m.group(2)))
    if share is None:
        return m.group()
    # "nine in ten Americans" → "90 percent of Americans"
    of = " of" if re.match(r"\s+(?!of\b)[A-Za-z]", m.string[m.end() :]) else ""
    return f"{round(share):d} percent{of}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
