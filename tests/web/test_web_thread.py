"""The thread of a story that runs over days: one line per day, newest first."""

from __future__ import annotations

from typing import Any

from newsprism.web.data import THREAD_MIN_DAYS, story_thread
from newsprism.web.render import make_environment


def _art(n: int, title: str, day: str, outlet: int) -> dict[str, Any]:
    return {
        "title": title,
        "url": f"https://news{outlet}.example/{n}",
        "published_at": f"{day}T1{n % 10}:00:00+00:00",
        "outlet": {"id": outlet, "name": f"Outlet {outlet}"},
    }


# the 2018-06-11 replay's chained Russia story, in miniature
ARTICLES = [
    _art(0, "Senate panel says Putin meddled to help Trump", "2018-07-03", 1),
    _art(7, "Trump tweets about NATO spending", "2018-07-12", 8),  # first, and alone
    _art(1, "FBI agent Strzok defends himself at hearing", "2018-07-12", 2),
    _art(2, "OPINION: Strzok hearing shows FBI agent bias against Republicans", "2018-07-12", 3),
    _art(3, "Strzok hearing turns raucous as Republicans grill FBI agent", "2018-07-12", 4),
    _art(4, "Trump sides with Putin at Helsinki summit", "2018-07-16", 5),
    _art(5, "GOP lambasts Trump over Helsinki summit", "2018-07-16", 6),
    _art(8, "Will Trump and Putin meet again after the Helsinki summit?", "2018-07-16", 9),
]


def test_each_day_gets_its_most_shared_headline_newest_first() -> None:
    thread = story_thread(ARTICLES)
    assert [d["date"] for d in thread] == ["2018-07-16", "2018-07-12", "2018-07-03"]
    # the day's development (words the other headlines share), never the opinion piece
    assert thread[1]["headline"] == "Strzok hearing turns raucous as Republicans grill FBI agent"
    assert [d["n_outlets"] for d in thread] == [3, 4, 1]
    # a question is no development either, however many words it shares
    assert "?" not in thread[0]["headline"]


def test_an_explainers_title_does_not_stand_for_its_day() -> None:
    # the 2019-06-24 replay's day of the House's vote was "Why Pelosi calling Trump's
    # tweets racist on the House floor turned into chaos" (Vox), sharing most words
    day = [
        _art(1, "Why Pelosi calling Trump's racist tweets racist turned the House into chaos",
             "2019-07-16", 1),
        _art(2, "House votes to condemn Trump's racist tweets", "2019-07-16", 2),
        _art(3, "Pelosi's words on Trump's tweets ruled out of order", "2019-07-16", 3),
    ]  # fmt: skip
    earlier = [_art(4, "Trump tweets at congresswomen", f"2019-07-1{k}", 4 + k) for k in (4, 5)]
    thread = story_thread([*day, *earlier])
    assert thread[0]["headline"] == "House votes to condemn Trump's racist tweets"


def test_a_story_of_fewer_days_has_no_thread() -> None:
    two_days = [a for a in ARTICLES if a["published_at"] >= "2018-07-12"]  # 07-12, 07-16
    assert len({a["published_at"][:10] for a in two_days}) == THREAD_MIN_DAYS - 1
    assert story_thread(two_days) == []


def test_the_thread_renders_dates_headlines_and_safe_links() -> None:
    env = make_environment("http://127.0.0.1:8000", "NewsPrism")
    thread = story_thread([*ARTICLES, _art(6, "Trump invites Putin", "2018-07-19", 7)])
    thread[0]["url"] = "javascript:alert(1)"
    html = env.get_template("_thread.html").render(thread=thread)
    assert "How the story developed" in html
    assert "July 19, 2018" in html
    assert "Trump invites Putin" in html
    assert "javascript:" not in html
