"""Key players and international reactions: extractive, cited, absent without material."""

from __future__ import annotations

import gzip
import json
from collections import Counter, defaultdict

from newsprism.synth.brief import ArticleInput, StoryInput
from newsprism.synth.extractive import ExtractiveSynthesizer
from newsprism.synth.players import home_country, international_reactions, key_players
from shareddata import shared_path

# Hand-written articles (our own sentences) about an event in Belarus.
TEXT_A = (
    "Belarus released 52 prisoners on Thursday in Minsk. "
    "Foreign Minister Maxim Ryzhenkov said the releases were a humanitarian gesture. "
    "Lithuanian President Gitanas Nauseda said the move was welcome but not enough. "
    "The prisoners crossed into Lithuania by bus."
)
TEXT_B = (
    "Minsk freed the prisoners after talks in Belarus. "
    "Maxim Ryzhenkov, the Belarusian foreign minister, spoke to reporters. "
    "Germany's foreign ministry said it would keep sanctions in place. "
    "Belarusian officials said more releases could follow."
)
ENTITIES = [
    {"text": "Maxim Ryzhenkov", "label": "PERSON", "count": 2},
    {"text": "Ryzhenkov", "label": "PERSON", "count": 2},
    {"text": "Gitanas Nauseda", "label": "PERSON", "count": 1},
]


def _story(*texts: str, analysis: dict | None = None) -> StoryInput:  # type: ignore[type-arg]
    articles = [
        ArticleInput(i + 1, f"Outlet {i}", None, f"Title {i}", t) for i, t in enumerate(texts)
    ]
    return StoryInput(7, "Belarus frees prisoners", articles, analysis or {})


def test_key_players_carry_a_role_from_the_articles_with_its_exact_span() -> None:
    story = _story(TEXT_A, TEXT_B, analysis={"entities": ENTITIES})
    players = key_players(story)
    assert [(p.speaker, p.text) for p in players] == [
        ("Maxim Ryzhenkov", "Foreign Minister Maxim Ryzhenkov")
    ]  # the surname is the same player; Nauseda is named once only
    cite = players[0].citations[0]
    assert TEXT_A[cite.start : cite.end] == "Foreign Minister Maxim Ryzhenkov"


def test_role_after_the_name_is_found() -> None:
    story = _story(TEXT_B, analysis={"entities": ENTITIES[:1]})
    assert key_players(story)[0].text == "Maxim Ryzhenkov, the Belarusian foreign minister"


def test_international_reactions_are_other_countries_with_country_headings() -> None:
    story = _story(TEXT_A, TEXT_B)
    assert home_country(story) == "Belarus"
    reactions = international_reactions(story)
    assert [(r.heading, r.text) for r in reactions] == [
        (
            "Lithuania",
            "Lithuanian President Gitanas Nauseda said the move was welcome but not enough.",
        ),
        ("Germany", "Germany's foreign ministry said it would keep sanctions in place."),
    ]  # Belarusian officials are the home country: not an international reaction
    for r in reactions:
        cite = r.citations[0]
        assert story.article(cite.article_id).text[cite.start : cite.end] == r.text  # type: ignore[union-attr]


def test_no_material_means_no_sections() -> None:
    story = _story("The council met on Tuesday. It approved a new budget for parks.")
    brief = ExtractiveSynthesizer().brief(story)
    assert "key_players" not in brief.sections_json()
    assert "international_reactions" not in brief.sections_json()


def test_sections_appear_in_the_brief_when_there_is_material() -> None:
    story = _story(TEXT_A, TEXT_B, analysis={"entities": ENTITIES})
    sections = ExtractiveSynthesizer().brief(story).sections_json()
    assert sections["key_players"][0]["speaker"] == "Maxim Ryzhenkov"
    assert [s["heading"] for s in sections["international_reactions"]] == ["Lithuania", "Germany"]


def test_real_stories_get_key_players_with_cited_roles() -> None:
    """Baly et al. 2020 articles grouped by day and topic (stories of AllSides roundups)."""
    from newsprism.nlp.entities import entities

    path = shared_path("articles/baly2020/articles-2018-2020.jsonl.gz")
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= 600:
                break
            row = json.loads(line)
            groups[(row["published"], row["topic"])].append(row)
    stories = [g for g in groups.values() if len(g) >= 3][:12]
    with_players = 0
    for group in stories:
        arts = [
            ArticleInput(i, a["outlet"], a["lean"], a["title"], a["text"])
            for i, a in enumerate(group)
        ]
        counts: Counter[tuple[str, str]] = Counter()
        for found in entities([a.text for a in arts]):
            counts.update(set(found))
        rows = [{"text": t, "label": lab, "count": c} for (t, lab), c in counts.most_common(30)]
        players = key_players(StoryInput(1, "", arts, {"entities": rows}))
        with_players += bool(players)
        for p in players:
            cite = p.citations[0]
            span = arts[cite.article_id].text[cite.start : cite.end]
            assert p.speaker in span
            assert " ".join(span.split()) == p.text
    assert with_players >= len(stories) // 2


