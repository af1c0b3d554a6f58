"""With the interface in Kazakh (and in Russian), no page of the admin shows a string of the
interface in English: every admin page a fact-checker, an editor and the newsroom's administrator can open
(from the URL resolver, through the access matrix's table), its forms refused with errors, the
sign-in, sign-out and lockout pages, and the admin's JavaScript catalog (the calendar)."""

import json
import re
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from claims.models import Language
from reviews.models import EvidenceMatch, ReviewEvent, ReviewStatus, SuggestedEvidence, WebhookEndpoint
from reviews.workflow import services
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ReviewFactory,
    SourceFactory,
    UserFactory,
    editor,
    fact_checker,
)
from tests.hardening.test_access_matrix import TABLE, api_token_user, url_for
from tests.i18n.english import DJANGO, english_in, visible_text

pytestmark = pytest.mark.django_db

KAZAKH_BODY = (
    "Алматыдағы жиын {n}. Ресми деректерге сәйкес, өткен жылы облыста кемінде 340 мектеп салынды."
)
ROLES = ("fact_checker", "editor", "superuser")
ROLE_INDEX = {"fact_checker": 2, "editor": 3, "superuser": 4}  # columns of the access table


def kazakh_review(n: int, **kwargs: Any):
    article = ArticleFactory(
        title=f"Мектептер туралы хабар {n}", body=KAZAKH_BODY.format(n=n), outlet="Егемен Қазақстан",
        language=Language.KAZAKH,
    )
    claim = ClaimFactory(
        article=article, language=Language.KAZAKH, quantity_subject="мектеп",
        span_start=article.body.index("Ресми"),
    )
    return ReviewFactory(claim=claim, **kwargs)


@pytest.fixture
def world(db) -> dict[str, Any]:
    """One of everything a page can show, written in Kazakh as the newsroom writes it."""
    author, approver = fact_checker("aigerim"), editor("saule")
    published = kazakh_review(1)
    services.review_take(review=published, actor=author)
    SourceFactory(review=published, added_by=author, title="Білім министрлігінің есебі", publisher="Министрлік")
    services.review_submit(review=published, actor=author, rating="false", explanation="Мұндай дерек жоқ.")
    services.review_approve(review=published, actor=approver)
    published.refresh_from_db()
    kazakh_review(2)
    new = kazakh_review(3)
    SuggestedEvidence.objects.create(
        review=new, article=ArticleFactory(title="Жаңа мектептер", language=Language.KAZAKH), score=0.8,
        matched_by=EvidenceMatch.SHARED_WORDS,
        reason="shared words: мектеп, салын; dates 2018-03-14–2018-03-15 overlap 2018-03-11–2018-03-20",
    )
    api_user = api_token_user()
    return {
        "published": published,
        "new": new,
        "article": published.claim.article,
        "webhook": WebhookEndpoint.objects.create(owner=api_user, url="https://hooks.example/verdicts",
                                                  secret="s" * 32),
        "event": ReviewEvent.objects.filter(review=published).last(),
        "source": published.sources.first(),
        "group": Group.objects.get(name="Editors"),
        "token": Token.objects.get(user=api_user),
        "attempt": AccessAttempt.objects.create(username="aigerim", ip_address="203.0.113.9", user_agent="ua",
                                                failures_since_start=1, get_data="", post_data="", http_accept="",
                                                path_info="/admin/login/"),
        "log": AccessLog.objects.create(username="aigerim", ip_address="203.0.113.9", user_agent="ua",
                                        http_accept="", path_info="/admin/login/"),
        "failure": AccessFailureLog.objects.create(username="aigerim", ip_address="203.0.113.9",
                                                   user_agent="ua", http_accept="", path_info="/admin/login/",
                                                   locked_out=False),
    }


def kazakh_client(user=None, language: str = "kk") -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        client.force_login(user)
        # django-axes records a sign-in without a browser as "<unknown>": request data, not
        # the interface's words.
        AccessLog.objects.filter(user_agent="<unknown>").update(
            user_agent="Firefox", http_accept="text/html", path_info="/admin/login/")
    return client


def person(role: str):
    return {
        "fact_checker": lambda: fact_checker("aigerim"),
        "editor": lambda: editor("saule"),
        "superuser": lambda: UserFactory(username="nurlan", is_superuser=True),
    }[role]()


def pages_open_to(role: str, world: dict[str, Any]) -> list[str]:
    """Every admin page the access table says this person opens (200 on GET), and the new
    review's page (its moves, its suggested evidence) beside the published one's."""
    column = ROLE_INDEX[role]
    return sorted(
        [reverse("admin:reviews_review_change", args=[world["new"].pk])]
        + [url_for(row.endpoint, row.method, world)
        for row in TABLE
        if row.method == "GET" and row.codes[column] == 200
        and (row.endpoint.startswith("admin") or row.endpoint == "dashboard")
        and row.endpoint != "admin:jsi18n"]  # JavaScript, read below
    )


def english_on(response, language: str = "kk") -> set[str]:
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    assert f'<html lang="{language}"' in page
    return english_in(visible_text(page, language))


def with_filters(url: str) -> list[str]:
    """A list page also as filtered and searched, where the admin adds words of its own."""
    if not url.endswith("/review/") and not url.endswith("/reviewevent/"):
        return [url]
    return [url, f"{url}?q=мектеп", f"{url}?q=жоқсөз", f"{url}?status=published" if "review/" in url else url]


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("role", ROLES)
def test_no_page_a_person_opens_shows_english(world, role, language):
    client = kazakh_client(person(role), language)
    english = {}
    for url in pages_open_to(role, world):
        for page_url in with_filters(url):
            found = english_on(client.get(page_url), language)
            if found:
                english[page_url] = sorted(found)

    assert english == {}


