"""Two brief sections: "Key players" and "International reactions", both extractive.

* ``key_players`` — the people and organisations the story's articles name most (the
  analysis entities), each with a role the articles themselves give it: an exact span such
  as "Foreign Minister Sergei Lavrov" or "Volker Türk, the UN human rights chief". A name
  no article gives a role is left out; the sentence cites the span it was read from.
* ``international_reactions`` — source sentences in which an official or government of a
  country other than the story's home country says something ("French President Emmanuel
  Macron said …", "Germany's foreign ministry condemned …"), one per country, the sentence
  verbatim with its citation and the country as its heading.

Both return nothing when the story has no such material, so the page shows no section.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsprism.analysis.regions import country_of
from newsprism.synth.brief import Citation, Sentence, StoryInput
from newsprism.synth.sources import SourceSentence, collect_sources, unique_articles

__all__ = ["country_of_mention", "international_reactions", "key_players"]

# Words that make a phrase a role ("the UN human rights chief", "a spokesperson for …").
_ROLE_WORDS = (
    "president|prime minister|minister|secretary|chancellor|senator|governor|mayor|king|queen|"
    "leader|spokesperson|spokesman|spokeswoman|chief|head|director|chair|chairman|chairwoman|"
    "ceo|chief executive|founder|ambassador|envoy|general|commander|judge|justice|prosecutor|"
    "attorney general|official|lawmaker|representative|congressman|congresswoman|speaker|"
    "premier|president-elect|candidate|coach|captain|executive|economist|analyst|professor|"
    "researcher|editor|owner|company|agency|ministry|party|group|organisation|organization|"
    "union|council|court|bank|government|regulator|militant group|army|police"
)
_ROLE_RE = re.compile(rf"\b(?:{_ROLE_WORDS})\b", re.IGNORECASE)
_TITLE_BEFORE = re.compile(
    r"((?:(?:[A-Z][\w.'’-]*|of|the|for)\s){0,5}?"
    r"(?:President|Prime Minister|Minister|Secretary|Chancellor|Senator|Sen\.|Governor|Gov\.|"
    r"Mayor|King|Queen|Ambassador|General|Gen\.|Judge|Justice|Speaker|Premier|Rep\.|"
    r"Representative|CEO|Chief Executive|Spokesperson|Spokesman|Spokeswoman|Director|Chairman|"
    r"Chairwoman|Commissioner|Leader)\s)$"
)
_SPEECH = re.compile(
    r"\b(?:said|says|told|stated|announced|condemned|welcomed|urged|warned|called for|called on|"
    r"criticised|criticized|praised|demanded|rejected|expressed|pledged|vowed|added|lodged|"
    r"protested|denounced|responded|reacted|tweeted|wrote)\b"
)
_OFFICIAL = (
    r"(?i:government|ministry|foreign ministry|foreign office|state department|president|"
    r"prime minister|foreign minister|defen[cs]e minister|minister|chancellor|spokes(?:person|"
    r"man|woman)|embassy|ambassador|officials?|leader|king|premier|authorities)"
)
#: Nationality adjectives → country (the gazetteer holds names, cities and aliases only).
DEMONYMS = {
    "american": "United States", "british": "United Kingdom", "french": "France",
    "german": "Germany", "italian": "Italy", "spanish": "Spain", "russian": "Russia",
    "ukrainian": "Ukraine", "chinese": "China", "japanese": "Japan", "indian": "India",
    "pakistani": "Pakistan", "iranian": "Iran", "israeli": "Israel", "palestinian": "Palestine",
    "turkish": "Turkey", "saudi": "Saudi Arabia", "egyptian": "Egypt", "qatari": "Qatar",
    "emirati": "United Arab Emirates", "canadian": "Canada", "mexican": "Mexico",
    "brazilian": "Brazil", "argentine": "Argentina", "australian": "Australia",
    "polish": "Poland", "dutch": "Netherlands", "belgian": "Belgium", "swedish": "Sweden",
    "norwegian": "Norway", "danish": "Denmark", "finnish": "Finland", "irish": "Ireland",
    "swiss": "Switzerland", "austrian": "Austria", "greek": "Greece", "hungarian": "Hungary",
    "romanian": "Romania", "belarusian": "Belarus", "lithuanian": "Lithuania",
    "latvian": "Latvia", "estonian": "Estonia", "korean": "South Korea",
    "south korean": "South Korea", "north korean": "North Korea", "taiwanese": "Taiwan",
    "vietnamese": "Vietnam", "thai": "Thailand", "indonesian": "Indonesia",
    "filipino": "Philippines", "nigerian": "Nigeria", "kenyan": "Kenya",
    "south african": "South Africa", "ethiopian": "Ethiopia", "syrian": "Syria",
    "iraqi": "Iraq", "lebanese": "Lebanon", "jordanian": "Jordan", "afghan": "Afghanistan",
    "venezuelan": "Venezuela", "colombian": "Colombia", "chilean": "Chile", "cuban": "Cuba",
    "czech": "Czech Republic", "serbian": "Serbia", "georgian": "Georgia",
}  # fmt: skip
_COUNTRY_WORD = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}"
_REACTION_RE = re.compile(
    rf"\b(?P<adj>{_COUNTRY_WORD})(?:'s|’s)?\s(?:[a-z]+\s){{0,2}}{_OFFICIAL}\b"
    rf"|\b{_OFFICIAL}\sof\s(?P<of>{_COUNTRY_WORD})\b"
)


def country_of_mention(text: str) -> str | None:
    """The country a nationality adjective or a country/city name names, if any."""
    key = text.strip().lower()
    return DEMONYMS.get(key) or country_of(text.strip())


def home_country(story: StoryInput) -> str | None:
    """The country the story is about: the analysis regions' first, else the most named one."""
    regions = story.analysis.get("regions") or []
    if isinstance(regions, list) and regions and isinstance(regions[0], dict):
        return str(regions[0].get("country"))
    counts: Counter[str] = Counter()
    for art in unique_articles(story):
        for word in re.findall(_COUNTRY_WORD, art.text[:5000]):
            country = country_of_mention(word)
            if country:
                counts[country] += 1
    return counts.most_common(1)[0][0] if counts else None


