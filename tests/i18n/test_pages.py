"""Pages in Kazakh, Russian and English, chosen by the language cookie, the browser's
Accept-Language or the switcher in the admin header."""

import datetime

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.html import escape

from tests.factories import ReviewFactory, SourceFactory, editor, fact_checker

pytestmark = pytest.mark.django_db

LANGUAGES = ("kk", "ru", "en")


def translated(language: str, msgid: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid)


@pytest.fixture
def chief(db):
    return editor("saule")


def test_the_interface_offers_kazakh_russian_and_english():
    assert [code for code, _name in settings.LANGUAGES] == ["kk", "ru", "en"]
    assert settings.LANGUAGE_CODE == "en"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_our_strings_are_translated(language):
    assert translated(language, "Editors' dashboard") != "Editors' dashboard"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_dashboard_renders_in_the_language_of_the_cookie(client, chief, language):
    client.force_login(chief)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get("/admin/dashboard/").text

    assert f'<html lang="{language}"' in page
    assert escape(translated(language, "Re-checks due this week")) in page
    assert escape(translated(language, "Claims opened and published per week")) in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_dashboard_follows_accept_language(client, chief, language):
    client.force_login(chief)

    page = client.get("/admin/dashboard/", headers={"accept-language": f"{language},en;q=0.5"}).text

    assert escape(translated(language, "Open claims by reviewer")) in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_review_page_renders_in_each_language(client, chief, language):
    checker = fact_checker("aigerim")
    review = ReviewFactory(status="researching", assignee=checker)
    SourceFactory(review=review, added_by=checker)
    client.force_login(chief)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get(f"/admin/reviews/review/{review.pk}/change/")

    assert response.status_code == 200
    page = response.text
    assert f'<html lang="{language}"' in page
    with translation.override(language):
        status = str(review.get_status_display())
        rating_label = str(review._meta.get_field("rating").verbose_name)
    assert escape(status) in page
    assert escape(rating_label.capitalize()) in page or escape(rating_label) in page


def test_the_switcher_sets_the_language_and_returns_to_the_page(client, chief):
    client.force_login(chief)
    page = client.get("/admin/dashboard/").text
    assert page.count('id="language-switcher"') == 1
    assert 'value="kk"' in page and "Қазақ" in page

    response = client.post("/i18n/setlang/", {"language": "kk", "next": "/admin/dashboard/"})

    assert (response.status_code, response["Location"]) == (302, "/admin/dashboard/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"
    assert '<html lang="kk"' in client.get("/admin/dashboard/").text


def test_the_switcher_is_on_the_login_page_too(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"

    page = client.get("/admin/login/").text

    assert page.count('id="language-switcher"') == 1
    assert '<html lang="kk"' in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("kk", "11 наурыз 2018 ж."),
        ("ru", "11 марта 2018 г."),
        ("en", "March 11, 2018"),
    ],
)
def test_dates_follow_the_language(language, expected):
    with translation.override(language):
        assert date_format(datetime.date(2018, 3, 11)) == expected


@pytest.mark.parametrize(("language", "expected"), [("kk", "3,5"), ("ru", "3,5"), ("en", "3.5")])
def test_decimal_numbers_follow_the_language(language, expected):
    with translation.override(language):
        assert number_format(3.5, 1) == expected


@pytest.mark.parametrize(("language", "heading"), [("kk", "Дереккөздер"), ("ru", "Источники"), ("en", "Sources")])
def test_the_public_verdict_page_reads_in_each_language(client, chief, language, heading):
    from reviews.workflow import services

    checker = fact_checker("aigerim")
    review = ReviewFactory()
    services.review_take(review=review, actor=checker)
    SourceFactory(review=review, added_by=checker)
    services.review_submit(review=review, actor=checker, rating="false", explanation="No record of it.")
    services.review_approve(review=review, actor=chief)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get(f"/verdicts/{review.pk}/").text

    assert f"<h2>{heading}</h2>" in page
    with translation.override(language):
        assert escape(translation.gettext("False")) in page


def test_the_switcher_keeps_a_signed_in_persons_choice_on_their_profile(client, chief):
    from factcheck.models import Profile

    client.force_login(chief)
    client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})
    client.post("/i18n/setlang/", {"language": "kk", "next": "/admin/"})
    client.post("/i18n/setlang/", {"language": "xx", "next": "/admin/"})  # no such language: kept as it was

    assert Profile.objects.get(user=chief).language == "kk"


def test_the_switcher_keeps_nothing_for_someone_not_signed_in(client):
    from factcheck.models import Profile

    response = client.post("/i18n/setlang/", {"language": "kk", "next": "/admin/login/"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"
    assert not Profile.objects.exists()
