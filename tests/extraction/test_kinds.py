"""The kinds of phrasing real news uses, each in several sentences of our own (kk, ru, en).

Facts are written as the shared scorer writes them: ("Q", value, comparator[, upper]),
("D"/"S", earliest, latest) for a past or a scheduled date, ("P", speaker).
"""

from __future__ import annotations

import datetime

import pytest

from claims.extraction import extract


def facts(text: str, published: str, with_speaker: bool = False) -> list[tuple]:
    found: list[tuple] = []
    for claim in extract(text, published=datetime.date.fromisoformat(published)):
        q, d = claim.quantity, claim.date
        if q:
            fact = ("Q", q.value, q.comparator) + ((q.upper,) if q.comparator == "between" else ())
            found.append(fact)
        if d:
            found.append(("S" if claim.kind == "scheduled" else "D", d.earliest.isoformat(), d.latest.isoformat()))
        if with_speaker and claim.speaker:
            found.append(("P", claim.speaker))
    return sorted(set(found), key=repr)


def check(text: str, published: str, expected: list[tuple]) -> None:
    with_speaker = any(f[0] == "P" for f in expected)
    assert facts(text, published, with_speaker) == sorted(set(expected), key=repr)


# 1. Kazakh: the bound sits on the last word of the counted phrase after the number.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Биыл 25 мың тонна бидайдан астам өнім жиналды.",
            [("Q", 25000, "more_than"), ("D", "2024-01-01", "2024-12-31")],
        ),
        ("Шараға 700 оқушыдан асты.", [("Q", 700, "more_than")]),
        ("Ауылда 120 отбасынан кем емес тұрады.", [("Q", 120, "at_least")]),
        ("Жобаға 40 миллион теңгеге дейінгі грант беріледі.", [("Q", 40_000_000, "at_most")]),
        ("Ол жерге 3 мың шақырымдай жол бар.", [("Q", 3000, "about")]),
        ("Қоймада 200 тонна шамасында астық қалды.", [("Q", 200, "about")]),
        ("Көрмеге 60 елге жуығы қатысты.", [("Q", 60, "about")]),
        ("Жарнаның мөлшері 2 пайыздан аспауы керек.", [("Q", 2, "at_most")]),
        ("Жалақысы 90 мың теңгеден кем болмауы тиіс.", [("Q", 90000, "at_least")]),
        ("Өңірде 15 мектептің оқушыларынан астамы жарысқа шықты.", [("Q", 15, "exactly")]),
        ("Ауруханаға 30 адамдарынан астам түсті.", [("Q", 30, "more_than")]),
        ("Мұнда 400-ге (ыы) жуық кәсіпорын жұмыс істейді.", [("Q", 400, "about")]),
        ("Бағасы шамамен оның екі миллион теңгеге тең.", [("Q", 2_000_000, "about")]),
    ],
)
def test_kazakh_bounds_on_the_counted_phrase(text, expected):
    check(text, "2024-05-10", expected)


# 2. A verb of change makes "to" the new level; a stated bound still wins.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Астық экспорты 8 миллион тоннаға дейін өсті.", [("Q", 8_000_000, "exactly")]),
        ("Тариф келесі айдан 12 пайызға дейін көтеріледі.", [("Q", 12, "exactly"), ("S", "2024-06-01", "2024-06-30")]),
        ("Жұмыссыздар саны 3 мыңға дейін азайды.", [("Q", 3000, "exactly")]),
        ("Бағасы 10 пайызға дейін өсуі мүмкін.", [("Q", 10, "at_most")]),
        ("Трасса 450 шақырымға дейін ұзартылады.", [("Q", 450, "exactly")]),
        ("Инфляция должна снизиться до 6%.", [("Q", 6, "exactly")]),
        ("Пенсии увеличат до 90 тысяч тенге.", [("Q", 90000, "exactly")]),
        ("Тарифы выросли более чем до 20 процентов.", [("Q", 20, "more_than")]),
        ("До 40% продукции уходит на экспорт.", [("Q", 40, "at_most")]),
        ("The bank raised its rate to 16%.", [("Q", 16, "exactly")]),
        ("Output fell to 2 million barrels a day.", [("Q", 2_000_000, "exactly")]),
        ("Up to 30% of the wheat is lost in storage.", [("Q", 30, "at_most")]),
    ],
)
def test_verbs_of_change(text, expected):
    check(text, "2024-05-10", expected)


