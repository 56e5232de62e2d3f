from __future__ import annotations

from newsprism.analysis.articles import StoryArticle
from newsprism.analysis.framing import (
    MIN_BACKGROUND_DOCS,
    SNIPPET_CHARS,
    Background,
    _Occurrence,
    _window,
    framing,
    proper_noun_words,
    side_terms,
)
from newsprism.nlp.text import STOP_WORDS

NEUTRAL = (
    "Officials in Minsk released a group of detainees on Thursday. "
    "The group crossed the border into Lithuania by bus. "
    "Families waited at the crossing for several hours. "
)


def _corpus(left_extra: str, right_extra: str, center_extra: str = "") -> list[StoryArticle]:
    arts = []
    i = 0
    for side_lean, extra, outlets in (
        ("left", left_extra, ("l1", "l2", "l3")),
        ("center", center_extra, ("c1", "c2")),
        ("right", right_extra, ("r1", "r2", "r3")),
    ):
        for slug in outlets:
            i += 1
            arts.append(
                StoryArticle(
                    id=i,
                    title="Detainees released",
                    text=NEUTRAL + extra,
                    url=f"http://{slug}.example/{i}",
                    outlet_id=i,
                    outlet=slug.upper(),
                    lean=side_lean,
                )
            )
    return arts


def test_planted_unigram_ranks_first_for_its_side() -> None:
    arts = _corpus(
        left_extra="Critics called it a cynical move by the regime. The regime keeps more.",
        right_extra="The administration secured a deal. The deal was praised as a breakthrough.",
    )
    frames = framing(arts)
    assert frames["left"][0]["term"] == "regime"
    assert frames["right"][0]["term"] == "deal"


def test_planted_bigram_ranks_first_and_absorbs_its_words() -> None:
    arts = _corpus(
        left_extra="More political prisoners remain jailed. Political prisoners need support.",
        right_extra="The agreement eases sanctions. Trade resumes.",
    )
    terms = [t["term"] for t in framing(arts)["left"]]
    assert terms[0] == "political prisoners"
    assert "political" not in terms
    assert "prisoners" not in terms


def test_terms_carry_z_scores_and_counts() -> None:
    arts = _corpus(
        left_extra="The regime acted. The regime again.", right_extra="A deal. The deal."
    )
    top = framing(arts)["left"][0]
    assert top["count"] == 6
    assert top["z"] >= 1.96


def _news(n: int, common: str) -> Background:
    """A background of *n* articles, every other one using the words of *common*."""
    return Background.of_texts(
        (f"{common} gathered downtown." if k % 2 else "Rain is expected.") for k in range(n)
    )


# the left over-uses "people" (said by any news) and "regime" (said by this side only)
_PEOPLE = "The regime acted. People protested. People marched. The regime again."


def test_a_word_common_in_all_news_is_no_framing_term() -> None:
    arts = _corpus(left_extra=_PEOPLE, right_extra="A deal. The deal.")
    assert "people" in [t["term"] for t in framing(arts)["left"]]  # plain over-use
    terms = [t["term"] for t in framing(arts, background=_news(200, "People"))["left"]]
    assert "people" not in terms
    assert terms[0] == "regime"


def test_a_small_background_hides_nothing() -> None:
    arts = _corpus(left_extra=_PEOPLE, right_extra="A deal. The deal.")
    few = _news(MIN_BACKGROUND_DOCS - 1, "People")
    assert "people" in [t["term"] for t in framing(arts, background=few)["left"]]


def test_a_phrase_of_common_words_is_still_shown() -> None:
    arts = _corpus(
        left_extra="More political prisoners remain jailed. Political prisoners need support.",
        right_extra="The agreement eases sanctions. Trade resumes.",
    )
    common = _news(200, "Political prisoners")
    assert common.is_common("political")
    assert framing(arts, background=common)["left"][0]["term"] == "political prisoners"


