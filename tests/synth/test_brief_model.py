from __future__ import annotations

from newsprism.synth.brief import Brief, Citation, Sentence, brief_from_sections


def test_sections_json_omits_uncited_sentences_and_empty_sections() -> None:
    cited = Sentence("The bridge closed.", [Citation(7, 0, 18, "The bridge closed.")])
    brief = Brief(
        1,
        {
            "summary": [cited, Sentence("An uncited claim.", [])],
            "context": [Sentence("Only uncited here.", [])],
        },
    )
    sections = brief.sections_json()
    assert list(sections) == ["summary"]
    assert [s["text"] for s in sections["summary"]] == ["The bridge closed."]


def test_sections_json_follows_the_contract_shape() -> None:
    cite = Citation(7, 4, 22, "bridge was closed", field="title")
    sentence = Sentence("Bridge closed", [cite], heading="Closure", side="left", terms=["x"])
    data = Brief(1, {"bias_comparison": [sentence]}).sections_json()["bias_comparison"][0]
    assert data == {
        "text": "Bridge closed",
        "heading": "Closure",
        "side": "left",
        "terms": ["x"],
        "citations": [
            {
                "article_id": 7,
                "quote_span": [4, 22],
                "field": "title",
                "source": "bridge was closed",
            }
        ],
    }


def test_brief_round_trips_through_sections_json() -> None:
    cite = Citation(3, 10, 30, "twenty characters ok")
    brief = Brief(9, {"headline": [Sentence("A headline", [cite])]})
    again = brief_from_sections(9, brief.sections_json())
    assert again.sections_json() == brief.sections_json()
    assert again.headline == "A headline"
