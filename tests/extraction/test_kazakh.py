"""Kazakh: numbers with case endings, number words, comparators after the number, dates."""

import pytest

from claims.extraction import extract

from .facts import claims_of, dates, quantities, speakers


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Қалада кемінде 20 мектеп жөндеуден өтті.", [(20, "at_least", None, None)]),
        ("Ең кемі 15 адам жараланды.", [(15, "at_least", None, None)]),
        ("Сайлауға 5 мыңнан кем емес адам қатысады.", [(5000, "at_least", None, None)]),
        ("Жиынға 800-ден астам адам келді.", [(800, "more_than", None, None)]),
        ("Инфляция 8,5 пайыздан асты.", [(8.5, "more_than", None, "percent")]),
        ("Мектепте 1,5 мыңнан астам оқушы бар.", [(1500, "more_than", None, None)]),
        ("Ауданда 40-тан аса отбасы тұрады.", [(40, "more_than", None, None)]),
        ("Мұнда 100-ден аз адам тұрады.", [(100, "less_than", None, None)]),
        ("Карантин кезінде 4,5 миллионға жуық адам төлем алды.", [(4_500_000, "about", None, None)]),
        ("Шамамен 300 адам жиналды.", [(300, "about", None, None)]),
        ("Ауданда 300-дей үй су астында қалды.", [(300, "about", None, None)]),
        ("Бағасы 20-30 мың теңге тұрады.", [(20_000, "between", 30_000, "KZT")]),
        ("Бағасы 500 мен 700 теңге аралығында.", [(500, "between", 700, "KZT")]),
        ("Өнеркәсіп өндірісі 5,1 пайызға өсті.", [(5.1, "exactly", None, "percent")]),
        ("Ұлттық банк базалық мөлшерлемені 16 пайызға көтерді.", [(16, "exactly", None, "percent")]),
        ("Мөлшерлеме 14,5 пайызға дейін төмендетілді.", [(14.5, "exactly", None, "percent")]),
        ("Жауын-шашын 15 миллиметрге дейін болады.", [(15, "at_most", None, "mm")]),
        # With a verb of change, a change done sets the new level; a change to come is bounded.
        ("Инфляция 9 пайызға дейін баяулады.", [(9, "exactly", None, "percent")]),
        ("Бағасы 10 пайызға дейін өсуі мүмкін.", [(10, "at_most", None, "percent")]),
        ("Жалақы 15 пайызға дейін өседі.", [(15, "exactly", None, "percent")]),  # the new level, as in the past
    ],
)
def test_it_reads_kazakh_comparators(sentence, expected):
    assert quantities(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ауданда үш жүзден астам отбасы жаңа пәтерге көшті.", [(300, "more_than", None, None)]),
        ("Оған үш жүз қырық адам келді.", [(340, "exactly", None, None)]),
        ("Жиырма бес мектеп салынды.", [(25, "exactly", None, None)]),
        ("Өткен жылы 350 мыңнан астам бала дүниеге келді.", [(350_000, "more_than", None, None)]),
        ("1 200 мектеп салынды.", [(1200, "exactly", None, None)]),
        (
            "1 қаңтар мен 30 қыркүйек аралығында 2,3 триллион теңге салық жиналды.",
            [(2_300_000_000_000, "exactly", None, "KZT")],
        ),
        ("Жобаға 2 млрд доллар бөлінді.", [(2_000_000_000, "exactly", None, "USD")]),
        ("Бір миллион төрт жүз сексен мың гектар жер егілді.", [(1_480_000, "exactly", None, "hectare")]),
        ("Бағасы төрт жарым процентке өсті.", [(4.5, "exactly", None, "percent")]),
        (
            "Жол апатында 3 адам қаза тапты, тағы 7 адам ауруханаға жеткізілді.",
            [(3, "exactly", None, None), (7, "exactly", None, None)],
        ),
    ],
)
def test_it_reads_kazakh_digits_number_words_and_endings(sentence, expected):
    assert quantities(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Биыл Астанада ЭКСПО-2017 көрмесі өтті.",
        "COVID-19 пандемиясы кезінде G20 елдері кездесті.",
        "Boeing 737 ұшағы қонды.",
        "Анықтама телефоны: 8 701 123 45 67.",
        "Бірінші кезекте 20-сыншы ақпанда комиссия жиналды.",
        "Оның 2-ншіден қатысуы.",
        "Бірнеше адам зардап шекті.",
        "Бұл жұмыс үшін жасалды, онда бәрі жақсы.",
        "Соңғы екі аптаның ішінде жаңбыр жауды.",
        "«Хабар 24» арнасы жаңалық таратты.",
        "«Зейнеткер-екі» серіктестігі құрылды.",
        "Ондай жағдай онымен болмайды.",
    ],
)
def test_it_does_not_count_names_codes_years_ordinals_phones_or_durations(sentence):
    assert quantities(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("23 ақпан күні комиссия жиналды.", "2018-02-23", [("event", "2018-02-23", "2018-02-23", None)]),
        ("22 ақпанда жиын өтті.", "2018-02-23", [("event", "2018-02-22", "2018-02-22", None)]),
        (
            "Жиырма бесінші мамырда форум өтеді.",
            "2024-05-10",
            [("scheduled", "2024-05-25", "2024-05-25", "2024-05-26")],
        ),
        ("20-сыншы ақпанда комиссия жиналды.", "2024-05-10", [("event", "2024-02-20", "2024-02-20", None)]),
        ("Раунд Астанада 21-22 желтоқсанда өткен.", "2018-02-23", [("event", "2017-12-21", "2017-12-22", None)]),
        (
            "1 қаңтар мен 30 қыркүйек аралығында салық жиналды.",
            "2023-10-09",
            [("event", "2023-01-01", "2023-09-30", None)],
        ),
        ("Желтоқсанда жаңа көпір ашылады.", "2024-05-10", [("scheduled", "2024-12-01", "2024-12-31", "2025-01-01")]),
        ("Желтоқсанда жаңа көпір ашылды.", "2024-05-10", [("event", "2023-12-01", "2023-12-31", None)]),
        (
            "Келесі келіссөз наурыздың ортасына жоспарланып отыр.",
            "2018-02-23",
            [("scheduled", "2018-03-11", "2018-03-20", "2018-03-21")],
        ),
        (
            "Сәуірдің соңында конференция өтпек.",
            "2016-03-30",
            [("scheduled", "2016-04-21", "2016-04-30", "2016-05-01")],
        ),
        ("Наурыздың басында жиналыс өтті.", "2024-05-10", [("event", "2024-03-01", "2024-03-10", None)]),
        ("2017-нші жылы көрме өтті.", "2024-05-10", [("event", "2017-01-01", "2017-12-31", None)]),
        ("2019 жылы зауыт салынды.", "2024-05-10", [("event", "2019-01-01", "2019-12-31", None)]),
        ("2023 жылғы 15 наурызда заң қабылданды.", "2024-05-10", [("event", "2023-03-15", "2023-03-15", None)]),
        ("Үшінші тоқсанда экономика өсті.", "2024-05-10", [("event", "2023-07-01", "2023-09-30", None)]),
        ("Жылдың бірінші жартысында инвестиция тартылды.", "2024-08-10", [("event", "2024-01-01", "2024-06-30", None)]),
        ("Кеше елордада маршрут іске қосылды.", "2021-04-08", [("event", "2021-04-07", "2021-04-07", None)]),
        ("Бүгін жиын өтті.", "2021-04-08", [("event", "2021-04-08", "2021-04-08", None)]),
        ("Ертең Астанада жиын өтеді.", "2024-05-10", [("scheduled", "2024-05-11", "2024-05-11", "2024-05-12")]),
        ("Сенбіде шеру өтеді.", "2024-05-10", [("scheduled", "2024-05-11", "2024-05-11", "2024-05-12")]),
        ("Сенбіде шеру өтті.", "2024-05-10", [("event", "2024-05-04", "2024-05-04", None)]),
        ("Өткен аптада жиналыс өтті.", "2024-05-10", [("event", "2024-04-29", "2024-05-05", None)]),
        ("Келесі айда тарифтер өседі.", "2024-05-10", [("scheduled", "2024-06-01", "2024-06-30", "2024-07-01")]),
        ("Өткен жылы бала дүниеге келді.", "2021-01-15", [("event", "2020-01-01", "2020-12-31", None)]),
        ("Биыл көрмеге адам келді.", "2017-09-01", [("event", "2017-01-01", "2017-12-31", None)]),
        ("Былтыр мектеп салынды.", "2024-05-10", [("event", "2023-01-01", "2023-12-31", None)]),
        ("Келесі жылы жол жөнделеді.", "2022-12-20", [("scheduled", "2023-01-01", "2023-12-31", "2024-01-01")]),
        ("Астанада былтырдан бері келіссөз өтті.", "2018-02-23", [("event", "2017-01-01", "2017-12-31", None)]),
        ("2020 жылдан бері жұмыс орны ашылды.", "2024-05-10", [("event", "2020-01-01", "2020-12-31", None)]),
    ],
)
def test_it_places_kazakh_date_phrases(sentence, published, expected):
    assert dates(sentence, published) == expected


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        (
            "Наурыздың 8-і мерекесінде адамдар марапатталды.",
            "2024-05-10",
            [("event", "2024-03-08", "2024-03-08", None)],
        ),
        ("Көрме қазанның 5-інде өтеді.", "2024-05-10", [("scheduled", "2024-10-05", "2024-10-05", "2024-10-06")]),
        (
            "Көрме 5 мен 7 қазан аралығында өтеді.",
            "2024-05-10",
            [("scheduled", "2024-10-05", "2024-10-07", "2024-10-08")],
        ),
        ("Қаңтар-наурыз айларында экспорт өсті.", "2024-05-10", [("event", "2024-01-01", "2024-03-31", None)]),
        ("2018-2019 жылдары адамдар жұмысқа орналасты.", "2024-05-10", [("event", "2018-01-01", "2019-12-31", None)]),
        ("Министр 5 наурызда мәлімдеді.", "2024-03-01", [("event", "2023-03-05", "2023-03-05", None)]),
    ],
)
def test_it_places_more_kazakh_date_phrases(sentence, published, expected):
    assert dates(sentence, published) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Оның құны 2 миллион 500 мың теңге.", [(2_500_000, "exactly", None, "KZT")]),
        ("Температура минус 25 градусқа дейін төмендеді.", [(-25, "exactly", None, "degree")]),
        ("Елде 300 мыңға жуықтау адам тұрады.", [(300_000, "about", None, None)]),
        ("Ауданда 5 мың тонна шамасында астық жиналды.", [(5000, "about", None, "tonne")]),
        ("Бағасы 15%-ке қымбаттады.", [(15, "exactly", None, "percent")]),
    ],
)
def test_it_reads_compound_negative_and_approximate_kazakh_numbers(sentence, expected):
    assert quantities(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Спорт кешені салынды.",
        "Кешенді жоспар бекітілді.",
        "Маусымдық жұмысшылар келді.",
        "Қазандар сатылды.",
        "Наурыз мейрамы тойланды.",
        "Ферма жұмысы қаңтарылып тұр.",
    ],
)
def test_words_that_begin_like_dates_are_not_dates(sentence):
    assert dates(sentence, "2024-05-10") == []


