"""Who a speaker is: names, offices and persons of a text, and their grouping keys.

`speaker_key` is the grouping key of a speaker (titles and punctuation dropped);
`is_speaker_name` rejects nouns, groups and page labels. The rest helps `quotes` resolve
a speaker within its article: the full names a text spells out by surname
(`_full_names`), the one holder of an office ("the president" → "President Donald
Trump", `_office_holder`), the person at the end of a title ("Judiciary Committee
Chairman Jerry Nadler" → "Jerry Nadler", `_person_tail`), and which names a pronoun can
refer to (`_People`: person or not, gender from honorifics).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

from newsprism.analysis.quote_patterns import (
    _CONTRACTION,
    _DEMONYMS,
    _DOCUMENT_OWNER,
    _FULL_NAME,
    _GROUP,
    _HEADLINE_WORDS,
    _HONORIFIC_GENDER,
    _LEADING_NOISE,
    _NAME,
    _NOMINAL_HEADS,
    _NOT_NAMES,
    _NOT_SPEAKERS,
    _OFFICE_BEFORE,
    _OFFICE_SPELLINGS,
    _OFFICES,
    _ORG_WORDS,
    _PARTICLE,
    _PARTICLES,
    _PERSON_TAIL_CUT,
    _RELATIVE,
    _SPACE,
    _SURNAME_ORG_WORDS,
    _TITLED,
    _TITLES,
    _WEEKDAYS,
)
from newsprism.analysis.regions import country_of
from newsprism.nlp.names import first_name_gender, is_first_name
from newsprism.nlp.sentences import split_sentences
from newsprism.nlp.stopwords import CALENDAR_WORDS, FUNCTION_WORDS, STOP_WORDS
from newsprism.nlp.text import word_list


def _clean_who(who: str) -> str | None:
    if who.startswith("@"):
        # a handle: "@KamalaHarris" → "Kamala Harris", "@realDonaldTrump" → "Donald Trump"
        parts = re.findall(r"[A-Z][a-z’'\-]+", who)
        return " ".join(parts) if len(parts) >= 2 else None
    words = who.strip().strip(",").split()
    while words and words[0].lower().strip(".,") in _LEADING_NOISE and len(words) > 1:
        if words[0].lower() in {"the", "a", "an"} and (
            not words[1][:1].isupper() or words[-1] in _OFFICE_SPELLINGS
        ):
            break  # a nominal speaker: "the envoy", "the New York senator"
        words = words[1:]
    if not words:
        return None
    if words[0] == "The" and len(words) > 1 and words[-1] in _OFFICE_SPELLINGS:
        words = ["the", *words[1:]]  # "The New York senator said": an office, resolved later
    if (
        words[0].lower() == "the"
        and len(words) > 1
        and words[-1] not in _OFFICE_SPELLINGS
        and words[1][:1].isupper()
    ):
        words = words[1:]  # "the Belarusian Telegraph Agency" → proper name
    while len(words) > 1 and words[-1].lower().strip(".,") in _WEEKDAYS:
        words = words[:-1]  # "the White House Monday night": the day is no part of the name
    cleaned = re.sub(r"['’]s$", "", " ".join(words).strip(" ,.;:"))  # "Buttigieg’s" → "Buttigieg"
    if cleaned.lower().replace("’", "'") in _NOT_NAMES or len(cleaned) < 3:
        return None
    if _CONTRACTION.fullmatch(cleaned.split()[0]):
        return None  # "I’ve been in 43 states … they say": no name
    named = re.search(rf"\b(?:where|when|as|after)\s+(?P<who>{_NAME})$", cleaned)
    if named and cleaned[:1].lower() in {"t", "a", "o"} and words[0].lower() in _NOMINAL_HEADS:
        return named.group("who")  # "the words in the opinion where Scalia wrote"
    if len(words) > 1 and words[0].lower() in _NOMINAL_HEADS and words[1].islower():
        # a description, whatever its place in the sentence: "The letter states" is "the
        # letter", so that "The president said" resolves like "the president said"
        cleaned = cleaned[0].lower() + cleaned[1:]
    return cleaned


def _surname_org_word(words: Sequence[str]) -> bool:
    """Tell whether the one organisation word of *words* is a person's surname.

    "Marc Lamont Hill", "Doris Day", "Jude Law": a census first name opens the run and
    its last word, the only organisation word, is also a common surname. "Capitol Hill",
    "Labor Day" and "Denver Post" ("post" is no such word) stay organisations or places.
    """
    if len(words) < 2 or not is_first_name(words[0]):
        return False
    last = words[-1].lower().strip(".,")
    return last in _SURNAME_ORG_WORDS and not any(
        w.lower().strip(".,") in _ORG_WORDS for w in words[:-1]
    )


def _is_pronoun(who: str) -> bool:
    return who.lower() in {"he", "she", "they", "it"}


class _People:
    """Who a text names: full names by surname, and the gender its honorifics give."""

    def __init__(self, text: str) -> None:
        self.full = _full_names(text)
        self.gender: dict[str, str] = {}
        # surnames the text gives a title or honorific: "President Trump", "Mr. Barr"
        self.titled = {m.group(2).lower() for m in _TITLED.finditer(text)}
        # capitalised words written alone, as a surname is once its person is introduced
        self.alone = {
            run.group().lower()
            for run in re.finditer(r"(?<![\w.’'\-])[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-.]+)*", text)
            if " " not in run.group()
        }
        for match in _HONORIFIC_GENDER.finditer(text):
            g = "he" if match.group("h") == "Mr" else "she"
            self.gender.setdefault(match.group("s").lower(), g)

    def person_score(self, name: str) -> int:
        """How surely *name* is a person's: 2, 1 (maybe) or 0.

        2: titled, first name + surname, or so named elsewhere in the text; 1: one unknown
        capitalised word; 0: an organisation, place or group.
        """
        # "Regent University's Eric Patterson" is Eric Patterson, not the university
        words = _person_tail(_person_tail(name).replace("’s", "").replace("'s", "")).split()
        if not words:
            return 0
        if any(w.lower().strip(".,") in _ORG_WORDS for w in words) and not _surname_org_word(words):
            return 0
        if len(words) == 1 and len(words[0]) >= 2 and words[0].isupper():
            return 0  # "DACA", "NATO": a programme or a body, not "he"
        if country_of(" ".join(words)) is not None or country_of(words[-1]) is not None:
            return 0
        if not is_speaker_name(" ".join(words)):
            return 0
        if len(words) >= 2 or words[0].lower() in self.titled:
            return 2
        fuller = self.full.get(words[0].lower())
        return 2 if fuller is not None and len(fuller.split()) >= 2 else 1

    def compatible(self, name: str, pronoun: str) -> bool:
        """Tell whether *pronoun* (he / she / they / it) can refer to *name*."""
        score = self.person_score(name)
        if pronoun == "it":
            return score < 2
        if score == 0:
            return False
        if name.split()[0].strip(".") in {"Mrs", "Ms", "Miss"}:
            gender = "she"
        elif name.split()[0].strip(".") == "Mr":
            gender = "he"
        else:
            # the possessive goes, not every final "s": "Davis" keeps its gender
            surname = re.sub(r"['’]s$", "", name.split()[-1].strip(".,")).lower()
            gender = self.gender.get(surname, "") or self._first_name_gender(name, surname)
        return pronoun not in {"he", "she"} or gender in {"", pronoun}

    def _first_name_gender(self, name: str, surname: str) -> str:
        """Return "he", "she" or "" from the first name of *name* or of its full name.

        "Stephanie Carter" is "she"; a bare "Carter" takes the gender of the one full
        name the text spells out ("Ashton Carter": "he"), so that "she wrote" does not
        go to him. Titles and initials before the first name are skipped.
        """
        words = _person_tail(name).split()
        if len(words) < 2:
            fuller = self.full.get(surname)
            words = fuller.split() if fuller is not None else []
        firsts = [
            w for w in words[:-1] if w.strip(".").lower() not in _TITLES and len(w.strip(".")) > 1
        ]
        if not firsts:
            return ""
        return {"male": "he", "female": "she", None: ""}[first_name_gender(firsts[0])]

    def best(self, names: Sequence[str], pronoun: str) -> str | None:
        """The first of *names* that *pronoun* can refer to.

        Surer persons come first (for "it", surer non-persons).
        """
        fitting = [n for n in names if self.compatible(n, pronoun)]
        if not fitting:
            return None
        if pronoun == "it":
            return min(fitting, key=self.person_score)
        if pronoun in {"he", "she"}:
            # among sure persons, one named as a person goes first: "she" of a sentence
            # naming the "Arabian Nights" gala and spokeswoman Zita Astravas is Astravas
            return max(fitting, key=lambda n: (self.person_score(n), self.named_person(n)))
        return max(fitting, key=self.person_score)

    def named_person(self, name: str) -> bool:
        """Tell whether *name* reads as a person's beyond its shape.

        A census first name ("Zita Astravas"), a title ("Mr. Trump") or a surname the text
        also writes alone ("Tulsi Gabbard" … "Gabbard said"); not "Arabian Nights".
        """
        words = _person_tail(name).split()
        if not words:
            return False
        while len(words) > 1 and words[-1].strip(".,").lower() in {"jr", "sr", "ii", "iii"}:
            words = words[:-1]  # "Trump Jr." is a Trump
        surname = re.sub(r"['’]s$", "", words[-1].strip(".,")).lower()
        if surname in self.titled or surname in self.alone:
            return True
        if len(words) < 2:
            fuller = self.full.get(surname)
            words = fuller.split() if fuller is not None else []
        return len(words) >= 2 and is_first_name(words[0])


def speaker_key(name: str) -> str:
    """Return the grouping key of a speaker: lower case, no titles or punctuation."""
    words = [w.strip(".,'’").lower() for w in name.split()]
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return " ".join(w for w in words if w)


def _display_name(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].strip(".,'’").lower() in _TITLES and words[1][:1].isupper():
        words = words[1:]
    return " ".join(words)


def is_speaker_name(name: str) -> bool:
    """Tell whether *name* can be a speaker: not a noun, group or page label.

    Rejects one-word nouns of `_NOT_SPEAKERS`, demonyms and groups ("Muslims",
    "American", "Democrats"), and names ending in a common noun ("Cohen case").
    """
    words = speaker_key(name).split()
    if not words:
        return False
    if words[-1] in _NOT_SPEAKERS and (len(words) == 1 or words[-1] in {"case", "story"}):
        return False
    # groups and demonyms: "Muslims", "Democrats", "Republicans", "American"
    return not (len(words) == 1 and (_GROUP.fullmatch(words[0]) or words[0] in _DEMONYMS))


def is_common_word(name: str, text: str, surnames: Collection[str] = ()) -> bool:
    """Tell whether *name* is one capitalised word that *text* also writes in lower case.

    "Much of Trump's message …", "Around noon, YouTube …", "Consider this comment from …",
    "Critics of Xi say …", "Oct. 3": a sentence opens with a common word or a date and the
    patterns read it as
    a name. A surname of a person the text names in full ("Carter Page" … "page"), a word
    the text also capitalises mid-sentence ("Theresa May" … "may") and an acronym ("FBI")
    stay names; lower-case uses in handles and addresses ("@prageru") do not count.
    """
    word = name.strip()
    if not word or " " in word or not word[:1].isupper() or word.isupper():
        return False
    low = word.lower()
    if low in surnames:
        return False
    if low in CALENDAR_WORDS:
        return True  # "Oct", "August": a date the patterns read as a name
    if re.search(rf"(?<=[a-z,;] ){re.escape(word)}\b", text):
        return False  # written capitalised mid-sentence too: a name ("Theresa May")
    if low in FUNCTION_WORDS:
        return True  # "Much", "Around", "One": never a name, whatever else the text says
    # a word of prose, not of a handle or address ("@prageru", "prageru.com")
    return re.search(rf"(?<![\w’'@/.-]){re.escape(low)}(?![\w’'@/-]|\.\w)", text) is not None


#: Given names and their usual short forms: the same person under either ("Jerry Nadler"
#: is "Jerrold Nadler"). Only these pairs agree; "Ivanka" and "Ivana" do not.
GIVEN_NAME_FORMS = {
    "jerry": "jerrold",
    "bernie": "bernard",
    "bill": "william",
    "bob": "robert",
    "jim": "james",
    "mike": "michael",
    "chuck": "charles",
    "joe": "joseph",
    "tom": "thomas",
    "dick": "richard",
    "ted": "edward",
    "liz": "elizabeth",
    "beto": "robert",
    "don": "donald",
    "tony": "anthony",
    "andy": "andrew",
    "dan": "daniel",
    "steve": "steven",
    "pete": "peter",
    "rudy": "rudolph",
    "kate": "katherine",
}


def person_core(key: str) -> tuple[str, str] | None:
    """(given name, surname) of a speaker key, short forms and middle initials aside.

    "donald j trump" and "donald trump" → ("donald", "trump"); "chuck schumer" and
    "charles schumer" → ("charles", "schumer"). None for a key of one word or over three,
    and for a description ("a times spokesperson" is not "a journal spokesperson").
    """
    words = key.split()
    if not words or words[0] in STOP_WORDS:
        return None  # a description ("a times spokesperson", "the draft report"), no name
    kept = [w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and len(w) == 1)]
    if not 2 <= len(kept) <= 3 or len(words) - len(kept) > 1:
        return None  # "george h w bush" is not "george w bush"
    words = kept
    return GIVEN_NAME_FORMS.get(words[0], words[0]), words[-1]


def _person_tail(name: str) -> str:
    """The person at the end of a name with offices or owners before it.

    "Judiciary Committee Chairman Jerry Nadler" → "Jerry Nadler"; "NPR's Peter Kenyon" →
    "Peter Kenyon". A name without title or possessive is returned unchanged; so is a
    body's name with "of", "and", "for", "to" ("Ministry of Agriculture and Rural Affairs",
    "March for Our Lives"), while an office's "of" is cut before the person ("Director of
    National Intelligence Dan Coats" → "Dan Coats"). Function words a pattern read past the
    name go ("Collins and" → "Collins").
    """
    words = name.split()
    cut = 0
    for i, word in enumerate(words[:-1]):
        low = word.lower().strip(".,")
        if low in _NAME_CONNECTORS and i > 0 and words[i - 1][:1].isupper():
            if words[i - 1].lower().strip(".,") not in _TITLES:
                # inside a body's name: "Ministry of Agriculture and Rural Affairs",
                # "Committee to Protect Journalists" (its head word is no cut either)
                start = i - 1
                while start > 0 and words[start - 1][:1].isupper():
                    start -= 1
                cut = min(cut, start)
                continue
            # an office "of" something, then the person: "Director of National Intelligence
            # Dan Coats" → "Dan Coats"
            first = next((j for j in range(i + 1, len(words) - 1) if is_first_name(words[j])), None)
            cut = first if first is not None else i + 1
            continue
        if (
            low in _TITLES
            or low in _PERSON_TAIL_CUT
            # owners and modifiers: "NPR's Peter Kenyon", "the Richmond-based Fourth Circuit"
            or low.endswith(("'s", "’s", "-based"))
            or (word[:1].islower() and low not in _PARTICLES)
        ):
            cut = i + 1
    return " ".join(_untitled(_trim_function_words(words[cut:])))


def _untitled(words: list[str]) -> list[str]:
    """*words* without capitalised words before a person's name that no title list knows.

    "Assemblyman Matthew Harper", "Republican Assemblywoman Nicole Malliotakis": a given
    name (census list) opens a two- or three-word tail and nothing before it is a given
    name, so the words before are an office. Not a body's name ("St. Paul Pioneer Press",
    "Los Angeles Times": an organisation word in the tail).
    """
    for i in range(1, len(words) - 1):
        tail = words[i:]
        if (
            len(tail) <= 3
            and is_first_name(words[i])
            and all(w[:1].isupper() for w in words)
            and not any(is_first_name(w) or w.lower().strip(".,") in _PARTICLES for w in words[:i])
            and not any(w.lower().strip(".,") in _ORG_WORDS for w in tail)
            and not any(w.endswith((".", ",")) for w in words[:i])
        ):
            return tail
    return words


def _trim_function_words(words: list[str]) -> list[str]:
    """Drop function words a pattern read past the name: "Collins and", "Pentagon is"."""
    while len(words) > 1 and words[-1] in FUNCTION_WORDS:
        words = words[:-1]
    return words


#: Lower-case words inside a body's or an office's name ("March for Our Lives", "Committee to
#: Protect Journalists", "Director of National Intelligence").
_NAME_CONNECTORS = frozenset(word_list("of and for to on"))


#: Particles that open a surname and are no given name ("Van Jones", "Al Gore" are).
_SURNAME_PARTICLES = frozenset(word_list("de da del der von di du la le"))


def _full_name_mentions(text: str) -> list[tuple[int, str]]:
    """Each multi-word capitalised name of *text* with where it starts, in order."""
    mentions: list[tuple[int, str]] = []
    for match in _FULL_NAME.finditer(text):
        if _RELATIVE.search(text, max(0, match.start() - 20), match.start()):
            continue  # "first lady Melania Trump", "his son Hunter Biden": not the bare "Trump"
        words = match.group().split()
        if len(words) >= 3 and re.search(
            r"\bof\s+(?:the\s+)?$", text[max(0, match.start() - 8) : match.start()]
        ):
            # the end of an "of" name, then the person: "head of the Ministry of Emergency
            # Situations Sergei Poletykin" is Sergei Poletykin ("J." keeps its surname)
            words = words[-3:] if re.fullmatch(r"[A-Z]\.", words[-2]) else words[-2:]
        while len(words) > 1 and (
            words[0].lower().strip(".") in _TITLES
            or words[0].lower() in _LEADING_NOISE
            or (len(words[0]) > 2 and words[0].isupper())  # "JUST WATCHED Giuliani"
        ):
            words = words[1:]
        words = _person_tail(" ".join(words)).split()
        cut = [i for i, w in enumerate(words[:-1]) if w.lower() in _HEADLINE_WORDS]
        if cut:
            words = words[cut[-1] + 1 :]  # "What Republicans Are Saying About Phil Bredesen"
        if len(words) < 2 or words[0].lower() in _NOT_NAMES or _is_pronoun(words[-1]):
            continue
        if len(words) == 2 and words[0].lower() in _SURNAME_PARTICLES:
            continue  # "De Blasio said" opens a sentence: a surname, not "Bill de Blasio"
        if re.search(r"[’'](?:ve|re|ll|d|m)$", words[-1], re.IGNORECASE):
            continue  # "Downs I’ve heard": a sentence's "I’ve", no surname
        mentions.append((match.start(), " ".join(words)))
    return mentions


def _full_names(text: str) -> dict[str, str]:
    """Multi-word capitalised names of *text* by surname, the most frequent spelling first."""
    return _by_surname(_full_name_mentions(text))


def _by_surname(mentions: Sequence[tuple[int, str]]) -> dict[str, str]:
    """The full names of *mentions* (`_full_name_mentions`) by surname, as `_full_names`."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    first: dict[str, int] = {}
    for start, name in mentions:
        counts[name.split()[-1].lower()][name] += 1
        first.setdefault(name, start)
    # ties go to the spelling met first: a story names a person in full at first mention
    # ("President Donald Trump" … "Getting Trump supporters to that viewpoint")
    return {
        surname: max(spellings.items(), key=lambda kv: (kv[1], -first[kv[0]]))[0]
        for surname, spellings in counts.items()
    }


