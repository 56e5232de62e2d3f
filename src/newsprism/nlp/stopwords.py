"""The project's one English stop-word list: function words, news reporting vocabulary.

Framing terms, key phrases, the category classifier, the clusterer's lexical features
and the synthesizer's content words all read `STOP_WORDS`, so that they agree on which
words carry no content. Before issue 15 there were three lists (``nlp/text.py``,
``stories/terms.py``, ``synth/text.py``); this is their union plus the reporting verbs
and honorifics that leaked into framing terms ("wrote", "rep").
"""

from __future__ import annotations

__all__ = ["CALENDAR_WORDS", "FUNCTION_WORDS", "REPORTING_WORDS", "STOP_WORDS"]


def _table(text: str) -> frozenset[str]:
    """A whitespace-separated word table as a set (keeps long lists readable)."""
    return frozenset(text.split())


#: English function words (pronouns, articles, auxiliaries, conjunctions, contractions).
FUNCTION_WORDS = _table(
    """a about above across after afterwards again against all almost alone along already
    also although always am among amongst amid an and another any anyhow anyone anything
    anyway anywhere are around as at back be became because become becomes becoming been
    before beforehand behind being below beside besides between beyond both but by can
    cannot could did do does doing done down due during each either else elsewhere enough
    etc even ever every everyone everything everywhere except few for former formerly from
    further had has have having he hence her here hereafter hereby herein hers herself him
    himself his how however i if in indeed into is it its itself just last latter least
    less made make makes many may me meanwhile might mine more moreover most mostly much
    must my myself namely neither never nevertheless next no nobody none nor not nothing
    now nowhere of off often on once one only onto or other others otherwise our ours
    ourselves out over own per perhaps please put quite rather re really regarding same see
    seem seemed seeming seems several she should show since so some somehow someone
    something sometime sometimes somewhere still such than that the their theirs them
    themselves then thence there thereafter thereby therefore therein thereupon these they
    this those though through throughout thru thus to together too toward towards under
    unless until up upon us used using various very via vs was we well were what whatever
    when whence whenever where whereafter whereas whereby wherein whereupon wherever
    whether which while whither who whoever whole whom whose why will with within without
    would yet you your yours yourself yourselves shall
    s t d ll m ve don didn doesn isn wasn weren hasn haven hadn won wouldn couldn shouldn
    aren ain can't won't don't it's i'm he's she's that's there's they're we're you're
    i've we've they've i'd he'd she'd we'd they'd i'll he'll she'll we'll they'll
    get gets got go going went come came like way want wanted think thought know known
    two three four five six seven eight nine ten first second third percent cent"""
)

#: The vocabulary of reporting itself: every outlet uses it, so it frames nothing —
#: reporting verbs, page words, honorifics, dates and times.
REPORTING_WORDS = _table(
    """say says said saying told tell tells telling according added adding add adds
    stated statement statements reported reporting reports report reporter reporters
    asked ask asks noted notes wrote write writes written writing tweeted tweet tweets
    posted explained explains argued argues claimed claims insisted insists announced
    declared continued replied responded acknowledged admitted warned urged confirmed
    suggested commented described called including include includes
    news update updates video videos photo photos live read story stories article
    mr mrs ms dr rep reps sen sens gov gen lt col sgt capt prof rev adm maj
    am pm et gmt est edt pst cst new year years week weeks day days today yesterday
    tomorrow time times"""
)

#: Day and month names: no content for framing, but names for the faithfulness guard
#: (a changed month is a changed fact), which therefore subtracts them.
CALENDAR_WORDS = _table(
    """monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec"""
)

#: The one list: every stop word of the project.
STOP_WORDS = FUNCTION_WORDS | REPORTING_WORDS | CALENDAR_WORDS
