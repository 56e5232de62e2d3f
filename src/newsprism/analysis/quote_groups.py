"""Quotes grouped across a story's outlets: by speaker, then by the quote's text.

Speakers are grouped by name: titles are dropped ("President Joe Biden" → "Joe Biden")
and a surname alone ("Coale", "Mr. Coale") joins the one full name that ends with it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsprism.analysis.quote_patterns import _ORG_WORDS, _SURNAME_ORG_WORDS
from newsprism.analysis.quotes import Quote
from newsprism.analysis.speakers import _display_name, person_core, speaker_key

__all__ = ["group_quotes", "surname_aliases"]


def _quote_key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def surname_aliases(names: Iterable[str], full_names: Mapping[str, int]) -> dict[str, str]:
    """Map name keys to the most mentioned full-name key they abbreviate or extend.

    *full_names* maps multi-word keys to how often they occur. A surname joins a full name
    ending with it ("barr" → "william barr"), and a name with a job title the title list
    does not know joins the full name it ends with ("senate majority leader mitch
    mcconnell" → "mitch mcconnell").
    """
    alias: dict[str, str] = {}
    for key in names:
        if not key:
            continue
        if " " in key:
            owners = [f for f in full_names if f != key and key.endswith(" " + f)]
            if not owners:
                # the same person spelled another way: "jerrold l nadler", "jerry nadler"
                # and "jerrold nadler" join the most mentioned of them
                core = person_core(key)
                owners = [f for f in full_names if core is not None and person_core(f) == core]
                owners = [max(owners, key=lambda f: (full_names[f], -len(f), f))] if owners else []
                owners = [f for f in owners if f != key]
        elif key in _ORG_WORDS and key not in _SURNAME_ORG_WORDS:
            # a body's noun is no surname: "Department" (of "the department said") had
            # joined "Chicago Police Department", the story's most named department, and
            # gave it the Justice Department's statement
            owners = []
        else:
            owners = [f for f in full_names if f.split()[-1] == key]
        if owners:
            # ties in mentions and length go to the first in alphabetical order: the
            # mapping's own order followed the process's hash seed ("trump" went to "ivanka
            # trump" or to "donald trump" from one run to the next)
            alias[key] = max(sorted(owners), key=lambda f: (full_names[f], -len(f)))
    return alias


def group_quotes(
    items: Sequence[tuple[int, str, Quote]],
    *,
    known_names: Mapping[str, int] | None = None,
    max_speakers: int = 20,
) -> list[dict[str, Any]]:
    """Quotes ``(article_id, outlet, quote)`` grouped by speaker, then by quote text.

    Returns ``[{"speaker", "quotes": [{"text", "article_ids", "outlets", "kind"}]}]``,
    speakers with the most outlets first; the unattributed group (speaker None) last.
    A quote another outlet carries in part (a substring) joins the longer quote.
    *known_names* (full names of the story's PERSON entities → mentions) let a surname
    that no quote spells out in full join its full name ("Barr" → "William Barr").
    """
    keys = {speaker_key(q.speaker) for _a, _o, q in items if q.speaker}
    full: dict[str, int] = defaultdict(int)
    spelled: dict[str, str] = {}
    for known, count in (known_names or {}).items():
        key = speaker_key(known)
        if " " in key:
            full[key] += count
            spelled.setdefault(key, _display_name(known))
    for key in keys:
        if " " in key:
            full[key] += 1
    alias = surname_aliases(keys, full)
    groups: dict[str | None, list[tuple[int, str, Quote]]] = defaultdict(list)
    display: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for article_id, outlet, quote in items:
        if quote.speaker:
            key = speaker_key(quote.speaker)
            key = alias.get(key, key)
            groups[key].append((article_id, outlet, quote))
            display[key][_display_name(quote.speaker)] += 1
        else:
            groups[None].append((article_id, outlet, quote))
    out: list[dict[str, Any]] = []
    for group_key, members in groups.items():
        merged: list[dict[str, Any]] = []
        for article_id, outlet, quote in sorted(members, key=lambda m: -len(m[2].text)):
            qkey = _quote_key(quote.text)
            target = next((m for m in merged if qkey and qkey in m["_key"]), None)
            if target is None:
                target = {
                    "text": quote.text,
                    "article_ids": [],
                    "outlets": [],
                    "kind": quote.kind,
                    "_key": qkey,
                }
                merged.append(target)
            if article_id not in target["article_ids"]:
                target["article_ids"].append(article_id)
            if outlet not in target["outlets"]:
                target["outlets"].append(outlet)
        merged.sort(key=lambda m: (-len(m["outlets"]), m["kind"] != "direct", -len(m["text"])))
        for m in merged:
            del m["_key"]
        name: str | None = None
        if group_key is not None:
            # the spelling of the group's own name if used, else the longest ("John Coale"
            # over "Coale"), titles dropped
            spellings = dict(display[group_key])
            if group_key in spelled:
                spellings.setdefault(spelled[group_key], 0)
            exact = {k: v for k, v in spellings.items() if speaker_key(k) == group_key}
            spellings = exact or spellings
            name = max(spellings.items(), key=lambda kv: (len(kv[0].split()), kv[1]))[0]
        out.append({"speaker": name, "quotes": merged})
    out.sort(
        key=lambda g: (
            g["speaker"] is None,
            -len({o for q in g["quotes"] for o in q["outlets"]}),
            str(g["speaker"]),
        )
    )
    return out[:max_speakers]
