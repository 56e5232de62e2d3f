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
from newsprism.nlp.captions import WEEKDAYS
from newsprism.nlp.lexicon import HONORIFICS, PERSON_TITLES
from newsprism.nlp.text import word_list
from newsprism.synth.brief import Citation, Sentence, StoryInput
from newsprism.synth.sources import SourceSentence, collect_sources, unique_articles
from newsprism.synth.text import MONTHS

__all__ = [
    "COUNTRY_WORD",
    "country_of_mention",
    "home_country",
    "international_reactions",
    "key_players",
]

# Words that make a phrase a role ("the UN human rights chief", "a spokesperson for …").
_ROLE_WORDS = (
    "president|prime minister|minister|secretary|chancellor|senator|governor|mayor|king|queen|"
    "leader|spokesperson|spokesman|spokeswoman|chief|head|director|chair|chairman|chairwoman|"
    "ceo|chief executive|founder|ambassador|envoy|general|commander|judge|justice|prosecutor|"
    "attorney general|official|lawmaker|representative|congressman|congresswoman|speaker|"
    "premier|president-elect|candidate|coach|captain|executive|economist|analyst|professor|"
    "researcher|editor|owner|adviser|advisor|aide|company|agency|ministry|party|group|organisation|organization|"
    "union|council|court|bank|government|regulator|militant group|army|police"
)
_ROLE_RE = re.compile(rf"\b(?:{_ROLE_WORDS})\b", re.IGNORECASE)
#: An office (`nlp.lexicon.PERSON_TITLES`) right before a name, maybe after capitalised
#: words of its own ("Prime Minister", "Chief Executive", "Senate Majority Leader").
_TITLE_BEFORE = re.compile(
    r"((?:(?:[A-Z][\w.'’-]*|of|the|for)\s){0,5}?(?:"
    + "|".join(
        sorted(
            ("CEO" if t == "ceo" else t.capitalize() + (r"\." if len(t) <= 3 else ""))
            for t in PERSON_TITLES - HONORIFICS  # "Mr." is no role
        )
    )
    + r")\s)$"
)
#: A country's "leader" in lower case, as agency style writes it: "North Korean leader Kim Jong
#: Un", "North Korea's leader Kim Jong Un" (the story of their Hanoi summit listed Trump alone
#: among its key players).
_LEADER_BEFORE = re.compile(r"((?:[A-Z][\w.'’-]*\s){1,3}leader\s)$")
_SPEECH = re.compile(
    # not an adjective after a determiner: "17 Saudi officials for their alleged role" made
    # a US sanction Saudi Arabia's reaction on a replayed page
    r"(?<!\bthe )(?<!\btheir )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\ban )(?<!\ba )"
    r"\b(?:said|says|told|stated|announced|condemned|welcomed|urged|warned|called for|called on|"
    r"criticised|criticized|praised|demanded|rejected|expressed|pledged|vowed|added|lodged|"
    r"protested|denounced|responded|reacted|tweeted|wrote|claimed|argued|insisted|noted|"
    r"suggested|asserted|admitted|acknowledged|confirmed|denied|reported|alleged)\b"
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
#: A capitalised name of one to three words ("South Korea", "Beijing").
COUNTRY_WORD = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}"
_REACTION_RE = re.compile(
    # (no conjunction between: "contacts between Moscow and President Donald Trump's
    # campaign" is no Russian president; it headed a replayed page's reaction from Russia)
    rf"\b(?P<adj>{COUNTRY_WORD})(?:'s|’s)?\s(?:(?!(?:and|or|but|with|to|from)\s)[a-z]+\s){{0,2}}"
    rf"{_OFFICIAL}\b"
    rf"|\b{_OFFICIAL}\sof\s(?P<of>{COUNTRY_WORD})\b"
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
        for word in re.findall(COUNTRY_WORD, art.text[:5000]):
            country = country_of_mention(word)
            if country:
                counts[country] += 1
    return counts.most_common(1)[0][0] if counts else None


#: Country names that are mostly something else in US news (a state, a congressman).
AMBIGUOUS_COUNTRIES = frozenset({"Georgia", "Jordan", "Chad", "Turkey", "Guinea"})


#: Characters of an article's opening read for the countries it is about.
LEAD_CHARS = 1500


def _opening_countries(story: StoryInput) -> tuple[Counter[str], int]:
    """How many of the story's articles name each country in their opening, and of how many."""
    articles = unique_articles(story)
    counts: Counter[str] = Counter()
    for art in articles:
        text = f"{art.title}. {art.text[:LEAD_CHARS]}"
        named = {country_of_mention(w) for w in re.findall(COUNTRY_WORD, text)
                 if w not in AMBIGUOUS_COUNTRIES}  # fmt: skip
        counts.update(c for c in named if c)
    return counts, len(articles)


def story_countries(story: StoryInput) -> frozenset[str]:
    """The story's home and the countries it is about: named in the opening of half its articles.

    Global impact is reach beyond them: "… Trump's pressure on Ukraine to investigate
    Democrat Joe Biden" stood under Global impact of a replayed story about the firing of
    the watchdog who handled the Ukraine complaint.
    """
    home = home_country(story) or "United States"
    counts, n = _opening_countries(story)
    about = {c for c, k in counts.items() if n >= 2 and 2 * k >= n}
    return frozenset({home} | about)


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
#: Between the official and the speech verb only the official's own name or title may stand
#: ("German Chancellor Angela Merkel said", "…, the UK's minister for the Middle East, said").
_GAP_MAX_WORDS = 8


#: A new subject right before the speech verb, after a comma: the verb is someone else's.
_OTHER_SUBJECT = re.compile(
    # (a body's name of up to three words: "…, the Justice Department said")
    r",\s*(?:(?:the|a|an|his|her|its|their)\s+)?[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]*){0,2}\s*$",
    re.IGNORECASE,
)


_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$")


def _speaking_official(sentence: str) -> str | None:
    """The country word of the official who speaks in *sentence*, if one does.

    Only an official mention that is the subject of the sentence's first speech verb counts:
    in "Iran's foreign minister said American officials lied", Iran speaks, not the United
    States. Quotations are blanked first: a mention inside one is someone else's words
    ("'North Korean leader Kim …,' Trump tweeted").
    """
    bare = _QUOTED.sub(lambda m: " " * len(m.group()), sentence)
    pos = 0
    # overlapping matches: "The government of Haiti" is "The government" and "government of Haiti"
    while (match := _REACTION_RE.search(bare, pos)) is not None:
        pos = match.start() + 1
        mention = match.group("adj") or match.group("of") or ""
        if country_of_mention(mention) is None:
            continue
        if _SPEECH.search(bare, 0, match.start()):
            return None  # the sentence's speaker came before any official
        verb = _SPEECH.search(bare, match.end())
        if verb is None:
            return None
        if _PASSIVE_BEFORE.search(bare, 0, verb.start()):
            # "… the Iraqi government, which had been told by the Iranians …": told, not telling
            continue
        gap = bare[match.end() : verb.start()]
        if len(gap.split()) > _GAP_MAX_WORDS or _REACTION_RE.search(gap):
            continue  # an object of the sentence, or another official stands nearer the verb
        if _OTHER_SUBJECT.search(gap):
            return None  # "… backed by the Russian government, are labelled, the company said"
        return mention
    return None


def international_reactions(story: StoryInput, *, limit: int = 4) -> list[Sentence]:
    """Statements by officials of countries other than the story's own, one per country.

    The story's own are its home and the country its articles' openings name most: Pelosi on
    the strike that killed Soleimani stood as the "United States" reaction of a replayed
    story whose regions put Iran first. (Iraq, where the strike fell, still reacts.)
    """
    counts, n = _opening_countries(story)
    top = [c for c, k in counts.most_common(1) if n >= 2 and 2 * k >= n]
    homes = {home_country(story) or "United States", *top}
    out: list[Sentence] = []
    seen: set[str] = set()
    sentences: Sequence[SourceSentence] = collect_sources(story)
    for src in sorted(sentences, key=lambda s: (s.position, s.index)):
        if len(out) >= limit:
            break
        mention = _speaking_official(src.text)
        country = country_of_mention(mention) if mention else None
        if country is None or country in homes or country in seen:
            continue
        seen.add(country)
        out.append(Sentence(src.text, [src.citation()], heading=country, speaker=mention))
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
        # video and photo furniture glued before a caption's first words
        "close",
        "watch",
        "video",
        "photo",
        "advertisement",
    ]
)
_CLAUSE = re.compile(r"\b(?:would|will|is|was|are|were|has|had|have|said|says|could|should)\b")


