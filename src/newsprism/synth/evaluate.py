"""``newsprism eval faithfulness``: how well the guard drops planted claims and keeps real ones.

Without ``--cases`` the evaluation is built at run time from the public baly2020 articles
(read in place, never copied): same-day articles of one topic whose titles share at least two
content words, from at least two outlets, form a multi-outlet story. From each story we take

* supported sentences: a real source sentence, a light paraphrase of one (digits ↔ words,
  "December" ↔ "Dec.", curly ↔ straight quotes, surname only, a dropped opening connective,
  a dropped trailing clause) or a fusion of two outlets' sentences, cited to what they use;
* planted unsupported sentences, each citing the sentence it distorts: a wrong person, a
  wrong number, a wrong date, an invented or altered quotation, and a claim from another
  story — plus the seed's "Biden administration" line and its anonymous-diplomat quote
  planted against the stories that mention Belarus.

Your own cases: JSONL, one object a line,
``{"sources": ["…", …], "sentence": "…", "expected": "supported" | "unsupported"}``, with an
optional ``kind`` (reported per kind), ``split`` and ``id``. A source may instead be a reference
into baly2020, ``{"article": id, "start": n, "end": m, "sha1": "…"}``, read in place and checked
against the sha1 (so a case file holds no article text); and ``sentence_from``
``{"source": k, "edits": [[start, end, "new text"], …]}`` builds the sentence from source *k*
with the given character spans replaced (no edits: the source itself, a verbatim sentence).
The project's own set, ``tests/synth/cases/faithfulness_cases.jsonl``, is written that way.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.config import Settings
from newsprism.errors import DatasetError
from newsprism.nlp.lexicon import SAYING
from newsprism.synth.guard import FaithfulnessGuard, GuardItem, outside_quotes
from newsprism.synth.sources import quotes_balanced
from newsprism.synth.text import (
    MONTH_NAMES,
    STOPWORDS,
    content_words,
    number_values,
    split_sentences,
    word_tokens,
)

__all__ = [
    "Case",
    "build_cases",
    "evaluate_cases",
    "evaluate_faithfulness",
    "find_baly",
    "load_cases",
]

SEED_PLANT = (
    "The Biden administration appears interested in leveraging moments like these to "
    "further stabilize Belarus."
)
SEED_QUOTE = (
    "“We must understand that the situation is in flux and anything could happen, but this "
    "move indicates a willingness to negotiate,” remarked a seasoned diplomat who requested "
    "anonymity."
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = re.split(
    " ",
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen",
)
_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,}) ([A-Z][a-z]{2,})\b")
_CONNECTIVE = re.compile(r"^(But|And|However|Meanwhile|Still|Yet|So|Also),? ")


@dataclass
class Case:
    """One judged sentence: its sources, the sentence, the expected verdict and its kind."""

    sources: list[str]
    sentence: str
    expected: str
    kind: str = "user"
    story: str = ""
    split: str = ""
    id: str = ""


_CASE_FORMAT = (
    '{"sources": ["…"], "sentence": "…", "expected": "supported"|"unsupported"} '
    "(see docs/briefs.md)"
)


def load_cases(path: Path, *, split: str | None = None, baly: Path | None = None) -> list[Case]:
    """Read a JSONL cases file (format in the module docstring and docs/briefs.md).

    *split* keeps only the cases of that split (``tune`` / ``test``). Sources given as
    baly2020 references are read from *baly* (default: `find_baly`), each checked by its sha1.
    """
    if not path.exists():
        raise DatasetError(f"{path} does not exist: pass --cases with a JSONL file of cases.")
    rows: list[tuple[int, dict[str, Any]]] = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict) or not isinstance(data["sources"], list):
                raise TypeError("sources must be a list")
            if "sentence" not in data and "sentence_from" not in data:
                raise KeyError("sentence")
        except (ValueError, KeyError, TypeError) as exc:
            raise DatasetError(f"{path}:{line_no}: not a case ({exc}); each line must be "
                               f"{_CASE_FORMAT}") from None  # fmt: skip
        expected = str(data.get("expected"))
        if expected not in ("supported", "unsupported"):
            raise DatasetError(
                f'{path}:{line_no}: expected must be "supported" or "unsupported", not {expected!r}'
            )
        if split is None or data.get("split") == split:
            rows.append((line_no, data))
    wanted = {str(s["article"]) for _, d in rows for s in d["sources"] if isinstance(s, dict)}
    articles = _read_articles(baly or find_baly(), wanted) if wanted else {}
    cases = []
    for line_no, data in rows:
        try:
            sources = [_source_text(s, articles) for s in data["sources"]]
            sentence = _sentence(data, sources)
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise DatasetError(f"{path}:{line_no}: {exc}") from None
        expected = str(data["expected"])
        cases.append(Case(sources, sentence, expected, kind=str(data.get("kind", expected)),
                          story=str(data.get("story", "")), split=str(data.get("split", "")),
                          id=str(data.get("id", line_no))))  # fmt: skip
    if not cases:
        raise DatasetError(f"{path} holds no cases" + (f" of split {split!r}" if split else "")
                           + "; see docs/briefs.md for the format.")  # fmt: skip
    return cases


def _read_articles(path: Path, wanted: set[str]) -> dict[str, str]:
    """The text of the *wanted* baly2020 articles, read in place."""
    found: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["id"] in wanted:
                found[row["id"]] = row["text"]
    return found


def _source_text(source: object, articles: dict[str, str]) -> str:
    """A source given as text, or as a checked baly2020 span."""
    if isinstance(source, str):
        return source
    if not isinstance(source, dict):
        raise TypeError("a source is a string or an article reference")
    article = str(source["article"])
    if article not in articles:
        raise ValueError(f"article {article} is not in baly2020")
    text = articles[article][int(source["start"]) : int(source["end"])]
    if hashlib.sha1(text.encode("utf-8")).hexdigest() != source["sha1"]:
        raise ValueError(f"the span of article {article} does not match its sha1 (data changed?)")
    return text


def _sentence(data: dict[str, Any], sources: list[str]) -> str:
    """The case's sentence: given, or built from a source with character-span edits."""
    if "sentence" in data:
        return str(data["sentence"])
    spec = data["sentence_from"]
    base = sources[int(spec["source"])]
    # apply from the end so earlier offsets stay valid
    for start, end, new in sorted(spec.get("edits", []), key=lambda e: -int(e[0])):
        base = base[: int(start)] + str(new) + base[int(end) :]
    return base


