"""Who said a quote: the attribution around it, pronouns and subjects of the sentence.

The speaker comes from the attribution around the quote, tried in this order (all are
in ``tests/analysis/attribution_cases.json``):

- after the quote: ``"…," Coale said`` · ``"…," said John Coale, the envoy`` ·
  ``"…," Coale, 54, told reporters`` · ``"…," a ministry spokesman said`` ·
  ``"…," presidential physician Sean Conley wrote`` · ``"…," Campaign Legal Center
  president Trevor Potter said`` · ``"…," Ken Blackwell of the Family Research Council
  told CBN`` · ``"…," says Texas Tech political scientist Seth McKee`` ·
  ``"…," according to Coale`` · ``"…" — John Coale`` · ``"…," the agency quoted
  Lukashenko as saying``;
- before the quote: ``Coale said: "…"`` · ``Coale told reporters, "…"`` · ``Coale said
  that "…"`` · ``According to Coale, "…"`` · ``Coale was quoted as saying "…"`` ·
  ``Coale: "…"`` · ``said an official involved in the talks, "…"`` · ``Navarro opened
  the memo by writing, "…"`` · ``Cummings of Maryland, top Democrat on the panel, said, "…"``;
- pronouns (``"…," he said``) resolve to the speaker of the previous quote when it was
  in the previous sentences, else to the first name of the previous sentence;
- an unattributed quote right after an attributed one continues that speaker;
- inside a sentence: the subject before a speech cue, the possessor of a speech noun
  (``Lincoln's proclamation … inviting citizens to "…"``), the name after the next quote
  of the same clause (``The order "…" is really "…," Cuomo said``);
- titles in quotes (``told ABC's "Meet the Press"``) have no speaker; photo captions
  ("… REUTERS/Name") are blanked before any of this.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from newsprism.analysis.quote_patterns import (
    _ACCORDING,
    _AFTER,
    _DEMONYMS,
    _DOCUMENT_FROM,
    _DOCUMENTS,
    _EMBEDDED_CUE,
    _LEADING_NOISE,
    _MODIFIER,
    _MONTH_SURNAMES,
    _NAME,
    _NAME_RE,
    _NAMED_APPOSITIVE,
    _NOMINAL_HEADS,
    _NOMINAL_OPENING,
    _NOMINAL_SUBJECT,
    _NOMINAL_THING,
    _NOT_NAMES,
    _NOUN_LIKE_CUES,
    _OFFICE_SPELLINGS,
    _OFFICES,
    _OPENING_SUBJECT,
    _ORG_WORDS,
    _PERSON_OPENER,
    _POSS,
    _POSSESSIVE_SPEECH,
    _SAID_BY,
    _SUBJECT_PRONOUN,
    _SURNAME_ORG_WORDS,
    _TITLE_SMALL_WORDS,
    _TITLES,
    _VERB_RE,
    _VERBS,
)
from newsprism.analysis.regions import country_of
from newsprism.analysis.speakers import (
    _clean_who,
    _is_pronoun,
    _People,
    _surname_org_word,
    is_speaker_name,
    speaker_key,
)
from newsprism.errors import ModelError
from newsprism.nlp.names import is_first_name
from newsprism.nlp.syntax import verb_subject
from newsprism.nlp.text import word_list


def _said_by(segment: str) -> re.Match[str] | None:
    """The first "Name … said" of *segment* whose name is a name, not in the possessive.

    "When asked whether Mr. Trump …, Mr. Comey said": "When asked" reads as a name and a
    verb; the speaker is the next match.
    """
    pos = 0
    while (match := _SAID_BY.search(segment, pos)) is not None:
        who = _clean_who(match.group("who"))
        # a possessive owns a noun, it is no subject: "the Fed’s recently announced
        # facility, Crapo told reporters" is Crapo's
        owner = match.group("who").endswith(("’s", "'s"))
        # an office whose "of" phrase holds its holder: "White House Chief of Staff Mark
        # Meadows insists" is Meadows's, not "White House Chief"'s
        office = who is not None and who.split()[-1].lower().strip(".,") in _TITLES
        holder_after = office and re.match(r"\s+of\s+[A-Z]", segment[match.end("who") :])
        if who and who.lower() not in _LEADING_NOISE and not owner and not holder_after:
            return match
        pos = match.end("who")  # "Meanwhile, Sen. Christopher Murphy, …, said": look on
    return None


def _candidates(segment: str, *, possessors: bool = True) -> list[str]:
    """Names of *segment* in order, a speaker before a reporting verb first.

    Without *possessors*, a name in the possessive ("Trump's eldest son, …") is left out:
    it owns the subject, it is not the subject.
    """
    out: list[str] = []
    said = _said_by(segment)
    matches = list(_NAME_RE.finditer(segment))
    if said:
        matches.insert(0, said)
    for match in matches:
        name = _clean_who(match.group("who") if match.re is _SAID_BY else match.group())
        if not name or name.lower() in _LEADING_NOISE or _is_pronoun(name.split()[-1]):
            continue  # "S. She" of "in the U.S. She says"
        if re.fullmatch(r"[A-Z](?:\.[A-Z])*\.?|[A-Z]{1,3}", name) or not speaker_key(name):
            continue  # "U.S.", "UN": places and bodies, not the person a pronoun refers to
        inside_word = match.start() > 0 and (
            segment[match.start() - 1].isalnum() or segment[match.start() - 1] == "@"
        )
        if name.split()[0].lower() in {"one", "a", "an"} or re.search(r"\d", name) or inside_word:
            continue  # "one official"; "wUNn5lD372" or "3dJiFUsaoq" of a link
        if name.split()[0].strip(".") not in {"Mr", "Mrs", "Ms", "Dr"} and all(
            w.lower().strip(".,") in _OFFICES for w in name.split()
        ):
            continue  # "Secretary" of "Secretary of State Mike Pompeo"; "Mr. Judge" is a name
        if not possessors and match.group().endswith(("’s", "'s")):
            continue
        if match.re is _NAME_RE and (
            _MODIFIER.match(segment, match.end()) or segment[match.end() : match.end() + 2] in _POSS
        ):
            continue  # "the Bush administration", "the Trump campaign": not the person
        out.append(name)
    return out


def _antecedent(
    text: str,
    sentences: Sequence[tuple[int, int]],
    index: int,
    before: str,
    pronoun: str,
    people: _People,
    inside: Callable[[int], bool],
) -> str | None:
    """The name *pronoun* refers to.

    Looked for in *before* (the quote's sentence up to the quote), else in the nearest
    earlier sentence (of six) that names a fitting one, a speaker before a reporting verb
    and surer persons first; a sentence whose subject is the same pronoun is about the
    same person, so its names are skipped, and so are sentences *inside* a quotation.
    """
    found = people.best(_candidates(before), pronoun)
    if found:
        return found
    opening = _NOMINAL_OPENING.match(before)
    if (
        opening is not None
        and pronoun != "it"
        and opening.group("who").split()[-1] in _OFFICE_SPELLINGS
    ):
        # "As for DACA, the majority leader sketched out …: “…,” he said"
        return _lower_first(opening.group("who"))
    for j in range(index - 1, max(-1, index - 7), -1):
        if inside(sentences[j][0]):
            continue  # "…Should these issues not be resolved…" of an earlier quotation
        sentence = text[sentences[j][0] : sentences[j][1]]
        subject = _SUBJECT_PRONOUN.match(sentence)
        if subject is not None and subject.group("p").lower() == pronoun:
            continue  # "He also spent …": the same person; names in it are objects
        nominal = (_NOMINAL_THING if pronoun == "it" else _NOMINAL_SUBJECT).match(sentence)
        if nominal is not None:
            return nominal.group("who")[0].lower() + nominal.group("who")[1:]
        group = _PLURAL_SUBJECT.match(sentence) if pronoun == "they" else None
        if group is not None:
            # "Some immigration proponents will dismiss …. “…,” they will smugly say": an
            # unnamed group, not a name the sentences before hold ("Austin’s liberal mayor")
            return group.group("who").lower()
        found = people.best(_candidates(sentence), pronoun)
        if found:
            return found
    return None


#: A sentence opening with a plural, unnamed subject: "Some immigration proponents will …".
_PLURAL_SUBJECT = re.compile(
    r"^\W*(?P<who>(?:Some|Many|Most|Several|Other|Few|Both|All|These|Those)\s+"
    r"(?:[a-z][\w\-]*\s+){0,3}[a-z][\w\-]*[^s\W]s)\s+(?:[a-z]+s|[a-z]+ed|will|would|have|had|are|were|can|could|may|might)\b"
)


def _is_title(quoted: str) -> bool:
    """Tell whether *quoted* is a title or a name, not speech.

    Every word is capitalised but the small ones, and it is not shouted ("Meet the
    Press", "Gang of Eight"; not "NO COLLUSION", not "Yes").
    """
    words = re.findall(r"[^\s—–]+", quoted)
    if not 2 <= len(words) <= 12:
        return False
    capitalised = 0
    for word in words:
        core = word.strip("\"'‘’“”()[],.:;!?")
        if not core or core[0].isdigit():
            continue
        if core[0].isupper():
            capitalised += 1
        elif core.lower() not in _TITLE_SMALL_WORDS:
            return False
    return capitalised >= 2 and any(ch.islower() for ch in quoted)


def _shared_attribution(
    text: str,
    after_close: int,
    following: tuple[int, int],
    sentence_of: Callable[[int], tuple[int, int]],
) -> str | None:
    """The speaker named after the next quote when both quotes share one short clause.

    'The order "claiming to solve a problem" is really "no solution at all," Cuomo said.'
    """
    next_start, next_end = following
    gap = text[after_close : next_start - 1]
    if len(gap) > 60 or re.search(r"[.!?;:\n\"“”]", gap) or next_end >= len(text):
        return None
    if text[next_end] not in '"”“':
        return None
    _, sentence_end = sentence_of(min(len(text), next_end + 2))
    return _attribution(text[next_end + 1 : max(next_end + 1, sentence_end)], _AFTER)


def _lower_first(nominal: str) -> str:
    return nominal[:1].lower() + nominal[1:]


#: A reporting verb, then its speaker, closing a sentence's clause: "…, said Shawn Steel, …".
_SAID_INVERTED = re.compile(rf",\s*{_VERBS}\s+(?P<who>{_NAME})(?=\s*[,.;]|\s*$)")


def _new_subject(sentence: str, people: _People) -> list[str]:
    """The speaker a sentence introduces.

    A name before a reporting verb, or a sure person opening it ("Chinese Foreign Ministry
    spokesperson Geng Shuang appeared to …").
    """
    by = _said_by(sentence)
    if by and not _is_pronoun(by.group("who")):
        # the names of the subject before the verb first: "Ahead of a trip …, Secretary of
        # State Mike Pompeo told reporters" is Pompeo's ("Secretary" alone is no name)
        return _candidates(sentence[by.start() : by.end()])[:1] or _candidates(sentence)[:1]
    inverted = _SAID_INVERTED.search(sentence)
    if inverted and people.person_score(inverted.group("who")) == 2:
        # "…, this was no last-minute effort, said Shawn Steel, the party's delegate."
        return [_clean_who(inverted.group("who")) or inverted.group("who")]
    according = _ACCORDING.search(sentence)
    if according and according.group("who")[:1].isupper():
        return [
            _clean_who(according.group("who")) or according.group("who")
        ]  # "…, according to Levitt."
    unnamed = _NOMINAL_OPENING.match(sentence)
    if unnamed and unnamed.group("who").split()[-1] in _OFFICE_SPELLINGS:
        # "The president, in a letter to Tedros, levied …": the office holder, resolved later
        return [_lower_first(unnamed.group("who"))]
    subject = _OPENING_SUBJECT.match(sentence)
    if (
        subject
        and not _is_pronoun(subject.group("who").split()[-1])
        and people.person_score(subject.group("who")) == 2
    ):
        return [_clean_who(subject.group("who")) or subject.group("who")]
    return []


def _noun_cue(sentence: str, cue: re.Match[str]) -> bool:
    """Tell whether *cue* is a noun: a verb-noun after a lower-case word of a noun phrase."""
    if cue.group() not in _NOUN_LIKE_CUES:
        return False
    before = re.search(r"(\w+)\W*$", sentence[: cue.start()])
    if before is None:
        return False
    word = before.group(1)
    return (
        word.islower()
        and word not in {"he", "she", "it", "they", "also"}
        and not word.endswith("ly")
    )


def _parsed_subject(head: str, cue_at: int, people: _People) -> str | None:
    """The sure person the dependency parse gives as the subject of the cue in *head*.

    Parsed only when *head* names such a person at all (the parse costs a
    few ms; most sentences that reach here name none).
    """
    if not any(
        people.person_score(n) == 2 and people.named_person(n)
        for n in (m.group() for m in _NAME_RE.finditer(head))
    ):
        return None
    try:
        who = verb_subject(head, cue_at)
    except ModelError:
        return None  # no spaCy model: the patterns alone decide
    if who is None or _is_pronoun(who):
        return None
    who = _clean_who(who)
    # a person named as one (census first name, title, surname written alone), not a
    # misparse ("Pulitzer Prize-winning Lords", "Democratic National Convention")
    return who if who and people.person_score(who) == 2 and people.named_person(who) else None


#: A word of a short description ("a retired Army commander"): no clause word ("the man
#: who", "the strategy was to", "the assistance that Crozier had") and no adverb ("the
#: consultant allegedly").
_NOMINAL_WORD = (
    r"(?!(?:that|who|whom|whose|which|was|were|is|are|had|has|have|to|and|but|or)\b)"
    r"(?![\w\-]+ly\b)[\w\-’']+"
)


def _embedded_subject(sentence: str, people: _People) -> str | None:
    """The subject of a sentence that quotes inside it after a speech verb.

    *sentence* runs from the sentence start to the quote. The subject is the first
    name or pronoun before the first speech cue ("Trump …, declaring on Twitter that
    he “…”", "The election, he argued, was about … “…”").
    """
    owned = _POSSESSIVE_SPEECH.search(sentence)
    if (
        owned
        and not _VERB_RE.search(owned.group("tail"))
        and not _EMBEDDED_CUE.search(owned.group("tail"))
        and re.search(r"^\W*$|\b(?:that|to)\b|:", owned.group("tail"))
    ):
        # "Abraham Lincoln’s proclamation of October 3, 1863, inviting his fellow citizens
        # to “…”", "the president’s Twitter comment hours earlier that, “…”"
        return owned.group("who")
    cue = next((c for c in _EMBEDDED_CUE.finditer(sentence) if not _noun_cue(sentence, c)), None)
    if cue is None and sentence.rstrip().endswith(":"):
        # "Even the Post was skeptical of the estimate: “…”": the subject before the colon
        opening = _OPENING_SUBJECT.match(sentence)
        if opening is not None and not _is_pronoun(opening.group("who")):
            return _whole_body(sentence, opening.start("who"), opening.group("who"))
    if cue is None:
        # no speech verb: a sentence opening with a sure person who then acts on the
        # quote ("Vermeule specifically “hopes for …”", "Roberts referred to “…”")
        opener = _PERSON_OPENER.match(sentence)
        if opener and _PASSIVE.match(sentence, opener.end("who")):
            # "Archer was arrested … and charged with “…”": the charge's words, not his
            return None
        if opener and (
            opener.group("who") in {"He", "She"} or people.person_score(opener.group("who")) == 2
        ):
            return opener.group("who")
        return None
    head = sentence[: cue.start()]
    near = re.search(
        rf"(?:^|,\s*)(?:as\s+)?(?P<who>(?:the|a|an)\s+(?:{_NOMINAL_WORD}\s+){{0,3}}?"
        rf"(?=[a-z]){_NOMINAL_WORD}|he|she|they|it)\s*$",
        head,
    )
    if near:
        # "Following the election, the paper notes, …"; "…, as a retired Army commander told
        # me …, “…”" is the commander's, not the Army's
        return near.group("who")
    if re.search(r"[A-Z][\w\-]*['’]s\s+[a-z][\w\-]*\s*$", head):
        return None  # "Ford's lawyers said …": someone of Ford's, not named here
    parsed = _parsed_subject(sentence, cue.start(), people)
    if parsed is not None:
        # the subject the parse gives the cue, when a sure person: "The past week has
        # featured so much praise … that Jill Abramson, …, had to admit “…”"
        return parsed
    opening = _NOMINAL_OPENING.match(head)
    if opening is not None:
        return _lower_first(
            opening.group("who")
        )  # "Early on Monday, the U.S. president … by tweeting that"
    named = re.search(rf"(?:^|,\s*|\s)(?P<who>{_NAME})\s*$", head)
    if named and named.group("who") in _MONTH_SURNAMES:
        return named.group("who")  # "…, May said the four countries were “…”"
    subject = _SUBJECT_PRONOUN.match(head)
    if subject:
        return subject.group("p")
    names = [n for n in _candidates(head, possessors=False) if is_speaker_name(n)]
    if names:
        # a person before an organisation or place ("Democratic presidential candidate
        # Beto O'Rourke …"), else the first ("The Times noted that …")
        return people.best(names, "they") or names[0]
    inner = re.search(r"(?<![\w’'])(?:he|she|they)\s*$", head.rstrip(" ,"))
    if inner is None:
        inner = re.search(r",\s+(?P<p>he|she|they)\s+\w+,", sentence)  # "…, he argued, …"
        return inner.group("p") if inner else None
    return inner.group().strip()


#: A quote inside a relative clause of its speaker: "fabulist Roger Stone, who told a radio
#: host that “…”", "Trudeau - who referred to the matter as “…”".
_RELATIVE_SPEAKER = re.compile(
    rf"(?P<who>{_NAME})\s*(?:,|[—–]|\s-)\s*who\s+(?P<clause>[^,;:\"“”()—–]{{1,140}})$"
)


def _relative_speaker(head: str) -> str | None:
    """The name whose relative clause reaches the quote with a speech cue, else None."""
    match = _RELATIVE_SPEAKER.search(head.rstrip())
    if match is None:
        return None
    clause = match.group("clause")
    if not (_EMBEDDED_CUE.search(clause) or re.search(r"\breferred\s+to\b", clause)):
        return None
    who = _clean_who(match.group("who"))
    return who if who and is_speaker_name(who) and not _is_pronoun(who) else None


#: A passive verb after a subject: "Archer was arrested and charged with “…”".
_PASSIVE = re.compile(
    r"\s+(?:was|were|is|are|has\s+been|had\s+been|have\s+been)\s+[a-z]+(?:ed|en)\b"
)
#: Possessive determiners: a description opening with one after a preposition is its object.
_POSSESSIVE_DETS = frozenset(word_list("his her their"))
#: A preposition right before a description: "In a statement …", "With a nod …".
_ADVERBIAL_NOMINAL = re.compile(
    r"(?:^|[,;]\s*)(?:[Ii]n|[Ww]ith|[Ii]n\s+response\s+to|[Aa]fter|[Dd]uring|[Tt]hrough)\s+$"
)


#: The determiners a description opens with ("the company", "an aide").
_NOMINAL_STARTS = frozenset(
    word_list("the a an one another his her their The A An One Another His Her Their")
)
#: Adverbs between a description and its verb, no part of it: "The company also disputed".
_TRAILING_ADVERBS = frozenset(word_list("also then later still again"))
#: Words no description ends with: the phrase was cut inside a clause.
_DANGLING_WORDS = frozenset(
    word_list("and or but nor of to with for in on at by from that which who whose as than")
)


def _attribution(context: str, patterns: Sequence[re.Pattern[str]]) -> str | None:
    for pattern in patterns:
        match = pattern.search(context)
        while (
            match
            and match.group("who").lower() in _LEADING_NOISE
            and not _is_pronoun(match.group("who"))
        ):
            # "Now, as Rep. Ro Khanna, D-Cal., put it, “…”": "Now" is no speaker
            match = pattern.search(context, match.end("who"))
        adverbial = match
        while match and _ADVERBIAL_NOMINAL.search(context, 0, match.start("who")):
            # "In a statement about the effort, leader Kristan Hawkins, …, said:": a
            # description after a preposition is the sentence's adverbial, not its subject;
            # the subject comes after the phrase's comma ("In a document that an Ocasio-Cortez
            # adviser called a hoax, the plan is called …" has none)
            comma = context.find(",", match.start("who"))
            match = pattern.search(context, comma + 1) if comma >= 0 else None
        if match is None:
            if adverbial is not None and adverbial.group("who").split()[0] in _POSSESSIVE_DETS:
                # "William Kristol, who, in his previous, pre-woke incarnation, similarly
                # opined, “…”": a possessive description is the phrase's object, no speaker
                continue
            match = adverbial  # no subject after it: the description, as the only reading
        if match:
            who = match.group("who")
            tail = re.search(
                r"\s(?:which|whom|that|where|as|when|while|before|after)\s+(he|she|they)$", who
            )
            if tail is not None and who[:1].islower():
                # "his position … with a series of tweets in which he said that …", "… had
                # focused on the left's anti-Semitism as she declared:": the description
                # ends in a clause whose subject is the speaker
                return tail.group(1)
            named = _NAMED_APPOSITIVE.match(context, match.end("who"))
            if (
                named
                and (who.split()[0].lower() in _NOMINAL_HEADS or country_of(who) is not None)
                and (
                    len(named.group("who").split()) >= 2 or who.split()[0].lower() in _NOMINAL_HEADS
                )
                and named.group("who").split()[-1].lower() not in _DEMONYMS | _NOT_NAMES
            ):
                # "the French ambassador to the United States, Gérard Araud, tweeted"
                who = named.group("who")
            sender = _DOCUMENT_FROM.match(context, match.end("who"))
            if sender and re.search(rf"\b(?:{_DOCUMENTS})$", who):
                who = sender.group("who")  # "said a letter to the OSC from counsel Pat Cipollone"
            if _is_pronoun(who):
                return who
            if who.split()[0] in _NOMINAL_STARTS:
                words = who.split()
                while len(words) > 2 and words[-1] in _TRAILING_ADVERBS:
                    words.pop()  # "The company also disputed …, saying": the company
                if words[-1] in _DANGLING_WORDS:
                    # "issued a report today that analyzed the profiles of dozens of lone gun
                    # attackers and concluded that “…”": a phrase cut at a conjunction or
                    # preposition is no description of a speaker
                    continue
                who = " ".join(words)
            if who.split()[-1].lower().strip(".,") in _NOT_NAMES and not (
                who in _MONTH_SURNAMES and _VERB_RE.search(match.group())
            ):
                continue  # "Monday said" is no one; "“…,” May said" is Theresa May
            if who[:1].isupper() and all(w.lower().strip(".,") in _OFFICES for w in who.split()):
                continue  # "said Secretary" of "said Secretary of State spokesman Jake Rollow"
            return who
    return None


#: Head words of bodies named "X of Y" ("Bank of America", "Institute for Free Speech",
#: "Giffords Law Center to Prevent Gun Violence"); not the organisation words that are also
#: surnames ("Fiona Hill of the Brookings Institution" is a person of a body).
_BODY_HEADS = (_ORG_WORDS - _SURNAME_ORG_WORDS) | frozenset(
    word_list("society institution project")
)
_CAPITALISED = r"[A-Z][\w'’\-]*"
_BODY_HEAD_BEFORE = re.compile(
    rf"(?:{_CAPITALISED}[^\S\n]+){{0,3}}(?P<head>{_CAPITALISED})[^\S\n]+(?:of|for|to|on)"
    r"[^\S\n]+(?:(?:the|a|an)[^\S\n]+)?$"
)
_BODY_TAIL_AFTER = re.compile(
    rf"[^\S\n]+(?:of|for|to|on)[^\S\n]+(?:(?:the|a|an)[^\S\n]+)?{_CAPITALISED}"
    rf"(?:[^\S\n]+(?:(?:of|for|and|the)[^\S\n]+)*{_CAPITALISED})*"
)


def _body_name(who: str, sentence: str) -> str:
    """*who*, read from *sentence*, grown into the body's name it is part of there.

    The name patterns stop at "of", "for", "to": "as the Institute for Free Speech notes"
    read "Free Speech", "“…,” Bank of America wrote" read "Bank". A head word of a body
    before "of" / "for" / "to" joins the name after it, and the name after it joins a head
    word; a person's name stays as it is ("Ken Blackwell of the Family Research Council").
    """
    if not re.sub(r"^(?:the|The)\s+", "", who)[:1].isupper():
        return who  # "a group of Iranian lawmakers": a description, no body's name
    for found in re.finditer(rf"(?<![\w’'-]){re.escape(who)}(?![\w’'-])", sentence):
        grown = _grown_body(sentence, found.start(), found.end())
        if grown != who:
            return grown
    return who


def _whole_body(sentence: str, start: int, who: str) -> str:
    """*who*, with the capitalised words before it when it ends in a body's head word.

    The opening pattern lets leading capitalised words pass as sentence furniture, which
    left "Organization" of "The World Health Organization echoes China’s assessment: “…”".
    """
    if who.split()[-1].lower().strip(".,") not in _BODY_HEADS:
        return who
    run = re.search(rf"(?:{_CAPITALISED}[^\S\n]+)+$", sentence[:start])
    if run is None:
        return who
    words = run.group().split()
    while words and words[0].lower() in _LEADING_NOISE:
        words = words[1:]
    return " ".join([*words, who])


def _grown_body(context: str, start: int, end: int) -> str:
    who = context[start:end]
    words = who.split()
    if words and words[-1].lower().strip(".,") in _BODY_HEADS:
        tail = _BODY_TAIL_AFTER.match(context, end)
        if tail is not None and not _surname_org_word(words):
            return who + tail.group()
    if any(is_first_name(w) for w in words[:-1]) or _is_pronoun(who):
        return who  # "Homeland Security Secretary Kirstjen Nielsen": a person, not a body
    head = _BODY_HEAD_BEFORE.search(context, 0, start)
    if head is not None and head.group("head").lower() in _BODY_HEADS:
        body = context[head.start() : start].split()
        while body and body[0].lower() in _LEADING_NOISE:
            body = body[1:]
        return " ".join([*body, who])
    return who