# 3. Numbers: shared multipliers, units that look like years, number-adjectives, "one".
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Проект обойдётся в сумму от 20 до 35 млрд тенге.", [("Q", 20e9, "between", 35e9)]),
        ("В акции участвовали 10–12 тыс. волонтёров.", [("Q", 10000, "between", 12000)]),
        ("The plant will cost between 2 and 3 million dollars.", [("Q", 2e6, "between", 3e6)]),
        ("Жәрмеңкеге 5–7 мың адам келді.", [("Q", 5000, "between", 7000)]),
        ("Глубина скважины 2000 метров.", [("Q", 2000, "exactly")]),
        ("The pipeline runs 1950 km across the steppe.", [("Q", 1950, "exactly")]),
        ("Шың 2100 метр биіктікте.", [("Q", 2100, "exactly")]),
        ("Салынған 300-шақырымдық тас жол ашылды.", [("Q", 300, "exactly")]),
        ("Открыт 700-километровый участок.", [("Q", 700, "exactly")]),
        ("They opened a 15-kilometre tunnel.", [("Q", 15, "exactly")]),
        ("Less than one percent of the land is irrigated.", [("Q", 1, "less_than")]),
        ("At least one hospital was damaged.", [("Q", 1, "at_least")]),
        ("One of the drivers was a teenager.", []),
        ("Бұл бір қызық оқиға болды.", []),
        ("Кемінде бір мектеп жабылды.", [("Q", 1, "at_least")]),
        ("Инфляция бес бүтін оннан төрт пайыз болды.", [("Q", 5.4, "exactly")]),
    ],
)
def test_numbers(text, expected):
    check(text, "2024-05-10", expected)


# 4. Not quantities: titles, names, models, number-adjectives of scale.
@pytest.mark.parametrize(
    "text",
    [
        "Театр «Три сестры» поставил заново.",
        "Над полем пролетел Су-27.",
        "The Boeing 777 landed safely.",
        "The 747 was retired last year.",
        "Многомиллионные убытки понесли фермеры.",
        "Тысячные толпы вышли на улицы.",
        "Мыңдаған жанкүйер стадионға жиналды.",
        "«Жүз жаңа есім» жобасы жалғасады.",
        "Анықтама алу үшін «1414» нөміріне қоңырау шалыңыз.",
        "Бөлімше 34 / 12 нөмірлі ғимаратта орналасқан.",
    ],
)
def test_not_quantities(text):
    assert [f for f in facts(text, "2024-05-10") if f[0] == "Q"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Әкім: « Күзге дейін 40 үй саламыз », – деді.", 40),
        ("« Бізде 12 дәрігер бар », – дейді бас дәрігер.", 12),
        ("He said: “ We hired 30 nurses ”.", 30),
        ("“We will open 25 clinics,” the minister said.", 25),
        ("«Мы откроем 8 школ» — заявил аким области.", 8),
    ],
)
def test_a_short_quote_of_speech_still_counts(text, value):
    assert [f[1] for f in facts(text, "2024-05-10") if f[0] == "Q"] == [value]


# 5. Date ranges across months and years are one window.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Фестиваль 28 маусым мен 4 шілде аралығында өтеді.", [("S", "2024-06-28", "2024-07-04")]),
        ("Жөндеу 1998–2001 жж. аралығында жүрді.", [("D", "1998-01-01", "2001-12-31")]),
        ("Выставка пройдёт с 30 мая по 2 июня.", [("S", "2024-05-30", "2024-06-02")]),
        ("В 2015–2017 годах завод простаивал.", [("D", "2015-01-01", "2017-12-31")]),
        ("The fair runs from 29 May to 3 June.", [("S", "2024-05-29", "2024-06-03")]),
    ],
)
def test_date_ranges(text, expected):
    check(text, "2024-05-10", expected)