#: Characters before a quote within which a namesake just named is the one meant.
NAMESAKE_WINDOW = 400


def _namesake_nearby(surname: str, mentions: Sequence[tuple[int, str]], before: int) -> str | None:
    """The full name a bare *surname* means when the text names two people by it.

    "George Floyd’s brother Philonise Floyd described a call …. “…,” Floyd said": the
    one of them named last within `NAMESAKE_WINDOW` characters before the quote at
    *before*; None when the text has one person of that name, or names none of them
    that close (the text's most frequent spelling then stands).
    """
    same = [(at, name) for at, name in mentions if name.split()[-1].lower() == surname]
    if len({name for _at, name in same}) < 2:
        return None
    near = [name for at, name in same if before - NAMESAKE_WINDOW <= at < before]
    return near[-1] if near else None


def _office_holder(nominal: str, text: str, before: int | None = None) -> str | None:
    """The one person *text* names with the office of *nominal* ("the president").

    Only names before *before* count (the quote's offset): "the state senator" refers back
    to "State Sen. Clyde Chambliss", not to a senator the story names later. A surname
    alone counts ("President Trump"); the caller spells it out.
    """
    words = nominal.lower().split()
    if not words or words[0] not in {"the", "a", "an"}:
        return None
    office = words[-1].strip(".,")
    spellings = _OFFICE_SPELLINGS.get(office)
    if spellings is None:
        return None
    holders: dict[str, int] = defaultdict(int)
    scope = text if before is None else text[:before]
    for spelling in spellings:
        # a particle inside the name: "Mayor Bill de Blasio" (not "Bill", an organisation
        # word alone)
        pattern = (
            re.escape(spelling)
            + rf"{_SPACE}((?:[A-Z][\w'’\-]+|[A-Z]\.)"
            + rf"(?:{_SPACE}(?:{_PARTICLE}{_SPACE})?[A-Z][\w'’\-]+)*)"
        )
        for match in re.finditer(pattern, scope):
            holder = re.sub(r"['’]s$", "", match.group(1))
            words = holder.split()
            if words[0] in words[1:]:
                # a name written twice ("Bill de Blasio Bill de BlasioScience", a hover
                # card the page text kept): its first spelling
                holder = " ".join(words[: words.index(words[0], 1)])
            if all(w.lower().strip(".") in _TITLES | _ORG_WORDS for w in holder.split()):
                continue  # "President Trump" counts, "Vice President" does not
            holders[holder] += 1
    if len({h.split()[-1] for h in holders}) != 1:
        return None  # nobody, or two people with that office: do not guess
    return max(holders.items(), key=lambda kv: (kv[1], len(kv[0])))[0]


