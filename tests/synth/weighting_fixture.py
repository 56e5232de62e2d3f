"""A lopsided fictional story for the weighting tests: 7 left, 1 center and 2 right outlets.

Each outlet reports its own details of one event (a county votes to rebuild a water plant),
so every side has more distinct, citable statements than a brief needs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from briefs_fixture import story_input

from newsprism.store.db import Store
from newsprism.store.schema import Article, Outlet, Story
from newsprism.synth.brief import StoryInput

_OUTLETS: list[tuple[str, str, str, list[str]]] = [
    ("Harbor Ledger", "left", "County board votes to rebuild Millbrook water plant", [
        "The Riverton county board voted 5 to 2 on Monday to rebuild the Millbrook water "
        "treatment plant.",
        "The new plant will cost $84 million and is scheduled to open in 2029.",
        "Board chair Elena Ruiz said residents had waited too long for clean tap water.",
        "Tests last spring found lead above the federal limit in 14 percent of sampled homes.",
        "Environmental groups praised the vote as long overdue for the district.",
    ]),
    ("Valley Voice", "left", "Millbrook families still rely on bottled water", [
        "Families in the Millbrook district have relied on bottled water since a boil notice "
        "was issued in March.",
        "The county will pay for the rebuild with a state loan and a small increase in water "
        "rates.",
        "Pediatricians at Riverton General Hospital reported a rise in elevated blood lead "
        "levels among children.",
        "Ruiz said the board would publish monthly progress reports on the construction.",
        "Tenant advocates asked the county to cap rate increases for low-income households.",
    ]),
    ("Metro Current", "lean_left", "Crews to break ground on Millbrook plant this summer", [
        "Construction crews are expected to break ground on the Millbrook site in early "
        "summer.",
        "The existing plant was built in 1958 and has not had a major upgrade since 1991.",
        "State inspectors cited the facility for corroded filters and a failing chlorine "
        "system last year.",
        "A coalition of church groups delivered 3,000 signatures supporting the rebuild to "
        "the board.",
        "Engineers plan to replace about 40 miles of old service lines alongside the new "
        "plant.",
    ]),
    ("Progressive Daily", "left", "Organizers rally for clean water before county vote", [
        "Community organizers held a rally outside the courthouse before the Monday vote.",
        "Several speakers described paying for bottled water out of limited grocery budgets.",
        "The Environmental Protection Agency has offered technical assistance to the county "
        "utility.",
        "Public health researchers estimate that lead exposure costs the region millions in "
        "lost earnings.",
        "Organizers said they would monitor the contract bidding process closely.",
    ]),
    ("The Commons", "lean_left", "Utility director describes new filtration for Millbrook", [
        "Riverton utility director Sam Okafor said the plant would use modern membrane "
        "filtration.",
        "Membrane systems remove bacteria and most dissolved metals before water enters the "
        "pipes.",
        "Okafor estimated that the average household bill would rise by about $6 per month.",
        "Nearby Lakeside County completed a similar project in 2021 at a cost of $61 million.",
        "Labor unions welcomed the project, which is expected to create 300 construction "
        "jobs.",
    ]),
    ("Northside Herald", "left", "Millbrook schools keep filtered water stations", [
        "Schools in the Millbrook district installed filtered water stations in every "
        "building this fall.",
        "The school district spent $400,000 on the stations using emergency funds.",
        "Parents at a Millbrook elementary school collected water samples for an independent "
        "lab.",
        "The independent results matched the county findings on lead levels.",
        "Superintendent Maria Chen said the stations would stay in place after the new plant "
        "opens.",
    ]),
    ("Daily Beacon", "left", "Governor pledges $20 million toward Millbrook water plant", [
        "Governor Patricia Lowe pledged $20 million in state grants toward the Millbrook "
        "project.",
        "Lowe announced the grant at a press conference in the state capital on Tuesday.",
        "The grant reduces the amount the county must borrow from the state revolving fund.",
        "Democratic lawmakers in the statehouse have proposed a wider fund for aging water "
        "systems.",
        "A hearing on the proposal is scheduled for next month in the state senate.",
    ]),
    ("Wire Service", "center", "Riverton County approves Millbrook water plant plan", [
        "Officials in Riverton County approved a plan on Monday to replace the aging Millbrook "
        "water plant.",
        "The project is estimated at $84 million, according to county budget documents.",
        "Two board members voted against the plan, citing concerns about debt.",
        "The county has distributed free water filters to about 9,000 households since March.",
        "Bids for the construction contract will open in April, a county spokesperson said.",
        "Federal regulators lowered the action level for lead in drinking water last year.",
        "Water from the temporary supply line meets federal standards, the county health "
        "department said.",
    ]),
    ("Liberty Post", "right", "Board member calls $84 million water plant reckless", [
        "Board member Tom Hadley voted against the rebuild and called its price tag reckless.",
        "Hadley argued that repairing the existing filters would cost less than a third as "
        "much.",
        "Taxpayer groups warned that higher water rates would burden retirees on fixed "
        "incomes.",
        "The county already carries more than $200 million in long-term debt, according to "
        "its latest audit.",
        "Hadley proposed putting the project to a public referendum in November.",
        "Property owners in Riverton saw their assessments rise by 8 percent this year.",
    ]),
    ("Frontier Tribune", "lean_right", "Critics say utility ignored warnings for years", [
        "Critics of the plan questioned why the utility ignored inspection warnings for "
        "years.",
        "Records show the utility deferred $12 million in maintenance between 2015 and 2022.",
        "Board member Linda Marsh said the county should hire an outside auditor before "
        "spending more.",
        "Marsh was the second board member to vote against the plan on Monday.",
        "Local business owners said they support clean water but want a fixed budget for the "
        "project.",
        "The utility has had four directors in the past six years, county records show.",
    ]),
]  # fmt: skip

#: article id → (outlet, lean, title, text); ids start at 1 in list order
ARTICLES: list[dict[str, Any]] = [
    {"id": k + 1, "outlet": outlet, "lean": lean, "title": title, "text": " ".join(lines)}
    for k, (outlet, lean, title, lines) in enumerate(_OUTLETS)
]
#: outlets per side, as the brief counts them (lean_left is left, lean_right is right)
OUTLETS_BY_SIDE = {"left": 7, "center": 1, "right": 2}


def water_story() -> StoryInput:
    """The Millbrook water-plant story as synthesizer input (no analysis)."""
    return story_input(
        [
            {**a, "url": f"https://{a['outlet'].lower().replace(' ', '')}.example/news/{a['id']}"}
            for a in ARTICLES
        ]
    )


def insert_water_story(store: Store) -> int:
    """Store the outlets, articles and one analyzed (empty analysis) story; returns its id."""
    now = datetime(2025, 12, 10, 12, tzinfo=UTC)
    with store.session() as session:
        story = Story(
            title=ARTICLES[0]["title"], slug="millbrook-water", first_seen=now,
            last_updated=now, n_articles=len(ARTICLES), n_outlets=len(ARTICLES),
            revision=1, analyzed_revision=1, analysis={},
        )  # fmt: skip
        session.add(story)
        session.flush()
        for a in ARTICLES:
            slug = a["outlet"].lower().replace(" ", "-")
            outlet = Outlet(slug=slug, name=a["outlet"], lean=a["lean"], domains=[])
            session.add(outlet)
            session.flush()
            url = f"https://{slug}.example/news/{a['id']}"
            session.add(
                Article(
                    outlet_id=outlet.id, url=url, canonical_url=url, title=a["title"],
                    text=a["text"], story_id=story.id, status="clustered", published_at=now,
                )
            )  # fmt: skip
        return story.id