def test_the_walk_covers_the_review_desk(world):
    """The pages people work in are among those walked (the table could lose them)."""
    pages = pages_open_to("fact_checker", world)
    published = world["published"]

    assert reverse("admin:reviews_review_change", args=[published.pk]) in pages
    assert reverse("admin:reviews_review_changelist") in pages
    assert reverse("admin:reviews_reviewevent_changelist") in pages
    assert reverse("admin:password_change") in pages
    assert reverse("dashboard") in pages
    assert len(pages_open_to("superuser", world)) > len(pages)


def test_a_refused_form_reads_in_kazakh(world):
    """Errors and the password rules, on the password form sent back with mistakes."""
    client = kazakh_client(fact_checker("aigerim"))

    response = client.post(reverse("admin:password_change"),
                           {"old_password": "wrong", "new_password1": "123", "new_password2": "1234"})

    assert english_on(response) == set()


def test_the_article_form_sent_back_with_mistakes_reads_in_kazakh(world):
    client = kazakh_client(fact_checker("aigerim"))

    response = client.post(reverse("admin:claims_article_add"),
                           {"title": "", "body": "", "url": "емес-сілтеме", "published_on": "31.02.2018",
                            "language": "xx", "outlet": ""})

    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert english_on(response) == set()


def test_a_review_page_after_a_refused_move_reads_in_kazakh(world):
    checker = fact_checker("aigerim")
    review = kazakh_review(9, status=ReviewStatus.RESEARCHING, assignee=checker)
    client = kazakh_client(checker)
    page = reverse("admin:reviews_review_change", args=[review.pk])

    client.post(reverse("admin:reviews_review_move", args=[review.pk, "submit"]),
                {"version": review.version, "rating": "false", "explanation": "Жоқ.", "note": ""})

    assert english_on(client.get(page)) == set()


def test_a_review_page_after_a_refused_reschedule_reads_in_kazakh(world):
    checker = fact_checker("aigerim")
    review = kazakh_review(10, status=ReviewStatus.SCHEDULED, assignee=checker)
    client = kazakh_client(checker)

    client.post(reverse("admin:reviews_review_reschedule", args=[review.pk]),
                {"recheck_on": "2001-01-01", "note": ""})  # no version, a date in the past
    page = client.get(reverse("admin:reviews_review_change", args=[review.pk]))

    assert "messagelist" in page.content.decode()
    assert english_on(page) == set()


def test_the_sign_in_sign_out_and_lockout_pages_read_in_kazakh(world):
    cache.clear()
    checker = fact_checker("aigerim")
    anonymous = kazakh_client()

    assert english_on(anonymous.get(reverse("admin:login"))) == set()
    refused = anonymous.post(reverse("admin:login"), {"username": "aigerim", "password": "wrong"})
    assert english_on(refused) == set()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        locked = anonymous.post(reverse("admin:login"), {"username": "aigerim", "password": "wrong"})
    assert locked.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert english_in(locked.content.decode()) == set()

    signed_in = kazakh_client(checker)
    assert english_on(signed_in.post(reverse("admin:logout"))) == set()


def _javascript_catalog(client: Client) -> dict[str, Any]:
    source = client.get(reverse("admin:jsi18n")).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", source, re.S).group(1))


def test_the_admin_javascript_reads_in_kazakh(world):
    """The calendar, the clock, the selection counter and the filters are drawn by the
    admin's scripts from its JavaScript catalog: every string of theirs is in Kazakh."""
    from babel.messages.pofile import read_po

    with (DJANGO / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po").open("rb") as po:
        keys = [
            (f"{message.context}\x04" if message.context else "")
            + (message.id if isinstance(message.id, str) else message.id[0])
            for message in read_po(po)
            if message.id
        ]
    catalog = _javascript_catalog(kazakh_client(fact_checker("aigerim")))

    untranslated = [key for key in keys if key not in catalog]

    assert untranslated == []


def test_the_selection_counter_has_kazakh_plurals(world):
    catalog = _javascript_catalog(kazakh_client(fact_checker("aigerim")))

    one, other = catalog["%(sel)s of %(cnt)s selected"]
    assert "%(sel)s" in one and "%(cnt)s" in other
    assert "one:" not in one + other


def test_the_walk_finds_english_where_a_string_is_untranslated():
    """The finder itself: the admin's own words, untranslated, are caught; Kazakh is not."""
    page = '<html lang="kk"><body><h1>Өзгерту</h1><a title="View site">Сайтты қарау</a>' \
           '<p>Барлығы 7 selected</p><button lang="en">English</button><p>https://ex.kz/Save</p></body></html>'

    assert english_in(visible_text(page, "kk")) == {"View site", "%(total_count)s selected"}



def test_the_header_names_the_site_factcheck(world):
    page = kazakh_client(fact_checker("aigerim")).get(reverse("admin:index")).content.decode()

    assert '<div id="site-name"><a href="/admin/">factcheck</a></div>' in page
    assert "<title>" in page and "| factcheck</title>" in page
    assert "Django" not in visible_text(page, "kk")


def _view_site_link(page: str) -> str | None:
    found = re.search(r'<a href="([^"]*)">Сайтты ашу</a>', page)
    return found.group(1) if found else None


def test_view_site_is_offered_only_where_the_site_has_a_front_page(world, settings):
    client = kazakh_client(fact_checker("aigerim"))

    settings.ROOT_URLCONF = "tests.i18n.urls_without_a_front_page"
    assert client.get("/").status_code == 404
    assert _view_site_link(client.get(reverse("admin:index")).content.decode()) is None

    settings.ROOT_URLCONF = "tests.i18n.urls_with_a_front_page"
    link = _view_site_link(client.get(reverse("admin:index")).content.decode())
    assert link == "/"
    assert client.get(link).status_code == 200
