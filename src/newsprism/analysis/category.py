"""Story category from a fixed taxonomy: feed hints plus a transparent keyword classifier.

Each article votes: its feed's ``category_hint`` and its own ``categories`` (mapped by
`HINTS`) weigh `HINT_WEIGHT`; its headline (×3) and lead (first 1,500 chars) score the
keyword lexicons of `LEXICON` (a trailing ``*`` matches a prefix). The story takes the
category with the highest summed score, or ``General`` when no category reaches
`MIN_SCORE`. When the story has a centroid from a sentence model (MiniLM), its cosine
to a one-line description of each category (`PROTOTYPES`) is added — the "centroid"
half of a keyword + centroid classifier. Hand-written lexicons and descriptions: nothing
is trained, and ``category_scores`` shows what made each decision.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import Protocol

import numpy as np

from newsprism.analysis.articles import StoryArticle
from newsprism.nlp.text import word_list, words
from newsprism.outlets.registry import CATEGORIES as REGISTRY_CATEGORIES

__all__ = [
    "CATEGORIES",
    "PROTOTYPES",
    "TextEmbedder",
    "categorize",
    "category_of_hint",
    "prototype_scores",
    "prototype_vectors",
    "score_text",
]

#: The fixed taxonomy, shared with the registry's feed category hints.
CATEGORIES = REGISTRY_CATEGORIES

#: A hint is worth this many keyword hits: an editor filed the article there.
HINT_WEIGHT = 4.0
#: Below this summed score per article the text is not about any one category. On the
#: tune half of the UCI stories (keywords only) 1.5 left 34 % of stories General
#: (accuracy 0.49), 1.0 → 20 % (0.61), 0.5 → 12 % (0.66); baly2020 tune is 0.818 for all.
MIN_SCORE = 0.5
TITLE_WEIGHT = 3.0
LEAD_CHARS = 1500

#: One description per category, embedded with the story's own sentence model; the
#: story centroid's cosine to each adds `EMBED_WEIGHT` × (cosine − mean cosine).
PROTOTYPES: dict[str, str] = {
    "World": "international news: war, diplomacy, foreign governments, United Nations, "
    "refugees, conflict abroad",
    "Politics": "politics: elections, Congress, the president, parties, lawmakers, campaigns, "
    "government policy",
    "Business": "business and economy: companies, markets, stocks, earnings, banks, trade, "
    "jobs, prices",
    "Technology": "technology: software, smartphones, internet companies, apps, computers, "
    "gadgets, video games",
    "Science": "science: research, space, NASA, physics, biology, discoveries, scientists",
    "Health": "health and medicine: disease, doctors, hospitals, drugs, vaccines, patients, "
    "studies on health",
    "Sports": "sports: games, teams, players, matches, championships, football, basketball, tennis",
    "Entertainment": "entertainment: movies, music, celebrities, television shows, actors, "
    "singers, Hollywood",
    "Climate": "climate and environment: global warming, emissions, weather, pollution, "
    "energy, wildfires",
    "Justice": "crime, police and courts: shootings, arrests, trials, judges, prosecutors, "
    "prisons, lawsuits, verdicts",
    "Military": "military and defense: the Pentagon, armed forces, troops, navy warships, "
    "soldiers, weapons, veterans",
}
#: On the 6,366 UCI headlines with all-MiniLM-L6-v2: keywords alone 0.389, prototypes
#: alone 0.574; keywords (headline ×3) + w × (cos − mean cos): w = 20 → 0.620, 40 → 0.622,
#: 80 → 0.606, so 20 (a unit of 0.05 cosine is worth one headline keyword hit and a bit).
EMBED_WEIGHT = 20.0

#: Feed / article category words → category (matched on lower-cased words of the hint).
HINTS: dict[str, str] = {
    **dict.fromkeys(
        [
            "world",
            "international",
            "global",
            "foreign",
            "europe",
            "asia",
            "africa",
            "americas",
            "middleeast",
            "middle-east",
            "uk",
            "worldnews",
        ],
        "World",
    ),
    **dict.fromkeys(
        [
            "politics",
            "political",
            "election",
            "elections",
            "government",
            "congress",
            "policy",
            "washington",
            "uspolitics",
        ],
        "Politics",
    ),
    **dict.fromkeys(
        [
            "business",
            "economy",
            "economics",
            "markets",
            "market",
            "finance",
            "money",
            "companies",
            "industry",
            "trade",
            "investing",
        ],
        "Business",
    ),
    **dict.fromkeys(
        [
            "technology",
            "tech",
            "science-technology",
            "gadgets",
            "internet",
            "ai",
            "cybersecurity",
            "digital",
            "innovation",
        ],
        "Technology",
    ),
    **dict.fromkeys(["science", "space", "research"], "Science"),
    **dict.fromkeys(
        ["health", "medicine", "medical", "wellness", "coronavirus", "covid", "healthcare"],
        "Health",
    ),
    **dict.fromkeys(
        [
            "sport",
            "sports",
            "football",
            "soccer",
            "nfl",
            "nba",
            "mlb",
            "nhl",
            "tennis",
            "golf",
            "cricket",
            "rugby",
            "olympics",
            "f1",
        ],
        "Sports",
    ),
    **dict.fromkeys(
        [
            "entertainment",
            "arts",
            "culture",
            "movies",
            "film",
            "music",
            "tv",
            "television",
            "celebrity",
            "books",
            "showbiz",
            "lifestyle",
        ],
        "Entertainment",
    ),
    **dict.fromkeys(["climate", "environment", "energy", "weather", "green"], "Climate"),
    **dict.fromkeys(
        ["crime", "justice", "courts", "court", "law", "legal", "police", "policing"], "Justice"
    ),
    **dict.fromkeys(["military", "defense", "defence", "armed-forces", "veterans"], "Military"),
}

#: Keywords per category; weight 2 for words that almost only occur in that beat. Words
#: every beat uses are left out: "won", "victory", "title", "final" (elections are won
#: too), a bare "defense" (legal and "borrower defense"; the defense secretary, department
#: and budget stay), "director" and "drama", and prefixes that match verbs ("star*" took
#: "started", "show*" "showed"). Dropping them moved baly2020 tune from 0.8184 to 0.8212
#: (UCI tune unchanged, 0.6585).
LEXICON: dict[str, dict[str, float]] = {
    "World": {
        **dict.fromkeys(
            word_list("""foreign embassy ambassador diplomat* diplomacy nato un united-nations
        refugee* migrants ceasefire troops invasion insurgent* militant* sanctions summit
        kremlin beijing moscow kyiv kiev ukraine* russia* china chinese iran* israel* palestin*
        gaza syria* iraq* afghan* taliban korea* pyongyang belarus* minsk venezuela* brexit eu
        european brussels africa* asia* coup junta regime hostage* prime-minister parliament*
        abroad overseas border* humanitarian genocide airstrike* missile*"""),
            1.0,
        ),
        **dict.fromkeys(
            word_list("nato kremlin ceasefire taliban pyongyang brexit airstrike* embassy"), 2.0
        ),
    },
    "Politics": {
        **dict.fromkeys(
            word_list("""election* elect* vote* voter* voting ballot* campaign* candidate*
        senate senator* congress* congressional house-speaker lawmaker* legislat* bill
        democrat* republican* gop partisan* trump biden obama clinton pelosi mcconnell white-house
        impeach* governor* mayor* poll* primar* caucus* veto filibuster
        administration policy cabinet secretary party parties conservative* liberal* progressive*
        midterm* inaugurat* attorney-general doj investigation subpoena testimony hearing"""),
            1.0,
        ),
        **dict.fromkeys(
            word_list("senate congress* impeach* gop midterm* caucus* filibuster lawmaker*"), 2.0
        ),
    },
    "Business": {
        **dict.fromkeys(
            word_list("""stock* share* market* investor* earnings profit* revenue* sales
        economy economic* gdp inflation interest-rate* fed federal-reserve bank* banking
        dollar* euro* currency oil price* prices trade tariff* company companies corporat* ceo
        merger* acquisition* deal* ipo wall-street dow nasdaq s&p bond* yield* debt loan*
        mortgage* retail* consumer* jobs unemployment layoff* hiring wage* billion million
        quarter* quarterly forecast* analyst* shareholder* brand* startup* industry industries
        manufactur* exports imports supply factory"""),
            1.0,
        ),
        **dict.fromkeys(
            word_list(
                "earnings nasdaq dow ipo shareholder* gdp inflation tariff* stock* investor*"
            ),
            2.0,
        ),
    },
    "Technology": {
        **dict.fromkeys(
            word_list("""tech technology software hardware app apps smartphone* iphone* ipad
        android google apple microsoft amazon facebook meta twitter tesla samsung intel nvidia
        chip* semiconductor* computer* internet online digital cyber* hack* data privacy ai
        artificial-intelligence algorithm* robot* automat* startup* silicon gadget* device*
        wearable* streaming broadband 5g crypto* bitcoin blockchain platform* users
        social-media netflix spotify youtube instagram tiktok whatsapp"""),
            1.0,
        ),
        **dict.fromkeys(
            word_list(
                "software smartphone* android iphone* semiconductor* cyber* bitcoin algorithm*"
            ),
            2.0,
        ),
    },
    "Science": {
        **dict.fromkeys(
            word_list("""scien* research* researcher* study studies nasa space spacecraft
        astronaut* rocket* orbit* planet* mars moon telescope asteroid* comet* galaxy* physic*
        chemist* biolog* genetic* gene genes dna evolution fossil* dinosaur* species
        archaeolog* experiment* laboratory lab discover* journal particle* quantum"""),
            1.0,
        ),
        **dict.fromkeys(
            word_list(
                "nasa astronaut* telescope asteroid* fossil* dinosaur* archaeolog* galaxy* quantum"
            ),
            2.0,
        ),
    },
    "Health": {
        **dict.fromkeys(
            word_list("""health* medical medicine* doctor* hospital* patient* disease*
        virus* viral infection* infect* vaccin* covid* coronavirus pandemic epidemic outbreak*
        cancer* diabet* heart obesity drug* fda cdc who clinical trial* treatment* therap*
        surgery mental depression opioid* overdose* nurse* pharma* symptom* diagnos* ebola
        flu influenza measles hiv aids alzheimer* autism pregnan* abortion* nutrition diet"""),
            1.0,
        ),
        **dict.fromkeys(
            word_list(
                "vaccin* covid* coronavirus pandemic cancer* fda cdc ebola measles "
                "opioid* alzheimer*"
            ),
            2.0,
        ),
    },
    "Sports": {
        **dict.fromkeys(
            word_list("""sport* game* match* team* player* coach* season* league* championship*
        tournament* cup olympic* football soccer basketball baseball hockey tennis golf cricket
        rugby nfl nba mlb nhl fifa uefa goal* score* scored
        quarterback* striker* pitcher* playoff* medal* athlete* stadium
        transfer* injur* super-bowl world-cup"""),
            1.0,
        ),
        **dict.fromkeys(
            word_list("nfl nba mlb nhl fifa uefa quarterback* playoff* striker* olympic*"), 2.0
        ),
    },
    "Entertainment": {
        **dict.fromkeys(
            word_list("""film* movie* cinema box-office actor* actress* star stars celebrit* music
        album* song* singer* band* concert* tour tv television series episode* season
        netflix hbo disney hollywood oscar* grammy* emmy* award* festival premiere* trailer
        comedian* comedy fashion royal* wedding* kardashian* beyonce
        rapper* hip-hop broadway theater theatre book* novel* author* game-of-thrones"""),
            1.0,
        ),
        **dict.fromkeys(
            word_list(
                "hollywood oscar* grammy* emmy* box-office album* actress* rapper* kardashian*"
            ),
            2.0,
        ),
    },
    "Justice": {
        **dict.fromkeys(
            word_list("""police policing officer* cop cops sheriff* arrest* custody suspect*
        shooting* shooter gunman gunmen shot killed killing* murder* homicide* manslaughter
        crime* criminal* court courts courtroom judge* jury juror* trial* verdict* sentenc*
        convict* prosecut* indict* charged charges plea lawsuit* sued sue appeal* ruling ruled
        supreme-court justice* prison* jail* inmate* parole death-penalty execution* felon*
        fbi investigator* victim* stabbing* assault* robbery lawyer* attorney*
        defendant* testif* bail"""),
            1.0,
        ),
        **dict.fromkeys(
            word_list(
                "police policing sheriff* homicide* manslaughter jury juror* verdict* indict* "
                "prosecut* inmate* defendant* gunman supreme-court"
            ),
            2.0,
        ),
    },
    "Military": {
        **dict.fromkeys(
            word_list("""military pentagon army navy naval air-force marine* troops soldier*
        service-member* sailor* warship* destroyer* aircraft-carrier* submarine* fighter-jet*
        drone* missile* weapon* arms defense-department defense-secretary defence-secretary
        defense-minister defence-minister defense-budget defense-spending veteran* admiral*
        commander* deploy* deployment* combat war wars warfare battalion* brigade* nuclear"""),
            1.0,
        ),
        **dict.fromkeys(
            word_list(
                "pentagon navy naval warship* destroyer* soldier* sailor* battalion* brigade* "
                "marines air-force service-member*"
            ),
            2.0,
        ),
    },
    "Climate": {
        **dict.fromkeys(
            word_list("""climate warming emission* carbon greenhouse co2 fossil-fuel* coal
        renewable* solar wind-power wildfire* drought* flood* hurricane* heatwave* heat-wave
        glacier* ice sea-level environment* environmental epa pollution deforestation
        biodiversity extinction paris-agreement cop net-zero methane weather storm* cyclone*
        typhoon* tornado* rainfall temperature* energy"""),
            1.0,
        ),
        **dict.fromkeys(
            word_list(
                "climate greenhouse emission* renewable* deforestation net-zero methane wildfire*"
            ),
            2.0,
        ),
    },
}


def _compile() -> tuple[dict[str, dict[str, float]], list[tuple[str, str, float]]]:
    exact: dict[str, dict[str, float]] = {}
    prefixes: list[tuple[str, str, float]] = []
    for category, entries in LEXICON.items():
        for raw, weight in entries.items():
            term = raw.replace("-", " ")
            if term.endswith("*"):
                prefixes.append((term[:-1], category, weight))
            else:
                exact.setdefault(term, {})[category] = max(
                    weight, exact.get(term, {}).get(category, 0)
                )
    return exact, prefixes


_EXACT, _PREFIXES = _compile()


def _prefix_patterns() -> list[tuple[re.Pattern[str], str, float]]:
    """One alternation per (category, weight): 18 regex matches instead of ~300 startswith."""
    groups: dict[tuple[str, float], list[str]] = defaultdict(list)
    for prefix, category, weight in _PREFIXES:
        groups[(category, weight)].append(re.escape(prefix))
    return [
        (re.compile("(?:" + "|".join(sorted(alts, key=len, reverse=True)) + ")"), cat, w)
        for (cat, w), alts in groups.items()
    ]


_PREFIX_PATTERNS = _prefix_patterns()


@lru_cache(maxsize=65536)
def _gram_weights(gram: str) -> tuple[tuple[str, float], ...]:
    """Categories and weights one unigram or bigram scores (cached: news vocabulary repeats)."""
    found = _EXACT.get(gram)
    if found:
        return tuple(found.items())
    if " " in gram:
        return ()
    best: dict[str, float] = {}
    for pattern, category, weight in _PREFIX_PATTERNS:
        if pattern.match(gram):
            best[category] = max(best.get(category, 0.0), weight)
    return tuple(best.items())


def score_text(text: str, weight: float = 1.0) -> dict[str, float]:
    """Keyword score per category for *text* (unigrams and bigrams)."""
    tokens = words(text)
    scores: dict[str, float] = defaultdict(float)
    for gram in [*tokens, *(f"{a} {b}" for a, b in pairwise(tokens))]:
        for category, w in _gram_weights(gram):
            scores[category] += w * weight
    return scores


def category_of_hint(hint: str) -> str | None:
    """Map a feed or article category label to a category ("Business News" → Business)."""
    for word in hint.lower().replace("/", " ").replace("_", " ").split():
        if word in HINTS:
            return HINTS[word]
    return None


def _article_scores(art: StoryArticle) -> dict[str, float]:
    scores: dict[str, float] = defaultdict(float)
    for part in (score_text(art.title, TITLE_WEIGHT), score_text(art.text[:LEAD_CHARS])):
        for category, value in part.items():
            scores[category] += value
    hints: Iterable[str] = [*art.categories, *([art.category_hint] if art.category_hint else [])]
    voted = {c for c in (category_of_hint(h) for h in hints) if c}
    for category in voted:
        scores[category] += HINT_WEIGHT
    return scores


class TextEmbedder(Protocol):
    """Anything with ``embed(texts) -> (n, dim)`` L2-normalised vectors (nlp.embed.Embedder)."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed *texts*."""
        ...


