"""The regex vocabulary of quote attribution: verbs, names, titles, offices, appositives.

Pure data, no logic: the reporting verbs (`_VERBS`), the name and nominal patterns
(`_NAME`, `_NOMINAL`, `_APPOSITIVE`), the attribution patterns tried after and before a
quote (`_AFTER`, `_BEFORE`), the word lists that tell names from noise, titles and
offices, and the page-furniture patterns blanked before reading a page. Used by
`speakers`, `attribution` and `quotes`.
"""

from __future__ import annotations

import re

from newsprism.nlp.lexicon import speech_alternation
from newsprism.nlp.text import word_list

#: The reporting verbs (`nlp.lexicon.SPEECH_VERBS`), and "was quoted … as saying".
_VERBS = rf"(?:{speech_alternation()}|(?:was|were)\s+quoted\s+(?:\w+\s+){{0,3}}?as\s+saying)"
_CAP = r"[A-ZÀ-Ý][\w'’\-]*"
_PARTICLE = r"(?:de|da|del|der|van|von|al|bin|la|le|di|du|ibn)"
# a surname whose particle is joined by a hyphen: "Nasir el-Rufai", "Abdel Fattah el-Sisi";
# read as no name, "Kaduna Governor Nasir el-Rufai said" lost its speaker
_JOINED = r"(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|abu|ben|ul)-[A-Z][\w'’\-]*"
# ranks as written before a name ("Brig. Gen. Amir Ali Hajizadeh" read "… Force Brig")
_HONORIFIC_WORD = (
    r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Adm|Maj|Brig|Cmdr|Cpl|Pvt)\."
)
_HONORIFIC = rf"(?:(?:{_HONORIFIC_WORD}\s+){{1,2}})"  # "Maj. Gen. James Marks": two ranks
# blanks inside a name, never a line break: "REUTERS/Edgard Garrido\n\nLighthizer said" is
# a photo credit, then a new paragraph's speaker
_SPACE = r"[^\S\n]+"
# an initial before a name is tried before a capitalised word: "said J. Miles Coleman,"
# read "J" alone (the "." ended it) and lost the speaker
_NAME = (
    rf"{_HONORIFIC}?(?:(?:[A-Z]\.){{2,}}|[A-Z]\.(?={_SPACE}[A-Z])|{_CAP}|[A-Z]\.)"
    rf"(?:{_SPACE}(?:(?:[A-Z]\.){{2,}}|[A-Z]\.(?=\s+[A-Z])|{_HONORIFIC_WORD}(?=\s+[A-Z])|{_CAP}|"
    rf"[A-Z]\.|{_PARTICLE}(?=\s+[A-Z])|{_JOINED}))*"
)
_PRONOUN = r"(?<![\w’'])(?:he|she|they|it|He|She|They|It)(?![\w’'])"
# the lookbehind keeps "an" inside "spokesman Ryan Mahoney" from starting a nominal
_NOMINAL = (
    r"(?<![\w’'])(?:the|a|an|one|another|his|her|their|The|A|An|One|Another|His|Her|Their)"
    r"\s+[^,.;:\"“”—–]{1,70}?"
)
_WHO = rf"(?P<who>{_NAME}|{_PRONOUN}|{_NOMINAL})"
# "Cummings of Maryland, top Democrat on the committee, said": an "of X" part, then a
# comma-delimited apposition, each optional
_APPOSITIVE = (
    r"(?:\s*\([^()\"“”]{1,40}\))?"  # "(R-S.C.)"
    r"(?:\s+(?:of|from|at)\s+(?:the\s+)?[A-Z][^,\"“”]{1,60}?)?"
    # "Nancy Pelosi, a member of the “Gang of Eight” congressional leaders …, told"
    # and two of them: "David Ablett, 74, a retired car dealer, said"
    r"(?:(?:\s*,\s*(?:[^,;\"“”]|[“\"][^\"“”\n]{1,40}[”\"]){1,200}?){1,2}\s*,)?"
)
# adverbs and auxiliaries between a speaker and the verb: "has long argued", "also said"
_ADVERB = r"(?:\s+(?:has|have|had|would|will|later|also|then|again|earlier|previously|\w+ly)){0,2}"

