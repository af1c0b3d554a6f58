"""Date phrases of each language as regular expressions with named parts.

Group names say what a part is: day, day2, month, month2, year, year2, yearw (a year in
words), part (early/mid/late), quarter, half, rel + unit (last/this/next week...), relday
(yesterday/today/tomorrow), weekday. The order matters: longer phrases first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import words_ru

KK_RELATIVE_YEAR = r"(?P<relyear>биылғы|былтырғы|өткен\s+жылғы|келесі\s+жылғы|осы\s+жылғы)\s+"
KK_ORD = r"(?:\s?-?\s?(?:ші|шы|інші|ыншы|нші|ншы|сыншы|сінші))"
# "айдың басы / ортасында / соңына / аяғында": the part of a month; "бастап" (starting from) is not one.
KK_PART = r"(?P<{name}>бас|орта|соң|аяғ|аяқ)(?:ы|ында|ына|ынан|сы|сында|сына|сынан|қа|тағы)?(?![а-яәғқңөұүһі])"
KK_REL = r"(?P<rel>өткен|осы|келесі|келер|алдағы|биылғы|ағымдағы|үстіміздегі|былтырғы|алдыңғы)"


def _kk_month_endings() -> str:
    # Case endings only: "маусымдық" (seasonal), "қазандар" (cauldrons), "Наурызбай" are not months.
    plain = [
        "да",
        "де",
        "та",
        "те",
        "ға",
        "ге",
        "қа",
        "ке",
        "дан",
        "ден",
        "тан",
        "тен",
        "нан",
        "нен",
        "дың",
        "дің",
        "тың",
        "тің",
        "ның",
        "нің",
        "ды",
        "ді",
        "ты",
        "ті",
        "ны",
        "ні",
        "дағы",
        "дегі",
        "тағы",
        "тегі",
        "мен",
        "бен",
        "пен",
    ]
    possessed = [
        p + c
        for p in ("ы", "і", "сы", "сі")
        for c in ("", "н", "нда", "нде", "на", "не", "нан", "нен", "ның", "нің", "ндағы", "ндегі")
    ]
    return "|".join(sorted(set(plain + possessed), key=len, reverse=True))


KK_MONTH = (
    r"(?P<{name}>қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйе[кг]|қазан|қараша|желтоқсан)"
    r"(?:" + _kk_month_endings() + r")?(?![а-яәғқңөұүһі])(?!\s+(?:мейрам|тойы|көже))"
)
KK_DAY_WORD = (
    r"(?:(?:жиырма|отыз|он)\s+)?(?:бірінші|екінші|үшінші|төртінші|бесінші|алтыншы|жетінші|сегізінші|"
    r"тоғызыншы)|оныншы|жиырмасыншы|отызыншы"
)
KK_DAY = rf"(?:(?P<{{name}}>\d{{{{1,2}}}}){KK_ORD}?|(?P<{{name}}w>{KK_DAY_WORD}))"
KK_YEAR = rf"(?P<{{name}}>\d{{{{4}}}}){KK_ORD}?\s+(?:жыл[а-яәғқңөұүһі]*|ж\.)"
KK_YEAR_WORDS = (
    r"(?P<yearw>(?:екі\s+мың|мың\s+(?:тоғыз|сегіз|жеті)\s+жүз)(?:\s+[а-яәғқңөұүһі]+){0,2}?)\s+жыл[а-яәғқңөұүһі]*"
)
# "екі мың он жетіде": a year in words with the locative and no "жыл".
KK_YEAR_WORDS_LOCATIVE = (
    r"(?P<yearw>екі\s+мың(?:\s+(?:он|жиырма))?\s+(?:бір|екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз)"
    r"(?:де|да|те|та)|екі\s+мың\s+(?:онда|жиырмада))(?![а-яәғқңөұүһі])"
)


def _kk_day(name: str) -> str:
    return KK_DAY.format(name=name)


def _kk(name: str, template: str) -> str:
    return template.format(name=name)


# "05.03.2023": day, month and year in digits, the same in every language.
NUMERIC_DATE = r"(?P<day>\d{1,2})\.(?P<monthn>\d{1,2})\.(?P<year>\d{4})(?!\d)"

KK = [
    NUMERIC_DATE,
    rf"(?:{_kk('year', KK_YEAR)}\s+)?(?P<day>\d{{1,2}}){KK_ORD}?\s?[-–—]\s?(?P<day2>\d{{1,2}}){KK_ORD}?\s+"
    rf"{_kk('month', KK_MONTH)}(?:\s+{_kk('year2', KK_YEAR)})?",
    rf"(?:(?P<year>\d{{4}}){KK_ORD}?\s+жыл(?:ғы|дың)\s+)?{_kk_day('day')}\s+{_kk('month', KK_MONTH)}"
    rf"(?:\s+{_kk('year2', KK_YEAR)})?",
    rf"(?P<day>\d{{1,2}}){KK_ORD}?\s+(?:мен|пен|бен)\s+(?P<day2>\d{{1,2}}){KK_ORD}?\s+{_kk('month', KK_MONTH)}"
    rf"(?:\s+{_kk('year2', KK_YEAR)})?",
    # "наурыздың 8-і", "қазанның 5-інде"
    r"(?P<month>қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйе[кг]|қазан|қараша|желтоқсан)"
    r"(?:дың|дің|ның|нің|тың|тің)\s+(?P<day>\d{1,2})(?:\s?-?\s?[а-яәғқңөұүһі]{1,6})?(?!\d)",
    r"(?P<month>қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйе[кг]|қазан|қараша|желтоқсан)"
    r"(?:дың|дің|ның|нің|тың|тің)\s+(?P<dayw>(?:(?:жиырма|отыз|он)\s+)?(?:бір|екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз)"
    r"(?:і|ы|сі|сы)|оны|жиырмасы|отызы)(?:нде|нда|не|на|нен|нан)?(?:\s+күн[а-яәғқңөұүһі]*)?(?![а-яәғқңөұүһі])",
    rf"{_kk('month', KK_MONTH)}\s?[-–—]\s?{_kk('month2', KK_MONTH)}(?:\s+айлар[а-яәғқңөұүһі]*)?",
    rf"{_kk('month', KK_MONTH)}(?:\s+айының)?\s+{_kk('part', KK_PART)}",
    # "келесі айдың соңында": the part of a month counted from publication
    rf"{KK_REL}\s+(?P<unit>ай)(?:дың|ының)\s+{_kk('part', KK_PART)}",
    rf"(?:(?P<year>\d{{4}}){KK_ORD}?\s+жылдың|{KK_REL}\s+(?P<unit>жыл)дың)"
    rf"\s+{_kk('month', KK_MONTH)}(?:\s?[-–—]\s?{_kk('month2', KK_MONTH)})?",
    rf"{_kk('month', KK_MONTH)}\s+(?P<year>\d{{4}})(?:{KK_ORD}?\s+(?:жыл[а-яәғқңөұүһі]*|ж\.))?",
    rf"(?P<year>\d{{4}})\s?[-–—]\s?(?P<year2>\d{{4}}){KK_ORD}?\s+(?:жыл[а-яәғқңөұүһі]*|жж\.)",
    rf"(?:(?P<year>\d{{4}}){KK_ORD}?\s+жылдың\s+|{KK_RELATIVE_YEAR})?"
    rf"(?P<quarter>бірінші|екінші|үшінші|төртінші|[1-4]{KK_ORD})\s+тоқсан[а-яәғқңөұүһі]*",
    rf"(?:{KK_RELATIVE_YEAR})?(?P<half>бірінші|екінші)\s+(?:жарты\s?жылдық|жартыжылдық)[а-яәғқңөұүһі]*",
    r"жылдың\s+(?P<half>бірінші|екінші)\s+жарты[а-яәғқңөұүһі]*",
    _kk("year", KK_YEAR),
    KK_YEAR_WORDS,
    KK_YEAR_WORDS_LOCATIVE,
    r"(?P<part>бас|орта|соң|аяғ)[а-яәғқңөұүһі]*\s+(?P<unit>ай)дың|(?P<unit2>ай)дың\s+" + _kk("part2", KK_PART),
    KK_REL + r"\s+(?P<unit>жыл|ай|апта)"
    r"(?:[ыі]|да|де|та|те|ға|ге|қа|ке|дың|дің|тың|тің|ның|нің|дан|ден|тан|тен|нан|нен|ғы|гі|қы|кі)?(?![а-яәғқңөұүһі])",
    r"(?P<relday>кеше|бүгін|ертең|биыл|былтыр)(?:гіні|ғыны|гіден|ғыдан|гіге|ғыға|гі|ғы|де|ге|ға|нен|нан|дан|ден|дің|дың|нің|ның|лі|і|ы)?"
    r"(?![а-яәғқңөұүһі])",
    # Case endings only: "сенбілік" (a day of voluntary work) is no Saturday.
    r"(?P<weekday>дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|сенбі|жексенбі)(?:де|ге|ден|дегі|нің|ні|сі)?"
    r"(?![а-яәғқңөұүһі])|(?P<weekday2>жұма)(?:да|\s+күні)",
    _kk("month", KK_MONTH),
]

RU_MONTH = rf"(?P<{{name}}>{words_ru.MONTH_PATTERN})(?![а-яё])"
RU_YEAR_WORD = r"(?:\s*(?:г\.|гг\.|года|году|год)(?![а-яё]))"


def _ru(name: str) -> str:
    return RU_MONTH.format(name=name)


RU = [
    NUMERIC_DATE,
    rf"(?:с|со)\s+(?P<day>\d{{1,2}})\s+{_ru('month')}\s+(?:по|до)\s+(?P<day2>\d{{1,2}})\s+{_ru('month2')}"
    rf"(?:\s+(?P<year>\d{{4}}){RU_YEAR_WORD}?)?",
    rf"(?:с|со)\s+(?P<day>\d{{1,2}})\s+(?:по|до)\s+(?P<day2>\d{{1,2}})\s+{_ru('month')}(?:\s+(?P<year>\d{{4}}){RU_YEAR_WORD}?)?",
    rf"(?P<day>\d{{1,2}})\s?[-–—]\s?(?P<day2>\d{{1,2}})\s+{_ru('month')}(?:\s+(?P<year>\d{{4}}){RU_YEAR_WORD}?)?",
    rf"(?P<day>\d{{1,2}})(?:-?го)?\s+{_ru('month')}(?:\s+(?P<year>\d{{4}}){RU_YEAR_WORD}?)?",
    rf"(?P<part>начал|середин|конц|конец)[а-я]*\s+{_ru('month')}(?:\s+(?P<year>\d{{4}}){RU_YEAR_WORD}?)?",
    # "в конце прошлого месяца": the part of a month counted from publication
    r"(?P<part>начал|середин|конц|конец)[а-я]*\s+(?P<rel>прошл|эт|текущ|следующ|будущ|минувш)[а-я]*\s+(?P<unit>месяц)[а-я]*",
    rf"{_ru('month')}\s?[-–—]\s?{_ru('month2')}(?:\s+(?P<year>\d{{4}}){RU_YEAR_WORD}?)?",
    rf"{_ru('month')}\s+(?P<year>\d{{4}}){RU_YEAR_WORD}?",
    rf"(?:с|со)\s+(?P<year>\d{{4}})\s+(?:по|до)\s+(?P<year2>\d{{4}}){RU_YEAR_WORD}?",
    r"(?P<year>\d{4})\s?[-–—]\s?(?P<year2>\d{4})\s*(?:гг\.|годы|годах|годов|годам|г\.)",
    rf"(?P<quarter>перв|втор|трет|четв[её]рт|[1-4]|IV|I{{1,3}})[а-я-]*\s+квартал[а-я]*"
    rf"(?:\s+(?P<year>\d{{4}}){RU_YEAR_WORD}?|\s+(?P<relyear>этого|текущего|прошлого|следующего)\s+года)?",
    rf"(?P<half>перв|втор)[а-я]*\s+(?:полугоди[а-я]*|половин[а-я]*\s+(?:год[а-я]*|(?P<year>\d{{4}}){RU_YEAR_WORD}?))"
    rf"(?:\s+(?P<year2>\d{{4}}){RU_YEAR_WORD}?)?",
    rf"(?P<year>\d{{4}}){RU_YEAR_WORD}",
    r"(?P<rel>прошл|эт|текущ|следующ|будущ|нынешн|предыдущ|минувш|истекш|прошедш|уходящ|наступающ|предстоящ)[а-я]*"
    r"\s+(?P<unit>год|месяц|недел)[а-я]*",
    r"(?P<relday>вчера|сегодня|завтра|позавчера|послезавтра)(?![а-яё])",
    r"(?P<weekday>понедельник|вторник|сред[ауе]|четверг|пятниц[ауе]|суббот[ауе]|воскресень[ея])(?![а-яё])",
    _ru("month"),
]

EN_MONTH = (
    r"(?P<{name}>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?![a-z])"
)
EN_TH = r"(?:st|nd|rd|th)?"
EN_YEAR_OPT = r"(?:,?\s+(?P<year>\d{4})(?!\d))?"


def _en(name: str) -> str:
    return EN_MONTH.format(name=name)


EN = [
    NUMERIC_DATE,
    rf"(?:from\s+|between\s+)?(?P<day>\d{{1,2}}){EN_TH}\s*(?:-|–|—|to|and|until|through)\s*(?P<day2>\d{{1,2}}){EN_TH}\s+(?:of\s+)?{_en('month')}{EN_YEAR_OPT}",
    rf"{_en('month')}\s+(?P<day>\d{{1,2}}){EN_TH}\s*(?:-|–|—|to|and|through)\s*(?P<day2>\d{{1,2}}){EN_TH}(?!\d){EN_YEAR_OPT}",
    rf"(?P<day>\d{{1,2}}){EN_TH}\s+(?:of\s+)?{_en('month')}{EN_YEAR_OPT}",
    rf"{_en('month')}\s+(?P<day>\d{{1,2}}){EN_TH}(?![\d,.]\d){EN_YEAR_OPT}",
    rf"(?P<part>early|mid|late)[\s-]+{_en('month')}{EN_YEAR_OPT}",
    rf"(?:the\s+)?(?P<part>beginning|start|middle|end)\s+of\s+{_en('month')}{EN_YEAR_OPT}",
    r"(?P<part>early|mid|late)[\s-]+(?P<rel>last|this|next)\s+(?P<unit>month)\b",
    r"(?:the\s+)?(?P<part>beginning|start|middle|end)\s+of\s+(?P<rel>last|this|next)\s+(?P<unit>month)\b",
    rf"(?:from\s+)?{_en('month')}\s?(?:[-–—]|\s(?:to|through|until)\s)\s?{_en('month2')}{EN_YEAR_OPT}",
    rf"{_en('month')}\s+(?P<year>\d{{4}})(?!\d)",
    r"(?:between|from)\s+(?P<year>(?:19|20)\d\d)\s+(?:and|to|until|through)\s+(?P<year2>(?:19|20)\d\d)(?!\d)",
    r"(?:the\s+)?(?P<quarter>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
    r"(?:\s+of\s+(?:(?P<year>\d{4})|(?P<relyear>this|last|next)\s+year))?",
    r"\bQ(?P<quarter>[1-4])(?:\s+(?P<year>\d{4}))?\b",
    r"(?:the\s+)?(?P<half>first|second)\s+half(?:\s+of\s+(?:the\s+year|(?P<year>\d{4})|(?P<relyear>this|last|next)\s+year))?",
    r"\bH(?P<half>[12])(?:\s+(?P<year>\d{4}))?\b",
    r"(?P<rel>last|this|next|previous|coming|current)\s+(?P<unit>week|month|year)\b",
    r"(?P<relday>yesterday|today|tomorrow|tonight)\b",
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    r"(?P<year>(?:19|20)\d\d)\s?[-–—]\s?(?P<year2>(?:19|20)\d\d)(?!\d)",
    r"(?P<lead>(?:in|since|by|of|the|during|from|until|before|after|for|early|late)\s+|mid-)"
    r"(?P<year>(?:19|20)\d\d)(?![\d%])",
    r"(?P<year>(?:19|20)\d\d)(?=[.,;:)!?]|$)",
    rf"(?P<rel>last|this|next)\s+{_en('month')}",
    r"(?P<lead>(?:[Ii]n|[Ss]ince|by|until|from|during|of)\s+)" + _en("month"),
    r"(?P<month>January|February|April|June|July|August|September|October|November|December)\b",
]


def _flags(language: str, pattern: str) -> int:
    # English month and weekday names must be capitalised ("may", "march" are verbs); the rest is not.
    if language == "en" and ("January" in pattern or "Monday" in pattern):
        return 0
    return re.IGNORECASE


# What a pattern needs to find in a sentence before it is worth running, and the word stems
# that show it. Most sentences hold no month name and no relative date word; then only the
# digit patterns (if any) run. Stems are checked per word with str.startswith.
TRIGGER_STEMS = {
    "kk": {
        "month": "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйе қазан қараша желтоқсан",
        "quarter": "тоқсан",
        "half": "жарты",
        "yearw": "мың",
        "part": "айдың",
        "rel": "өткен осы келесі келер алдағы биылғы ағымдағы үстіміздегі былтырғы алдыңғы",
        "relday": "кеше бүгін ертең биыл былтыр",
        "weekday": "дүйсенбі сейсенбі сәрсенбі бейсенбі сенбі жексенбі жұма",
    },
    "ru": {
        "month": "январ феврал март апрел май мая мае маю июн июл август сентябр октябр ноябр декабр",
        "quarter": "квартал",
        "half": "полугоди половин",
        "rel": "прошл эт текущ следующ будущ нынешн предыдущ минувш истекш прошедш уходящ наступающ предстоящ",
        "relday": "вчера сегодня завтра позавчера послезавтра",
        "weekday": "понедельник вторник сред четверг пятниц суббот воскресень",
        "part": "начал середин конц конец",
    },
    "en": {
        "quarter": "quarter q1 q2 q3 q4",
        "half": "half h1 h2",
        "rel": "last this next previous coming current",
        "relday": "yesterday today tomorrow tonight",
        "part": "early mid late beginning start middle end",
    },
}
# English month and weekday names count only capitalised.
EN_CAPITALISED_STEMS = {
    "month": "January February March April May June July August September October November December Jan Feb Mar "
    "Apr Jun Jul Aug Sep Oct Nov Dec",
    "weekday": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
}
TRIGGER_KINDS = ("month", "quarter", "half", "yearw", "part", "rel", "relday", "weekday")
STEMS = {language: {k: tuple(v.split()) for k, v in table.items()} for language, table in TRIGGER_STEMS.items()}
EN_STEMS = {k: tuple(v.split()) for k, v in EN_CAPITALISED_STEMS.items()}
ANY_STEM = {language: sum(table.values(), ()) for language, table in STEMS.items()}
ANY_EN_STEM = sum(EN_STEMS.values(), ())
WORD = re.compile(r"[^\W_]+")
# Every pattern that no word triggers needs a year in digits: four digits in a row.
DIGIT = re.compile(r"\d\d\d\d")


@dataclass(frozen=True, slots=True)
class DatePattern:
    regex: re.Pattern[str]
    trigger: str  # a kind of TRIGGERS


def _compiled(language: str, pattern: str) -> DatePattern:
    trigger = next((kind for kind in TRIGGER_KINDS if f"(?P<{kind}>" in pattern), "digit")
    return DatePattern(re.compile(rf"(?<![\w-]){pattern}", _flags(language, pattern)), trigger)


PATTERNS = {
    language: [_compiled(language, p) for p in table] for language, table in (("kk", KK), ("ru", RU), ("en", EN))
}


def _word_starts(stems: tuple[str, ...], ignore_case: bool) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True))
    first = {stem[0] for stem in stems} | ({stem[0].upper() for stem in stems} if ignore_case else set())
    pattern = rf"(?<![^\W_])(?=[{re.escape(''.join(sorted(first)))}])(?:{alternatives})"
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)


# Words that start like a trigger stem, found with one search; each found word is then sorted into
# its kinds. English month and weekday names count only capitalised.
WORD_STARTS = {language: _word_starts(ANY_STEM[language], True) for language in STEMS}
EN_WORD_STARTS = _word_starts(ANY_EN_STEM, False)


# The stem tables a found word is sorted by: per language (lowercased words) and English
# capitalised names (as written).
KIND_TABLES = {**STEMS, "en-capitalised": EN_STEMS}


@lru_cache(maxsize=8192)
def _word_kinds(word: str, table: str) -> frozenset[str]:
    """The kinds whose stems `word` starts with; cached, since the same words recur in every article."""
    return frozenset(kind for kind, group in KIND_TABLES[table].items() if word.startswith(group))


def _kinds(text: str, pattern: re.Pattern[str], table: str, lower: bool) -> set[str]:
    kinds: set[str] = set()
    for found in pattern.finditer(text):
        word = WORD.match(text, found.start())
        if word is None:
            continue
        kinds |= _word_kinds(word.group().lower() if lower else word.group(), table)
    return kinds


def triggers_in(text: str, language: str) -> set[str]:
    """The kinds of date phrase the sentence may hold, judged from its words."""
    present = {"digit"} if DIGIT.search(text) else set()
    present |= _kinds(text, WORD_STARTS[language], language, True)
    if language == "en":
        present |= _kinds(text, EN_WORD_STARTS, "en-capitalised", False)
    return present


def date_kinds(text: str, language: str) -> frozenset[str]:
    """triggers_in, frozen: what cues.py remembers per chunk of a sentence."""
    return frozenset(triggers_in(text, language))