def test_durations_are_not_dates():
    assert dates("Соңғы екі аптаның ішінде 30 адам жұқтырды.", "2024-05-10") == []


def test_a_credited_source_is_the_speaker_and_its_acronym_names_it():
    text = (
        "Қазақстан Сыртқы істер министрлігінің (СІМ) 23 ақпан күні хабарлауынша, жиын өтті.\n"
        "Қазақстан СІМ мәліметінше, келесі келіссөз наурыздың ортасына жоспарланып отыр"
    )
    assert speakers(text, "2018-02-23") == {"СІМ"}


def test_a_quote_after_a_colon_is_the_speakers():
    [claim] = claims_of("Әкім: «Келесі жылы облыста 500 шақырым жол жөнделеді», – деді.", "2022-12-20")
    assert claim.to_dict() == {
        "kind": "scheduled",
        "text": "Әкім: «Келесі жылы облыста 500 шақырым жол жөнделеді», – деді.",
        "span": [0, 62],
        "language": "kk",
        "quantity": {
            "value": 500,
            "upper": None,
            "comparator": "exactly",
            "unit": "km",
            "subject": "жол",
            "span": [27, 38],
        },
        "date": {"earliest": "2023-01-01", "latest": "2023-12-31", "text": "Келесі жылы", "span": [7, 18]},
        "speaker": "Әкім",
        "check_after": "2024-01-01",
        "checkworthiness": 0.7,
    }