_DOCUMENTS = r"letter|statement|memo|email|note|notice|filing|complaint|release|motion|brief|report"
_AFTER = [
    # "…," Coale said / "…," Coale, the envoy, told reporters / "…" he added
    re.compile(rf"^\s*,?\s*{_WHO}{_APPOSITIVE}{_ADVERB}\s+{_VERBS}\b"),
    # prepared remarks: "“…,” Sessions plans to tell a group of officers on Wednesday"
    re.compile(
        rf"^\s*,?\s*{_WHO}{_APPOSITIVE}\s+(?:(?:plans|planned|intends|intended|is\s+expected|"
        r"was\s+expected|is\s+set|is\s+scheduled)\s+to|will|would)\s+"
        r"(?:say|tell|argue|write|testify|announce|warn|add)\b"
    ),
    # "…," presidential physician Sean Conley wrote / "…," Campaign Legal Center president
    # Trevor Potter said (a lower-case job title, maybe after an organisation, then the name)
    re.compile(
        rf"^\s*,?\s*(?:[A-Z][\w’'\-]*\s+){{0,4}}(?:[a-z0-9][\w'’\-]*\s+){{1,4}}?"
        rf"(?P<who>{_NAME}){_APPOSITIVE}{_ADVERB}\s+{_VERBS}\b"
    ),
    # "…," said John Coale, the envoy
    re.compile(
        rf"^\s*,?\s*{_VERBS}\s+(?P<who>{_NAME}|{_NOMINAL})"
        rf"(?=\s*[,.;(]|\s*$|\s+(?:in|on|at|to|of|who|after|before|during|and)\b)"
    ),
    # "…," says Mallory Quigley with the Susan B. Anthony List (not "Susan B", the name
    # before the next "."); a description goes on ("said one person familiar with …").
    # "tweets" only here, inverted after a quote: elsewhere it is mostly a noun ("Trump’s
    # tweets"): "“…,” tweets Jonathan Allen of NBC News"
    re.compile(rf"^\s*,?\s*(?:{_VERBS})\s+(?P<who>{_NAME})(?=\s+(?:with|from)\b)"),
    re.compile(rf"^\s*,?\s*tweets\s+(?P<who>{_NAME})(?=\s*[,.;(]|\s*$|\s+(?:of|at|from|with)\b)"),
    # "…," says Texas Tech University political scientist Seth McKee, a longtime observer
    re.compile(
        rf"^\s*,?\s*{_VERBS}\s+(?:[A-Z][\w’'\-]*\s+){{0,4}}(?:[a-z][\w\-]*\s+){{1,4}}"
        rf"(?P<who>{_NAME})(?=\s*[,.;]|\s*$|\s+(?:in|on|at|to|of|who|during|and)\b)"
    ),
    # "…," said Secretary of State spokesman Jake Rollow.
    re.compile(
        rf"^\s*,?\s*{_VERBS}\s+(?:[A-Z][\w’'\-]*\s+|(?:of|for|the|and)\s+){{1,6}}"
        rf"(?:[a-z][\w\-]*\s+){{1,3}}(?P<who>{_NAME})(?=\s*[,.;]|\s*$)"
    ),
    # "…" during midterm campaigns, said Gutierrez
    re.compile(
        rf"^\s*,?\s*(?:[a-z][\w’'\-]*\s+){{1,5}}?[a-z][\w’'\-]*\s*,\s*{_VERBS}\s+"
        rf"(?P<who>{_NAME})(?=\s*[,.;]|\s*$)"
    ),
    # "…," Michael McAdams a spokesman for the House Republicans’ campaign arm said
    re.compile(
        rf"^\s*,?\s*(?P<who>{_NAME})\s+(?:a|an|the)\s+[a-z][^,.;\"“”]{{0,80}}?\s+{_VERBS}\b"
    ),
    # "…" for six months or longer, Feroli said
    re.compile(
        rf"^\s*,?\s*(?:[a-z0-9][\w’'\-]*\s+){{1,6}}?[a-z0-9][\w’'\-]*\s*,\s*(?P<who>{_NAME})"
        rf"{_ADVERB}\s+{_VERBS}\b"
    ),
    # "…," Biden fibbed. (any verb in the past tense, then the sentence ends)
    re.compile(rf"^\s*,?\s*(?P<who>{_NAME})\s+[a-z]{{3,}}ed\s*(?:[.;]|$)"),
    # "…," according to Coale / according to CNN military analyst John Kirby, a former …
    # (a description of up to four words before the name, no preposition or clause in it:
    # "according to documents reviewed by John Smith" is no Smith's)
    re.compile(
        rf"^\s*,?\s*according\s+to\s+"
        rf"(?:(?!(?:by|of|from|in|at|to|with|for|and|that|which|who|the|a|an|this|these|those|"
        rf"his|her|its|their|our|one|some|several|many)\b)[\w.&'’-]+\s+){{0,4}}?"
        rf"(?P<who>{_NAME}|{_NOMINAL})(?=\s*[,.;]|\s*$)"
    ),
    # "…" — John Coale / "…" — Health psychologist Susan Michie to Wired
    re.compile(rf"^\s*[—–-]{{1,2}}\s*(?P<who>{_NAME})"),
    re.compile(
        rf"^\s*[—–]{{1,2}}\s*[A-Z][a-z]+(?:\s+[a-z][\w\-]*){{1,3}}\s+(?P<who>{_NAME})"
        r"(?=\s*(?:,|\bto\b|\bof\b|$))"
    ),
    # "…," the agency quoted Lukashenko as saying
    re.compile(rf"^\s*,?\s*[^\"“”]{{1,80}}?\s+quoted\s+(?P<who>{_NAME})\s+as\s+saying"),
    # "…," the statement reads / his letter read (a document reads; whose it is comes later)
    re.compile(
        r"^\s*,?\s*(?P<who>(?:the|a|an|his|her|its|their|The|His|Her|Its|Their)\s+"
        rf"(?:[\w\-]+\s+){{0,2}}?(?:{_DOCUMENTS}))\s+(?:reads|read)\b"
    ),
    # "…," read a notice sent to members from her office (inverted)
    re.compile(
        r"^\s*,?\s*(?:reads|read)\s+(?P<who>(?:the|a|an|his|her|its|their)\s+"
        rf"(?:[\w\-]+\s+){{0,2}}?(?:{_DOCUMENTS}))\b"
    ),
]
_BEFORE = [
    # Coale said: / Coale, the envoy, told reporters on Friday that / he added,
    # the words between the verb and the quote hold no second speech verb: in "When Quill
    # told Brooks she had read it, the governor answered, “…”" the governor speaks
    re.compile(
        rf"{_WHO}{_APPOSITIVE}{_ADVERB}\s+{_VERBS}(?:\s+(?:(?!\b{_VERBS}\b)[^\"“”:;]){{0,60}}?)?"
        r"\s*[:,]?\s*(?:that\s*)?$"
    ),
    # said an official involved in the talks, "…" / said Jane Doe, a former executive, "…"
    re.compile(rf"\b{_VERBS}\s+(?P<who>{_NAME}|{_NOMINAL})(?:\s*,\s*[^\"“”]{{1,120}}?)?\s*,\s*$"),
    # Under the current system, says immigration attorney David Leopold, "…"
    re.compile(
        rf"(?:^|,\s*){_VERBS}\s+(?:[A-Z][\w’'\-]*\s+){{0,4}}(?:[a-z][\w\-]*\s+){{1,4}}"
        rf"(?P<who>{_NAME})\s*,\s*$"
    ),
    # Navarro opened the memo by writing, "…"
    re.compile(
        rf"{_WHO}\s+[a-z]\w*(?:\s+[^\"“”:;,]{{0,50}}?)?\s+by\s+(?:saying|writing|adding)\s*[:,]?\s*$"
    ),
    # According to Coale, / according to the Belarusian Telegraph Agency,
    re.compile(rf"\b[Aa]ccording\s+to\s+(?P<who>{_NAME}|{_NOMINAL})\s*,?\s*$"),
    # Coale: "…"
    re.compile(rf"(?:^|[.;]\s+)(?P<who>{_NAME})\s*:\s*$"),
    # .@KamalaHarris: "…" (an embedded tweet)
    re.compile(r"(?:^|\s|\.)(?P<who>@[A-Za-z]\w+)\s*:\s*$"),
]
#: Any verb in the past tense as the attribution of a quote that closes on a comma, the
#: speaker (maybe after a lower-case description) right before it: "“…,” Parkland survivor
#: Cameron Kasky boomed from the podium", "“…,” he fumed to reporters" (not "they", whose
#: antecedent is too often a crowd); and a quote right
#: after "Name verbed," ("How can the FBI do its work, he pontificated, “…”").
_VERBED_AFTER = re.compile(
    rf"^\s*,?\s*(?:(?:[A-Z][\w’'\-]*\s+){{0,4}}(?:[a-z0-9][\w'’\-]*\s+){{1,4}}?)?"
    rf"(?P<who>{_NAME}|(?<![\w’'])(?:he|she|He|She)(?![\w’'])){_APPOSITIVE}\s+"
    rf"(?!(?:was|had|has|is|were)\b)[a-z]{{3,}}ed\b"
)
_VERBED_BEFORE = re.compile(
    rf"(?:^|[,;]\s*|[.!?]\s+)(?P<who>{_NAME}|(?<![\w’'])(?:he|she|He|She))\s+[a-z]{{3,}}ed\s*,\s*$"
)
#: "told" and its hearer: "…, Ines Guzman told Scriberr News." / "… he told reporters."
_TOLD_WHOM = r"(?<=told)\s+(?:[A-Z]|reporters\b|the\s+[A-Z])"
#: After a quote that does not end its sentence, the attribution closing a later clause of
#: that sentence (tried when `_AFTER` finds none): "“…” the DOJ had given the day before,
#: Hazel said, according to a transcript"; "… to 12 million, the economists said."
_WRITES = speech_alternation(("said", "says", "wrote", "writes", "added", "adds", "tweeted"))
_LATE_AFTER = [
    # "…," Dena Miller, one of the women said.
    re.compile(
        rf"^\s*,?\s*(?P<who>{_NAME})\s*,\s*(?:a|an|the|one)\s+[^,.;\"“”]{{1,60}}?\s+{_VERBS}\b"
    ),
    re.compile(
        rf"^[^\"“”.!?\n]{{1,160}}?,\s*{_WHO}{_ADVERB}\s+{_VERBS}"
        rf"(?=\s*[,.;]|\s*$|\s+(?:in|on|at|to|during|after|before)\b|{_TOLD_WHOM})"
    ),
    # "…” of the pact is aimed at China, White House trade adviser Peter Navarro said
    re.compile(
        rf"^[^\"“”.!?\n]{{1,160}}?,\s*(?:[A-Z][\w’'\-]*\s+){{0,4}}(?:[a-z][\w'’\-]*\s+){{1,4}}?"
        rf"(?P<who>{_NAME}){_ADVERB}\s+{_VERBS}"
        rf"(?=\s*[,.;]|\s*$|\s+(?:in|on|at|to|during|after|before)\b|{_TOLD_WHOM})"
    ),
    # … "economic evidence—and theory" says otherwise, writes Karl Smith at Bloomberg Opinion
    re.compile(
        rf"^[^\"“”.!?\n]{{1,80}}?,\s*(?:{_WRITES})\s+(?P<who>{_NAME})"
        rf"(?=\s*[,.;]|\s*$|\s+(?:at|of|in|on|for|from|during)\b)"
    ),
]
_ACCORDING = re.compile(rf"\b[Aa]ccording\s+to\s+(?P<who>{_NAME}|{_NOMINAL})(?=\s*[,.;]|\s*$)")
_NAME_RE = re.compile(_NAME)
_VERB_RE = re.compile(rf"\b{_VERBS}\b")
_SAID_BY = re.compile(rf"(?P<who>{_NAME}){_APPOSITIVE}{_ADVERB}\s+{_VERBS}\b")
#: A stance taken in words: the quote that follows such a sentence, unattributed, is what
#: was said ("And his ally, Kelly, initially supported him. ¶ “Rob Porter is a man of true
#: integrity …”" is Kelly's).
_STANCE_BY = re.compile(
    rf"(?P<who>{_NAME}){_APPOSITIVE}{_ADVERB}\s+(?:defended|praised|supported|criticized|"
    r"criticised|blasted|slammed|condemned|welcomed|applauded|dismissed|mocked|attacked|"
    r"thanked|hailed|lauded|ridiculed|rebuked|scolded|lambasted|decried|denounced)\b"
)