#: Head nouns of bodies a story names before it calls them "the palace", "the department".
_BODY_NOUNS = frozenset(
    word_list(
        """palace department ministry agency committee court commission company council
    embassy bureau board foundation institute university hospital church league union
    network"""
    )
)


def _named_body(nominal: str, text: str, before: int) -> str | None:
    """The body *text* last names, before offset *before*, with the head noun of *nominal*.

    "the palace" → "Buckingham Palace", "the department" → "Department of Corrections
    and Community Supervision", "the committee" → "House Committee on Oversight and
    Reform": a capitalised name with the noun, maybe with an "of" / "on" part. None
    when the text names no such body before the quote.
    """
    words = nominal.split()
    if len(words) != 2 or words[0] != "the" or words[1] not in _BODY_NOUNS:
        return None
    noun = words[1].capitalize()
    cap = r"[A-Z][\w'’\-]+"
    of_part = rf"{_SPACE}(?:of|on|for){_SPACE}(?:the{_SPACE})?{cap}"
    of_part += rf"(?:{_SPACE}(?:and{_SPACE})?{cap})*"
    pattern = rf"\b(?:{cap}{_SPACE}){{0,4}}{noun}\b(?:{of_part})?"
    for match in reversed(list(re.finditer(pattern, text[:before]))):
        found = match.group().split()
        while found and found[0].lower() in _LEADING_NOISE:
            found = found[1:]  # "The Palace", "But Buckingham Palace"
        if len(found) >= 2 and not any(w.lower() in _NOT_NAMES for w in found):
            return re.sub(r"['’]s\b", "", " ".join(found))
    return None