# "Minsk. " ends a sentence; "U.S. " and the title abbreviations "Sen. ", "Gen. " do not.
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!Sen)(?<!Gen)(?<!Rep)(?<!Gov)(?<!Lt)(?<!Col)(?<!Sgt)(?<!Dr)(?<!St)"
    r"[.!?][\"”’]?\s"
)


# Words run together where link texts were joined: "TrumpGOP", "DeutchHouse" ("McCain" is not).
_GLUE = re.compile(r"[a-z]{2,}[A-Z]")
#: Surname prefixes written with a capital inside the word ("McConnell", "DeSantis").
_NAME_PREFIX = re.compile(r"\b(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von)(?=[A-Z][a-z])")


#: Words that may stand in a title before a name ("National Economic Council Director",
#: "House Intelligence Committee Chairman", "Former FBI Director"); anything else before
#: them is the sentence or page furniture ("ARTICLE Share Tweet Post Email President X").
_TITLE_WORDS = frozenset(
    word_list(
        """
    president prime minister secretary chancellor senator sen. governor gov. mayor king queen
    ambassador general gen. judge justice speaker premier rep. representative ceo chief
    executive spokesperson spokesman spokeswoman director chairman chairwoman chair
    commissioner leader former acting deputy vice senior top attorney press national economic
    council security intelligence committee house senate foreign defense defence affairs
    department state homeland budget management office federal reserve bureau agency central
    health human services treasury commerce trade energy education interior labor
    transportation veterans armed judiciary oversight republican democratic majority minority
    whip supreme court district united states nations european union commission joint staff
    navy army air force police special counsel white crown prince envoy party officer
    lt. col. dr. sgt. first lady lord mr. mrs. ms. coach captain
    """
    )
)
_COMPASS = frozenset(["north", "south", "east", "west"])


