"""How a number is bounded: "кемінде 340", "800-ден астам", "up to 10%", "от 100 до 150".

Kazakh marks most bounds after the number, through its case ending and a postposition
("800-ден астам", "4,5 миллионға жуық", "300-дей"); Russian and English mostly before it.
With a verb of change, "to" marks the new level, not a bound ("снизил ставку до 14,5%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import NumberMention
from .tense import kk_verb_tense

ABLATIVE = re.compile(r"(?:дан|ден|тан|тен|нан|нен)$")
DATIVE = re.compile(r"(?:ға|ге|қа|ке|на|не|а|е)$")
ABOUT_ENDING = re.compile(r"(?:дай|дей|тай|тей)(?:[ыі]|[ыі]н)?$")

# Words right before the number, per language; where two could match, the longer phrase
# starts earlier and wins ("не более" over "более").
BEFORE_WORDS = {
    "kk": {
        "at_least": r"(?:ең\s+)?(?:кемінде|кемі)",
        "about": r"шамамен|шамасы|жуықтау|шамалы|тәрізді",
        "at_most": r"ең\s+көбі|көп\s+дегенде",
    },
    "ru": {
        "at_least": r"не\s+менее|не\s+меньше|по\s+меньшей\s+мере|как\s+минимум|минимум",
        "at_most": r"не\s+более|не\s+больше|максимум|не\s+свыше|до",
        "more_than": r"более|больше|свыше|превысил[аио]?|превышает|превысит|более\s+чем|больше\s+чем",
        "less_than": r"менее|меньше|менее\s+чем|меньше\s+чем",
        "about": r"около|почти|примерно|порядка|приблизительно|ориентировочно|почти\s+на|около\s+на",
    },
    "en": {
        "at_least": r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of",
        "at_most": r"up\s+to|at\s+most|no\s+more\s+than|a\s+maximum\s+of",
        "more_than": r"more\s+than|over|exceeded|exceeding|exceeds|in\s+excess\s+of|upwards\s+of|above",
        "less_than": r"less\s+than|fewer\s+than|under|below",
        "about": r"about|around|nearly|almost|some|approximately|roughly|an\s+estimated|close\s+to",
    },
}
BEFORE = {
    language: re.compile(
        r"(?:^|\s)(?:" + "|".join(f"(?P<{name}>{words})" for name, words in table.items()) + r")\s*$", re.I
    )
    for language, table in BEFORE_WORDS.items()
}
KK_AFTER_ABLATIVE = [
    (re.compile(r"^\s*кем\s+емес", re.I), "at_least"),
    (re.compile(r"^\s*(?:астам|аса|артық|асып|асты|асқан|асатын|көп)(?![а-яәғқңөұүһі])", re.I), "more_than"),
    (re.compile(r"^\s*(?:аз|кем|төмен)(?![а-яәғқңөұүһі])", re.I), "less_than"),
]
KK_AFTER_DATIVE = [
    (re.compile(r"^\s*(?:дейін|шейін)(?![а-яәғқңөұүһі])", re.I), "at_most"),
    (re.compile(r"^\s*(?:жуықтау|жуық|таяу)(?![а-яәғқңөұүһі])", re.I), "about"),
]
KK_AFTER_ANY = [
    (re.compile(r"^\s*(?:шамасында|шамасы|шамалы|жуықтау|жуық|қаралайым)(?![а-яәғқңөұүһі])", re.I), "about")
]
CHANGE_VERB = {
    # After the bound, done: "мөлшерлемені 14,5 пайызға дейін төмендетті" set the new level, while
    # "10 пайызға дейін өсуі мүмкін" (may rise by up to 10%) stays a bound.
    "kk": re.compile(
        r"^\s*(?:дейін|шейін)\s+(?:[а-яәғқңөұүһі]+\s+){0,1}"
        r"(?P<verb>(?:төмен|көтер|өс|азай|қысқар|ұлғай|арт|кемі|кеміт|жеткіз|жетк|жетті|қымбатта|арзанда|түс|баяула|жеделде"
        r"|құлда|тарыл|кеңей)[а-яәғқңөұүһі]*)",
        re.I,
    ),
    "ru": re.compile(
        r"(?:снизи|снижа|повыси|повыша|сократи|сокраща|увеличи|увеличива|уменьши|уменьша|вырос|выросл|"
        r"упал|упад|опусти|подня|подним|довед|довёл|довел|сниз|поднял|возрос|увеличен|снижен|повышен|вырас|"
        r"замедли|замедля|ускори|ускоря|подорож|подешев|опуст|сниж|повыш|увелич|уменьш|сокращ|сократ)"
        r"[а-яё]*\s+(?:\S+\s+){0,4}до\s*$",
        re.I,
    ),
}
BETWEEN_BEFORE = {"ru": re.compile(r"(?:^|\s)от\s*$", re.I), "en": re.compile(r"(?:^|\s)(?:between|from)\s*$", re.I)}
BETWEEN_JOIN = {
    "kk": re.compile(r"^\s*(?:мен|пен|бен)\s*$", re.I),
    "ru": re.compile(r"^\s*до\s*$", re.I),
    "en": re.compile(r"^\s*(?:and|to)\s*$", re.I),
}
KK_BETWEEN_AFTER = re.compile(r"^\s*(?:[а-яәғқңөұүһі]+\s+){0,3}?аралығ", re.I)
EN_CHANGE_FROM = re.compile(
    r"(?:rose|risen|rise|rises|fell|fall|falls|grew|grow|increased?|decreased?|cut|"
    r"dropped|climbed|jumped|declined|raised|lowered|went\s+up|went\s+down)\s+(?:\w+\s+){0,2}from\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Bound:
    comparator: str
    value: float
    upper: float | None
    start: int  # first character of the comparator words, when they come before the number
    end: int


def _before(text: str, mention: NumberMention, language: str) -> tuple[str, int] | None:
    window = text[max(0, mention.start - 40) : mention.start]
    found = BEFORE[language].search(window)
    if not found:
        return None
    comparator = found.lastgroup or "exactly"
    before = text[max(0, mention.start - 80) : mention.start]
    if comparator == "at_most" and language == "ru" and CHANGE_VERB["ru"].search(before):
        return None
    return comparator, mention.start - len(window) + found.start(comparator)


def _after_kk(text: str, mention: NumberMention) -> tuple[str, int] | None:
    after = text[mention.end : mention.end + 40]
    ending = mention.ending
    if ABOUT_ENDING.search(ending):
        return "about", mention.end
    tables = list(KK_AFTER_ANY)
    if ABLATIVE.search(ending):
        tables = KK_AFTER_ABLATIVE + tables
    elif DATIVE.search(ending):
        change = CHANGE_VERB["kk"].match(after)
        if change and kk_verb_tense(change.group("verb").lower()) in ("past", "undecided"):
            return None
        tables = KK_AFTER_DATIVE + tables
    for pattern, comparator in tables:
        found = pattern.match(after)
        if found:
            return comparator, mention.end + found.end()
    return None


def bound_of(text: str, mention: NumberMention, language: str) -> Bound:
    """The comparator for one number mention (its own X-Y range counts as between)."""
    if mention.upper is not None:
        return Bound("between", mention.value, mention.upper, mention.start, mention.end)
    if language == "kk":
        after = _after_kk(text, mention)
        if after:
            return Bound(after[0], mention.value, None, mention.start, after[1])
    before = _before(text, mention, language)
    if before:
        return Bound(before[0], mention.value, None, before[1], mention.end)
    return Bound("exactly", mention.value, None, mention.start, mention.end)


def pair_between(text: str, first: NumberMention, second: NumberMention, language: str) -> bool:
    """ "от 100 до 150", "between 100 and 150", "100 мен 150 аралығында": one range."""
    if first.upper is not None or second.upper is not None:
        return False
    if first.unit and first.unit != second.unit:
        return False  # "up 5% to 120 million" is a change and a level, not a range
    join = text[first.end : second.start]
    if len(join) > 8 or not BETWEEN_JOIN[language].match(join):
        return False
    if language == "kk":
        return KK_BETWEEN_AFTER.match(text[second.end : second.end + 60]) is not None
    before = text[max(0, first.start - 40) : first.start]
    if language == "en" and EN_CHANGE_FROM.search(before):
        return False
    if language == "en" and join.strip().lower() == "to":
        return True  # "10 to 15 million dollars"
    return BETWEEN_BEFORE[language].search(before) is not None