def _document_owner(nominal: str, text: str, before: int) -> str | None:
    """Who issued "the statement" (*nominal*), named in the 700 characters before *before*.

    "Clarence House, his official royal residence, said in a statement" → "Clarence
    House"; the last such mention counts. Letters are left alone: the one who releases a
    letter is often not its author.
    """
    if nominal in {"the editorial", "the op-ed", "the column"}:
        # "a fascinating Wall Street Journal editorial …. The editorial argues": the
        # outlet or writer named with the piece
        noun = nominal.split()[1]
        pieces = list(
            re.finditer(
                rf"(?P<who>{_NAME})(?:['’]s)?{_SPACE}(?:[a-z][\w\-]*{_SPACE})?{noun}\b",
                text[max(0, before - 700) : before],
            )
        )
        writers = [_clean_who(m.group("who")) for m in pieces]
        named = [w for w in writers if w and w.split()[0].lower() not in _LEADING_NOISE]
        return named[-1] if named else None  # not "The" of "The editorial argues"
    if nominal not in {"the statement", "his statement", "her statement", "its statement"}:
        return None  # "Grassley released a letter … signed by 65 women": not his words
    window = text[max(0, before - 700) : before]
    owners = [
        m
        for m in _DOCUMENT_OWNER.finditer(window)
        if m.group("doc") == "statement"
        # the subject opens its clause: not "the coalition fighting ISIS in Iraq and Syria"
        and not re.search(r"\b(?!of\b)[a-z][\w\-]*\s+$", window[: m.start()])
    ]
    if not owners:
        return None
    return _clean_who(owners[-1].group("who"))  # "The NFL released a statement" → "NFL"