def test_a_quote_without_numbers_or_dates_is_a_statement():
    [claim] = claims_of("«Экономика өсіп келеді», – деді Премьер-министр.", "2024-05-10")
    assert (claim.kind, claim.speaker, claim.quantity, claim.date) == ("statement", "Премьер-министр", None, None)


def test_a_title_in_quotes_is_not_a_statement():
    assert claims_of("Олар «Жасыл ел» жобасын бекіткен.", "2024-05-10") == []


def test_two_quantities_in_one_sentence_give_two_claims_with_the_sentences_date():
    text = "21 ақпанда кемінде 340 бейбіт тұрғын мерт болып, 800-ден астам адам жараланды."
    found = claims_of(text, "2018-02-23")
    assert [(c.quantity.value, c.quantity.comparator, c.date.earliest.isoformat()) for c in found] == [
        (340, "at_least", "2018-02-21"),
        (800, "more_than", "2018-02-21"),
    ]
    assert [text[slice(*c.quantity.span)] for c in found] == ["кемінде 340", "800-ден астам"]
    assert found[0].quantity.subject == "бейбіт тұрғын"


def test_the_language_argument_forces_the_language():
    [claim] = extract("Кеше 5 адам келді.", published=__import__("datetime").date(2024, 5, 10), language="kk")
    assert claim.language == "kk"
