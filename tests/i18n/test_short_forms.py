"""Claims' short forms read in the interface language (claims.display)."""

import datetime

import pytest
from django.utils import translation

from claims.display import claim_short, date_window_short, quantity_short
from tests.factories import ClaimFactory

D = datetime.date


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("kk", ["11–20 наурыз 2018", "21–22 желтоқсан 2017", "28 ақпан – 3 наурыз 2018", "қаңтар–наурыз 2018"]),
        ("ru", ["11–20 марта 2018", "21–22 декабря 2017", "28 февраля – 3 марта 2018", "январь–март 2018"]),
        ("en", ["11–20 Mar 2018", "21–22 Dec 2017", "28 Feb – 3 Mar 2018", "Jan–Mar 2018"]),
    ],
)
def test_month_names_follow_the_language(language, expected):
    windows = [
        (D(2018, 3, 11), D(2018, 3, 20)),
        (D(2017, 12, 21), D(2017, 12, 22)),
        (D(2018, 2, 28), D(2018, 3, 3)),
        (D(2018, 1, 1), D(2018, 3, 31)),
    ]
    with translation.override(language):
        assert [date_window_short(*window) for window in windows] == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("kk", ["1\xa0200–1\xa0500 tonne", "14,5%"]),
        ("ru", ["1\xa0200–1\xa0500 tonne", "14,5%"]),
        ("en", ["1,200–1,500 tonne", "14.5%"]),
    ],
)
def test_number_separators_follow_the_language(language, expected):
    with translation.override(language):
        assert [
            quantity_short(1200, "between", 1500, "tonne"),
            quantity_short(14.5, "exactly", None, "percent"),
        ] == expected


@pytest.mark.django_db
def test_a_claim_reads_as_its_quantity_and_what_it_counts_in_its_own_words():
    claim = ClaimFactory.build(quantity_value=340, quantity_comparator="at_least", quantity_subject="бейбіт тұрғын")

    with translation.override("kk"):
        assert claim_short(claim) == "≥ 340 · бейбіт тұрғын"
