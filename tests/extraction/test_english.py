"""English: comparators, "X to Y", number words, dates and their tense, sources."""

import pytest

from .facts import claims_of, dates, quantities, speakers


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("At least 15 people were injured in the crash.", [(15, "at_least", None, None)]),
        ("No fewer than 12 people were arrested.", [(12, "at_least", None, None)]),
        ("More than 300 homes were flooded.", [(300, "more_than", None, None)]),
        ("Over 5,000 people attended the rally.", [(5000, "more_than", None, None)]),
        ("The deficit exceeded $2 billion.", [(2_000_000_000, "more_than", None, "USD")]),
        ("Fuel prices could rise by up to 10% next month.", [(10, "at_most", None, "percent")]),
        ("At most 3 percent of the budget goes to health.", [(3, "at_most", None, "percent")]),
        ("Less than 40% of voters turned out.", [(40, "less_than", None, "percent")]),
        ("Fewer than twenty students passed.", [(20, "less_than", None, None)]),
        ("Almost 2 million people have received a second dose.", [(2_000_000, "about", None, None)]),
        ("Some 200 families lost their homes.", [(200, "about", None, None)]),
        ("Around 60 percent of voters backed the proposal.", [(60, "about", None, "percent")]),
        ("Between 100 and 150 families were left without power.", [(100, "between", 150, None)]),
        ("The project will cost 10 to 15 million dollars.", [(10_000_000, "between", 15_000_000, "USD")]),
        ("The central bank cut its key rate to 14.5%.", [(14.5, "exactly", None, "percent")]),
        ("Inflation rose from 5% to 7%.", [(5, "exactly", None, "percent"), (7, "exactly", None, "percent")]),
        ("A 12-hectare park opened in Shymkent.", [(12, "exactly", None, "hectare")]),
        ("More than 1.2 million tourists visited the city.", [(1_200_000, "more_than", None, None)]),
        ("Twenty-five schools were built.", [(25, "exactly", None, None)]),
        ("It cost 1 200 000 tenge.", [(1_200_000, "exactly", None, "KZT")]),
        ("Revenue reached KZT 2.3 trillion.", [(2_300_000_000_000, "exactly", None, "KZT")]),
    ],
)
def test_it_reads_english_quantities(sentence, expected):
    assert quantities(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The G20 summit discussed COVID-19.",
        "A Boeing 737 landed at 10:30.",
        "Call +7 (727) 250-15-15 for details.",
        "She finished 2nd in the 2018 race.",
        "He was one of the first to arrive.",
        "Several people asked for help.",
        "In the last two weeks it rained.",
    ],
)
def test_it_does_not_count_names_codes_years_ordinals_phones_or_durations(sentence):
    assert quantities(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        (
            "Parliamentary elections will be held on March 19.",
            "2023-02-10",
            [("scheduled", "2023-03-19", "2023-03-19", "2023-03-20")],
        ),
        ("The summit took place on 12 June.", "2024-05-10", [("event", "2023-06-12", "2023-06-12", None)]),
        ("The summit took place on Feb. 12, 2023.", "2024-05-10", [("event", "2023-02-12", "2023-02-12", None)]),
        (
            "The conference runs from 5 to 7 October in Almaty.",
            "2015-09-14",
            [("scheduled", "2015-10-05", "2015-10-07", "2015-10-08")],
        ),
        (
            "Talks will be held on 12-13 September.",
            "2024-05-10",
            [("scheduled", "2024-09-12", "2024-09-13", "2024-09-14")],
        ),
        (
            "The new terminal will open in late May.",
            "2022-04-05",
            [("scheduled", "2022-05-21", "2022-05-31", "2022-06-01")],
        ),
        (
            "The vote is planned for early June.",
            "2024-05-10",
            [("scheduled", "2024-06-01", "2024-06-10", "2024-06-11")],
        ),
        ("The law was adopted in mid-April.", "2024-05-10", [("event", "2024-04-11", "2024-04-20", None)]),
        (
            "Results are expected by the end of June.",
            "2024-05-10",
            [("scheduled", "2024-06-21", "2024-06-30", "2024-07-01")],
        ),
        ("The bridge will open in December.", "2024-05-10", [("scheduled", "2024-12-01", "2024-12-31", "2025-01-01")]),
        ("The bridge opened in December.", "2024-05-10", [("event", "2023-12-01", "2023-12-31", None)]),
        ("Voters backed it in the 2018 referendum.", "2019-03-01", [("event", "2018-01-01", "2018-12-31", None)]),
        ("In 2019, many tourists came.", "2024-05-10", [("event", "2019-01-01", "2019-12-31", None)]),
        ("GDP grew in the first half of the year.", "2018-07-17", [("event", "2018-01-01", "2018-06-30", None)]),
        ("Exports grew in the third quarter.", "2024-05-10", [("event", "2023-07-01", "2023-09-30", None)]),
        ("A park opened in Shymkent yesterday.", "2021-06-02", [("event", "2021-06-01", "2021-06-01", None)]),
        ("The shop opened today.", "2021-06-02", [("event", "2021-06-02", "2021-06-02", None)]),
        ("Tomorrow the parliament will vote.", "2024-05-10", [("scheduled", "2024-05-11", "2024-05-11", "2024-05-12")]),
        ("Families were left without power on Monday.", "2022-03-15", [("event", "2022-03-14", "2022-03-14", None)]),
        (
            "Elections will take place on Sunday.",
            "2024-05-10",
            [("scheduled", "2024-05-12", "2024-05-12", "2024-05-13")],
        ),
        ("Last week many cases were recorded.", "2024-05-10", [("event", "2024-04-29", "2024-05-05", None)]),
        ("Last year, tourists visited the city.", "2020-01-10", [("event", "2019-01-01", "2019-12-31", None)]),
        ("Sales will rise next month.", "2024-02-16", [("scheduled", "2024-03-01", "2024-03-31", "2024-04-01")]),
        ("The plant will close next year.", "2024-05-10", [("scheduled", "2025-01-01", "2025-12-31", "2026-01-01")]),
        ("Since 2020 the city has built schools.", "2024-05-10", [("event", "2020-01-01", "2020-12-31", None)]),
    ],
)
def test_it_places_english_date_phrases(sentence, published, expected):
    assert dates(sentence, published) == expected


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Exports rose in January-March.", "2024-05-10", [("event", "2024-01-01", "2024-03-31", None)]),
        ("He served between 1990 and 2002.", "2024-05-10", [("event", "1990-01-01", "2002-12-31", None)]),
        ("Many people died on 3 May.", "2024-05-10", [("event", "2024-05-03", "2024-05-03", None)]),
        (
            "The fair runs between 5 and 7 October.",
            "2024-05-10",
            [("scheduled", "2024-10-05", "2024-10-07", "2024-10-08")],
        ),
    ],
)
def test_it_places_more_english_date_phrases(sentence, published, expected):
    assert dates(sentence, published) == expected


