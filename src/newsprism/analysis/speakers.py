"""Who a speaker is: names, offices and persons of a text, and their grouping keys.

`speaker_key` is the grouping key of a speaker (titles and punctuation dropped);
`is_speaker_name` rejects nouns, groups and page labels. The rest helps `quotes` resolve
a speaker within its article: the full names a text spells out by surname
(`_full_names`), the person at the end of a title ("Judiciary Committee Chairman Jerry
Nadler" → "Jerry Nadler", `_person_tail`), and which names a pronoun can refer to
(`_People`: person or not, gender from honorifics). What a description stands for ("the
president", "the palace", "the Texas Republican") is `descriptions`'.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence

from newsprism.analysis.quote_patterns import (
    _CONTRACTION,
    _DEMONYMS,
    _FULL_NAME,
    _GROUP,
    _HEADLINE_WORDS,
    _HONORIFIC_GENDER,
    _LEADING_NOISE,
    _NAME,
    _NOMINAL_HEADS,
    _NOT_NAMES,
    _NOT_SPEAKERS,
    _OFFICE_SPELLINGS,
    _ORG_WORDS,
    _PARTICLES,
    _PERSON_TAIL_CUT,
    _RELATIVE,
    _SURNAME_ORG_WORDS,
    _TITLED,
    _TITLES,
    _WEEKDAYS,
)
from newsprism.analysis.regions import country_of
from newsprism.nlp.names import first_name_gender, is_first_name
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
    if (
        len(words) > 1
        and words[0].endswith("ing")
        and len(words[0]) > 5  # not a given name ("Jing", "Ming")
        and words[1][:1].isupper()
        and not is_first_name(words[0])
    ):
        # a participle opening the sentence: "Undercutting Trump’s repeated pronouncements
        # that “…”" is Trump's ("Sterling K. Brown", "Irving Kristol" keep their names)
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
    if named is None and len(cleaned.split(" and ", 1)[0].split()) >= 4:
        # "… couldn't handle the job except on his knees and Bush responded": a clause
        # joined by "and", not a speaker of five words ("the president and Melania Trump"
        # stays two, "a poll by Morning Consult and Politico" one body)
        named = re.search(rf"(?P<prev>\S+) and\s+(?P<who>{_NAME})$", cleaned)
        named = named if named is not None and named.group("prev").islower() else None
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
        self.text = text
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
        if pronoun in {"he", "she"} and is_common_word(name, self.text, self.full):
            # "Quarantine has been stressful …. “…,” he says": a sentence opening with a
            # common word ("quarantine" elsewhere) or a date names no one "he" can be
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
    """Return the grouping key of a speaker: lower case, no titles or punctuation.

    Apostrophes are one: "Beto O'Rourke" and "Beto O’Rourke" stood as two Sources of one
    replayed page.
    """
    words = [w.strip(".,'’").lower().replace("’", "'") for w in name.split()]
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
        if low in {"a", "an", "the"} and i > 0 and words[i - 1].lower() in _NAME_CONNECTORS:
            continue  # "Committee for a Responsible Federal Budget": inside the body's name
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
            # Situations Sergei Poletykin" is Sergei Poletykin; middle initials keep the
            # given name before them ("the death of George H. W. Bush", not "H. W. Bush")
            keep = len(words) - 2
            while keep > 0 and re.fullmatch(r"(?:[A-Z]\.)+", words[keep]):
                keep -= 1
            words = words[keep:]
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