def _title_word(word: str, following: str | None) -> bool:
    bare = re.sub(r"(?:'s|’s)$", "", word)
    key = bare.lower()
    if key in _TITLE_WORDS or key in {"of", "the", "for"}:
        return True
    if key in DEMONYMS or (bare != word and country_of_mention(bare)):
        return True  # "Syrian President", "Japan's minister"
    if key in _COMPASS and following is not None and following.lower() in DEMONYMS:
        return True  # "South Korean President"
    # acronyms: "CIA Director", "U.K. Prime Minister", "UN Ambassador"
    return bool(re.fullmatch(r"[A-Z][A-Z.&]{0,5}", word)) and key not in _OPENERS


def _title_start(prefix: str) -> int | None:
    """Where the title that ends *prefix* begins (None: no title word at all)."""
    words = list(re.finditer(r"\S+", prefix))
    start = len(words)
    while start > 0 and _title_word(
        words[start - 1].group(), words[start].group() if start < len(words) else None
    ):
        start -= 1
    # a title opens with a capitalised word that is not a sentence opener ("Under", "and")
    while start < len(words) and (
        words[start].group().lower() in _OPENERS or not words[start].group()[:1].isupper()
    ):
        start += 1
    if start < len(words) and words[start].group().lower() in _COMPANY_OFFICES:
        start -= _company_before(words[:start])
    return words[start].start() if start < len(words) else None


#: Offices a company or a network has as well as a state: "Fox News President Jay Wallace"
#: stood among a replayed story's key players as "President Jay Wallace".
_COMPANY_OFFICES = frozenset(["president", "chairman", "chairwoman", "chair", "ceo", "chief"])
#: Days, months and time words that open a sentence before an office ("Late Monday President").
_CALENDAR = (
    frozenset(MONTHS)
    | WEEKDAYS
    | frozenset(word_list("late early last next this meanwhile now today yesterday"))
)


_BARE_CAPITAL = re.compile(r"[A-Z][\w&'’-]*")
#: Share buttons run into the text: "ARTICLE Share Tweet Post Email President Donald Trump".
_FURNITURE = frozenset(
    ["article", "share", "tweet", "post", "email", "print", "comment", "comments", "save",
     "facebook", "twitter", "linkedin", "reddit", "whatsapp", "pinterest", "flipboard"]
)  # fmt: skip


