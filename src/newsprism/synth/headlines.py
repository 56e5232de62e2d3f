"""The story's headline: the most central neutral title, trimmed to a citable span.

`headline_penalty` scores down titles that are not neutral factual headlines (questions,
clickbait, opinion labels, loaded words, quotes, shouting); `neutral_headline` picks the best
by centrality × penalty; `headline_span` trims outlet names and teaser labels, returning a
span of the original title so it stays citable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.nlp.opinion import OPINION_TITLE, TITLE_SPEECH_VERBS
from newsprism.synth.headings import _DEONTIC
from newsprism.synth.statements import _KNOWN_ACRONYM, _SHOUT
from newsprism.synth.text import normalize_quotes

__all__ = ["headline_penalty", "headline_span", "neutral_headline"]

#: Teaser labels that open a headline: "WATCH:", "BREAKING:", "Opinion |".
_LABEL = re.compile(
    r"^\s*(?:breaking(?: news)?|watch|video|exclusive|live|update[d]?|just in|analysis|"
    r"opinion|op-ed|commentary|editorial|report|poll|fact check|must see|photos?)\s*[:|\-—–]\s*",
    re.IGNORECASE,
)
#: A quotation leading a headline: someone's words, not the story's ("'…': Trump, … Speak at …").
_QUOTE_LEAD = re.compile(r"^\s*['\"‘“][^'\"’”]{3,}['\"’”]\s*:\s*")
#: Outlet or format tails: " - CNN", " | Fox News", " (VIDEO)", " — The Washington Post".
_TAIL = re.compile(
    r"(?:\s*[|\-—–]\s*[A-Z][\w.&' ]{1,40}$|\s*[\[(](?:video|photos?|watch|opinion|"
    r"update[d]?|live|op-ed|analysis)[\])]\s*$)",
    re.IGNORECASE,
)
_CLICKBAIT = re.compile(
    r"(^\d+\s+(?:things|questions|reasons|ways|takeaways|times|facts)\b|you won'?t believe|"
    # a list anywhere: "4 winners and 2 losers from the 2018 midterm elections" headed a
    # 17-outlet story of the 2018-11 replay; "…: 6 lessons learned from …"
    r"\b\d+\s+(?:winners|losers|lessons|takeaways|questions|things)\b|"
    # in words too: "Steve Bannon testifies for Russia probe: Five questions House Intel may
    # ask" headed the 19-outlet story of the 2018-01 replay
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:winners|losers|lessons|takeaways|questions|things|reasons|ways)\b|"
    r"here'?s (?:what|why|how)|what (?:you|we) (?:need to )?know|\bwatch\b|\bslams?\b|"
    r"\bdestroys?\b|\bepic\b|\bshocking\b|\bmust[- ]see\b|!|"
    # an explainer's title tells no event: "Why America's big cities have become the
    # president's punching bag" headed an 8-outlet story of the 2019-06-24 replay
    # ("What George H.W. Bush's presidency says about Trump and Kavanaugh" headed the
    # 10-outlet story of his death on the 2018-12 replay)
    r"^(?:why|how|what)\s|"
    # an interjection is the writer's reaction: "Oh, Brother: CNN Believes Trump Violated
    # Ethics …" headed a four-outlet story of the 2018-12 replay
    r"^(?:oh|ah|aw|wow|whoa|yikes|ouch|oops|uh-oh|ugh|yay|ha|lol|hm+|welp|sheesh|geez|"
    r"oh boy|oh brother|good grief)\b\s*[,!.:])",
    re.IGNORECASE,
)


#: A title that names a theme in one noun phrase: "The paradox of Nikki Haley", "The State
#: of the Race for the House" (up to eight words, no colon, no figure).
_THEME = re.compile(r"^(?:the|a|an)\s+(?:[\w'’\-]+\s+){0,2}?of\s+[^:\d]{2,60}$", re.IGNORECASE)
#: Words that judge rather than report, in a headline.
_LOADED = re.compile(
    r"\b(?:panic\w*|dud|meltdown|rants?|unhinged|hoax|disgrace\w*|idiot\w*|pathetic|"
    r"outrageous|insane|crazy|bombshell|blasts?|rips|torches|humiliat\w+|tantrum|"
    r"freak(?:s|ed|ing)? out|lies|lying|liar|unfit|bizarre|shameful|dishonest|absurd|"
    r"ridiculous|(?:was|were|is|are) (?:right|wrong)(?: all along| all this time)?|"
    # a side's metaphors and verbs: "Game Over, Democrats: McConnell was the Grim Reaper to
    # Pelosi’s Wuhan Pork Bill" headed a replayed 5-outlet story over "Pelosi to Form
    # Bipartisan Panel …"; "Trump slams …" reports a fight in one side's words
    r"game over|grim reaper|alarmis[mt]s?|pork(?:[- ]barrel| bill| package| spending)|cunning|"
    r"trash(?:es|ed|ing)|slams?|slammed|deplorables?|"
    # a verdict on what the news means: "The FBI Raids on Trump's Attorney Are Bad News for
    # Trump" headed a replayed 10-outlet story
    r"(?:is|are|was|were) (?:bad|good|great|terrible|grim) news)\b",
    re.IGNORECASE,
)
#: A title that tells the reader what to do or think: a column's ("Don't buy the media hype
#: over the new China virus" headed a replayed 7-outlet story over AP's "New virus has
#: infected more than 28,200 people globally").
_IMPERATIVE = re.compile(
    r"^\s*(?:don['’]t|do not|stop|let['’]s|forget|never mind|remember|imagine|consider)\b",
    re.IGNORECASE,
)
#: An explainer's title: the question it answers, not the event.
_EXPLAINED = re.compile(r",?\s*explained\s*[.!]?\s*$", re.IGNORECASE)
#: A byline glued to the title by the feed: "… 'must be stopped' By Mark Sumner Monday".
_BYLINE_TAIL = re.compile(r"\s+By\s+[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){1,2}\b.*$")


def headline_span(title: str, outlets: Sequence[str] = ()) -> tuple[int, int]:
    """The neutral part of *title*: (start, end) without teaser labels and outlet tails."""
    start, end = 0, len(title.rstrip())
    quoted = _QUOTE_LEAD.match(title)
    if quoted and end - quoted.end() >= 12:
        start = quoted.end()  # "'Our Rights Come From Our Creator': Trump, Scalise Speak …"
    byline = _BYLINE_TAIL.search(title, start, end)
    if byline and byline.start() - start >= 12:
        end = byline.start()
    while True:
        label = _LABEL.match(title[start:end])
        if not label or end - start - label.end() < 12:
            break
        start += label.end()
    while True:
        piece = title[start:end]
        tail = _TAIL.search(piece)
        if not tail or tail.start() < 12:
            break
        words = piece[tail.start() :].strip(" |-—–[]()").lower()
        known = any(o and o.lower() in words for o in outlets)
        # a dash tail is trimmed only when it names an outlet or a format, not a clause
        if not known and not re.search(r"video|photo|watch|opinion|live|op-ed|analysis", words):
            break
        end = start + tail.start()
    while end > start and title[end - 1] in " .,;:":
        end -= 1
    return start, end


#: A title that names who speaks: "Pelosi says …", "… , Graham urges", "Fauci: …".
_TITLE_ATTRIBUTION = re.compile(rf"\b(?:{TITLE_SPEECH_VERBS})\b|:", re.IGNORECASE)
#: The same verbs without the colon: a quoted title that says who speaks.
_TITLE_SPEECH = re.compile(rf"\b(?:{TITLE_SPEECH_VERBS})\b", re.IGNORECASE)


#: "Name: …" opening a title: what that person says follows.
_SPEAKER_COLON = re.compile(r"(?:[A-Z][\w.'’\-]*\s+){0,3}[A-Z][\w.'’\-]*\s*:\s")


def headline_penalty(title: str) -> float:
    """Multiplier < 1 for titles that are not neutral factual headlines."""
    factor = 1.0
    plain = normalize_quotes(title)
    if "?" in plain:
        factor *= 0.3
    if _CLICKBAIT.search(plain):
        factor *= 0.4
    if OPINION_TITLE.search(plain):
        factor *= 0.2
    if _LOADED.search(plain):
        factor *= 0.4  # "Trump, in a panic over dud Nunes' memo, …": a side's voice
    if _DEONTIC.search(plain) and not _TITLE_ATTRIBUTION.search(plain):
        # "The Supreme Court Has to Choose Between Trump and the Rule of Law" prescribes in
        # the page's voice ("Pelosi says Congress must act" reports who prescribes)
        factor *= 0.3
    if _EXPLAINED.search(plain):
        factor *= 0.5  # "Trump's call to guard 'our border with our military,' explained"
    if _IMPERATIVE.match(plain):
        factor *= 0.3  # "Don't buy the media hype over the new China virus" headed a story
    chunks = plain.split(",")
    if len([c for c in chunks if c.strip()]) >= 4 and all(len(c.split()) <= 3 for c in chunks):
        factor *= 0.2  # a feed's tag list: "Alexander Vindman, Impeachment trial, Adam Schiff, …"
    if (
        plain.startswith('"')
        # or a quotation in single marks before a colon: "'This is on you': Democrats,
        # media blame Trump for pipe bombs" headed a replayed story of the bombs themselves
        or re.match(r"'[^']{2,80}'\s*:", plain) is not None
        # (a short quoted title that says who speaks is a report: "Hillary Clinton says
        # 'nobody likes' Bernie Sanders" lost to a column's "Sanders Now in Hillary's Basket
        # of Deplorables")
        or (plain.count('"') >= 2 and len(plain.split()) < 9 and not _TITLE_SPEECH.search(plain))
        # a speaker's claim under their name: "Trump: My tweets 'were NOT Racist'" headed
        # the 2019-06-24 replay's 15-outlet story of the House's vote condemning them
        or _SPEAKER_COLON.match(plain)
    ):
        factor *= 0.6  # a quote as the headline is someone's claim, not the event
    shouted = [w for w in _SHOUT.findall(plain) if not _KNOWN_ACRONYM.match(w)]
    if shouted:
        factor *= 0.5
    words = len(plain.split())
    if words < 5 or words > 18:
        factor *= 0.6
    if _THEME.match(plain) and words <= 8:
        # a theme, not an event: "The paradox of Nikki Haley" tied "UN Ambassador Nikki
        # Haley resigns" on centrality and headed a replayed story of the resignation
        factor *= 0.8
    return factor


def neutral_headline(
    titles: Sequence[str], centrality: Sequence[float], outlets: Sequence[str] = ()
) -> tuple[int, int, int] | None:
    """Index and (start, end) span of the best headline among *titles*.

    Score: centrality among the story's headlines × `headline_penalty`; the winner is
    trimmed by `headline_span`.
    """
    best: tuple[float, int] | None = None
    for k, title in enumerate(titles):
        if not title.strip():
            continue
        score = float(centrality[k]) * headline_penalty(title)
        if best is None or score > best[0]:
            best = (score, k)
    if best is None:
        return None
    start, end = headline_span(titles[best[1]], outlets)
    return best[1], start, end