def _reactions(*sentences: str) -> list[tuple[str | None, str]]:
    home = "Belarus released 52 prisoners in Minsk, Belarus, on Thursday. "
    story = _story(home + " ".join(sentences))
    return [(r.heading, r.speaker or "") for r in international_reactions(story)]


def test_a_reaction_is_spoken_by_the_official_not_quoted_or_objected() -> None:
    # the foreign official is inside someone else's quotation
    assert _reactions("“The Lithuanian president called me,” Lukashenko said.") == []
    # the sentence's speaker is the home government; the foreign officials are its object
    assert _reactions("Belarusian officials said French officials had lied about the talks.") == []
    # the first official that is the subject of the verb is the one that speaks
    assert _reactions("Poland's foreign ministry said German officials had been told.") == [
        ("Poland", "Poland")
    ]
    # "their alleged role" is no speech: the officials are the object of a sanction
    assert (
        _reactions(
            "The administration penalized 17 Saudi officials for their alleged role in the killing."
        )
        == []
    )
    # "The government of Haiti" is both "The government" and "government of Haiti"
    assert _reactions("The government of Haiti has demanded an explanation.") == [
        ("Haiti", "Haiti")
    ]
    # title and name may stand between the official and the verb, not a whole clause
    assert _reactions(
        "Alistair Burt, the United Kingdom's minister for the Middle East, said it was shocking."
    ) == [("United Kingdom", "United Kingdom")]


def _players(text: str, entities: list[dict[str, object]]) -> list[tuple[str | None, str]]:
    story = _story(text, analysis={"entities": entities})
    return [(p.speaker, p.text) for p in key_players(story)]


def test_spellings_of_one_name_are_one_player_and_relatives_are_not() -> None:
    text = (
        "General Qassem Soleimani was killed on Friday. "
        "Commander Qasem Soleimani had led the Quds Force. "
        "President Donald Trump ordered the strike. "
        "Ivanka Trump, a senior adviser, travelled with him. "
        "Trump spoke later."
    )
    players = _players(
        text,
        [
            {"text": "Trump", "label": "PERSON", "count": 9},
            {"text": "Qassem Soleimani", "label": "PERSON", "count": 4},
            {"text": "Qasem Soleimani", "label": "PERSON", "count": 3},
            {"text": "Donald Trump", "label": "PERSON", "count": 2},
            {"text": "Ivanka Trump", "label": "PERSON", "count": 2},
        ],
    )
    assert players == [
        ("Donald Trump", "President Donald Trump"),
        ("Qassem Soleimani", "General Qassem Soleimani"),
        ("Ivanka Trump", "Ivanka Trump, a senior adviser"),
    ]


def test_player_names_are_whole_and_roles_carry_no_page_furniture() -> None:
    text = (
        "CLOSE President Moon Jae-in met the envoy. "
        "Rep. Ted Deutch Theodore (Ted) Eliot DeutchHouse Ethics Committee reviewing. "
        "Moon Jae-in said talks would go on."
    )
    players = _players(
        text,
        [
            {"text": "Moon Jae", "label": "PERSON", "count": 2},
            {"text": "Ted Deutch Theodore", "label": "PERSON", "count": 2},
        ],
    )
    # the hyphenated given name is kept; link text run together gives no role
    assert players == [("Moon Jae-in", "President Moon Jae-in")]


def test_roles_stop_at_page_furniture_and_are_not_clauses() -> None:
    text = (
        "ARTICLE Share Tweet Post Email President Donald Trump spoke. "
        "Getty Images North America President Donald Trump waved. "
        "Book Comes Out Former FBI Director James Comey wrote a memoir. "
        "National Economic Council Director Gary Cohn resigned. "
        "South Korean President Moon Jae-in met him. "
        "At the White House, the president calls Sanders frequently at home. "
    )
    entities: list[dict[str, object]] = [
        {"text": name, "label": "PERSON", "count": 2}
        for name in ("Donald Trump", "James Comey", "Gary Cohn", "Moon Jae-in")
    ]
    entities.append({"text": "White House", "label": "ORG", "count": 2})
    assert _players(text, entities) == [
        ("Donald Trump", "President Donald Trump"),
        ("James Comey", "Former FBI Director James Comey"),
        ("Gary Cohn", "National Economic Council Director Gary Cohn"),
        ("Moon Jae-in", "South Korean President Moon Jae-in"),
    ]  # "the president calls Sanders …" is a clause, not the White House's role


