from __future__ import annotations

from newsprism.ingest.extract import extract_article

BODY = (
    "<p>The man who opened fire at the Pensacola naval base on Friday was a member of the "
    "Saudi military who was receiving aviation training, the base commander said.</p>"
    "<p>Three people were killed and eight were injured in the attack, officials said on "
    "Saturday morning at a news conference.</p>"
)


def _page(title: str, heading: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><main><article>"
        f"<h1>{heading}</h1>{BODY}</article></main></body></html>"
    )


def test_the_articles_heading_is_not_a_line_of_its_text() -> None:
    # the replayed pages (and most news pages) hold the headline in the article's <h1>;
    # kept as the text's first line it read as a body sentence
    page = extract_article(
        _page(
            "Pensacola shooter identified as Saudi national | Example News",
            "Pensacola shooter identified as Saudi national",
        ),
        "http://127.0.0.1/a",
    )
    assert page.title == "Pensacola shooter identified as Saudi national"
    assert page.text.startswith("The man who opened fire")
    assert "Three people were killed" in page.text


def test_a_first_paragraph_is_never_taken_for_the_heading() -> None:
    # no <h1>: the first line is the article's own, whatever the <title> says
    page = extract_article(
        "<html><head><title>The man who opened fire | Example News</title></head><body>"
        f"<main><article>{BODY}</article></main></body></html>",
        "http://127.0.0.1/b",
    )
    assert page.text.startswith("The man who opened fire at the Pensacola naval base")