#: "…," Gabbard's lawyer wrote: an attribution the patterns do not read is no continuation.
_UNREAD_ATTRIBUTION = re.compile(rf"^\s*,?\s*(?:[\w’'\-]+\s+){{0,4}}{_VERBS}\b")
_PRONOUN_SAID = re.compile(rf"\b(?:he|she|they|it)\s+{_VERBS}\b")

#: Words that start a capitalised run without being part of the name.
_LEADING_NOISE = frozenset(
    word_list(
        """but and so then later earlier however meanwhile still also yet on in at as when while
    according likewise moreover indeed instead furthermore additionally similarly nevertheless
    nonetheless ultimately finally
    after before since if though although because during for from with by to of the this
    that these those it its there here now today tonight yesterday following asked speaking
    early late
    addressing despite like unlike including given amid among just even only most many some
    other others several both each every all any no where what why how who which whose nor
    within under such ahead upon throughout across against toward towards regarding beyond
    besides alongside"""
    )
)
#: Honorifics and offices stripped from the grouping key ("President Joe Biden" → "joe biden").
_TITLES = frozenset(
    word_list(
        """mr mrs ms miss mx dr prof professor president vice prime minister secretary sen senator
    rep representative gov governor mayor judge justice chief gen general lt col colonel capt
    captain sgt sergeant adm admiral attorney speaker leader chancellor king queen prince
    brig cmdr cpl pvt princess pope ambassador envoy spokesman spokeswoman spokesperson ceo
    chairman chairwoman
    chair director commissioner officer sheriff det detective rev reverend father sir dame lord
    lady u.s us uk state foreign defense defence interior finance health house majority whip
    minority former deputy acting special co-chair co-chairman co-founder co-host founder
    therapist psychologist psychiatrist economist analyst strategist historian pollster
    scientist researcher lawyer physician epidemiologist pastor rabbi imam bishop cardinal
    director-general secretary-general attorney-general solicitor-general inspector-general
    vice-president under-secretary executive delegate"""
    )
)
#: Titles that are not also surnames ("King", "Lord"): a speaker made only of them is an
#: office whose holder's name follows ("said Secretary of State spokesman Jake Rollow").
_OFFICES = _TITLES - frozenset(
    word_list("king queen prince princess lord lady father sir dame chief rev speaker")
)
_NOT_NAMES = frozenset(
    word_list(
        """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december i it this that he's she's
    it's they're instead his her their its our my your that's you're we're i'm there's you we
    one
    last next earlier later early late yesterday today tonight tomorrow
    what's who's here's let's we've they've you've
    mr mrs ms dr sen rep gov gen lt col sgt capt prof rev adm maj"""
    )
)
_WEEKDAYS = frozenset(word_list("monday tuesday wednesday thursday friday saturday sunday"))
_MIN_WORDS_ATTRIBUTED = 3
#: Unattributed short quotes are mostly scare quotes and titles ("fake news").
_MIN_WORDS_UNATTRIBUTED = 6