def international_reactions(story: StoryInput, *, limit: int = 4) -> list[Sentence]:
    """Statements by officials of countries other than the story's own, one per country."""
    home = home_country(story)
    out: list[Sentence] = []
    seen: set[str] = set()
    sentences: Sequence[SourceSentence] = collect_sources(story)
    for src in sorted(sentences, key=lambda s: (s.position, s.index)):
        if len(out) >= limit:
            break
        if not _SPEECH.search(src.text):
            continue
        for match in _REACTION_RE.finditer(src.text):
            # the official must be the one speaking: a speech verb right after the mention
            if not _SPEECH.search(src.text[match.end() : match.end() + 80]):
                continue
            mention = match.group("adj") or match.group("of") or ""
            country = country_of_mention(mention)
            if country is None or country == home or country in seen:
                continue
            seen.add(country)
            out.append(Sentence(src.text, [src.citation()], heading=country, speaker=mention))
            break
    return out


# Sentence openers that a title regex would take into the role ("Under President Obama").
_OPENERS = frozenset(
    [
        "under",
        "when",
        "after",
        "before",
        "as",
        "but",
        "and",
        "if",
        "while",
        "for",
        "with",
        "by",
        "from",
        "to",
        "in",
        "on",
        "at",
        "said",
        "says",
        "including",
        "then",
    ]
)
_CLAUSE = re.compile(r"\b(?:would|will|is|was|are|were|has|had|have|said|says|could|should)\b")


# "Minsk. " ends a sentence; "U.S. " and the title abbreviations "Sen. ", "Gen. " do not.
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!Sen)(?<!Gen)(?<!Rep)(?<!Gov)(?<!Lt)(?<!Col)(?<!Sgt)(?<!Dr)(?<!St)"
    r"[.!?][\"”’]?\s"
)


def _trim_role(role: str) -> str:
    words = role.split(" ")
    while words and (words[0].lower() in _OPENERS or not words[0][:1].isupper()):
        words.pop(0)
    return " ".join(words)


def _role_of(name: str, text: str) -> tuple[int, int] | None:
    """The span of *text* that gives *name* a role ("Foreign Minister X", "X, the UN chief")."""
    for found in re.finditer(re.escape(name), text):
        window = text[max(0, found.start() - 80) : found.start()]
        # a title never reaches back over a sentence end ("Minsk. Foreign Minister X")
        window = _SENTENCE_END.split(window)[-1]
        before = _TITLE_BEFORE.search(window)
        if before and _trim_role(before.group(1)):
            return found.start() - len(_trim_role(before.group(1))), found.end()
        after = re.match(r",\s((?:the|a|an)\s[^,.;:()“”\"]{3,80}?)[,.;]", text[found.end() :])
        role = after.group(1) if after else ""
        if after and _ROLE_RE.search(role) and not _CLAUSE.search(role) and len(role.split()) <= 9:
            return found.start(), found.end() + 2 + len(after.group(1))
    return None


def key_players(story: StoryInput, *, limit: int = 5) -> list[Sentence]:
    """The most-named people and organisations with a role the articles give them, cited."""
    entities = [
        e
        for e in story.analysis.get("entities") or []
        if isinstance(e, dict) and e.get("label") in {"PERSON", "ORG"} and e.get("text")
    ]
    entities.sort(key=lambda e: -int(e.get("count") or 0))
    out: list[Sentence] = []
    chosen: list[set[str]] = []
    for entity in entities:
        if len(out) >= limit:
            break
        name = str(entity["text"])
        # one player once: "Trump" and "Donald Trump" (either order, either label) are one
        tokens = set(name.lower().replace(".", "").split())
        if any(tokens <= seen or seen <= tokens for seen in chosen):
            continue
        # extraction glue ("RosensteinMueller") or a doubled name is not a clean name
        if re.search(r"[a-z][A-Z]", name) or len(tokens) < len(name.split()):
            continue
        # a one-word name is a surname or an acronym: too easy to match the wrong person
        if len(name) < 3 or int(entity.get("count") or 0) < 2:
            continue
        for art in unique_articles(story):
            span = _role_of(name, art.text)
            if span is None:
                continue
            start, end = span
            quote = art.text[start:end]
            text = " ".join(quote.split())
            out.append(Sentence(text, [Citation(art.article_id, start, end, quote)], speaker=name))
            chosen.append(tokens)
            break
    return out