def test_a_reported_claim_is_not_the_reporting_officials_reaction() -> None:
    text = (
        "Papadopoulos claimed to have emails, Australia's ambassador to the U.S. reportedly said."
    )
    assert _reactions(text) == []


def test_a_past_office_stays_past_in_the_role() -> None:
    text = (
        "The call came from former New York City Mayor Rudy Giuliani on Sunday. "
        "It was led by former FBI Director Robert Mueller for a year. "
        # one word: "Sen. Barack Obama" stood among a 2018 story's key players
        "It happened when then-Sen. Barack Obama visited Kuwait in 2008. "
        # a network's president is no president ("President Jay Wallace" on a replayed page)
        "The brief was backed by Fox News President Jay Wallace on Wednesday. "
        "Late Monday President Donald Trump said no. "
    )
    entities: list[dict[str, object]] = [
        {"text": name, "label": "PERSON", "count": 2}
        for name in ("Rudy Giuliani", "Robert Mueller", "Barack Obama", "Jay Wallace",
                     "Donald Trump")
    ]  # fmt: skip
    assert _players(text, entities) == [
        ("Rudy Giuliani", "former New York City Mayor Rudy Giuliani"),
        ("Robert Mueller", "former FBI Director Robert Mueller"),
        ("Barack Obama", "then-Sen. Barack Obama"),
        ("Jay Wallace", "Fox News President Jay Wallace"),
        ("Donald Trump", "President Donald Trump"),
    ]


def test_a_country_named_in_the_sentence_is_no_reaction_when_another_subject_speaks() -> None:
    from newsprism.synth.players import _speaking_official

    company = ("RT and Sputnik, prominent publishers backed by the Russian government, are "
               "now labeled in search, the company said.")  # fmt: skip
    assert _speaking_official(company) is None
    spoke = "Iran's foreign minister, Javad Zarif, said the deal was dead."
    assert _speaking_official(spoke) == "Iran"
    # a body of several words speaks; a country and an office joined by "and" are a list
    body = "The report names Russian officials, the Justice Department said."
    assert _speaking_official(body) is None
    # a government that was told something does not speak
    told = ("The US knew an attack was likely, thanks to a tip from the Iraqi government, which "
            "had been told by the Iranians an attack was coming.")  # fmt: skip
    assert _speaking_official(told) is None
    listed = ("Barr will release the report on contacts between Moscow and President Donald "
              "Trump's campaign, the Justice Department said.")  # fmt: skip
    assert _speaking_official(listed) is None


def test_an_organisation_takes_no_office_and_no_one_word_role() -> None:
    # "Justice Supreme Court" and "Senate, the court" were key players on a replayed page
    text = (
        "The nominee was confirmed as Justice Supreme Court watchers expected. "
        "The vote in the Senate, the court and the White House drew crowds. "
        "The Supreme Court met. The Senate adjourned. "
        "Senate Majority Leader Dale Brooks spoke."
    )
    players = _players(
        text,
        [
            {"text": "Supreme Court", "label": "ORG", "count": 5},
            {"text": "Senate", "label": "ORG", "count": 4},
            {"text": "Dale Brooks", "label": "PERSON", "count": 3},
        ],
    )
    assert players == [("Dale Brooks", "Senate Majority Leader Dale Brooks")]


def test_a_surname_with_a_capital_inside_is_a_name_not_glue() -> None:
    # every "Mc" name was taken for link text run together: no McConnell among key players
    text = "Senate Majority Leader Mitch McConnell spoke. Gov. Ron DeSantis listened."
    players = _players(
        text,
        [
            {"text": "Mitch McConnell", "label": "PERSON", "count": 3},
            {"text": "Ron DeSantis", "label": "PERSON", "count": 2},
        ],
    )
    assert players == [
        ("Mitch McConnell", "Senate Majority Leader Mitch McConnell"),
        ("Ron DeSantis", "Gov. Ron DeSantis"),
    ]


def test_a_body_in_a_list_takes_no_role_from_the_next_item() -> None:
    from newsprism.synth.players import _role_of

    listed = "Burr owed a duty to Congress, the United States government, and citizens."
    assert _role_of("Congress", listed, person=False) is None
    apposed = "He wrote to Congress, the United States government, on Monday."
    found = _role_of("Congress", apposed, person=False)
    assert found is not None
    assert apposed[found[0] : found[1]] == "Congress, the United States government"


def test_a_countrys_leader_in_lower_case_is_a_role() -> None:
    from newsprism.synth.players import _role_of

    text = "Trump flew to Hanoi to meet North Korean leader Kim Jong Un on Wednesday."
    found = _role_of("Kim Jong Un", text)
    assert found is not None
    assert text[found[0] : found[1]] == "North Korean leader Kim Jong Un"
    assert _role_of("Kim Jong Un", "Trump said he likes Kim Jong Un a lot.") is None