_NOMINAL_HEADS = frozenset(word_list("the a an one another his her their"))
#: "I’ve", "they’re", and negations ("Don’t worry, we’re told, “…”"): no name opens with one
_CONTRACTION = re.compile(
    r"(?i)(?:(?:i|we|you|they|he|she|it|that|there|what|who|let)['’]\w{1,2}|[a-z]+n['’]t)"
)


#: Speech cues before a quote embedded in a sentence ("Trump …, declaring on Twitter
#: that he “…”", "The Times noted that, … “…”"): the sentence's subject said it.
_EMBEDDED_CUE = re.compile(
    rf"\b(?:{_VERBS}|saying|declaring|writing|adding|promised|promising|warning|arguing|"
    r"insisting|claiming|noting|vowing|urging|telling|called|calling|described|describing|"
    r"tweeting|posting|announce|declare|tell|warn|argue|insist|admit|acknowledge|opine|disclosed|"
    r"revealed|informed|complaining|joking|"
    r"accused|accusing)\b"
)
_TITLED = re.compile(
    r"\b(Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|President|Senator|Governor|Secretary|Justice|Judge|"
    r"Mayor|Speaker|Leader|Chairman|Chairwoman)\.?\s+(?:[A-Z][\w'’\-]+\s+)?([A-Z][\w'’\-]+)\b"
)
_HONORIFIC_GENDER = re.compile(
    r"\b(?P<h>Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z][\w'’\-]+\s+)*?(?P<s>[A-Z][\w'’\-]+)\b"
)
#: Words that make a capitalised run an organisation or a place, not a person.
_ORG_WORDS = frozenset(
    word_list(
        """house senate congress court department ministry office committee agency news times
    post journal network party administration council association institute university
    center centre group company inc corp foundation commission bureau service services
    campaign union league club church school college hospital police army navy force
    media press magazine newspaper television radio tv street avenue city county state
    states republic kingdom island islands mountain airport station day
    week act bill law amendment war eve christmas thanksgiving easter hill policy
    twitter facebook instagram youtube google amazon apple microsoft
    register tribune herald gazette chronicle inquirer examiner telegraph guardian
    observer dispatch courier bulletin uss usns hms organization organisation authority
    corporation federation alliance coalition parliament assembly fund board bank
    gulf sea ocean river strait peninsula canal desert valley coast mountains district"""
    )
)