def prototype_vectors(embedder: TextEmbedder) -> np.ndarray:
    """Embed the `PROTOTYPES` descriptions, one row per category in their order."""
    vectors = np.asarray(embedder.embed(list(PROTOTYPES.values())), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def prototype_scores(vector: np.ndarray, prototypes: np.ndarray) -> dict[str, float]:
    """``EMBED_WEIGHT`` × (cosine to each category's prototype − the mean cosine)."""
    norm = float(np.linalg.norm(vector))
    if norm == 0 or prototypes.shape[1] != vector.shape[0]:
        return {}
    sims = prototypes @ (vector / norm)
    mean = float(sims.mean())
    pairs = zip(PROTOTYPES, sims, strict=True)
    return {name: EMBED_WEIGHT * (float(s) - mean) for name, s in pairs}


def categorize(
    articles: Sequence[StoryArticle], *, embedding_scores: dict[str, float] | None = None
) -> tuple[str, dict[str, float]]:
    """Return the story's category and the per-category scores (per article, for display).

    *embedding_scores* (from `prototype_scores` of the story centroid) are added to the
    per-article keyword and hint scores.
    """
    total: dict[str, float] = defaultdict(float)
    for art in articles:
        for category, value in _article_scores(art).items():
            total[category] += value
    n = max(1, len(articles))
    per_article = {c: v / n for c, v in total.items()}
    for category, value in (embedding_scores or {}).items():
        per_article[category] = per_article.get(category, 0.0) + value
    ranked = sorted(per_article.items(), key=lambda kv: -kv[1])
    scores = {c: round(v, 3) for c, v in ranked}
    if not scores or next(iter(scores.values())) < MIN_SCORE:
        return "General", scores
    return next(iter(scores)), scores
