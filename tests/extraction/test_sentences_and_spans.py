"""Sentences keep their offsets: every claim's span slices the input back to its text."""

import datetime
from pathlib import Path

import pytest

from claims.extraction import extract
from claims.extraction.language import detect_language
from claims.extraction.sentences import split_sentences

from .facts import dates

# CI and developers keep the shared specs beside the project.
SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_3fa4b4e8f3932ef8.txt"


def test_lines_split_first_even_without_a_full_stop():
    text = "Тақырып жолы\nБірінші сөйлем. Екінші сөйлем.\n\nСоңғы жол"
    assert [s.text for s in split_sentences(text)] == ["Тақырып жолы", "Бірінші сөйлем.", "Екінші сөйлем.", "Соңғы жол"]


@pytest.mark.parametrize(
    "text",
    [
        "2019 ж. Наурызда жиын өтті.",
        "Бюджет 5 млн. теңгеге жетті.",
        "Елде 2 млрд. Доллар инвестиция бар.",
        "Кітап, дәптер т.б. Заттар сатылды.",
        "В 2019 г. Парламент принял закон.",
        "Выделено 5 тыс. Тенге.",
        "The U.N. Security Council met.",
        "It was signed on Feb. 12 in Astana.",
        "А. Смаилов выступил.",
    ],
)
def test_abbreviations_do_not_end_sentences(text):
    assert [s.text for s in split_sentences(text)] == [text]


def test_quotes_stay_whole():
    text = "«Біз келдік. Енді кетеміз», – деді ол. Содан кейін кетті."
    assert [s.text for s in split_sentences(text)] == ["«Біз келдік. Енді кетеміз», – деді ол.", "Содан кейін кетті."]


def test_sentence_offsets_slice_the_text():
    text = "  Бірінші.   Second one!\r\n«Үшінші?»  "
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Қазақстан делегациясы жиынға қатысты.", "kk"),
        ("Выборы в мажилис состоятся 19 марта.", "ru"),
        ("Parliamentary elections will be held on March 19.", "en"),
        ("12 345", None),
    ],
)
def test_it_detects_the_language_of_a_sentence(sentence, language):
    assert detect_language(sentence) == language


def test_each_sentence_has_its_own_language():
    text = "Кеше 5 адам келді. Вчера пришли 7 человек. Yesterday 9 people came."
    found = extract(text, published=datetime.date(2024, 5, 10))
    assert [(c.language, c.quantity.value) for c in found] == [("kk", 5), ("ru", 7), ("en", 9)]


def test_unknown_language_argument_is_refused():
    with pytest.raises(ValueError, match="language"):
        extract("text", published=datetime.date(2024, 5, 10), language="de")


def test_every_span_of_the_seed_article_slices_back_to_its_text():
    with open(SEED, encoding="utf-8") as fh:
        text = fh.read()
    claims = extract(text, published=datetime.date(2018, 2, 23))
    assert claims
    for claim in claims:
        assert text[claim.span[0] : claim.span[1]] == claim.text
        if claim.quantity:
            s, e = claim.quantity.span
            assert claim.span[0] <= s < e <= claim.span[1]
        if claim.date:
            assert text[claim.date.span[0] : claim.date.span[1]] == claim.date.text


def test_extracting_twice_gives_the_same_claims():
    text = "Кеше 5 адам келді. «Біз 100 мектеп саламыз», – деді министр."
    first = [c.to_dict() for c in extract(text, published=datetime.date(2024, 5, 10))]
    second = [c.to_dict() for c in extract(text, published=datetime.date(2024, 5, 10))]
    assert first == second


def test_empty_and_blank_text_give_no_claims():
    for text in ("", "   ", "\n\n\t"):
        assert extract(text, published=datetime.date(2024, 5, 10)) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Осы аптада жиын өтті.", ("event", "2024-05-06", "2024-05-12", None)),
        ("На этой неделе прошли выборы.", ("event", "2024-05-06", "2024-05-12", None)),
        ("This week the talks ended.", ("event", "2024-05-06", "2024-05-12", None)),
        ("Осы айда баға өсті.", ("event", "2024-05-01", "2024-05-31", None)),
        ("В этом месяце цены выросли.", ("event", "2024-05-01", "2024-05-31", None)),
        ("This month prices rose.", ("event", "2024-05-01", "2024-05-31", None)),
        ("Келесі аптада жиын өтеді.", ("scheduled", "2024-05-13", "2024-05-19", "2024-05-20")),
        ("На следующей неделе пройдут выборы.", ("scheduled", "2024-05-13", "2024-05-19", "2024-05-20")),
        ("Next week the talks will start.", ("scheduled", "2024-05-13", "2024-05-19", "2024-05-20")),
        ("Наурыздан бері баға өсті.", ("event", "2024-03-01", "2024-03-31", None)),
        ("С марта цены выросли.", ("event", "2024-03-01", "2024-03-31", None)),
        ("Since March prices have risen.", ("event", "2024-03-01", "2024-03-31", None)),
    ],
)
def test_weeks_run_monday_to_sunday_and_since_takes_the_window_of_its_date(sentence, expected):
    # Published on Friday 10 May 2024.
    assert dates(sentence, "2024-05-10") == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Заң 05.03.2023 күшіне енді.", ("event", "2023-03-05", "2023-03-05", None)),
        ("Закон вступил в силу 1.07.2023 г.", ("event", "2023-07-01", "2023-07-01", None)),
        ("The law took effect on 01.07.2023.", ("event", "2023-07-01", "2023-07-01", None)),
    ],
)
def test_dates_in_digits_are_day_month_year(sentence, expected):
    assert dates(sentence, "2024-05-10") == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Жиын желтоқсанда өтуі тиіс.",
        "Конференцию в декабре предстоит провести.",
        "The summit is to be held in December.",
    ],
)
def test_what_must_or_may_happen_is_scheduled(sentence):
    assert dates(sentence, "2024-05-10") == [("scheduled", "2024-12-01", "2024-12-31", "2025-01-01")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Үкімет биылғы үшінші тоқсанда астық экспорттауды жоспарлап отыр.",
            ("scheduled", "2024-07-01", "2024-09-30", "2024-10-01"),
        ),
        ("ВВП вырос в третьем квартале прошлого года.", ("event", "2023-07-01", "2023-09-30", None)),
        ("Output grew in the third quarter of last year.", ("event", "2023-07-01", "2023-09-30", None)),
    ],
)
def test_a_quarter_of_a_named_year_takes_that_year(sentence, expected):
    assert dates(sentence, "2024-05-10") == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("В декабре прошлого года бензин подорожал.", ("event", "2023-12-01", "2023-12-31", None)),
        ("5 декабря прошлого года прошли выборы.", ("event", "2023-12-05", "2023-12-05", None)),
        ("Prices rose in December last year.", ("event", "2023-12-01", "2023-12-31", None)),
        ("Өткен жылдың желтоқсанында баға өсті.", ("event", "2023-12-01", "2023-12-31", None)),
    ],
)
def test_a_month_of_a_named_year_is_one_date(sentence, expected):
    assert dates(sentence, "2024-03-12") == [expected]
