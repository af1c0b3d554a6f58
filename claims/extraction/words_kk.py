"""Kazakh word lists: numerals with their endings, months, units, tense and source markers."""

from __future__ import annotations

import re

UNITS = {"бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9}
TENS = {
    "он": 10,
    "жиырма": 20,
    "отыз": 30,
    "қырық": 40,
    "елу": 50,
    "алпыс": 60,
    "жетпіс": 70,
    "сексен": 80,
    "тоқсан": 90,
}
# Collective forms ("екеуі" = the two of them) count the same.
COLLECTIVES = {"екеу": 2, "үшеу": 3, "төртеу": 4, "бесеу": 5, "алтау": 6, "жетеу": 7}
SCALES = {
    "жүз": 100,
    "мың": 1_000,
    "миллион": 1_000_000,
    "млн": 1_000_000,
    "миллиард": 1_000_000_000,
    "млрд": 1_000_000_000,
    "триллион": 1_000_000_000_000,
    "трлн": 1_000_000_000_000,
}
ZERO = {"нөл": 0}

_CASES = (
    "",
    "дан",
    "ден",
    "тан",
    "тен",
    "нан",
    "нен",
    "ға",
    "ге",
    "қа",
    "ке",
    "а",
    "е",
    "да",
    "де",
    "та",
    "те",
    "ды",
    "ді",
    "ты",
    "ті",
    "ны",
    "ні",
    "дың",
    "дің",
    "тың",
    "тің",
    "ның",
    "нің",
    "мен",
    "бен",
    "пен",
    "дай",
    "дей",
    "тай",
    "тей",
    "деген",
    "даған",
    "таған",
    "теген",
    "лаған",
    "леген",
    "ақ",
    "ек",
    "ға дейін",
)
_POSSESSED = ("ы", "і", "сы", "сі", "еуі", "ауы", "міз", "ің", "ың")
_AFTER_POSSESSED = ("", "н", "нан", "нен", "на", "не", "нда", "нде", "ның", "нің", "мен", "ндай", "ндей")
_ORDINALS = ("ыншы", "інші", "ншы", "нші", "сыншы", "сінші", "шы", "ші")
ORDINAL_ENDING = re.compile(r"^-?\s?(?:[ыі]?н?ш[ыі]|с[ыі]нш[ыі])")


def _endings() -> frozenset[str]:
    endings = set(_CASES)
    endings.update(p + a for p in _POSSESSED for a in _AFTER_POSSESSED)
    for o in _ORDINALS:
        endings.update(o + c for c in _CASES)
        endings.update(o + p + a for p in ("сы", "сі", "ы", "і") for a in _AFTER_POSSESSED)
    return frozenset(endings)


NUMERAL_ENDINGS = _endings()


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _adjectival() -> frozenset[str]:
    # "-лық/-дық/-тық" and its possessed forms: "75 жылдығы", "97 шақырымдық".
    forms = set()
    for base in ("лы", "лі", "ды", "ді", "ты", "ті"):
        hard = base[-1] == "ы"
        forms.add(base + ("қ" if hard else "к"))
        soft = base + ("ғ" if hard else "г")
        forms.update(
            soft + tail for tail in (("ы", "ын", "ына", "ында", "ының") if hard else ("і", "ін", "іне", "інде", "інің"))
        )
    return frozenset(forms)


# Endings a noun (a unit, a time unit) takes beyond those of numerals.
NOUN_ENDINGS = _adjectival() | _word_set(
    """
    лар лер дар дер тар тер ғы гі қы кі дары дері лары лері дардың лардың тардың ларда дарда дағы дегі тағы
    тегі ын ін ына іне ында інде ының інің сын сін сына сіне сында сінде
    """
)
# Words that begin like a numeral but are something else: "үшін" (for), "онда" (there),
# "алтын" (gold), "бірге" (together), "бірден" (at once), "жер жүзінде" (worldwide).
NOT_NUMERALS = _word_set(
    """
    үшін ондай ондайда ондайды онымен онысы онысын онда оны оның онын алтын бірге бірде бірден бірдей
    біреу бірақ бірнеше біраз бірер жүзеге жүзінде жүзіне жүзін жүзі тоқсанда тоқсанның тоқсанына
    тоқсаны тоқсанында мыңдаған жүздеген ондаған бесе мыңнан-мыңға жетті отызда елуде жиырмада жете алта
    """
)
HALF_AFTER = "жарым"  # "төрт жарым" = 4.5
HALF_BEFORE = "жарты"  # "жарты миллиард" = 0.5 billion

MONTHS = {
    "қаңтар": 1,
    "ақпан": 2,
    "наурыз": 3,
    "сәуір": 4,
    "мамыр": 5,
    "маусым": 6,
    "шілде": 7,
    "тамыз": 8,
    "қыркүйек": 9,
    "қыркүйег": 9,
    "қазан": 10,
    "қараша": 11,
    "желтоқсан": 12,
}
WEEKDAYS = {"дүйсенбі": 0, "сейсенбі": 1, "сәрсенбі": 2, "бейсенбі": 3, "жұма": 4, "сенбі": 5, "жексенбі": 6}
ORDINAL_WORDS = {"бірінші": 1, "екінші": 2, "үшінші": 3, "төртінші": 4}

UNIT_WORDS = {
    "пайыз": "percent",
    "процент": "percent",
    "теңге": "KZT",
    "тенге": "KZT",
    "доллар": "USD",
    "еуро": "EUR",
    "евро": "EUR",
    "рубль": "RUB",
    "тиын": "KZT",
    "тонна": "tonne",
    "шақырым": "km",
    "километр": "km",
    "метр": "m",
    "шаршы метр": "m2",
    "текше метр": "m3",
    "гектар": "hectare",
    "литр": "litre",
    "килограмм": "kg",
    "грамм": "g",
    "градус": "degree",
    "мегаватт": "MW",
    "баррель": "barrel",
    "сантиметр": "cm",
    "миллиметр": "mm",
}
TIME_UNITS = ("жыл", "ай", "айлық", "апта", "күн", "тәулік", "сағат", "минут", "секунд", "ғасыр")

# Future and intention: "өтеді", "жоспарланып отыр", "күтілуде", "өтпек", "ашылады".
FUTURE_WORDS = re.compile(
    r"(?<!\w)(?:жоспарла|жоспар\w*\s+бар|күтілу|күтілі|көздел|болады|тиіс|мүмкін|ниетті|белгілен|тағайындал"
    r"|болжа|керек)",
    re.IGNORECASE,
)
# Endings of a final Kazakh verb. "-ады/-еді" is the future of a consonant stem (өт-еді,
# жалғас-ады) but "-лады/-деді" is also the past of a verb in -ла/-да (хабарла-ды, мәлімде-ді):
# after a consonant that is read as past, after a vowel it stays undecided (басталады will
# start, тамашалады watched). Passive "-ылады/-іледі" (ашылады) is future.
STRONG_FUTURE_ENDINGS = (
    "йды",
    "йді",
    "мақ",
    "мек",
    "бақ",
    "бек",
    "пақ",
    "пек",
    "мақшы",
    "мекші",
    "бақшы",
    "бекші",
    "пақшы",
    "пекші",
    "атын",
    "етін",
    "йтын",
    "йтін",
    "ылады",
    "іледі",
    "ынады",
    "інеді",
)
AMBIGUOUS_ENDINGS = ("лады", "леді", "дады", "деді")
# Third person, then first and second: "өтеді", "егеміз", "шешеміз", "барамын", "көресіз".
PLAIN_FUTURE_ENDINGS = ("ады", "еді", "амыз", "еміз", "ймыз", "йміз", "амын", "емін", "ймын", "ймін", "асыз", "есіз")
VOWELS = frozenset("аәеиоөұүыіэюяу")
# Frequent news verbs whose ending misleads: past in -ла/-та (жариялады) and future in -л-ады.
KNOWN_PAST = frozenset(
    {
        "жариялады",
        "бағалады",
        "тамашалады",
        "талқылады",
        "құттықтады",
        "айыптады",
        "ақтады",
        "сынады",
        "қорғады",
        "аралады",
        "сұрады",
        "сайлады",
        "ойлады",
        "шақырды",
        "жинады",
        "тыңдады",
        "тазалады",
        "ұйымдастырды",
        "тапсырды",
        "жоспарлады",
        "басқарды",
    }
)
KNOWN_FUTURE = frozenset(
    {
        "басталады",
        "аяқталады",
        "қаралады",
        "жалғасады",
        "ұзартылады",
        "сақталады",
        "шешіледі",
        "көтеріледі",
        "төмендейді",
        "өтеді",
        "болады",
        "беріледі",
        "жүргізіледі",
    }
)
FUTURE_ENDINGS = STRONG_FUTURE_ENDINGS + PLAIN_FUTURE_ENDINGS
NOT_PAST: frozenset[str] = frozenset()
PAST_WORDS = re.compile(r"(?<!\w)еді(?!\w)", re.IGNORECASE)
# Third person, then first person plural and singular: "өтті", "ұсындық", "көрдім".
PAST_ENDINGS: tuple[str, ...] = ("ды", "ді", "ты", "ті", "ған", "ген", "қан", "кен", "дық", "дік", "тық", "тік")
PAST_ENDINGS += ("дым", "дім", "тым", "тім")
SPEECH_VERBS = r"деді|дейді|деген|деп\s+(?:атап\s+өтті|мәлімдеді|хабарлады|жазды|айтты|мәлім\s+етті)"
CREDIT_MARKERS = (
    r"мәліметінше|мәліметтерінше|хабарлауынша|сөзінше|айтуынша|дерегінше|деректерінше|ойынша|пікірінше|есебінше"
    r"|болжамынша|бағалауынша|пайымынша|мәліметіне\s+сүйенсек|мәліметі\s+бойынша"
)
CREDIT_FIRST_LETTERS = "мМхХсСаАдДоОпПеЕбБ"
# "Бұл туралы ... мәлімдеді": the sentence names its speaker before a final verb of speech.
ABOUT_THIS = r"бұл\s+туралы|бұл\s+жөнінде|осы\s+туралы|бұл\s+турасында"
SAID_AT_END = r"мәлімдеді|хабарлады|айтты|атап\s+өтті|мәлім\s+етті|жазды|хабарлайды|мәлімдейді|айтады"
CASUALTY = re.compile(r"(?=[қҚмМжЖзЗөӨоО])(?:қаза|мерт|жаралан|зардап|құрбан|өлім|қайтыс|опат|зақым)", re.IGNORECASE)

# After a number and its counted phrase (read over tokens by comparators.py).
COUNTED_PHRASE_WORDS = 3  # "18 мың тонна [бидай] [астық]-тан": unit, adjective, noun
ABOUT_AFTER = frozenset({"шамасында", "шамасы", "шамалы", "қаралайым", "жуықтау", "шамасындағы"})
MORE_AFTER_ABLATIVE = frozenset({"астам", "аса", "артық", "көп", "жоғары", "асатын"})
LESS_AFTER_ABLATIVE = frozenset({"кем", "аз", "төмен"})
# "асты", "асқан", "аспақ" (more than); "аспауы", "аспайды" (at most).
EXCEED_STEMS = ("ас",)
# "мыңға жуық", "жуығы", "жуықтаған", "таяу": about.
ABOUT_AFTER_DATIVE_STEMS = ("жуық", "жуығ", "таяу", "таяп")
# Verbs of change: after "X-ға дейін" they make X the new level ("5 пайызға дейін төмендеді").
CHANGE_STEMS = (
    "өс",
    "жет",
    "ұзар",
    "арт",
    "көбей",
    "азай",
    "төменде",
    "төмендет",
    "қысқар",
    "ұлғай",
    "кеміт",
    "кемі",
    "көтер",
    "жеткіз",
    "жетк",
    "түс",
    "қымбатта",
    "арзанда",
    "баяула",
    "жеделде",
    "құлда",
    "тарыл",
    "кеңей",
    "көтеріл",
)
POSSIBLE = frozenset({"мүмкін", "ықтимал"})
# Words that end a counted phrase without being part of it.
NOT_IN_COUNTED_PHRASE = frozenset({"және", "мен", "пен", "бен", "немесе", "тағы", "ғана", "да", "де", "та", "те"})
# "бес бүтін оннан үш" = 5.3: whole, then the denominator, then the numerator.
DECIMAL_WHOLE = "бүтін"
DECIMAL_PARTS = {"оннан": 10, "жүзден": 100, "мыңнан": 1000}
# What may follow digits after a hyphen besides case endings: "300-дей" (about), "5-еу" and
# "2-еуіне" (the five, the two of them), "10000-дап" (so many each).
DIGIT_SUFFIX_STARTS = ("дай", "дей", "тай", "тей", "еу", "ау", "дап", "деп", "тап", "теп")
# Words that may follow a year: "2019 жылы", "2019 ж.", and the months and seasons after it.
YEAR_WORD_STARTS = (
    "жыл", "ж", "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйе", "қазан",
    "қараша", "желтоқсан", "көктем", "жаз", "күз", "қыс", "мен", "пен", "бен", "және", "не", "немесе",
)
