"""How a number is bounded: "кемінде 340", "800-ден астам", "up to 10%", "от 100 до 150".

Kazakh marks most bounds after the number, through its case ending and a postposition
("800-ден астам", "4,5 миллионға жуық", "300-дей"); Russian and English mostly before it.
With a verb of change, "to" marks the new level, not a bound ("снизил ставку до 14,5%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import morphology_kk, words_kk
from .numbers import NumberMention
from .tokens import Tokens

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
        "more_than": r"более|больше|свыше|превысил[аио]?|превышает|превысит|более\s+чем|больше\s+чем"
        r"|более\s+чем\s+до|больше\s+чем\s+до",
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
KK_ABOUT_ONE_WORD_BEFORE = re.compile(r"(?:^|\s)(шамамен|шамасы)\s+[а-яәғқңөұүһі]+\s*$", re.I)
CHANGE_VERB = {
    # After the bound, done: "мөлшерлемені 14,5 пайызға дейін төмендетті" set the new level, while
    # "10 пайызға дейін өсуі мүмкін" (may rise by up to 10%) stays a bound.
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


@dataclass(slots=True)  # not frozen: built per number, and frozen costs several times as much
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


def _next_word(t: Tokens, i: int) -> int:
    i = t.skip_aside(i)
    return i if t.is_word(i) else -1


def _kk_comparator(t: Tokens, case: str | None, k: int) -> tuple[str, int] | None:
    """The comparator read from the word at k after a counted phrase in `case`, and where it ends.

    "тоннадан астам" more_than, "адамнан кем емес" at_least, "пайыздан аспауы" at_most,
    "теңгеге дейін" at_most (but "дейін төмендеді": the new level), "мыңға жуық" about.
    """
    word = t.lower(k) if k >= 0 else ""
    if not word:
        return None
    if word in words_kk.ABOUT_AFTER:
        return "about", t.ends[k]
    if case == "ablative":
        if word in words_kk.MORE_AFTER_ABLATIVE:
            return "more_than", t.ends[k]
        exceed = morphology_kk.verb_form(word, words_kk.EXCEED_STEMS)
        if exceed is not None:
            return ("at_most" if exceed.negative else "more_than"), t.ends[k]
        if word in words_kk.LESS_AFTER_ABLATIVE:
            following = _next_word(t, k + 1)
            nxt = t.lower(following) if following >= 0 else ""
            be = morphology_kk.verb_form(nxt, ("бол",)) if nxt else None
            if nxt == "емес" or (be is not None and be.negative):
                return "at_least", t.ends[following]
            return "less_than", t.ends[k]
    if case == "dative":
        if word in ("дейін", "шейін", "дейінгі", "шейінгі"):
            if _kk_change_follows(t, k + 1):
                return "exactly", -1
            return "at_most", t.ends[k]
        if word.startswith(words_kk.ABOUT_AFTER_DATIVE_STEMS):
            return "about", t.ends[k]
    return None


def _kk_change_follows(t: Tokens, i: int) -> bool:
    """A verb of change right after "дейін" sets the new level, unless it is only possible."""
    for k in range(i, min(i + 2, len(t))):
        word = t.lower(k)
        if not t.is_word(k):
            return False
        if word.startswith(words_kk.CHANGE_STEMS):
            return t.lower(k + 1) not in words_kk.POSSIBLE
    return False


def _after_kk(t: Tokens, mention: NumberMention) -> tuple[str, int] | None:
    """Kazakh marks the bound on the last word of the counted phrase after the number."""
    if ABOUT_ENDING.search(mention.ending):
        return "about", mention.end
    case = morphology_kk.case_of_ending(mention.ending)
    k = t.at(mention.end)
    phrase = 0
    # An ending of its own that is no case ("4-еуі", "18-і") closes the number: nothing follows it.
    walk = case is None and not mention.ending
    while walk and phrase < words_kk.COUNTED_PHRASE_WORDS and t.is_word(k) and t.spaced(k):
        word = t.lower(k)
        if word in words_kk.ABOUT_AFTER:
            return "about", t.ends[k]
        if word in words_kk.NOT_IN_COUNTED_PHRASE:
            break
        reading = t.analysis(k)
        if reading.case == "similative":
            # "3 мың шақырымдай": on the word right after the number; further on it is more
            # likely an adverb ("сегіз көше толықтай жаңғыртылады").
            return ("about", t.ends[k]) if phrase == 0 else None
        if reading.case in ("genitive", "locative", "accusative", "instrumental", "equative"):
            return None
        case = reading.case
        walk = case is None
        phrase += 1
        k += 1
    found = _kk_comparator(t, case, _next_word(t, k))
    if found is None or found[0] == "exactly":
        return None
    return found


def _kk_before(text: str, mention: NumberMention) -> tuple[str, int] | None:
    """ "шамамен біздің алты миллиард": "about" may stand one word before the number."""
    found = KK_ABOUT_ONE_WORD_BEFORE.search(text[max(0, mention.start - 40) : mention.start])
    if found:
        return "about", mention.start - (min(40, mention.start) - found.start(1))
    return None


def bound_of(text: str, mention: NumberMention, language: str, tokens: Tokens | None = None) -> Bound:
    """The comparator for one number mention (its own X-Y range counts as between)."""
    if mention.upper is not None:
        return Bound("between", mention.value, mention.upper, mention.start, mention.end)
    if language == "kk":
        after = _after_kk(tokens or Tokens(text, "kk"), mention)
        if after:
            return Bound(after[0], mention.value, None, mention.start, after[1])
    before = _before(text, mention, language) or (_kk_before(text, mention) if language == "kk" else None)
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
    if language == "kk" and _kk_from_to(text, first, second, join):
        return True
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


def _kk_from_to(text: str, first: NumberMention, second: NumberMention, join: str) -> bool:
    """ "отыз пайыздан елу пайызға дейін": from X (ablative) up to Y (dative + дейін) is one range,
    unless a verb of change follows, which makes it a change from one level to another."""
    if join.strip() or morphology_kk.case_of_ending(first.ending) != "ablative":
        return False
    if morphology_kk.case_of_ending(second.ending) != "dative":
        return False
    t = Tokens(text[second.end : second.end + 60], "kk")
    return t.lower(0) in ("дейін", "шейін") and not _kk_change_follows(t, 1)