# 6. This, last and next period in other words.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ағымдағы жылы өңірде 12 мектеп салынды.", [("D", "2024-01-01", "2024-12-31"), ("Q", 12, "exactly")]),
        ("Үстіміздегі жылы жол жөндеу аяқталды.", [("D", "2024-01-01", "2024-12-31")]),
        ("В истекшем году урожай был высоким.", [("D", "2023-01-01", "2023-12-31")]),
        ("В минувшем месяце цены выросли.", [("D", "2024-04-01", "2024-04-30")]),
        ("Earlier this year the plant closed.", [("D", "2024-01-01", "2024-12-31")]),
        ("Later this month the council will vote.", [("S", "2024-05-01", "2024-05-31")]),
        ("Келесі айдың басында көпір ашылады.", [("S", "2024-06-01", "2024-06-10")]),
        ("Шілде айының ортасында жиын өтеді.", [("S", "2024-07-11", "2024-07-20")]),
        ("В конце прошлого месяца банк снизил ставку.", [("D", "2024-04-21", "2024-04-30")]),
        ("Early next month the plant will reopen.", [("S", "2024-06-01", "2024-06-10")]),
        ("The deal was signed at the end of last month.", [("D", "2024-04-21", "2024-04-30")]),
    ],
)
def test_this_last_and_next(text, expected):
    check(text, "2024-05-10", expected)


# 7. Tense and the year, per clause.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Кеңес құжатты 3 наурызда бекітті, ол 1 қыркүйектен бастап күшіне енеді.",
            [("D", "2024-03-03", "2024-03-03"), ("S", "2024-09-01", "2024-09-01")],
        ),
        (
            "Жол 30 сәуірде жабылған, 20 мамырда ашылады.",
            [("D", "2024-04-30", "2024-04-30"), ("S", "2024-05-20", "2024-05-20")],
        ),
        ("Сайлау 9 маусым күні өтеді деп күтілуде.", [("S", "2024-06-09", "2024-06-09")]),
        ("The museum is set to open on April 4.", [("S", "2025-04-04", "2025-04-04")]),
        ("On Thursday the ministers will meet in Astana.", [("S", "2024-05-16", "2024-05-16")]),
        ("Өткен жылы 5 қарашада ол қамауға алынған еді.", [("D", "2023-11-05", "2023-11-05")]),
        (
            "The board approved the plan on 2 March and it will take effect on 1 August.",
            [("D", "2024-03-02", "2024-03-02"), ("S", "2024-08-01", "2024-08-01")],
        ),
        ("The fair is to run from February 3 through March 9.", [("S", "2025-02-03", "2025-03-09")]),
        ("Завод запустят в середине января.", [("S", "2025-01-11", "2025-01-20")]),
        ("Тарифы снизятся в феврале.", [("S", "2025-02-01", "2025-02-28")]),
    ],
)
def test_tense_per_clause(text, expected):
    check(text, "2024-05-10", expected)


# 8. No extra dates: a weekday next to a date is that date.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Во вторник, 7 мая, прошло заседание.", [("D", "2024-05-07", "2024-05-07")]),
        ("The vote was held on Friday, May 3.", [("D", "2024-05-03", "2024-05-03")]),
        ("Былтыр қазан айында зауыт ашылды.", [("D", "2023-10-01", "2023-10-31")]),
        ("Сенбіде 300-ге жуық адам сенбілікке шықты.", [("D", "2024-05-04", "2024-05-04"), ("Q", 300, "about")]),
        ("Оқу жылы қыркүйектің бірінде басталады.", [("S", "2024-09-01", "2024-09-01")]),
    ],
)
def test_no_extra_dates(text, expected):
    check(text, "2024-05-10", expected)


# 9. Speakers: a colon before a quote with spaces inside the guillemets.
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Әкім атап өтті: « Біз жолды биыл бітіреміз ».", "Әкім атап өтті"),
        ("Министр заявил: « Мы не поднимем цены ».", "Министр заявил"),
        ("Сарапшының ойынша, бағалар тұрақты болады.", "Сарапшының"),
        ("Бұл туралы облыстық денсаулық сақтау басқармасы хабарлады.", "облыстық денсаулық сақтау басқармасы"),
    ],
)
def test_speakers(text, speaker):
    found = {c.speaker for c in extract(text, published=datetime.date(2024, 5, 10))}
    assert any(s and speaker.casefold() in s.casefold() for s in found), found