#: Organisation words that are also common surnames: after a census first name they end a
#: person's name ("Marc Lamont Hill", "Frank Church"), not a body's.
_SURNAME_ORG_WORDS = frozenset(word_list("hill church day law street"))


_FURNITURE = re.compile(
    r"[^\n]*By signing up, you agree to our Privacy Policy[^\n]*"
    # a video's title card, its own paragraph or run into the next: "Play Video 0:34 Kim
    # Jong-un answers question from foreign journalist for first time – video" made Kim
    # the speaker of the Trump quote after it on a replayed page
    r"|Play Video \d{1,2}:\d\d[^\n]{0,200}?[–-]\s*video(?: explainer)?\b"
)
#: Photo captions: a paragraph ending in a credit ("… March 5, 2018. REUTERS/Edgard
#: Garrido", "(Photo: Allen Breed, AP)"). Their names are photographers and their quotes
#: titles; 1,752 such lines in baly2020.
_CAPTION = re.compile(
    r"^[^\n]*(?:\b(?:REUTERS|Reuters|AP Photo|AFP|EPA|Getty Images|Bloomberg|AP|Xinhua|UPI)"
    r"\s*/\s*[A-Z][^\n]*|\((?:Photo|Image|Credit):[^\n)]*\)[^\S\n]*)$",
    re.MULTILINE,
)