#: Party members a story calls the person it has just named: "the Texas Republican".
_PARTY_MEMBERS = frozenset(word_list("republican democrat independent libertarian"))
#: Things and papers, never the person a description stands for ("the Trump statement").
_THING_NOUNS = frozenset(
    word_list("statement letter memo email note filing complaint release report readout tweet")
)
#: Characters before a quote within which the person a description stands for is named.
DESCRIBED_WINDOW = 600


def _describes_person(speaker: str) -> bool:
    """Tell whether *speaker* is a description a story gives the person it just named.

    "Texas Republican" (a state and a party), "the former Air Force pilot", "the House
    Minority Leader" (a capitalised word in a singular description); not an unnamed one
    ("the official", "the president": no capital, and offices have `_office_holder`), a
    group ("the lawyers"), a body or a thing ("the Trump campaign", "the Trump statement").
    """
    words = speaker.split()
    definite = bool(words) and words[0].lower() == "the"
    words = words[1:] if definite else words
    if not words:
        return False
    last = words[-1].lower().strip(".,")
    if last in _PARTY_MEMBERS:
        return len(words) >= 2 and country_of(" ".join(words[:-1])) is not None
    if (
        not definite
        or len(words) > 5
        or not words[-1][:1].islower()  # a head noun: "pilot", not "World Threat Assessment"
        or any(ch.isdigit() for ch in speaker)
        or last.endswith("s")
        or last in _ORG_WORDS | _THING_NOUNS
        or any(w in STOP_WORDS and w != "former" for w in words)
    ):
        return False  # "the allegations against Kavanaugh came to light and": no description
    # a place or a body's name in it ("Air Force"), not an office ("the President", "the
    # CEO") or a party ("the Democratic strategist" is anyone of the party)
    return any(
        w[:1].isupper()
        and not w.isupper()
        and w.lower().strip(".,") not in _TITLES | _PARTY_MEMBERS | _DEMONYMS | {"democratic"}
        for w in words
    )