def test_money_and_metres_glued_to_digits():
    assert quantities("The wall is 5m high and cost $2.5m.") == [
        (5, "exactly", None, "m"),
        (2_500_000, "exactly", None, "USD"),
    ]


def test_durations_are_not_dates():
    assert dates("In the last two weeks 30 people fell ill.", "2024-05-10") == []


def test_the_date_outside_a_quote_takes_the_reporting_verbs_tense():
    assert dates('"Inflation will fall," the governor said on Monday.', "2024-05-10") == [
        ("event", "2024-05-06", "2024-05-06", None)
    ]


def test_it_credits_sources_and_quotes():
    assert speakers("According to the health ministry, 2 million people were vaccinated.") == {"the health ministry"}
    assert speakers("The ministry said 45 people died.") == {"The ministry"}
    assert speakers('"We will build 100 schools," said the minister.') == {"the minister"}


def test_a_quote_carries_its_date_and_speaker():
    [claim] = claims_of('"We will build 300 kilometres of roads next year," the governor said.', "2020-12-29")
    assert claim.to_dict() == {
        "kind": "scheduled",
        "text": '"We will build 300 kilometres of roads next year," the governor said.',
        "span": [0, 69],
        "language": "en",
        "quantity": {
            "value": 300,
            "upper": None,
            "comparator": "exactly",
            "unit": "km",
            "subject": "roads",
            "span": [15, 29],
        },
        "date": {"earliest": "2021-01-01", "latest": "2021-12-31", "text": "next year", "span": [39, 48]},
        "speaker": "the governor",
        "check_after": "2022-01-01",
        "checkworthiness": 0.7,
    }