def _company_before(words: Sequence[re.Match[str]]) -> int:
    """How many capitalised words before an office name the company that holds it (0 or 2–3).

    Two at least, none a sentence opener or a day: "Fox News", "Walt Disney Co"; one word
    alone is too often the sentence's start ("Meanwhile President …").
    """
    run = 0
    for found in reversed(words[-3:]):
        word = found.group()
        # a bare capitalised word: no sentence end, comma or quotation mark ("Court. Chief")
        if not _BARE_CAPITAL.fullmatch(word) or word.lower() in _OPENERS:
            break
        if word.lower() in _CALENDAR or word.lower() in _FURNITURE:
            break
        run += 1
    return run if run >= 2 else 0


def _with_past_office(text: str, start: int) -> int:
    """Move a role's *start* back over "former" (any case, before a place name too).

    "former New York City Mayor Rudy Giuliani": without "former" the page would make a
    past office a present one.
    """
    prefix = re.search(r"\b([A-Za-z]+)-$", text[max(0, start - 12) : start])
    if prefix and prefix.group(1).lower() in _PAST_OFFICE:
        return start - len(prefix.group(0))  # "then-Sen. Barack Obama": one word
    words = list(re.finditer(r"\S+", text[max(0, start - 60) : start]))
    for found in reversed(words[-5:]):
        word = found.group()
        if word.lower() in _PAST_OFFICE:
            return max(0, start - 60) + found.start()
        if not word[:1].isupper() or word.lower() in _OPENERS:
            break
    return start


#: Words that make an office a past (or stand-in) one: kept at the head of a role.
_PAST_OFFICE = frozenset(["former", "ex", "onetime", "one-time", "then", "outgoing", "acting"])


def _role_of(name: str, text: str, *, person: bool = True) -> tuple[int, int] | None:
    """The span of *text* that gives *name* a role ("Foreign Minister X", "X, the UN chief").

    An organisation (*person* false) takes no office before it and no one-word role after
    it: "Justice Supreme Court" and "Senate, the court" (a list, not an apposition) were key
    players on a replayed page.
    """
    # "Moon Jae" inside "Moon Jae-in" is not the name
    for found in re.finditer(rf"{re.escape(name)}(?![\w-])", text):
        if _GLUE.search(text, found.end(), found.end() + 40):
            continue  # link text run together ("Trump Donald John TrumpGOP senators")
        window = text[max(0, found.start() - 80) : found.start()]
        # a title never reaches back over a sentence end ("Minsk. Foreign Minister X")
        window = _SENTENCE_END.split(window)[-1]
        before = (_TITLE_BEFORE.search(window) or _LEADER_BEFORE.search(window)) if person else None
        begin = _title_start(before.group(1)) if before else None
        if before is not None and begin is not None:
            start = found.start() - len(before.group(1)) + begin
            return _with_past_office(text, start), found.end()
        after = re.match(r",\s((?:the|a|an)\s[^,.;:()“”\"]{3,80}?)[,.;]", text[found.end() :])
        role = after.group(1) if after else ""
        # a body's "X, the Y, and Z" is a list ("Congress, the United States government, and
        # citizens …" gave a replayed key player "Congress, the United States government")
        listed = (
            after is not None
            and not person
            and re.match(r",\s+(?:and|or)\b", text[found.end() + 2 + len(role) :]) is not None
        )
        if after and _noun_role(role) and (person or len(role.split()) > 2) and not listed:
            return found.start(), found.end() + 2 + len(after.group(1))
    return None


def _noun_role(role: str) -> bool:
    """Whether "the …" after a name is a role, not a clause.

    Roles: "the UN human rights chief", "a former Russian intelligence official", "the UK's
    minister for the Middle East"; a clause: "the president calls Sanders frequently at home".
    """
    if _CLAUSE.search(role) or len(role.split()) > 9:
        return False
    # some role word ends the phrase or opens its prepositional tail ("adviser to …")
    for found in _ROLE_RE.finditer(role):
        tail = role[found.end() :].split()
        if not tail or tail[0] in {"of", "for", "at", "in", "on", "to", "with", "from"}:
            return True
    return False


