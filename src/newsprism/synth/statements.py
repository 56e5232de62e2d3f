"""Reported-statement rules: whether a source sentence can stand in the narrator's voice.

* `statement_problem` — why a source sentence cannot stand as a reported statement in the
  narrator's voice (a headline, question, dateline, boilerplate, quote without speaker,
  pronoun-only subject, unattributed shouting or first-person opinion), or None;
* `attributed` — the sentence names who says it ("X said", "according to Y");
* `dateline_length` — the wire dateline opening a sentence ("WASHINGTON (AP) — ").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsprism.nlp.captions import is_caption
from newsprism.nlp.text import is_boilerplate, outside_quotes
from newsprism.synth.compose import token_overlap
from newsprism.synth.text import normalize_quotes

__all__ = ["attributed", "dateline_length", "statement_problem"]

_ATTRIBUTION = re.compile(
    # a passive "told" names no speaker: "you are told that Trump's withdrawal amounts to a
    # total retreat" stood as a replayed key point
    # ("said" as an adjective names no one: "no matter how said person became pregnant")
    r"\b((?<!\bhow )(?<!\bthe )said|says|say|"
    r"(?<!\bare )(?<!\bwere )(?<!\bwas )(?<!\bis )(?<!\bbeen )(?<!\bbe )told|"
    r"tells|wrote|writes|argued|argues|according to|claimed|claims|"
    # "states" and "reports" only as verbs: "Michigan and five other states hold contests"
    # and "news reports" name no speaker (the first stood as a side's view on a replay)
    r"stated|states(?=\s+(?:that|without|in (?:a|its)|on its)\b|\s*[.;:]|\s*$)|added|"
    r"tweeted|posted|announced|testified|reported|"
    r"(?<!\bnews )(?<!\bmedia )(?<!\bpress )(?<!\bthe )(?<!\bthese )(?<!\bthose )"
    r"(?<!\bsome )(?<!\bmany )(?<!\bseveral )(?<!\bearlier )reports|warned|"
    r"insisted|asserted|noted|explained|acknowledged|alleged|alleges|confirmed|denied|"
    r"believes?|contends?|insists?|charged|accused|called)\b"
)
_BOILERPLATE = re.compile(
    r"(opinions expressed|views expressed|contributed to this report|editor'?s note|"
    r"follow (?:him|her|them|us) on|(?:photo|image|video) (?:by|credit|courtesy)|"
    r"\bclick\b|sign up|subscribe|newsletter|all rights reserved|download our app|"
    r"this (?:article|story) (?:was|has been|is) (?:originally|updated|corrected|published)|"
    r"is a (?:\w+ ){0,3}(?:columnist|contributor|correspondent|fellow|reporter|editor) "
    r"(?:at|for|of)|"
    r"\bpodcast\b|\bsponsored\b|read (?:more|the full)|watch (?:the|this) video|"
    r"^\(?(?:reporting|writing|editing) by|^see also\b|^related\b|^from left\b|"
    r"^more\s*:|"  # a related link: "More:Post Pittsburgh shooting, Trump again blames …"
    r"^(?:update|updated|correction|clarification|breaking|exclusive|watch|read|listen)\s*:|"
    r"\((?:ap|afp|reuters|getty)? ?photo|:$|"
    # the page around the text: "In the video posted below, Obama can be seen …" stood as a
    # key point of a replayed story
    r"\b(?:posted|shown|embedded|seen|pictured|included|featured) (?:below|above)\b|"
    r"\b(?:video|clip|tweet|photo|image|post|chart|graphic)s? (?:below|above)\b|"
    # the newsroom's no-answer line says nothing about the story ("The governor's office did
    # not immediately respond to a request for comment" stood under Diverging views)
    r"\b(?:did not|didn['’]t) (?:immediately )?(?:respond|reply|return)\w* to (?:a |an |multiple "
    r"|several |repeated )?(?:requests?|inquir(?:y|ies)|messages?|e-?mails?|calls?) for comment|"
    r"could not (?:immediately )?be reached for comment|\bdeclined (?:to )?comment|"
    # a photo's positions ("Gov. Ralph Northam (center) and … Mark Herring (left)")
    r"\((?:(?:second|third|far) )?(?:from )?(?:left|right|center|centre|top|bottom)\)|"
    # a photo credit closing a caption ("(Juli Leonard/The News & Observer via AP, Pool)")
    r"\([A-Z][^()/]{2,40}/[^()]{2,60}\)\s*$)",
    re.IGNORECASE,
)
#: A stock quote the page inlines after a company's name: "Home Depot Inc. HD, +10.15% shares
#: fell …" (its symbol and the day's move) stood under Diverging views of a replayed page.
_TICKER_QUOTE = re.compile(r"(?<![\w$])[A-Z]{1,5}(?:\.[A-Z]{1,2})?,\s*[+\-−]\d{1,3}\.\d{1,2}%")
#: Datelines: "WASHINGTON —", "NEW YORK (AP) —", "LONDON, Jan 5 (Reuters) -".
_DATELINE = re.compile(
    # a two-letter first word only before another capitalised one ("EL PASO –")
    r"^\s*(?:(?:[A-Z]{2}(?= [A-Z]{2,})|[A-Z][A-Z'\-]{2,})(?:[ ,]+[A-Z][A-Za-z.'\-]*){0,4}[ ,]*"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2} )?"
    r"(?:\([A-Za-z .]+\))?\s*[-—–]+\s*|\((?:CNN|AP|Reuters|AFP|UPI|CNBC|Bloomberg)\)\s*[-—–:]*\s*)"
)
_PRONOUN_START = re.compile(
    # (a time adverb first hides it: "Earlier he'd said how that aspect …", "Now his doctor
    # says he's 75 inches.")
    r"^[\"“‘']?(?:(?:(?:earlier|later|then|now|previously|afterwards?|since then),?\s+)?"
    r"(?:he|she|they|it|his|her|their|its|we|i|you|our|my|him|them)\b|"
    r"(?:this|that)['’]s\b|"
    # a pair named in the sentence before: "The pair will be joined by other key Democrats"
    # stood under Why this story matters of a replayed page
    r"the (?:pair|duo|trio|two|three|couple)\s+(?:will|would|is|was|are|were|has|have|had|"
    r"said|say|says|met|also|then)\b|"
    # one of things named before: "The first describes her approach to estimating the costs"
    # stood in the Full story of the 2019-10 replay ("The former president said" names one)
    r"the (?:first|second|third|latter|former|other)\s+(?:(?:also|one)\s+)?(?:is|was|are|were|"
    r"has|had|will|would|describes?|described|says?|said|includes?|included|shows?|showed|"
    r"explains?|explained|outlines?|outlined|lays out|laid out)\b|"
    r"(?:this|that|these|those) (?:is|was|are|were|has|have|had|will|would|could|can|may|"
    r"means?|meant|comes?|came|includes?|shows?|showed)\b|"
    # a quantifier standing for people named before: "Many mentioned several topics
    # instead" stood under Global impact of a replayed page ("Many voters" names them)
    r"(?:many|some|others|most|several|both|few)\s+(?:(?:also|have|had|were|are|will|would)"
    r"\s+)?(?:(?!hundred)[a-z]+ed(?=\s+(?:the|a|an|that|to|in|on|with|for|his|her|their|its|"
    r"several|some|\d)\b|[,.;:])|said|says?|argue[sd]?|think|thought|believe|are|were|have|"
    r"had|will|would|did|do)\b)",
    re.IGNORECASE,
)
#: A question without its mark: an auxiliary, then its subject, and no comma for a
#: conditional's main clause ("Should the court rule against it, that would …").
_INVERTED_QUESTION = re.compile(
    r"^(?:should|would|could|will|can|do|does|did|is|are|was|were|has|have)\s+"
    r"(?:he|she|they|it|we|you|i|the|a|an|this|that|these|those)\b[^,;:]*$",
    re.IGNORECASE,
)
#: A modal and its verb with no subject before them: "Will take forever, has no prosecutorial
#: power and already late with reports on Comey etc." (a tweet's words) led a replayed
#: summary. Case-sensitive: "Will Hurd said" names someone.
_NO_SUBJECT = re.compile(
    r"^(?:Will|Would|Could|Should|Can|Must|Might|May)\s+(?:not\s+)?"
    # not a subject after it: "Should that change, …" is a condition
    r"(?!(?:one|that|this|these|those|it|he|she|they|we|you|i|the|a|an|there|any|anyone|"
    r"someone|his|her|their|our|its|such|some|more|many|either|neither)\b)[a-z]+\b"
)
#: A video or photo widget's label left at the start of a line: "CLOSE Joe Biden says, …".
_WIDGET_LABEL = re.compile(
    r"^(?:CLOSE|WATCH|VIDEO|PHOTOS?|LISTEN|ADVERTISEMENT|GALLERY)\b|^(?:Today|Tonight|Now):\s"
    # a gallery's caption ("Hide Caption 1 of 22 Photos: Unrest at the …") and a promo link
    # ("Explore:We looked at every mile of …"): both stood in replayed sections
    r"|^(?:Hide|Show) Caption\b|^\d+ of \d+ Photos:|^(?:Explore|Related|Read more|More):\s?[A-Z]"
)
#: Text whose links were lost in extraction: "Democratic Reps.(N.Y.),(Minn.) and(Mass.)".
_LOST_LINKS = re.compile(r"[\w.]\((?:[A-Z][a-z]*\.)+\)|\),\(")
#: A list's items run together when its bullets were lost: "… southern border wall A path to
#: citizenship for 1.8 million … A reduction in chain migration The elimination of …".
_GLUED_ITEMS = re.compile(r"\b[a-z]+ (?:A|An|The) [a-z]+")
#: A pronoun subject after a lead-in without a name: "Over the past 12 months, she has …".
_LEAD_IN_PRONOUN = re.compile(
    r"^[A-Z][a-z]*(?: (?:[a-z]+|\d[\w,]*|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
    r"January|February|March|April|May|June|July|August|September|October|November|"
    r"December))*,\s+(?:he|she|they|it|we|I)\s"
    # a lead-in that itself leans on a pronoun: "Asked whether he would now hesitate to send
    # American forces to Saudi Arabia, he said, …" ("When Senator Smith arrived, she said"
    # names her)
    r"|^[A-Z][^,;:\"“”]{0,160}?\b(?:he|she|they|his|her|their|him|them)\b[^,;:\"“”]{0,160},"
    r"\s+(?:he|she|they)\s"
)
#: A demonstrative subject pointing back at a sentence the page does not show: "Those 17
#: are the other members …", "This hypocrisy has proved …" (time words are no such subject:
#: "This year has been …").
_ANAPHORIC_SUBJECT = re.compile(
    # "The third would have required …": the third of a list the page does not show
    r"^the\s+(?:first|second|third|fourth|fifth|latter|former)\s+(?:would|will|was|is|had|"
    r"has|did|could|said|says|called)\b|"
    # "Both proposals also aim to …": two things named before
    r"^both\s+(?:of\s+(?:them|these|those)|proposals|plans|bills|measures|versions|men|women)\b|"
    # "Such a high-profile departure ordinarily wouldn't be …": such as the one just told
    r"^such\s+(?:a|an)\s|"
    # "The response Jones referred to was …": what someone said before this sentence (it
    # led a replayed 27-outlet summary)
    r"^the\s+\w+(?:\s+\w+)?\s+(?:[A-Z][\w'’-]+|he|she|they)\s+(?:referred to|mentioned|"
    r"alluded to|spoke of|was referring to)\b|"
    # "Both votes are expected to fail.": two things the page does not show
    r"^both\s+[a-z]+s\s+(?:are|were|will|would|could|can|may|might|must|should)\b|"
    r"^(?:this|that|these|those)\s+(?!(?:week|month|year|morning|afternoon|evening|night|day|"
    r"weekend|time|season|spring|summer|fall|winter|quarter)s?\b)(?:\d[\d,]*|[a-z]+(?:-[a-z]+)?)"
    r"\s+(?:is|are|was|were|has|have|had|will|would|could|can|may|might|must|should|"
    # or a finding or report of the one named before: "This analysis found it “highly
    # probable” …" (a replayed key point), "That poll showed …", "Those surveyed said …"
    r"(?:also\s+)?(?:found|finds|showed|shows|suggests|suggested|revealed|reveals|concluded|"
    r"concludes|said|says))\b",
    re.IGNORECASE,
)
#: An indefinite pronoun as the subject: "Some are staying home from work."
_INDEFINITE_SUBJECT = re.compile(
    r"^(?:some|many|others|most|several|few|both|all) (?:of them |of those )?"
    r"(?:are|were|have|had|will|would|say|said|want|wanted|do|did|may|might|could|"
    r"suggest(?:ed)?|argue[ds]?|believe[ds]?|think|thought|fear(?:ed)?|worr(?:y|ied)|"
    r"note[ds]?|question(?:ed)?|wonder(?:ed)?)\b",
    re.IGNORECASE,
)
_CONTINUATION = re.compile(
    # "Second, withdrawing troops means …": a step of a list the page does not show
    r"^(?:(?:and|but|so|or|also|still|yet|which|then|since then|by then|after that|"
    r"in addition|additionally|moreover|furthermore|besides)\b|"
    # a connective that answers the sentence before ("However, any legislation would be …",
    # "Now, Peterson has confirmed that he will also vote against …")
    r"(?:now|however|similarly|likewise|meanwhile|nevertheless|nonetheless|instead|otherwise|"
    r"conversely|consequently|therefore|hence|indeed|for one thing|for another|"
    r"on the other (?:hand|side)|by contrast|in contrast|in turn|as a result|"
    r"at the same time|even so|to that end|in response|for (?:his|her|their|its) part|"
    r"on (?:the )?one (?:hand|side)|regardless|in any case|either way|after all|that said|"
    r"having said that)\s*,|"
    r"(?:first|second|third|fourth|fifth|finally|lastly|secondly|thirdly)\s*,|"
    # later than what the sentence before told: "Less than a day later, at least nine people
    # were killed …" (an opinion piece's line under Diverging views, 2019-08-05 replay)
    r"(?:(?:less|more) than |about |nearly |only |just )?(?:a|an|one|two|three|four|five|six|"
    r"seven|few|several|\d+) (?:minutes?|hours?|days?|weeks?|months?|years?) "
    r"(?:later\b|(?:after|before) (?:that|this|then|it)\b)|"
    r"(?:moments|minutes|hours|days|weeks|months|years) later\b)",
    re.IGNORECASE,
)
#: "… aren't lost on him, either." / "… backed the plan, too.": the sentence leans on the one
#: before it, which the page does not show.
_BACK_REFERENCE_TAIL = re.compile(r",\s*(?:either|too|as well)\s*[.!]?\s*$", re.IGNORECASE)
#: A verb left out because the sentence before said it: "All parties agree that it may."
_ELLIPSIS_TAIL = re.compile(
    r"\b(?:it|he|she|they|we|you|i|so)\s+(?:may|might|can|could|will|would|should|must|"
    r"does|did|do)(?:\s+not|n['’]t)?\s*[.!]?\s*$",
    re.IGNORECASE,
)
#: Words that lean on the sentence before from inside a sentence: a connective set off
#: mid-clause ("Kim and other officials, however, said …", "Ocasio-Cortez, though, doesn't
#: …"), or "also" / "likewise" right after the subject ("Mr. Cohen also said …", "The bill
#: would also require …"): what the subject also did was in a sentence the page does not show.
_LEANING_INSIDE = re.compile(
    r",\s*(?:however|though|meanwhile|too|in turn|instead|therefore|nonetheless|nevertheless|"
    r"for (?:his|her|their|its) part|in response),|"
    r"\bhowever\b(?!\s+(?:much|many|long|far|often|large|small|big|hard|you|they|he|she|we|it|"
    r"i|the|a|an|this|that)\b)|"
    r"^(?!(?:[\w.'’\-]+\s+){0,6}?(?:only|but)\s)(?:[\w.'’\-]+\s+){1,6}?"
    r"(?:(?:is|are|was|were|has|have|had|will|would|could|can|may|might|should|must|does|did|"
    r"do)\s+)?(?:also|likewise)\s+(?!known\b)[a-z]",
    re.IGNORECASE,
)
#: A pronoun subject in a subordinate clause and again in the main one: "When he came back
#: from Vietnam, he went to work …" never says who (a name after the comma does: "When she
#: took office, Pelosi …").
_SUBORDINATE_PRONOUN = re.compile(
    r"^(?:when|after|before|while|as|although|though|because|if|since|once|until|unless)\s+"
    r"(?:he|she|they|it|we|i)\b(?:[^,]*,\s+(?:he|she|they|it|we|i)\b"
    # or no comma before the main clause: "When he was asked about the tweet he responded
    # that …" stood in a replayed Context section
    r"|[^,]*?\s(?:he|she|they|we)\s+(?:[a-z]+ed|said|says|told|added)\b)",
    re.IGNORECASE,
)
#: A time lead-in without its comma, then a pronoun subject: "Earlier this year he mocked
#: her …" (`_LEAD_IN_PRONOUN` takes the lead-ins with a comma).
_LEAD_IN_THEN_PRONOUN = re.compile(
    r"^(?:earlier|later|last|this|next)\s+(?:this\s+|that\s+)?(?:week|month|year|spring|summer|"
    r"fall|winter|morning|night)\s+(?:he|she|they)\s"
    # a time phrase set off by a comma: "In the 1980s and 90s, these gave way to …"
    # (not a conditional's main clause, "Should the court rule …, that would …", nor a time
    # phrase, ", this time enriching …")
    r"|^(?!(?:if|should|unless|were|had)\b)[A-Z][^\"“”]{0,120}?,\s+"
    r"(?:he|she|they|these|those|(?:it|this|that)(?!\s+(?:is|was|time|year|week|month|day)\b))"
    # (an expletive "it's unclear …" points at nothing before)
    r"(?:['’]s(?!\s+(?:unclear|not|likely|unlikely|possible|impossible|clear|hard|easy|worth)\b)"
    r"|\s+[a-z]+)",
    re.IGNORECASE,
)
#: A full name in a lead-in, which its pronoun may stand for ("When Senator Smith arrived,
#: she said …").
_LEAD_IN_NAME = re.compile(r"\b[A-Z][a-z]+\.? (?:[A-Z]\. )?[A-Z][a-z]+")


def _lead_in_then_pronoun(subject: str) -> bool:
    """Tell a lead-in, then a pronoun that stands for no one the sentence names."""
    found = _LEAD_IN_THEN_PRONOUN.match(subject)
    return found is not None and not _LEAD_IN_NAME.search(subject[1 : found.end()])


#: "All five of them have …", "One of those …": the group is the sentence before's.
_PART_OF_THEM = re.compile(
    r"^(?:[^,\"“”]{0,80},\s+)?(?:all|both|each|some|many|most|none|several|one|two|three|four|"
    r"five|six)\s+(?:\w+\s+)?of\s+(?:them|those|these|us)\b",
    re.IGNORECASE,
)
#: A message named by the sentence before: "“…!” the post said", "The statement said …".
_MESSAGE_SPEAKER = re.compile(
    r"^(?:the|this|that)\s+(?:post|tweet|statement|letter|message|memo|note|e-?mail|release)\s+"
    r"(?:said|says|read|reads|added|adds|stated|states|continued|went on)\b",
    re.IGNORECASE,
)
#: "The move comes as …", "The exchange came after …": the event is the one just told.
_COMES_AS = re.compile(
    # (or a possessive: "Trump's tweet comes as Democrats push …" led a README demo summary,
    # a tweet the page never showed)
    # ("The attempt to clarify came after …": three words between)
    r"^(?:the|[A-Z][\w.\-]*['’]s)\s+(?:[\w'’\-]+\s+){0,3}(?:comes?|came)\s+(?:as|after|amid|"
    r"days|weeks|months|hours|"
    r"a day|a week|one day|on the heels|just|only)\b",
    re.IGNORECASE,
)
#: "… took the same tack.": the same as what, the page does not say.
_SAME_AS_BEFORE = re.compile(r"\bthe same \w+\s*[.!]?\s*$", re.IGNORECASE)
#: A list item's label ("Former Vice President Joe Biden: Biden thought …", "What: …").
_ITEM_LABEL = re.compile(
    r"^(?:who|what|when|where|why|how|(?:[A-Z][\w.'’\-]*\s+){0,5}[A-Z][\w.'’\-]*"
    r"(?:\s+\([^()]{1,12}\))?"
    # a fact check's "Trump's claim: …", and "The result: …" pointing at what came before
    r"|(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*['’]s\s+[a-z]+|[Tt]he\s+[a-z]+)\s*:\s+\S"
    # a list's number: "1 Large majorities of Americans say …" (news style spells out a
    # number that opens a sentence)
    r"|^\d{1,2}[.)]?\s+[A-Z][a-z]"
)
#: The most words of a line with no full stop read as a headline or standfirst left in the
#: text: "Broward county supervisor of elections who missed recount deadline by two minutes
#: intends to leave her post in January" (17) stood in a replayed story section.
HEADLINE_WORDS = 24
#: An embedded post's text: "#BREAKING: Senator @BernieSanders tells @CBSNews …" stood under
#: "Why this story matters" on a replayed page.
_EMBEDDED_POST = re.compile(
    r"^#\w|(?<![\w.])@[A-Za-z_]\w{2,}"
    # a post's "&" for "and": "… must stop the open & obvious hostility & report the news
    # …" and "Tariffs on Steel and Aluminum will only come off if new & fair NAFTA agreement
    # is signed." (a president's tweets) stood in replayed sections as the page's words; all
    # 9 sampled baly2020 sentences with one are posts
    r"|\b[a-z]+ & [a-z]+\b"
)
#: The writer's exclamation: "… is out — and wow, is it a doozy."
_INTERJECTION = re.compile(r"\b(?:wow|whoa|yikes|ugh|phew|geez|jeez|alas|duh|lol|omg|yay)\b",
                           re.IGNORECASE)  # fmt: skip
#: The writer's aside anywhere in the sentence: "Contagiousness is highly important, of
#: course." stood in a replayed Why-this-matters section (of 30 sampled baly2020 sentences
#: with "of course" outside quotation marks, all are the writer's voice).
_OF_COURSE = re.compile(r"\bof course\b", re.IGNORECASE)
#: The writer's own voice: first person, or the reader addressed ("you're not allowed to …").
_FIRST_PERSON = re.compile(
    r"\b(I|I'm|I've|I'd|me|my|mine|we|we're|our|us|you|You|you're|You're|your|Your)\b"
)
_SHOUT = re.compile(r"\b[A-Z]{4,}\b")
_KNOWN_ACRONYM = re.compile(
    r"^(NATO|FEMA|NASA|NCAA|OPEC|ISIS|DACA|NAFTA|USMCA|CDC|EPA|FBI|CIA|COVID|HIV|AIDS|"
    r"NAACP|ACLU|GOP|ICE|USA|UN|EU|UK|WHO|NRA|NFL|NBA|MLB|NSA|IRS|DOJ|SCOTUS|MSNBC|CNN)$"
)


#: Of the stance openers (`_STANCE`), those only the writer uses of their own account: a
#: reporting verb later in the sentence does not make it anyone else's ("In other words,
#: Republican voters may say they support certain gun control measures, but …" stood under
#: Why this story matters on the 2019-08-05 replay, passed by its "say"). "Maybe",
#: "perhaps", "apparently", "no" and "yes" open attributed reports too ("Perhaps the biggest
#: change, officials said, …") and are only in `_STANCE`.
_NARRATOR_OPENINGS = (
    r"to be clear|obviously|clearly|of course|sadly|thankfully|luckily|frankly|honestly|"
    r"surely|needless to say|in other words|"
    # the reader addressed: "Imagine holding the type of press conference he did last week."
    r"imagine|think about|"
    # the writer's verdict announced: "The truth is that white supremacist violence is …"
    r"the (?:truth|bottom line) is|"
    # the writer's own odds: "There's little reason to believe that … will be met with
    # anything but continued Democratic “resistance.”" stood in a replayed Full story
    r"there(?:['’]s| is) (?:little|no|every|good) reason to (?:believe|think|expect|doubt)"
)
#: Openers that carry the writer's stance ("Maybe …", "Apparently …", "No: …").
_STANCE = re.compile(
    rf"^(?:{_NARRATOR_OPENINGS}|here['’]s|here is|here are|maybe|perhaps|apparently|no|yes|"
    r"not because|worse|better yet|even so|ironically|remarkably|unfortunately|fortunately|"
    r"in (?:a bit of|an) irony|in an ironic twist|"
    r"oh|consider|remember|the (?:fact|reality|point|problem) is)\b",
    re.IGNORECASE,
)
_NARRATOR_OPENER = re.compile(rf"^(?:{_NARRATOR_OPENINGS})\b", re.IGNORECASE)
#: A third-person pronoun as the subject (after a stance opener, if any).
_THIRD_PERSON_START = re.compile(r"(?:he|she|they|it|him|them)\b(?!['’]s\b)", re.IGNORECASE)
#: Verdicts on people or acts: a reporter does not call anyone a liar in their own voice ("Joe
#: Biden is a plagiarist and a liar, among other things" stood unattributed in a story).
_VERDICT = re.compile(
    r"\b(?:liars?|plagiarists?|hypocrites?|hypocrisy|idiots?|idiotic|morons?|moronic|crooks?|"
    r"traitors?|buffoons?|clowns?|lunatics?|shams?|hoax(?:es)?|witch ?hunt|disgraceful|"
    r"despicable|shameful|shameless|pathetic|"
    r"incompetent|incompetence|dishonest|dishonesty|deranged|idiocy|nonsense|ridiculous|absurd|"
    r"outrageous|disgusting|contemptible|cowardly|cowards?|depraved|vile|abhorrent|"
    r"reprehensible|appalling)\b",
    re.IGNORECASE,
)
#: A thing judged good or bad: "Today is a good demonstration of why that's a bad idea." led
#: a replayed market story's summary in the narrator's voice.
_EVALUATION = re.compile(
    r"\b(?:a|an|the)\s+(?:(?:very|really|pretty)\s+)?(?:good|bad|great|terrible|terrific|"
    r"wonderful|horrible|awful|smart|dumb|stupid|wise|foolish|brilliant|perfect)\s+"
    r"(?:idea|thing|move|sign|example|demonstration|decision|reminder|lesson|deal|bet|call)s?\b"
    # "Riots are bad." on the 2020-05-25 replay's Context corner
    r"|\b(?:is|are)\s+(?:(?:very|so|just|simply|really)\s+)?(?:bad|good|evil|terrible|awful)"
    r"\s*[.!]?\s*$",
    re.IGNORECASE,
)
#: What ought to be done, in the narrator's voice: "… insurance needs to be expanded as well."
#: ("must" and "has to" are left out: news reports rules with them: "travelers must wear …")
_PRESCRIPTION = re.compile(
    r"\b(?:ought to|needs? to be|should be (?:\w+ed|allowed|made)|"
    # what should have happened: "Derek Chauvin … should have been removed long ago"; and
    # what should not have: "Trump should not have been on the phone with a foreign head
    # of state …" under Global impact of the 2019-10 replay
    # ("should not have the power", "shouldn't have to" are rules and duties: left out)
    r"should have been \w+ed|should(?:\s+not|\s+never|n['’]t)\s+have\s+"
    r"(?:been|\w+ed|gotten|done|made|written|run|given|taken)|"
    # the writer's advice: "Trump should not expect a warm welcome after …" led a replayed
    # Davos story's summary
    r"should(?:\s+not|n['’]t)?\s+expect)\b"
)
#: A bare attribution with nothing said: "Trump said in a tweet Sunday."
_BARE_ATTRIBUTION = re.compile(
    r"^(?:[A-Z][\w.'’\-]* ){1,4}(?:said|tweeted|wrote|added|told reporters)"
    # (or "in a early morning tweet": a replayed Full story's line)
    r"(?: (?:in|on|at) (?:a |an )?(?:\w+ ){0,3}\w+)?(?: \w+day)?\.?$"
)


#: A newsroom's label before the sentence it heads: "Update 4:00 p.m.: While the facts …",
#: "Reality check: The assertion …", "Of note: The resolution …" (2019-10 replay pages).
_LABEL = re.compile(
    r"(?:Update[sd]?(?:\s+\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?(?:\s+[A-Z]{2,4})?)?|"
    r"Reality check|Why it matters|The big picture|Of note|Between the lines|Yes, but|"
    r"(?:The )?bottom line|Driving the news|The backdrop|By the numbers|Worth noting|"
    r"The catch|Be smart|Flashback|What'?s next|What we'?re watching|Catch up quick|"
    r"Zoom in|Zoom out|The latest|Go deeper)\s*:\s+(?=[A-Z\"“])"
)


def dateline_length(text: str) -> int:
    """Characters of a dateline or label opening *text* ("WASHINGTON (AP) — ", "Update:")."""
    match = _DATELINE.match(text)
    end = match.end() if match else 0
    label = _LABEL.match(text, end)
    return label.end() if label else end


def attributed(text: str) -> bool:
    """Tell whether *text* names who says it ("X said", "according to Y").

    The verb is lower case except at the start: "the United States" or "Consumer Reports"
    names no speaker.
    """
    plain = normalize_quotes(text).lstrip(" \"'")
    plain = plain[:1].lower() + plain[1:]
    return any(
        # the writer speaking ("What we can say for sure is …") names no one
        not _FIRST_PERSON_SAYER.search(plain[: m.start()])
        and not (
            m.group(1) in _PASSIVE_PRONE
            and (
                (
                    _BE_BEFORE.search(plain[: m.start()])
                    and not plain[m.end() :].lstrip().startswith("by ")  # "… by officials"
                )
                # a participle with nothing after it: "There is no recovery for someone
                # falsely accused - life and career are gone." (a tweet) names no speaker
                or (m.group(1) in _NO_OBJECT_PASSIVE and _NOTHING_AFTER.match(plain, m.end()))
            )
        )
        for m in _ATTRIBUTION.finditer(plain)
    )


#: Verbs that name no speaker in the passive: "until they are formally charged", "was
#: called a hoax" (a column's "Well, … unless and until they are formally charged" stood
#: as a side's attributed view on a replay).
_PASSIVE_PRONE = frozenset({"charged", "accused", "called", "denied", "confirmed", "reported"})
#: A first-person subject before a verb of saying: the writer speaks, no source is named.
_FIRST_PERSON_SAYER = re.compile(
    r"\b(?:i|we)(?:\s+(?:can|could|would|will|must|should|also|"
    r"just|only|now|all))*\s+$",
    re.IGNORECASE,
)
#: Of those, the ones whose active voice always takes an object ("X accused Y of …"): with
#: nothing after them they are participles ("… reported." stays an attribution).
_NO_OBJECT_PASSIVE = frozenset({"charged", "accused"})
_NOTHING_AFTER = re.compile(r"\s*(?:[-–—,;:.!?]|$)")
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got)\s+(?:\w+ly\s+)?$")


def statement_problem(text: str, titles: Iterable[str] = ()) -> str | None:
    """Why *text* cannot stand as a reported statement, or None when it can.

    *titles* are the story's headlines: a body sentence repeating one is a headline left in
    the text (a "related" link, a listicle title), not a report.
    """
    plain = normalize_quotes(text).strip()
    if not plain:
        return "empty"
    if plain.rstrip("\"' )").endswith("?") or (plain.count("?") >= 1 and not attributed(plain)):
        return "question"
    if _INVERTED_QUESTION.match(plain):
        return "question"  # a subheading asks without its mark: "Should he announce …"
    if _NO_SUBJECT.match(plain):
        return "broken_text"
    if (
        _BOILERPLATE.search(plain)
        or is_boilerplate(plain)
        or is_caption(plain)
        or _BARE_ATTRIBUTION.match(plain)
        or _TICKER_QUOTE.search(plain)
    ):
        return "boilerplate"
    if _DATELINE.match(plain):
        return "dateline"
    # (a closing parenthesis too: "What Trump said he supports on gun control (for now)")
    if plain.rstrip(")")[-1:].isalnum() and len(plain.split()) <= HEADLINE_WORDS:
        # no full stop: a subheading or a standfirst left in the text ("Border wall loses
        # another round in court" led a replayed summary)
        return "headline"
    if _LOST_LINKS.search(plain) or len(_GLUED_ITEMS.findall(plain)) >= 2:
        return "broken_text"
    if plain.rstrip("\"' )").endswith(("...", "…")):
        return "broken_text"  # cut off: an embedded post's "… re: Otto Warmbier/Kim Jong Un..."
    if _ITEM_LABEL.match(plain) or _EMBEDDED_POST.search(outside_quotes(plain)):
        return "boilerplate"
    if _WIDGET_LABEL.match(plain):
        return "boilerplate"
    for title in titles:
        if len(title.split()) < 4:
            continue
        if (
            len(plain.split()) <= len(title.split()) + 3 and token_overlap(plain, title) >= 0.9
        ) or plain.lower().startswith(normalize_quotes(title).strip().lower() + " "):
            # a headline, or one glued to the text after it ("Trump pulls security clearance
            # of ex-CIA Director John Brennan 'Mr. Brennan's lying …")
            return "headline"
    outside = outside_quotes(plain)
    # who speaks is said outside the quotation: "you're going to hear analysts repeating that
    # '… Republicans have announced …'" is the narrator's, whatever the quote announces
    says = attributed(outside)
    if plain[:1] == '"' and not says:
        return "quote_without_speaker"
    # an opinion line may stand quoted under Diverging views, but not one whose subject is
    # someone the sentences before named ("In short, they love being us." stood there); a
    # lead-in's pronoun is the match's last word
    opener = _STANCE.match(plain)
    rest = plain[opener.end() :].lstrip(" ,") if opener else plain
    lead_in = _LEAD_IN_PRONOUN.match(plain)
    if _THIRD_PERSON_START.match(rest) or (
        lead_in is not None and _THIRD_PERSON_START.fullmatch(lead_in.group().split()[-1])
    ):
        return "pronoun_subject"
    # (an odd quotation mark: the tail of a quotation opened a sentence before, "Clearly the
    # aim is to lie about me …,” he said.", whose words are the speaker's)
    if _NARRATOR_OPENER.match(plain) and plain.count('"') % 2 == 0:
        return "opinion_unattributed"
    if not says and (
        _FIRST_PERSON.search(outside)
        or _STANCE.match(plain)
        or _VERDICT.search(outside)
        or _EVALUATION.search(outside)
        or _PRESCRIPTION.search(outside)
        or _INTERJECTION.search(outside)
        or _OF_COURSE.search(outside)
    ):
        return "opinion_unattributed"
    # a quotation may open with "We …": what counts is who speaks outside it
    subject = outside.lstrip(" ,") if plain.startswith('"') else plain
    if (
        _PRONOUN_START.match(subject)
        or _CONTINUATION.match(subject)
        or _LEAD_IN_PRONOUN.match(subject)
        or _INDEFINITE_SUBJECT.match(subject)
        or _ANAPHORIC_SUBJECT.match(subject)
        or _BACK_REFERENCE_TAIL.search(outside)
        # (a longer sentence holds the verb it leaves out: "Asked whether he would resign,
        # the governor said he would not.")
        or (_ELLIPSIS_TAIL.search(outside) and len(outside.split()) <= 10)
        or _LEANING_INSIDE.search(outside_quotes(subject))
        or _SUBORDINATE_PRONOUN.match(subject)
        or _lead_in_then_pronoun(subject)
        or _PART_OF_THEM.match(subject)
        or _MESSAGE_SPEAKER.match(subject)
        or _COMES_AS.match(subject)
        or _SAME_AS_BEFORE.search(outside)
    ):
        return "pronoun_subject"
    shouted = [w for w in _SHOUT.findall(outside) if not _KNOWN_ACRONYM.match(w)]
    if (shouted and not says) or "!" in outside:
        return "opinion_unattributed"
    return None