def _introduced_unnamed(description: str, text: str, before: int) -> bool:
    """Tell whether *text* introduced *description*'s head noun unnamed before *before*.

    "said a senior White House official …. “…,” the senior White House official said":
    the same unnamed person, not whoever the text named last.
    """
    head = description.split()[-1]
    if head.lower() in _PARTY_MEMBERS:
        return False  # "Sen. Lisa Murkowski, an Alaska Republican": parties describe the named
    head = re.escape(head)
    introduced = rf"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w\-’']+\s+){{0,4}}{head}\b"
    return re.search(introduced, text[:before]) is not None


def _subject_before(
    description: str,
    text: str,
    before: int,
    full: Mapping[str, str],
    offices: Mapping[str, set[str]],
) -> str | None:
    """The person a description before *before* stands for: the first one a sentence names.

    "Biggs seconded Buck's sentiment …. “…,” the Arizona Republican told The Hill": of
    the three sentences before the quote (within `DESCRIBED_WINDOW`), the nearest that
    names a person the text spells out (a census first name opens the full name, or an
    office stands before it: *offices*, `_offices_before`) gives the first such name, its
    subject more often than not.
    """
    window = text[max(0, before - DESCRIBED_WINDOW) : before]
    sentences = list(reversed(split_sentences(window)))
    if sentences and window.lower().rfind(description.lower()) >= sentences[0][0]:
        # the description's own sentence, up to the quote, is no earlier sentence:
        # "Asked by CNN's John Berman …, the South Carolina Democrat replied: “…”"
        sentences = sentences[1:]
    # quoted words are the speakers', not the text's: "“… bring Bob Mueller in …,” said"
    window = re.sub(r"“[^”\n]*”|\"[^\"\n]*\"", lambda m: " " * len(m.group()), window)
    for start, end in sentences[:3]:
        for match in re.finditer(r"\b[A-Z][\w'’\-]+", window[start:end]):
            key = re.sub(r"['’]s$", "", match.group()).lower()
            fuller = full.get(key) if key not in _TITLES else None
            if (
                fuller is not None
                and len(fuller.split()) >= 2
                and (is_first_name(fuller.split()[0]) or fuller.lower() in offices)
                and not any(w.lower().strip(".,") in _TITLES for w in fuller.split())
            ):
                return fuller  # a census first name, or an office before it ("Rep. Chip Roy")
    return None


