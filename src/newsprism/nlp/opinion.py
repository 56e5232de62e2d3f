"""Opinion pieces, told by URL section, title label, columnist byline or first-person narrator.

`is_opinion` reads an article's URL, title and opening and closing lines;
`first_person_narrator` counts the narrator's own "I" outside quotations. Opinion pieces never
feed the sections read in the narrator's voice (`compose.NEUTRAL_SECTIONS`).
"""

from __future__ import annotations

import re
from typing import Protocol

from newsprism.nlp.text import outside_quotes

__all__ = [
    "OPINION_TITLE",
    "TITLE_SPEECH_VERBS",
    "Piece",
    "first_person_narrator",
    "is_opinion",
    "is_transcript",
]


class Piece(Protocol):
    """What `is_opinion` reads of an article (the brief's input and the analysis' alike)."""

    @property
    def title(self) -> str:
        """The headline."""
        ...

    @property
    def text(self) -> str:
        """The body text."""
        ...


#: A section of the site ("/opinion/", "/commentary/") or an op-ed slug ("/op-ed-the-case…");
#: "/opinion-poll-shows-lead" is news.
#: Also the blogs and column sections that outlets name otherwise: Townhall's "Tipsheet"
#: (its narrator's "The House relief bill was trash, loaded with left-wing goodies …" stood
#: under Global impact of a replayed page), National Review's "The Corner" and "The Morning
#: Jolt", The Atlantic's "Ideas" (476 of baly2020's 12,280 articles), the Guardian's
#: "Comment is free" ("The Guardian view on climate change: a global emergency" headed a
#: replayed story).
_OPINION_URL = re.compile(
    r"/(opinions?|commentary|columns?|columnists?|editorials?|blogs?|voices|perspectives?|"
    # "op-ed" as a section ("/opinion/op-ed/", "/oped/") or a slug's label ("/op-ed-the-case-
    # for-…"), not inside a slug: "…-ny-times-op-ed-…" is Reuters reporting on one
    r"letters?|tipsheet|corner|the-morning-jolt|ideas|op-?eds?|commentisfree)(/|\.|$)"
    r"|/op-?eds?[-_]"
    # a qualified section: Rolling Stone's "/politics/political-commentary/…"
    r"|/[a-z]+-commentary/",
    re.IGNORECASE,
)
OPINION_TITLE = re.compile(
    r"^\s*(opinion|op-ed|commentary|column|editorial|analysis|perspective|letter)s?\s*[:|\-—–]"
    r"|\|\s*opinion\b|\(opinion\)",
    re.IGNORECASE,
)
#: A title in the writer's own first person (outside quotation marks) is a column's.
_TITLE_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|We|we|We're|We’re|My|my|Our|our|us)\b")
#: A quotation in single marks; an apostrophe inside ("I've", "there's") does not end it.
_SINGLE_QUOTED = re.compile(r"(?:^|(?<=[\s:(—–-]))['‘].+?['’](?=[\s:,.;!?)]|$)")
#: The newsroom's "we" of an explainer or poll: "What we know about …" is reporting.
_EXPLAINER = re.compile(
    r"\bwhat we (?:know|don['’]t know|learned)\b|\bwe(?:['’]ve)? learned\b|"
    r"\bwe['’]re watching\b|\bour (?:poll|survey|reporters?|rankings?|analysis)\b|"
    r"\bmarch for our lives\b|\bour revolution\b|"  # names of a movement and a group
    r",\s*(?:\w+\s+){1,3}(?:say|says|said)\s*$",  # "…, experts say": someone else's words
    re.IGNORECASE,
)
#: A title that judges or prescribes in the writer's own voice: "Trump was right to boot CNN's
#: Jim Acosta …", "Congress Must Act to Deter Future Caravans", "Joe Biden's defenders are
#: wrong" (columns without an opinion URL, read as news on a replayed page). Of 6,000 baly2020
#: articles from 2018-06, 24 more titles are told by it, 22 of them columns when read.
_TITLE_VERDICT = re.compile(
    r"(?<!\ba )\b(?:should|must|needs? to|ought to)\b|\b(?:was|were|is|are) (?:right|wrong)\b",
    re.IGNORECASE,
)
#: A title that passes the writer's own judgement on someone's act: "The Supreme Court's
#: disturbing order to effectively disenfranchise thousands of Wisconsin voters" (Vox; its
#: lines stood under Why this story matters of a replayed page), "The President's Shameful
#: Attacks on His Attorney General". Of 12,280 baly2020 titles 17 more are told by it, 15
#: of them columns or analyses when read (two news titles that judge in their own voice:
#: "… in embarrassing setback").
_TITLE_JUDGEMENT = re.compile(
    r"\b(?:disturbing|shameful|disgraceful|outrageous|absurd|ridiculous|appalling|pathetic|"
    r"despicable|reckless|shameless|cowardly|insane|idiotic|stupid|dumb|hypocritical|"
    r"deranged|unhinged|disgusting|grotesque|sickening|embarrassing|dishonest|hysterical)\b",
    re.IGNORECASE,
)
#: The verbs by which a headline names who speaks: "Pelosi says …", "…, Graham urges" (the
#: headline choice reads them too, `synth.headlines`).
TITLE_SPEECH_VERBS = (
    r"says?|said|urges?|urged|calls?|called|wants?|tells?|told|warns?|warned|argues?"
)
#: A title that reports who judges or asks what to do, or addresses the reader, or quotes:
#: "Graham urges …", "What you should know", "Voters will decide if California should …".
_TITLE_REPORTS = re.compile(
    rf"\b(?:{TITLE_SPEECH_VERBS}|"
    r"asks?|demands?|rules?|ruled|presses|implies|makes? the case|questions|here'?s|here is|"
    r"what|you|your|I|we|if|"
    r"whether|why)\b|[:?'‘’\"“”!]",
    re.IGNORECASE,
)
#: Byline and disclaimer lines of columns: "The opinions expressed …", "… is a columnist".
_OPINION_TEXT = re.compile(
    r"opinions expressed|views expressed|is a (?:\w+ ){0,3}(?:columnist|contributor|"
    r"commentator|fellow)|writes a column|contributing (?:op-ed )?writer|"
    # the piece's own label ("This op-ed …", "an op-ed contributor"); a report on an op-ed
    # names one too ("… in an anonymous op-ed published Wednesday")
    r"the author of [“\"]|this is an opinion|\bthis op-ed\b|op-ed (?:contributor|writer|columnist)",
    re.IGNORECASE,
)


