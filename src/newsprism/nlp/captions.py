"""Photo captions and embedded posts' signatures left in an article's text.

Feeds and pages leave them between paragraphs ("Trump speaks during a cabinet meeting at the
White House, May 9, 2018.", "In this March 26, 2020, file photo …", "— Peter Beinart
(@PeterBeinart) May 14, 2018"). Neither a statement of the brief (`synth.statements`) nor a
side's words (`analysis.framing`) may come from one.
"""

from __future__ import annotations

import re

from newsprism.nlp.text import word_list

__all__ = ["WEEKDAYS", "is_caption"]


#: Photo captions left in the text: a present-tense scene and a full date at the end
#: ("Trump speaks during a cabinet meeting at the White House, May 9, 2018.").
_SCENE_VERB = (
    # present tense, singular or plural ("Members of the media watch …, January 4, 2018.")
    r"\b(?:(?:speak|listen|arrive|walk|look|gesture|wave|attend|talk|stand|sit|pose|hold|"
    r"deliver|leave|depart|smile|react|greet|shake|gather|rall|pray|cheer|applaud|wait|"
    r"celebrate|mourn|march|protest|ride|display|watch|exit|enter|board|patrol|inspect|kneel|"
    r"embrace|hug|salute|clap|raise|wear|work|search|guard)(?:s|es|ies|y)?|testif(?:y|ies)|"
    r"carr(?:y|ies))\b"
)
_FULL_DATE = r"(?:jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)\w*\.? \d{1,2},? \d{4}"
_CAPTION = re.compile(
    rf"{_SCENE_VERB}.*,\s*{_FULL_DATE}\.?\s*$"
    # an agency caption's "on <date with year> in <place>": "… immigrants walk along the
    # border fence … on February 01, 2019 in El Paso, Texas." (prose drops this year's year)
    # ("… unit exits the Time Warner Building on October 24, 2018 where a device was found")
    rf"|{_SCENE_VERB}.*\bon {_FULL_DATE}\b",
    re.IGNORECASE,
)
#: A scene in the present with only a month and year after a comma: "Devin Nunes speaks to
#: reporters on Capitol Hill, October 2017." stood in a replayed Full story.
_MONTH_YEAR_TAIL = re.compile(
    rf"{_SCENE_VERB}.*,\s*(?:jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)\w*\.?"
    r"\s+\d{4}\.?\s*$",
    re.IGNORECASE,
)
#: A sentence that ends on ", May 15, 2018." is a photo caption whatever its verb; prose puts
#: "on" before a date, or a weekday ("Tuesday, May 15, 2018"), which `is_caption` lets pass.
_DATE_TAIL = re.compile(rf"(\w+)?,\s*{_FULL_DATE}\.?\s*$", re.IGNORECASE)
#: A caption's place, then its date without a comma: "… delivers remarks to U.S. troops in
#: an unannounced visit to Al Asad Air Base, Iraq December 26, 2018." (a replayed key point).
_PLACE_DATE_TAIL = re.compile(
    r",\s*(?:[A-Z][\w.'’-]*\s+){1,3}(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)"
    r"\w*\.? \d{1,2},? \d{4}\.?\s*$"
)
#: A photo's or a map's caption by its opening: "In this undated photo issued Friday …",
#: "The circle shows the area where …" (Global impact and Diverging views of a replayed page).
_CAPTION_OPENING = re.compile(
    # the agency's date may come first: "In this March 26, 2020, file photo President …"
    r"^(?:in (?:this|these|a|an) (?:" + _FULL_DATE + r",? )?(?:\w+ ){0,2}"
    r"(?:photo|photos|image|picture|video|frame|"
    r"screenshot|handout|file)\b|(?:the|this) (?:circle|map|graphic|chart|photo|image|picture|"
    r"arrow|red dot) shows\b)",
    re.IGNORECASE,
)
#: A photo agency's date, set off by commas mid-line: "… during a news conference, Thursday,
#: April 18, 2019, at the Department of Justice in Washington." Prose writes "on Thursday".
_CAPTION_DATE = re.compile(
    # (or without the comma, but never after "on": "… debates hosted by CNN Wednesday, July
    # 31, 2019, in the Fox Theatre in Detroit." was a replayed page's first full-story line)
    r"(?:,\s*|(?<!\bon)(?<!\bsince)(?<!\buntil)\s)(?:mon|tues|wednes|thurs|fri|satur|sun)day,\s*"
    rf"{_FULL_DATE}\b",
    re.IGNORECASE,
)
#: Where a person stands in the picture, set off by commas, before the scene's verb:
#: "US Ambassador … Gordon Sondland, center, arrives at the US Capitol …" (Global impact of
#: the 2019-10 replay). Prose lists sides with "and": "the left, center, and right".
_PICTURE_PLACE = re.compile(
    r",\s*(?:center|centre|left|right|second from (?:left|right)|far (?:left|right)|front|"
    r"rear|top|bottom|foreground|background|in (?:the )?(?:center|foreground|background))"
    rf"\s*,\s+(?!and\b|or\b)(?:\w+\s+){{0,2}}{_SCENE_VERB}",
    re.IGNORECASE,
)
#: An embedded tweet's signature: "— Peter Beinart (@PeterBeinart) May 14, 2018".
_TWEET_SIGNATURE = re.compile(r"—\s*[^—()]{1,60}\(@\w+\)\s*\w+\.? \d{1,2},? \d{4}")
WEEKDAYS = frozenset(word_list("monday tuesday wednesday thursday friday saturday sunday"))


def is_caption(plain: str) -> bool:
    """Tell a photo caption or an embedded tweet's signature left in the text."""
    if (
        _CAPTION.search(plain)
        or _CAPTION_DATE.search(plain)
        or _TWEET_SIGNATURE.search(plain)
        or _CAPTION_OPENING.match(plain)
        or _PICTURE_PLACE.search(plain)
        or _MONTH_YEAR_TAIL.search(plain)
    ):
        return True
    if _PLACE_DATE_TAIL.search(plain):
        return True
    tail = _DATE_TAIL.search(plain)
    return tail is not None and (tail.group(1) or "").lower() not in WEEKDAYS