_POSS = {"’s", "'s"}
#: Months that are also surnames ("Theresa May"): names only right before a speech verb.
_MONTH_SURNAMES = frozenset({"May", "June", "April", "August"})
_MODIFIER = re.compile(
    r"\s+(?:administration|campaign|team|family|government|camp|era|years|organization|"
    # "China’s U.N. ambassador defended …, saying “…”": an unnamed envoy, not the U.N.
    r"ambassador|envoy|mission|delegation|embassy|spokesman|spokeswoman|official|officials)\b"
)


_SUBJECT_PRONOUN = re.compile(
    # up to two opening phrases: "In 1992, during an interview with CBN's Pat Robertson, he
    # said …" is about "he", not about Robertson
    r"^\W*(?:[A-Z][^,.;:\"“”]{0,40},\s+(?:[a-z][^,.;:\"“”]{0,60},\s+)??)?"
    r"(?:(?:But|And|So|Then|Still|Yet)\s+)?"
    r"(?P<p>He|She|They|It|he|she|they|it)\b(?!['’])"
)


#: A sentence opening with an unnamed subject before its verb: "Early on Monday, the U.S.
#: president ratcheted up tension … by tweeting that “…”".
_NOMINAL_OPENING = re.compile(
    r"^\W*(?:[A-Z][^,.;:\"“”]{0,60},\s+)?(?P<who>(?<![A-Za-z])[Tt]he\s+(?:[A-Z][\w.\-]*\s+){0,2}"
    r"(?:[a-z][\w\-]*\s+){0,2}?[a-z][\w\-]*)(?:\s*,[^,.;:\"“”]{1,80},)?\s+(?:[a-z]+ed|[a-z]+s)\b"
)
#: "The joint statement calls on Russia …": what "it" may refer to.
_NOMINAL_THING = re.compile(
    r"^\W*(?P<who>(?:The|A|An)\s+[a-z][^,.;:\"“”]{0,40}?)\s+(?:[a-z]+s|[a-z]+ed)\b"
)
#: What follows a subject: a past or present verb, or a negated auxiliary ("didn’t").
_SUBJECT_VERB = (
    r"(?:[a-z]{2,}s|[a-z]+ed|does|did|has|had|was|is|took|made|gave|went|came|met|held|sent|spoke|"
    r"ran|left|won|lost|began|became|kept|brought|thought|felt|found|put|sought|stood|got|"
    r"took|wrote|told|said|saw|knew|led|fought|chose|drew|broke|struck|threw|hit|cut|set|"
    r"(?:did|does|was|is|has|had)n['’]t)\b"
)
#: Where a subject spoke, between it and its verb: "Schumer in a floor speech last week
#: also praised …", "Pelosi at her weekly news conference said …".
_SETTING = (
    r"(?:\s+(?:in|during|at)\s+(?:a|an|the|his|her|their)\s+(?:[a-z][\w\-]*\s+){0,3}?"
    r"[a-z][\w\-]*(?:\s+(?:last|this)\s+[a-z]+)?)?"
)
#: A sentence's subject: a name (after capitalised bodies and a lower-case job title) right
#: before its verb: "At a press conference, Republican Rep. Elise Stefanik summed up …",
#: "Lewandowski, who helped lead Trump …, also slammed the expose".
_OPENING_SUBJECT = re.compile(
    rf"^\W*(?:[A-Z][^.;:\"“”]{{0,120}},\s+)?(?:(?:[A-Z][\w\-]*(?<![’'])\.?\s+|of\s+(?=[A-Z])){{0,6}}"
    rf"(?:(?!(?:on|of|in|to|with|for|at|by|from|and|or)\b)[a-z][\w\-]*\s+){{0,3}}?)?"
    rf"(?P<who>{_NAME})(?<![’']s){_APPOSITIVE}(?:\s*,)?{_SETTING}"
    rf"(?:\s+(?:[a-z]+ly|also|then|later|still|again))?"
    rf"(?:\s+(?:on|last|this|early|late)\s+[A-Z]?[a-z]+)?\s+{_SUBJECT_VERB}"
)
#: A sentence opening with its subject's name: "Sen. Bernie Sanders of Vermont didn’t …".
_NAME_SUBJECT = re.compile(
    rf"^\W*(?P<who>{_NAME})(?<![’']s){_APPOSITIVE}(?:\s+(?:[a-z]+ly|also|then|later|still|again))?\s+{_SUBJECT_VERB}"
)
#: "A representative for the account told Recode that …": an unnamed subject speaking.
_NOMINAL_SUBJECT = re.compile(
    rf"^\W*(?P<who>(?:The|A|An|One)\s+[a-z][^,.;:\"“”]{{0,60}}?){_APPOSITIVE}{_ADVERB}\s+{_VERBS}\b"
)