def test_snippets_quote_the_sentence_and_name_the_outlet() -> None:
    arts = _corpus(
        left_extra="The regime acted cynically. The regime again.", right_extra="A deal. The deal."
    )
    snippets = framing(arts)["left"][0]["snippets"]
    assert {s["outlet"] for s in snippets} == {"L1", "L2", "L3"}
    assert all("regime" in s["text"].lower() for s in snippets)


def test_boilerplate_never_surfaces() -> None:
    junk = (
        "\nSubscribe to our newsletter for daily updates.\nWe use cookies to personalise content."
        "\nBy Jane Reporter\nAll rights reserved by Example Media Group."
        "\nSign up for alerts today.\n"
    )
    arts = _corpus(
        left_extra="The regime acted. The regime again." + junk * 3, right_extra="A deal. The deal."
    )
    terms = {t["term"] for side in framing(arts).values() for t in side}
    for word in (
        "subscribe",
        "newsletter",
        "cookies",
        "jane",
        "reporter",
        "rights",
        "reserved",
        "alerts",
    ):
        assert not any(word in term for term in terms), word


def test_stop_words_never_surface() -> None:
    arts = _corpus(
        left_extra="They said that they would have been there. They said it again and again.",
        right_extra="It was what it was. She told them so.",
    )
    for side in framing(arts, min_z=0.0).values():
        for item in side:
            assert not any(word in STOP_WORDS for word in item["term"].split())


def test_shared_entities_are_excluded() -> None:
    arts = _corpus(
        left_extra="Lukashenko jailed them. Lukashenko lied. Lukashenko again. Lukashenko. "
        "Lukashenko.",
        right_extra="Lukashenko agreed. The deal. The deal.",
        center_extra="Lukashenko spoke.",
    )
    assert "lukashenko" in {t["term"] for t in framing(arts)["left"]}  # the corpus plants it
    assert "lukashenko" not in {
        t["term"] for t in framing(arts, exclude_words={"lukashenko"})["left"]
    }


def test_term_used_by_one_outlet_only_does_not_surface() -> None:
    arts = _corpus(left_extra="", right_extra="A deal. The deal.")
    arts[0].text += " Crackdown. Crackdown. Crackdown. Crackdown."
    assert "crackdown" not in {t["term"] for t in framing(arts)["left"]}


def test_a_single_side_has_nothing_to_compare() -> None:
    arts = [a for a in _corpus("The regime. The regime.", "") if a.side == "left"]
    assert framing(arts) == {"left": [], "center": [], "right": []}


def test_unigram_mostly_used_in_a_phrase_is_shown_as_the_phrase() -> None:
    arts = _corpus(
        left_extra="The special counsel acted. The special counsel spoke.",
        right_extra="A deal. The deal. The deal.",
    )
    arts[0].text += " A special day."  # 7 uses of "special", 6 of them in the phrase
    terms = [t["term"] for t in framing(arts)["left"]]
    assert "special counsel" in terms
    assert "special" not in terms
    assert "counsel" not in terms
    assert len(terms) == len(set(terms))


def test_names_never_become_framing_terms() -> None:
    # "Pecker" is a name the NER missed (the story writes it capitalised mid-sentence);
    # "cnn" comes from the outlet registry via exclude_words
    arts = _corpus(
        left_extra="Prosecutors met David Pecker again. The regime of Pecker was cynical. "
        "The cnn segment aired. Critics saw cnn coverage.",
        right_extra="The administration secured a deal. The deal was praised as a breakthrough.",
    )
    terms = [t["term"] for side in framing(arts, exclude_words={"cnn"}).values() for t in side]
    assert terms, "the planted right-side term must still be found"
    assert not any(w in {"pecker", "david", "cnn"} for t in terms for w in t.split())