def is_opinion(article: Piece) -> bool:
    """Tell an opinion piece: URL section, a label in the title, or a columnist byline."""
    url = getattr(article, "url", "") or ""
    if _OPINION_URL.search(url.split("?", 1)[0]):
        return True
    if OPINION_TITLE.search(article.title or ""):
        return True
    # headlines quote in single marks too: "'Our Rights Come From Our Creator': Trump …"
    title = _SINGLE_QUOTED.sub(" ", outside_quotes(article.title or ""))
    title = title.split(":", 1)[0]  # "Bill Weld: I'm Not Dropping Out": what follows is his
    if _TITLE_FIRST_PERSON.search(title) and not _EXPLAINER.search(title):
        return True  # "We Need to Talk about Joe Biden", "Why I Left the Party"
    plain_title = re.sub(r"['’]s\b", "", article.title or "")  # a possessive is no quotation
    judged = _TITLE_VERDICT.search(plain_title) or _TITLE_JUDGEMENT.search(plain_title)
    if judged and not _TITLE_REPORTS.search(plain_title):
        return True
    head, tail = article.text[:600], article.text[-600:]
    if _OPINION_TEXT.search(head) or _OPINION_TEXT.search(tail):
        return True
    return first_person_narrator(article.text)


#: A document printed whole, told by its title: "READ: President Trump's Oval Office address
#: …", "Read the full text of …", "Read Robert Mueller's opening statement". Its text is
#: one speaker's words without quotation marks: neither the outlet's report nor its column
#: (a replayed page quoted the address as "An opinion piece in the center writes: “My
#: fellow Americans, …”"). A report about a document ("Transcript of Trump's call … shows
#: …") is news.
_TRANSCRIPT_TITLE = re.compile(
    r"^\s*(?:read|transcript|full text|full transcript)\s*[:|—–-]"
    r"|^\s*read (?:the )?(?:full )?(?:text|transcript)\b|\((?:full )?transcript\)"
    r"|^\s*read\s+\S+(?:\s+\S+){0,5}\s+(?:remarks|speech|address|statement|letter|memo|"
    r"testimony)\b",
    re.IGNORECASE,
)


def is_transcript(article: Piece) -> bool:
    """Tell a speech, statement or letter printed whole (its title says so)."""
    return bool(_TRANSCRIPT_TITLE.search(article.title or ""))


#: The narrator's own first person: a reporter does not write "I" outside a quotation.
_NARRATOR_I = re.compile(r"(?<![\w’'])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|my|me|myself)(?![\w’'])")
_QUOTED = re.compile(r"“[^”]{0,1500}”|\"[^\"\n]{0,1500}\"")
#: Embedded posts quote someone without quotation marks.
_EMBED = re.compile(r"pic\.twitter\.com|\(@\w+\)|^\s*[—–-]\s*\w|@\w{2,}")
#: First-person words outside quotations that make a column, analysis or essay: at least
#: this many, and at least one per `FIRST_PERSON_WORDS` words of text. Read by hand on 40
#: flagged baly2020 articles of Jan–Jun 2018: 35 columns, analyses, blog posts and essays, 5
#: news reports quoting testimony, letters or posts without quotation marks.
FIRST_PERSON_MIN = 4
FIRST_PERSON_WORDS = 200


def first_person_narrator(text: str) -> bool:
    """Tell whether *text*'s narrator speaks in the first person (a column, not a report).

    Quotations are skipped, with the paragraphs a quotation opens and does not close (a
    long quote runs on over paragraphs) and embedded posts.
    """
    count = 0
    for para in text.split("\n"):
        rest = _QUOTED.sub(" ", para)
        if rest.count("“") > rest.count("”") or rest.lstrip().startswith(("“", '"')):
            continue
        if _EMBED.search(rest):
            continue
        count += len(_NARRATOR_I.findall(rest))
    words = max(1, len(text.split()))
    return count >= FIRST_PERSON_MIN and count / words >= 1 / FIRST_PERSON_WORDS