def _offices_before(text: str) -> dict[str, set[str]]:
    """The offices written right before each name of *text* and each of its prefixes.

    "President Donald J. Trump" → {"donald": {"President"}, "donald j.": …,
    "donald j. trump": …}; "President Trump" → {"trump": {"President"}}.
    """
    out: dict[str, set[str]] = defaultdict(set)
    for match in _OFFICE_BEFORE.finditer(text):
        words = match.group(2).split()
        for i in range(1, len(words) + 1):
            out[" ".join(words[:i]).lower()].add(match.group(1))
    return out


def _another_holder(
    surname: str, fuller: str, speaker: str, offices: Mapping[str, set[str]]
) -> bool:
    """Tell whether the bare *surname* may be someone other than *fuller*.

    "President Trump" in a text whose only full name is "Melania Trump": the office the
    bare surname carries (*offices*, `_offices_before`) is never given to that full
    name, so "Trump" stays "Trump". "Mrs. Trump" or "Ms. Trump" is not the president.
    """
    if speaker.split()[0].strip(".") in {"Mrs", "Ms", "Miss"}:
        return False
    return bool(offices.get(surname, set()) - offices.get(fuller.lower(), set()))


def _is_office(name: str) -> bool:
    """Tell whether *name* is an office without its holder ("House Minority Leader")."""
    words = [w.lower().strip(".,") for w in name.split()]
    return words[-1] in _OFFICES and all(w in _TITLES | _ORG_WORDS for w in words)