# --- stories from baly2020 -------------------------------------------------------------


def _stories(path: Path) -> list[list[dict[str, Any]]]:
    """Group multi-outlet stories: same day, same topic, titles sharing ≥ 2 content words."""
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            by_day[row["published"]].append(row)
    stories: list[list[dict[str, Any]]] = []
    for day in sorted(by_day):
        stories.extend(_same_story_groups(by_day[day]))
    return stories


def _same_story_groups(arts: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Union-find over one day's articles; groups with at least two outlets."""
    parent = list(range(len(arts)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    words = [set(content_words(a["title"])) for a in arts]
    for i in range(len(arts)):
        for j in range(i + 1, len(arts)):
            same_topic = arts[i]["topic"] == arts[j]["topic"]
            if (
                arts[i]["outlet"] != arts[j]["outlet"]
                and same_topic
                and len(words[i] & words[j]) >= 2
            ):
                parent[find(i)] = find(j)
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for k, art in enumerate(arts):
        groups[find(k)].append(art)
    return [g for g in groups.values() if len({a["outlet"] for a in g}) >= 2]


def _sentences(story: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """List (outlet, sentence) pairs of reasonable length, at most 25 per article."""
    out = []
    for art in story:
        text = art["text"]
        for start, end in split_sentences(text)[:25]:
            sentence = text[start:end].strip()
            if 8 <= len(sentence.split()) <= 45 and sentence[0].isupper() and "\n" not in sentence:
                out.append((art["outlet"], sentence))
    return out


def _vocab(sentences: list[str]) -> set[str]:
    return {t.lower() for s in sentences for t in word_tokens(s)}


# --- supported sentences -----------------------------------------------------------------


def _paraphrase(sentence: str, rng: random.Random) -> str | None:
    """Rewrite *sentence* keeping its meaning, or return None when no rewrite applies."""
    options = []
    m = re.search(r"(?<![-\w])([1-9]|1[0-9])\b(?![.,]?\d)(?!\s*(?:percent|%|a\.m|p\.m))", sentence)
    if m:
        word = _NUMBER_WORDS[int(m.group(1))]
        options.append(sentence[: m.start()] + word + sentence[m.end() :])
    for k, month in enumerate(MONTH_NAMES):
        full = month.capitalize()
        if re.search(rf"\b{full} \d", sentence) and len(full) > 5:
            short = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
                     "Oct.", "Nov.", "Dec.")[k]  # fmt: skip
            options.append(re.sub(rf"\b{full}\b", short, sentence))
    if "“" in sentence or "”" in sentence:
        options.append(sentence.replace("“", '"').replace("”", '"'))
    elif '"' in sentence:
        quoted = re.sub(r'"([^"]*)"', r"“\1”", sentence)
        options.append(quoted)
    names = _NAME.findall(outside_quotes(sentence))  # a quotation is never rewritten
    if names and sentence.count(names[0][1]) == 1:
        first, last = names[0]
        options.append(sentence.replace(f"{first} {last}", last, 1))
    if _CONNECTIVE.match(sentence):
        rest = _CONNECTIVE.sub("", sentence, count=1)
        options.append(rest[0].upper() + rest[1:])
    if '"' not in sentence and "“" not in sentence:
        parts = sentence.rstrip(".").split(", ")
        if len(parts) >= 2 and len(parts[0].split()) >= 8:
            options.append(parts[0] + ".")
    return rng.choice(options) if options else None


def _fuse(a: str, b: str) -> str:
    """Join two sentences as one: "A, and b." when b starts with a function word, else "A; B"."""
    a = a.rstrip().rstrip(".")
    first = b.split()[0]
    if first.lower() in STOPWORDS and first.lower() not in ("i",):
        return f"{a}, and {b[0].lower()}{b[1:]}"
    return f"{a}; {b}"


# --- planted sentences -------------------------------------------------------------------


def _wrong_person(sentence: str, vocab: set[str], names: list[tuple[str, str]],
                  rng: random.Random) -> str | None:  # fmt: skip
    found = [n for n in _NAME.findall(sentence) if n[0].lower() not in STOPWORDS]
    if not found:
        return None
    first, last = found[0]
    for _ in range(20):
        other = rng.choice(names)
        if other[0].lower() not in vocab and other[1].lower() not in vocab:
            return sentence.replace(f"{first} {last}", f"{other[0]} {other[1]}", 1)
    return None


def _wrong_number(sentence: str, known: set[float], rng: random.Random) -> str | None:
    matches = list(re.finditer(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?(?![\d,]*\.\d)", sentence))
    if not matches:
        return None
    m = rng.choice(matches)
    value = float(m.group().replace(",", ""))
    for candidate in (value * 2 + 3, value + 17, value * 3 + 1, value + 110):
        if candidate not in known:
            shown = f"{int(candidate):,}" if candidate == int(candidate) else f"{candidate:g}"
            return sentence[: m.start()] + shown + sentence[m.end() :]
    return None


def _wrong_date(sentence: str, vocab: set[str], known: set[float],
                rng: random.Random) -> str | None:  # fmt: skip
    for month in MONTH_NAMES:
        full = month.capitalize()
        if re.search(rf"\b{full}\b", sentence) and month != "may":
            others = [m.capitalize() for m in MONTH_NAMES if m not in vocab and m != "may"]
            if others:
                return re.sub(rf"\b{full}\b", rng.choice(others), sentence, count=1)
    for day in WEEKDAYS:
        if re.search(rf"\b{day}\b", sentence):
            others = [d for d in WEEKDAYS if d.lower() not in vocab]
            if others:
                return re.sub(rf"\b{day}\b", rng.choice(others), sentence, count=1)
    year = re.search(r"\b(19[5-9]\d|20[0-2]\d)\b", sentence)
    if year:
        for delta in (1, -1, 2, -2, 3):
            candidate = int(year.group()) + delta
            if float(candidate) not in known:
                return sentence[: year.start()] + str(candidate) + sentence[year.end() :]
    return None


def _invented_quote(sentence: str, speakers: list[str], foreign: list[str],
                    rng: random.Random) -> str | None:  # fmt: skip
    real = re.search(r"[“\"]([^”\"]{12,})[”\"]", sentence)
    donor_words = rng.choice(foreign).rstrip(".").split()
    start = rng.randrange(0, max(1, len(donor_words) - 6))
    invented = " ".join(donor_words[start : start + rng.randint(5, 9)]).strip(',;:“”"')
    if not invented:
        return None
    if real:
        return sentence[: real.start(1)] + invented + sentence[real.end(1) :]
    if not speakers:
        return None
    speaker = rng.choice(speakers)
    return f"{sentence.rstrip()} “{invented[0].upper()}{invented[1:]},” {speaker} said."


_AUX = re.compile(r"\b(is|are|was|were|will|has|have|had|would|could|can|did)\b(?! not\b)")
_SAID = re.compile(rf"\b([A-Z][a-z]{{2,}}) ({'|'.join(SAYING)})\b")


def _negate(sentence: str) -> str | None:
    """Insert "not" after the first auxiliary verb outside quotations (a reversed claim)."""
    if re.search(r"\b(not|never|no)\b|n't", sentence):
        return None
    m = _AUX.search(outside_quotes(sentence))
    if not m:
        return None
    return sentence[: m.end()] + " not" + sentence[m.end() :]


def _swap_speaker(sentence: str, texts: list[str]) -> tuple[str, str] | None:
    """Attribute *sentence*'s statement to another person the story's sources name."""
    m = _SAID.search(outside_quotes(sentence))
    if not m or m.group(1).lower() in STOPWORDS:
        return None
    for other in texts:
        if other == sentence:
            continue
        o = _SAID.search(outside_quotes(other))
        if o and o.group(1) != m.group(1) and o.group(1).lower() not in STOPWORDS:
            planted = sentence[: m.start(1)] + o.group(1) + sentence[m.end(1) :]
            return planted, other
    return None


def build_cases(path: Path, *, max_stories: int = 70, seed: int = 8) -> list[Case]:
    """Build the evaluation cases from baly2020 at *path* (see the module docstring)."""
    rng = random.Random(seed)
    stories = _stories(path)
    # widest stories first (most outlets), then a fixed-seed sample of the rest
    stories.sort(key=lambda g: (-len({a["outlet"] for a in g}), g[0]["published"]))
    chosen = stories[: max_stories // 2]
    rest = stories[max_stories // 2 :]
    chosen += rng.sample(rest, min(len(rest), max_stories - len(chosen)))
    belarus = [g for g in stories if any("Belarus" in a["text"] for a in g)]
    all_sentences = {id(g): _sentences(g) for g in chosen + belarus}
    names = sorted({n for g in chosen for _, s in all_sentences[id(g)] for n in _NAME.findall(s)
                    if n[0].lower() not in STOPWORDS})  # fmt: skip
    cases: list[Case] = []
    for g in chosen:
        sents = all_sentences[id(g)]
        if len(sents) < 6:
            continue
        label = f"{g[0]['published']} {g[0]['title'][:60]}"
        texts = [s for _, s in sents]
        vocab = _vocab(texts)
        known: set[float] = set()
        for s in texts:
            known |= number_values(s)
        rng.shuffle(sents)
        # supported: verbatim, paraphrase, fusion across outlets
        outlet_a, a = sents[0]
        cases.append(Case([a], a, "supported", "verbatim", label))
        for _, s in sents[1:]:
            para = _paraphrase(s, rng)
            if para and para != s:
                cases.append(Case([s], para, "supported", "paraphrase", label))
                break
        for _, s in sents[5:]:
            para = _paraphrase(s, rng)
            if para and para != s:
                cases.append(Case([s], para, "supported", "paraphrase", label))
                break
        # fusing a sentence that opens a quotation it does not close would misquote it
        other = next((s for o, s in sents[1:] if o != outlet_a and quotes_balanced(s)), None)
        if other and quotes_balanced(a):
            cases.append(Case([a, other], _fuse(a, other), "supported", "fusion", label))
        # planted: one of each kind the story allows
        speakers = sorted({last for s in texts for _, last in _NAME.findall(s)})
        foreign_story = rng.choice([x for x in chosen if x is not g])
        foreign = [s for _, s in all_sentences[id(foreign_story)]] or [SEED_PLANT]
        for kind in ("wrong_person", "wrong_number", "wrong_date", "invented_quote"):
            for _, s in sents:
                if kind == "wrong_person":
                    planted = _wrong_person(s, vocab, names, rng)
                elif kind == "wrong_number":
                    planted = _wrong_number(s, known, rng)
                elif kind == "wrong_date":
                    planted = _wrong_date(s, vocab, known, rng)
                else:
                    planted = _invented_quote(s, speakers, foreign, rng)
                if planted and planted != s:
                    cases.append(Case([s], planted, "unsupported", kind, label))
                    break
        # hard plants, reported apart: the deterministic checks and MiniLM cannot see them
        for _, s in sents:
            negated = _negate(s)
            if negated:
                cases.append(Case([s], negated, "unsupported", "hard_negation", label))
                break
        for _, s in sents:
            swapped = _swap_speaker(s, texts)
            if swapped:
                planted, other_source = swapped
                cases.append(Case([s, other_source], planted, "unsupported",
                                  "hard_swapped_speaker", label))  # fmt: skip
                break
        claim = rng.choice(foreign)
        nearest = max(texts, key=lambda t: len(set(content_words(t)) & set(content_words(claim))))
        cases.append(Case([nearest], claim, "unsupported", "other_story", label))
    for g in belarus[:5]:
        texts = [s for _, s in all_sentences[id(g)] if "Belarus" in s] or [
            s for _, s in all_sentences[id(g)]
        ]
        label = f"{g[0]['published']} {g[0]['title'][:60]}"
        cases.append(Case(texts[:3], SEED_PLANT, "unsupported", "seed_biden", label))
        cases.append(Case(texts[:3], SEED_QUOTE, "unsupported", "seed_quote", label))
    if not belarus:  # the data set always has them; keep the seed line in any case
        g = chosen[0]
        texts = [s for _, s in all_sentences[id(g)]][:3]
        cases.append(Case(texts, SEED_PLANT, "unsupported", "seed_biden", "no Belarus story"))
    return cases


#: The plain baseline beside the guard: keep a sentence when this share of its content words
#: occurs in its cited sources. Chosen on the tuning half of the project's own case set.
BASELINE_MIN_OVERLAP = 0.9


def lexical_baseline(sentence: str, sources: list[str]) -> bool:
    """The baseline's verdict: True (kept) when its content words occur in the sources."""
    words = content_words(sentence)
    if not words:
        return True
    known = set(content_words(" ".join(sources)))
    return sum(w in known for w in words) / len(words) >= BASELINE_MIN_OVERLAP


def _figures(cases: list[Case], dropped: list[bool]) -> dict[str, Any]:
    """Totals and per-kind shares dropped, for one judge's verdicts."""
    by_kind: dict[str, dict[str, Any]] = {}
    for case, drop in zip(cases, dropped, strict=True):
        row = by_kind.setdefault(case.kind, {"expected": case.expected, "cases": 0, "dropped": 0})
        row["cases"] += 1
        row["dropped"] += int(drop)
    for row in by_kind.values():
        row["dropped_share"] = round(row["dropped"] / row["cases"], 4)
    unsupported = [d for c, d in zip(cases, dropped, strict=True) if c.expected == "unsupported"]
    supported = [d for c, d in zip(cases, dropped, strict=True) if c.expected == "supported"]
    caught = [r["dropped_share"] for r in by_kind.values() if r["expected"] == "unsupported"]
    return {
        "unsupported": len(unsupported),
        "unsupported_dropped": sum(unsupported),
        "unsupported_dropped_share": (
            round(sum(unsupported) / len(unsupported), 4) if unsupported else None
        ),
        "supported": len(supported),
        "supported_dropped": sum(supported),
        "supported_dropped_share": round(sum(supported) / len(supported), 4) if supported else None,
        "weakest_unsupported_kind_caught": min(caught) if caught else None,
        "by_kind": dict(sorted(by_kind.items())),
    }


def evaluate_cases(
    cases: list[Case], guard: FaithfulnessGuard, *, baseline: bool = True
) -> dict[str, Any]:
    """Run *guard* over *cases*: counts, shares, per-kind figures and example mistakes.

    With *baseline*, the same figures for `lexical_baseline` sit beside the guard's.
    """
    # each case sees its story's other cited sources, as a sentence of a brief sees the brief's
    story_sources: dict[str, list[str]] = defaultdict(list)
    for c in cases:
        if c.story:
            story_sources[c.story].extend(s for s in c.sources if s not in story_sources[c.story])
    start = time.perf_counter()
    verdicts = guard.check_many(
        [GuardItem(c.sentence, c.sources, context=story_sources.get(c.story, ())) for c in cases]
    )
    seconds = time.perf_counter() - start
    hard = [(c, v) for c, v in zip(cases, verdicts, strict=True) if c.kind.startswith("hard_")]
    plants = [
        (c, v)
        for c, v in zip(cases, verdicts, strict=True)
        if c.expected == "unsupported" and not c.kind.startswith("hard_")
    ]
    supported = [(c, v) for c, v in zip(cases, verdicts, strict=True) if c.expected == "supported"]
    plants_dropped = sum(1 for _, v in plants if not v.ok)
    supported_dropped = sum(1 for _, v in supported if not v.ok)
    reasons: Counter[str] = Counter()
    for case, verdict in zip(cases, verdicts, strict=True):
        if not verdict.ok:
            reasons[f"{case.expected}:{verdict.reason}"] += 1
    figures = _figures(cases, [not v.ok for v in verdicts])
    result: dict[str, Any] = {
        "cases": len(cases),
        "plants": len(plants),
        "plants_dropped": plants_dropped,
        "plants_dropped_share": round(plants_dropped / len(plants), 4) if plants else None,
        "supported": len(supported),
        "supported_dropped": supported_dropped,
        "supported_dropped_share": (
            round(supported_dropped / len(supported), 4) if supported else None
        ),
        # negations and swapped speakers of the built set: beyond the planted kinds of
        # issue 8, kept apart so the headline figures stay comparable
        "hard_plants": len(hard),
        "hard_plants_dropped": sum(1 for _, v in hard if not v.ok),
        "unsupported": figures["unsupported"],
        "unsupported_dropped": figures["unsupported_dropped"],
        "unsupported_dropped_share": figures["unsupported_dropped_share"],
        "weakest_unsupported_kind_caught": figures["weakest_unsupported_kind_caught"],
        "by_kind": figures["by_kind"],
        "reasons": dict(reasons.most_common()),
        "missed_plants": [
            {"kind": c.kind, "id": c.id, "sentence": c.sentence}
            for c, v in zip(cases, verdicts, strict=True)
            if c.expected == "unsupported" and v.ok
        ][:20],
        "wrongly_dropped": [
            {"kind": c.kind, "id": c.id, "sentence": c.sentence, "reason": v.detail}
            for c, v in supported
            if not v.ok
        ][:20],
        "seconds": round(seconds, 2),
        "ms_per_sentence": round(1000 * seconds / len(cases), 1) if cases else None,
    }
    if baseline:
        result["baseline_lexical"] = {
            "rule": f"kept when ≥ {BASELINE_MIN_OVERLAP:.0%} of its content words occur in "
            "its cited sources",
            **_figures(cases, [not lexical_baseline(c.sentence, c.sources) for c in cases]),
        }
    return result


def evaluate_faithfulness(
    settings: Settings, cases: Path | None = None, split: str | None = None
) -> dict[str, Any]:
    """Run the faithfulness evaluation on the user's *cases* file, or the baly2020 build.

    *split* (``tune`` / ``test``) keeps only that part of the cases file.
    """
    from newsprism.synth.stage import build_guard

    if cases is not None:
        loaded = load_cases(cases, split=split)
        source = str(cases) + (f" (split {split})" if split else "")
    else:
        path = find_baly()
        loaded = build_cases(path)
        source = str(path)
    result = evaluate_cases(loaded, build_guard(settings))
    result["cases_from"] = source
    return result


def find_baly(roots: list[Path] | None = None) -> Path:
    """Locate baly2020 under ``<root>/shared/data``, or raise a `DatasetError` saying what to do.

    The default roots are the working folder, its parents and this file's parents.
    """
    if roots is None:
        roots = [Path.cwd(), *Path.cwd().parents, *Path(__file__).resolve().parents]
    relative = "shared/data/articles/baly2020/articles-2018-2020.jsonl.gz"
    for candidate in (root / relative for root in roots):
        if candidate.exists():
            return candidate
    raise DatasetError(
        "The faithfulness evaluation builds its cases from ../shared/data/articles/baly2020/"
        "articles-2018-2020.jsonl.gz, which is absent here. Run it from the project folder "
        "next to shared/data, or pass your own cases with --cases FILE (docs/briefs.md)."
    )