#: Lower-case words a title keeps: "Gang of Eight", "A Case for Government Action".
_TITLE_SMALL_WORDS = frozenset(
    word_list("a an the of and or for to in on at by with from vs v. is as nor but")
)


#: Reporting verbs that are also plural nouns ("coal states", "his notes", "their claims").
_NOUN_LIKE_CUES = frozenset(word_list("states notes claims reports ends counters recalls"))


#: Words for what someone said or wrote, whose possessor is the speaker of a quote after
#: them ("Lincoln's proclamation … “…”"); documents that only describe ("the order") are
#: not among them.
_SPEECH_NOUNS = (
    r"statements?|comments?|tweets?|proclamation|letter|memo|remarks?|speech|message|"
    r"op-ed|claims?|assertion|promise|warning|words|testimony|announcement|column|essay|"
    r"editorial|pledge|vow|plea|post|elaboration|explanation|response|reply"
)
_POSSESSIVE_SPEECH = re.compile(
    rf"(?:^|[\s(])(?P<who>{_NAME}|the\s+[a-z]+)['’]s?\s+(?:[A-Za-z][\w\-]*\s+){{0,2}}?"
    rf"(?:{_SPEECH_NOUNS})\b(?P<tail>[^\"“”]{{0,80}})$"
)
_PERSON_OPENER = re.compile(
    rf"^\W*(?:[A-Z][\w\s,]{{0,80}},\s+)?(?P<who>{_NAME}|He|She){_APPOSITIVE}(?:\s+[a-z]+ly)?"
    # "Vermeule specifically “hopes for …”"; not "Trump beams as the crowd chants “…”"
    r"(?:\s+[a-z]+(?:s|ed)\b(?:(?!\b(?:as|while|when|whereas|because|after|before|until|"
    r"since|if)\b)[^,.;:\"“”]){0,80})?\s*$"
)
_DOCUMENT_FROM = re.compile(
    rf"(?:\s+to\s+[^,\"“”]{{1,40}}?)?\s+(?:from|by|signed\s+by)\s+"
    rf"(?:[A-Z][\w’'\-]*\s+){{0,4}}(?:[a-z][\w\-]*\s+){{0,3}}"
    # "the statement from the family of John Doe" is the family's, not his
    rf"(?<!family of )(?<!families of )(?<!parents of )(?<!relatives of )(?P<who>{_NAME})"
)
#: Who issued the document a quote is then attributed to ("“…,” the statement said"):
#: "Clarence House, his official royal residence, said in a statement Wednesday",
#: "Pence’s spokeswoman provided a statement".
_DOCUMENT_OWNER = re.compile(
    rf"(?P<who>{_NAME})(?:['’]s\s+(?:spokes\w+|office|lawyers?|attorneys?))?{_APPOSITIVE}"
    rf"{_ADVERB}\s+(?:{_VERBS}|issued|released|provided|sent|put\s+out)\b[^.!?\"“”\n]{{0,40}}?"
    rf"\b(?:a|an|its|his|her|their|the)\s+(?:[\w\-]+\s+){{0,2}}?(?P<doc>{_DOCUMENTS})\b"
)
_NAMED_APPOSITIVE = re.compile(
    rf"\s*,\s*(?P<who>{_NAME})\s*,(?:\s*[^,;\"“”]{{1,200}}?\s*,)?\s*(?:{_ADVERB}\s+)?{_VERBS}\b"
)


