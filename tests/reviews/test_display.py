"""Short forms of a claim's quantity and date window (claims.display)."""

import datetime

import pytest

from claims.display import claim_short, date_window_short, quantity_short
from tests.factories import ClaimFactory

D = datetime.date


@pytest.mark.parametrize(
    ("value", "comparator", "upper", "unit", "expected"),
    [
        (340, "at_least", None, "", "≥ 340"),
        (800, "more_than", None, "", "> 800"),
        (50, "at_most", None, "", "≤ 50"),
        (3, "less_than", None, "", "< 3"),
        (300, "about", None, "", "≈ 300"),
        (14.5, "exactly", None, "percent", "14.5%"),
        (1200000, "", None, "KZT", "1,200,000 KZT"),
        (1200, "between", 1500, "tonne", "1,200–1,500 tonne"),
        (None, "", None, "", ""),
    ],
)
def test_quantity_short(value, comparator, upper, unit, expected):
    assert quantity_short(value, comparator, upper, unit) == expected


@pytest.mark.parametrize(
    ("earliest", "latest", "expected"),
    [
        (D(2018, 3, 11), D(2018, 3, 20), "11–20 Mar 2018"),
        (D(2017, 12, 21), D(2017, 12, 22), "21–22 Dec 2017"),
        (D(2018, 2, 23), D(2018, 2, 23), "23 Feb 2018"),
        (D(2018, 2, 28), D(2018, 3, 3), "28 Feb – 3 Mar 2018"),
        (D(2017, 12, 30), D(2018, 1, 2), "30 Dec 2017 – 2 Jan 2018"),
        (D(2018, 3, 1), D(2018, 3, 31), "Mar 2018"),
        (D(2018, 1, 1), D(2018, 3, 31), "Jan–Mar 2018"),
        (D(2018, 1, 1), D(2018, 12, 31), "2018"),
        (D(2016, 1, 1), D(2018, 12, 31), "2016–2018"),
        (None, None, ""),
    ],
)
def test_date_window_short(earliest, latest, expected):
    assert date_window_short(earliest, latest) == expected


@pytest.mark.django_db
def test_a_claim_shows_its_quantity_before_its_date():
    with_both = ClaimFactory.build(
        quantity_value=340, quantity_comparator="at_least", date_earliest=D(2018, 3, 11), date_latest=D(2018, 3, 20)
    )
    date_only = ClaimFactory.build(
        quantity_value=None, quantity_comparator="", date_earliest=D(2018, 3, 11), date_latest=D(2018, 3, 20)
    )

    assert (claim_short(with_both), claim_short(date_only)) == ("≥ 340 · civilians", "11–20 Mar 2018")
