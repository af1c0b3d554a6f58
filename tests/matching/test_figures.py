"""Figures and dates decide `same`: equal within rounding, conflicts named, bounds related."""

import datetime

import pytest

from claims.matching.figures import compare, signature_of

D = datetime.date(2024, 3, 1)


def agree(a: str, la: str, b: str, lb: str, published: datetime.date = D):
    return compare(signature_of(a, la, published), signature_of(b, lb, published))


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        ("Бюджетке 1,5 млн теңге бөлінді.", "kk", "The budget got 1.5 million tenge.", "en"),
        ("Бюджетке 1,5 млн теңге бөлінді.", "kk", "Бюджету выделили 1 500 000 тенге.", "ru"),
        ("На выборах он набрал 70,96% голосов.", "ru", "He won 71% of the vote.", "en"),
    ],
)
def test_the_same_figure_written_three_ways_agrees(a, la, b, lb):
    result = agree(a, la, b, lb)
    assert result.conflict is None
    assert result.figures_matched == 1
    assert result.decided


def test_another_figure_for_the_same_thing_is_a_conflict_that_says_both():
    result = agree("Жетісуда 401 000 оқушы оқиды.", "kk", "В Жетысу учатся 411 000 школьников.", "ru")
    assert result.conflict == "401 000 vs 411 000"
    assert not result.decided


def test_compatible_bounds_are_related_not_same():
    result = agree("At least 340 civilians were killed.", "en", "Погибли более 300 мирных жителей.", "ru")
    assert result.conflict is None
    assert result.related == ["340 / 300"]
    assert not result.decided


def test_the_same_figure_in_another_year_is_a_date_conflict():
    result = agree("In 2019 the economy grew by 4.5%.", "en", "В 2018 году экономика выросла на 4,5%.", "ru")
    assert result.conflict == "2019 vs 2018"


def test_the_same_number_in_another_unit_is_a_conflict():
    result = agree("Exports reached $700 million.", "en", "Экспорт достиг 700 млн тенге.", "ru")
    assert result.conflict is not None and "USD" in result.conflict and "KZT" in result.conflict


def test_digits_the_extractor_left_still_count_as_the_figure():
    # A bare digit run next to a word the extractor reads as no unit.
    result = agree("Экспорт составил 3 млрд долларов.", "ru", "Экспорт құны 3000000000 доллар болатын өнім.", "kk")
    assert result.conflict is None
    assert result.figures_matched >= 1


def test_claims_without_figures_leave_the_decision_to_meaning():
    result = agree("Тоқаев ДХР-ды мойындамайды.", "kk", "Tokayev will not recognise the DPR.", "en")
    assert result.figure_free and result.decided


def test_a_text_without_a_date_reads_relative_dates_as_of_today():
    # "last year" needs a date to be read from; without one it used to raise AttributeError.
    signature = signature_of("Инфляция в прошлом году составила 9,8%.", "ru", None)
    last_year = datetime.date.today().year - 1
    assert [(w.earliest.year, w.latest.year) for w in signature.windows] == [(last_year, last_year)]