#: Offices a nominal speaker names ("the president", "the New York governor") and how the
#: text writes them before a name ("President Donald Trump", "Gov. Andrew Cuomo").
_OFFICE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "president": ("President",),
    "governor": ("Gov.", "Governor"),
    "senator": ("Sen.", "Senator", "Senate Majority Leader", "Senate Minority Leader"),
    "congressman": ("Rep.", "Representative", "Congressman"),
    "congresswoman": ("Rep.", "Representative", "Congresswoman"),
    "mayor": ("Mayor",),
    "secretary": ("Secretary",),
    "leader": ("Leader",),
    "speaker": ("Speaker",),
    "chairman": ("Chairman",),
    "chairwoman": ("Chairwoman",),
    "justice": ("Justice",),
    "judge": ("Judge",),
    "minister": ("Minister",),
    "spokesman": ("spokesman",),
    "spokeswoman": ("spokeswoman",),
}
_FULL_NAME = re.compile(
    r"\b(?:[A-Z][\w'’\-]+|[A-Z]\.)(?:"
    + _SPACE
    # initials written together count as one: "George H.W. Bush", not "W. Bush"
    + r"(?:(?:[A-Z]\.){1,3}|[A-Z][\w'’\-]+|"
    + _PARTICLE
    + r"))*"
    + _SPACE
    + rf"(?:[A-Z][\w'’\-]+|{_JOINED})"
)
#: Single words that attributions wrongly yield as speakers: section labels, page
#: furniture, groups and adjectives ("Department:", "Muslims:", "Advertisement").
_NOT_SPEAKERS = frozenset(
    word_list(
        """advertisement department office ministry committee court administration government
    police story report statement case update editor note photo video source sources
    watch read related more listen share comments"""
    )
)


_GROUP = re.compile(r"[a-z]+(?:icans|ians|ans|ims|ists|crats|ese)")
_DEMONYMS = frozenset(
    word_list(
        """american muslim democrat republican christian jewish british russian israeli
    democratic asian african hispanic latino european mexican"""
    )
)


_PERSON_TAIL_CUT = frozenset(
    word_list(
        """press committee republican democrat democratic gop advertisement magazine justices
    newspaper network congressman congresswoman lawmaker senators"""
    )
)
_PARTICLES = frozenset(word_list("de da del der van von al bin la le di du ibn"))


_RELATIVE = re.compile(
    r"\b(?:first lady|First Lady|wife|husband|son|daughter|brother|sister|mother|father|"
    r"niece|nephew|son-in-law|daughter-in-law)\s+$"
)


#: Words of a capitalised headline or title that no name holds.
_HEADLINE_WORDS = _LEADING_NOISE | frozenset(
    word_list("""is are was were be been says said saying about over into against why how what""")
)


_OFFICE_BEFORE = re.compile(
    r"\b(President|Sen|Senator|Rep|Gov|Governor|Secretary|Justice|Judge|Mayor|Speaker|"
    r"Leader|Gen|General|Chairman|Chairwoman|Prime Minister)\.?\s+"
    r"((?:[A-Z][\w'’\-]*\.?)(?:\s+[A-Z][\w'’\-]*\.?){0,2})"
)


#: A description ending in a job noun and a full name: "the association's president Mark
#: Emmert"; not "a lawyer for the Trump Organization" (a preposition before the name).
_PREPOSITIONS = r"for|of|to|from|with|at|by|in|on|about|against|near"
#: A description ending in a surname the text spells in full ("an emotional Acosta"), and a
#: document from its author ("a statement from Stephanie Grisham"): that person.
_DESCRIBED_SURNAME = re.compile(
    rf"^(?:the|a|an|his|her|their)\s+(?:(?!(?:{_PREPOSITIONS})\s)[a-z][\w’'\-]*\s+){{1,3}}"
    rf"(?P<who>{_CAP})$"
)
_DOCUMENT_BY = re.compile(
    rf"^(?:the|a|an|his|her|their)\s+(?:[\w\-]+\s+){{0,2}}?(?:{_DOCUMENTS})\s+"
    rf"(?:from|by|signed\s+by)\s+(?:[a-z][\w\-]*\s+){{0,3}}(?P<who>{_NAME})$"
)
_TRAILING_NAME = re.compile(
    rf"^(?:the|a|an|his|her|their)\s+(?:[\w’'\-]+\s+){{0,4}}?(?P<pre>[a-z][\w’'\-]*)\s+"
    rf"(?P<who>{_CAP}(?:\s+(?:[A-Z]\.|{_CAP}))*\s+{_CAP})$"
)
