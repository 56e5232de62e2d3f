"""spaCy NER runs without the components it does not read, and finds the same entities."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from newsprism.nlp.entities import MODEL, entities, load_nlp  # noqa: E402

TEXTS = [
    "Special counsel Robert Mueller delivered his report to Attorney General William Barr "
    "on Friday, the Justice Department said in Washington.",
    "Belarus freed 123 political prisoners, including Maria Kalesnikava, after talks with "
    "the United States; the European Union welcomed the move.",
    "Brett Kavanaugh's nomination advanced in the Senate Judiciary Committee as Republicans "
    "and Democrats traded accusations over the FBI inquiry.",
]


def test_only_ner_is_loaded() -> None:
    assert load_nlp().pipe_names == ["ner"]


def test_same_entities_as_with_the_shared_tok2vec() -> None:
    # the model's ner embeds tokens itself: the shared tok2vec only fed the tagger/parser
    with_tok2vec = spacy.load(
        MODEL, exclude=["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"]
    )
    assert "tok2vec" in with_tok2vec.pipe_names
    want = [[(e.text, e.label_) for e in doc.ents] for doc in with_tok2vec.pipe(TEXTS)]
    have = [[(e.text, e.label_) for e in doc.ents] for doc in load_nlp().pipe(TEXTS)]
    assert have == want
    assert any(text == "Robert Mueller" for text, _ in entities(TEXTS)[0])