def _same_person(a: str, b: str) -> bool:
    """Two spellings of one multi-word name: same surname, first names alike ("Qassem"/"Qasem")."""
    ta, tb = a.lower().replace(".", "").split(), b.lower().replace(".", "").split()
    if len(ta) < 2 or len(tb) < 2 or ta[-1] != tb[-1]:
        return False
    fa, fb = ta[0], tb[0]
    return fa == fb or (min(len(fa), len(fb)) >= 4 and fa[:3] == fb[:3])


def _tokens(name: str) -> set[str]:
    return set(name.lower().replace(".", "").split())


def _joins(name: str, label: str, names: list[str]) -> bool:
    """Whether *name* is one more spelling of the player that *names* spell."""
    tokens = _tokens(name)
    full = [n for n in names if len(n.split()) > 1]
    if len(tokens) == 1:  # "Trump" joins "Donald Trump" (NER labels it either way)
        return any(tokens <= _tokens(n) for n in names)
    if full:  # "Ivanka Trump" does not join "Donald Trump", "Qasem" joins "Qassem Soleimani"
        return any(
            tokens <= _tokens(n) or _tokens(n) <= tokens or _same_person(name, n) for n in full
        )
    # a one-word player so far: the first person whose name holds it becomes its full name
    return label == "PERSON" and any(_tokens(n) <= tokens for n in names)


def _players(entities: list[dict[str, object]]) -> list[tuple[str, list[str], int, str]]:
    """Entities merged into players: (display name, every spelling, summed count, label).

    A one-word person name joins the most-named longer name that contains it ("Trump" →
    "Donald Trump", "Kim" → "Kim Jong Un"); spellings of one name join each other.
    """
    groups: list[tuple[list[str], str, int]] = []  # (names, first label, count)
    # most-named first, and a group's names in that order: its first full name is its display
    for entity in sorted(entities, key=lambda e: -int(str(e.get("count") or 0))):
        name, label, count = str(entity["text"]), str(entity["label"]), int(str(entity["count"]))
        for i, (names, glabel, total) in enumerate(groups):
            if _joins(name, label, names):
                groups[i] = ([*names, name], glabel, total + count)
                break
        else:
            groups.append(([name], label, count))
    out = []
    for names, label, total in groups:
        full = [n for n in names if len(n.split()) > 1]
        out.append((full[0] if full else names[0], names, total, label))
    out.sort(key=lambda p: -p[2])
    return out


def _full_form(name: str, story: StoryInput) -> str:
    """*name* with the hyphenated tail the articles write it with ("Moon Jae" → "Moon Jae-in")."""
    tails: Counter[str] = Counter()
    for art in unique_articles(story):
        for found in re.finditer(rf"{re.escape(name)}(-[a-z]+)?\b", art.text):
            tails[found.group(1) or ""] += 1
    tail = tails.most_common(1)[0][0] if tails else ""
    return name + tail


def key_players(story: StoryInput, *, limit: int = 5) -> list[Sentence]:
    """The most-named people and organisations with a role the articles give them, cited."""
    entities = [
        e
        for e in story.analysis.get("entities") or []
        if isinstance(e, dict) and e.get("label") in {"PERSON", "ORG"} and e.get("text")
    ]
    out: list[Sentence] = []
    for display, names, count, label in _players(entities):
        if len(out) >= limit:
            break
        # a name mentioned once is not a key player
        if count < 2:
            continue
        # the display spelling first, then the others by how often they are named
        for name in dict.fromkeys([display, *names]):
            tokens = name.lower().replace(".", "").split()
            # extraction glue ("RosensteinMueller") or a doubled name is not a clean name;
            # "McConnell", "DeSantis", "MacArthur" are names (every Mc was dropped)
            bare = _NAME_PREFIX.sub("", name)
            if re.search(r"[a-z][A-Z]", bare) or len(set(tokens)) < len(tokens) or len(name) < 3:
                continue
            name = _full_form(name, story)
            found = _cited_role(name, story, person=label == "PERSON")
            if found is not None:
                out.append(found)
                break
    return out


def _cited_role(name: str, story: StoryInput, *, person: bool = True) -> Sentence | None:
    for art in unique_articles(story):
        span = _role_of(name, art.text, person=person)
        if span is None:
            continue
        start, end = span
        quote = art.text[start:end]
        text = " ".join(quote.split())
        return Sentence(text, [Citation(art.article_id, start, end, quote)], speaker=name)
    return None
