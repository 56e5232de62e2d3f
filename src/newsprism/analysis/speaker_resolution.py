"""Speakers resolved to the people the text names; words that name no one dropped.

`resolve_speakers` turns offices into the one holder named before the quote ("the
state senator" → "Clyde Chambliss"), surnames into the full name the text gives, and
descriptions ending in a name into the name ("the historian Ira Katznelson").
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.analysis.descriptions import (
    _another_holder,
    _describes_person,
    _document_owner,
    _introduced_unnamed,
    _is_office,
    _named_body,
    _office_holder,
    _office_in_context,
    _offices_before,
    _subject_before,
)
from newsprism.analysis.quote_patterns import (
    _DESCRIBED_SURNAME,
    _DOCUMENT_BY,
    _LEADING_NOISE,
    _ORG_WORDS,
    _TITLES,
    _TRAILING_NAME,
)
from newsprism.analysis.quotes import Quote, clean_page_text
from newsprism.analysis.speakers import (
    _by_surname,
    _display_name,
    _full_name_mentions,
    _namesake_nearby,
    _person_tail,
    is_common_word,
    is_speaker_name,
)
from newsprism.nlp.text import STOP_WORDS

__all__ = ["resolve_speakers"]


def resolve_speakers(quotes: Sequence[Quote], text: str) -> list[Quote]:
    """Resolve each speaker to the full name the text gives them, and drop non-speakers.

    "Trump" / "Mr. Trump" → "Donald Trump" when the text spells it out; "the president"
    → "Donald Trump" when the text calls exactly one person "President …"; "the New
    York governor" → "Andrew Cuomo". A speaker that is a noun or group ("Department",
    "Muslims") becomes None. Returns new `Quote` objects in the same order.
    """
    text = clean_page_text(text)
    mentions = _full_name_mentions(text)
    full = _by_surname(mentions)  # one scan of the text's names serves both
    offices = _offices_before(text)
    stood_for: dict[str, str] = {}  # a description → the person it stood for first
    out: list[Quote] = []
    for quote in quotes:
        speaker = quote.speaker
        if (
            speaker is not None
            and speaker[:1].isupper()
            and _is_office(speaker)
            and (" " in speaker or speaker.lower() not in full)
        ):
            # an office, unless the surname of a person the text names ("Mark Judge" …
            # "Judge said he would …")
            speaker = "the " + speaker  # "the House Minority Leader wrote": an office, no name
        if (
            speaker is not None
            and _describes_person(speaker)
            and _office_holder(speaker, text, quote.start) is None
            and not _introduced_unnamed(speaker, text, quote.start)
        ):
            # "Biggs seconded Buck's sentiment …. “…,” the Arizona Republican told The Hill":
            # the person the sentences before the quote are about; the quotes after it that
            # go on with the description are that person's too, whoever else the
            # sentences between name ("… he wrote in a letter to Secretary Kirstjen Nielsen")
            if speaker not in stood_for:
                subject = _subject_before(speaker, text, quote.start, full, offices)
                if subject is not None:
                    stood_for[speaker] = subject
            speaker = stood_for.get(speaker, speaker)
        trailing = _TRAILING_NAME.match(speaker) if speaker is not None else None
        if trailing is not None and trailing.group("pre") not in _LEADING_NOISE:
            speaker = trailing.group("who")  # "the historian Ira Katznelson" is Ira Katznelson
        elif speaker is not None and (author := _DOCUMENT_BY.match(speaker)) is not None:
            speaker = author.group("who")  # "a statement from Stephanie Grisham"
        elif (
            speaker is not None
            and (described := _DESCRIBED_SURNAME.match(speaker)) is not None
            and described.group("who").lower() in full
        ):
            speaker = described.group("who")  # "an emotional Acosta" of "Jim Acosta"
        if speaker is not None and speaker[:1].islower():
            holder = _office_in_context(
                speaker, text, quote.start, full, offices
            ) or _document_owner(speaker, text, quote.start)
            if holder is None:
                # "the palace" → "Buckingham Palace", named before the quote; a body's name
                # is no person's, so it skips the full-name step below
                body = _named_body(speaker, text, quote.start) or speaker
                out.append(Quote(quote.text, quote.start, quote.end, body, quote.kind))
                continue
            speaker = holder
        if speaker is not None and is_common_word(speaker, text, full):
            # "Much of …", "Around noon, …": a common word, no name; a plural noun is an
            # unnamed group ("Investigators said" → "investigators")
            low = speaker.lower()
            plural = low.endswith("s") and not low.endswith("ss") and low not in STOP_WORDS
            out.append(
                Quote(quote.text, quote.start, quote.end, low if plural else None, quote.kind)
            )
            continue
        if speaker is not None:
            if (
                len(speaker.split()) > 1
                and speaker.split()[-1].lower().strip(".,") in _ORG_WORDS
                and speaker.split()[0] not in {"A", "An", "The"}
                and "’s" not in speaker
                and "'s" not in speaker
            ):
                # an organisation: "Justice Department" keeps its first word, not a
                # modifier ("the Richmond-based Fourth Circuit Court")
                words = speaker.split()
                while len(words) > 1 and words[0].lower().endswith("-based"):
                    words = words[1:]
                speaker = " ".join(words)
            elif not is_speaker_name(speaker) and speaker.lower() not in full:
                # a noun or group ("Muslims"), unless the surname of a person the text
                # names in full: "Evans" of "John Evans" reads like "Americans"
                speaker = None
            else:
                name = _person_tail(_display_name(speaker))
                words = name.split()
                if words and words[0].strip(".").lower() in _TITLES:
                    words = words[1:] or words
                surname = words[-1].lower() if words else ""
                fuller = full.get(surname)
                if fuller is None and len(words) == 1 and words[0][:1].isupper():
                    # a family name written first: "Kim" of "Kim Jong Un", "Xi" of "Xi
                    # Jinping": the one full name it opens, a person's (no body's word)
                    openers = {
                        f
                        for f in full.values()
                        if f.split()[0].lower() == surname
                        and len(f.split()) >= 2
                        and not any(w.lower().strip(".,") in _ORG_WORDS for w in f.split())
                    }
                    if len(openers) == 1:
                        fuller = next(iter(openers))
                if (
                    len(words) == 1
                    and fuller is not None
                    and not (offices.get(surname) or offices.get(fuller.lower()))
                ):
                    # two people of one name: the one just named ("… to her father, Gary
                    # Grubbs. “…”"); not when the bare name carries an office ("President
                    # Trump"): that one is the story's, whichever relative was named last
                    fuller = _namesake_nearby(surname, mentions, quote.start) or fuller
                if (
                    fuller
                    and len(fuller.split()) > len(words)
                    and (len(words) == 1 or fuller.split()[0] == words[0])
                    and (len(words) > 1 or not _another_holder(surname, fuller, speaker, offices))
                ):
                    name = fuller
                speaker = name if words else None
        out.append(Quote(quote.text, quote.start, quote.end, speaker, quote.kind))
    return out