def test_reporting_verbs_are_not_framing_terms() -> None:
    arts = _corpus(
        left_extra="She wrote a letter. The regime tweeted. They tweeted that the regime lies.",
        right_extra="The administration secured a deal. The deal was praised as a breakthrough.",
    )
    terms = [t["term"] for t in framing(arts)["left"]]
    assert "wrote" not in terms
    assert "tweeted" not in terms
    assert "regime" in terms


def test_an_office_alone_is_no_framing_term() -> None:
    # "secretary" and "chief" came from "Secretary Pompeo", "Chief Justice Roberts"
    arts = _corpus(
        left_extra="The secretary spoke. The secretary left. The regime lies. The regime fell.",
        right_extra="The administration secured a deal. The deal was praised as a breakthrough.",
    )
    terms = [t["term"] for t in framing(arts)["left"]]
    assert "regime" in terms
    assert "secretary" not in terms


def test_one_stop_word_list_for_the_project() -> None:
    from newsprism.nlp.stopwords import STOP_WORDS as ONE
    from newsprism.stories.terms import STOPWORDS as CLUSTERING
    from newsprism.synth.text import STOPWORDS as SYNTH

    assert CLUSTERING is ONE
    assert SYNTH is ONE
    assert STOP_WORDS is ONE


def test_a_snippet_cut_from_a_long_sentence_keeps_whole_words() -> None:
    sentence = (
        "Critics in several states said on Monday that President Trump’s latest racist tweets "
        "echo the bigoted shouts of 'go back where you came from' heard daily by American "
        "Muslim women and children, immigrants and members of other minority communities "
        "across our nation, and that the president's words would embolden those who harass "
        "them, said the executive director of the group in a statement issued on Monday night."
    )
    assert len(sentence) > SNIPPET_CHARS
    for term in ("immigrants", "critics", "night"):
        at = sentence.lower().index(term)
        text = _window(_Occurrence(1, "Outlet", sentence, at), term)
        body = text.strip("…")
        assert term in body.lower()
        assert len(text) <= SNIPPET_CHARS + 2
        words = sentence.split()
        assert body.split()[0] in words  # no word cut in two
        assert body.split()[-1] in words


def test_a_name_written_once_mid_sentence_is_a_proper_noun() -> None:
    # "hannity" was a framing term: "Sean Hannity" once mid-sentence, "Hannity" opening
    # other sentences, never in lower case
    texts = [
        "The host is Sean Hannity, who spoke on cable.",
        "Hannity said the ratings were up. The border wall was a theme.",
        "The wall and the border were his topics. Hannity agreed.",
    ]
    words = proper_noun_words(texts)
    assert "hannity" in words
    assert "border" not in words
    assert "wall" not in words


def test_forms_of_one_word_are_one_framing_term() -> None:
    arts = _corpus(
        left_extra="Labs tested swabs and tested saliva. The tests came back. More tests came. "
        "Every test matters.",
        right_extra="The agreement eases sanctions. Trade resumes.",
    )
    terms = [t["term"] for t in framing(arts)["left"]]
    forms = [t for t in terms if t in ("tested", "tests", "test")]
    assert len(forms) == 1, terms


def test_an_acronym_is_a_name_and_no_framing_term() -> None:
    arts = _corpus(
        left_extra="Families fear ICE raids. Raids spread fear as ICE agents came again. ICE "
        "agents left.",
        right_extra="The agreement eases sanctions. Trade resumes.",
        center_extra="Roads were free of ice.",
    )
    terms = [t["term"] for t in framing(arts)["left"]]
    assert "raids" in terms
    assert not any("ice" in t.split() for t in terms), terms


def test_the_parts_of_a_web_address_are_no_terms() -> None:
    text = "A lawmaker told DailyMail.com that pressure grew. He posted pic.twitter.com/LOaOlw."
    terms = {t for t, _s, _o in side_terms(text)}
    assert not terms & {"com", "dailymail", "pic", "twitter", "loaolw"}
    assert {"lawmaker", "pressure"} <= terms
