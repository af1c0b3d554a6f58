"""The article pages: the list with claim counts, the text with its claims highlighted."""

import re

import pytest
from django.urls import reverse

from claims.admin import Highlight, highlight_claims
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_an_article_containing_markup_shows_it_as_text_with_the_claim_marked(client, alice):
    body = 'Officials said <script>alert("x")</script> at least 340 <b>people</b> died.'
    article = ArticleFactory(body=body)
    start = body.index("at least")
    claim = ClaimFactory(article=article, span_start=start, span_end=len(body) - 1)
    review = ReviewFactory(claim=claim)
    client.force_login(alice)

    response = client.get(reverse("admin:claims_article_change", args=[article.pk]))

    assert response.status_code == 200
    text = re.search(r'<div class="article-text"[^>]*>(.*?)</div>', response.text, re.S).group(1)
    review_url = reverse("admin:reviews_review_change", args=[review.pk])
    assert text == (
        "Officials said &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
        f'<a href="{review_url}"><mark id="claim-{claim.pk}" title="quantity · new">'
        "at least 340 &lt;b&gt;people&lt;/b&gt; died</mark></a>."
    )
    assert "<script>alert" not in response.text


def test_overlapping_claims_are_each_marked_and_linked():
    text = "Over 340 killed and 800 wounded."
    html = highlight_claims(
        text,
        [Highlight(0, 32, 1, "/r/1/", "whole"), Highlight(20, 31, 2, "/r/2/", "wounded")],
    )

    assert html == (
        '<div class="article-text" style="white-space: pre-wrap; max-width: 60em">'
        '<a href="/r/1/"><mark id="claim-1" title="whole">Over 340 killed and </mark></a>'
        '<a href="/r/2/"><mark id="claim-2" title="wounded">800 wounded</mark></a>'
        '<a href="/r/1/"><mark title="whole">.</mark></a></div>'
    )


def test_a_span_outside_the_text_is_ignored():
    html = highlight_claims("Short <text>.", [Highlight(5, 500, 1, "/r/1/", "broken")])

    assert "<mark" not in html
    assert "Short &lt;text&gt;." in html


def test_the_article_list_counts_claims_and_filters(client, alice):
    kazakh = ArticleFactory(title="Сирия", language="kk")
    ClaimFactory(article=kazakh)
    ClaimFactory(article=kazakh)
    ArticleFactory(title="Budget", language="en")
    client.force_login(alice)

    response = client.get(reverse("admin:claims_article_changelist"), {"language__exact": "kk"})

    assert [(a.title, a.claim_total) for a in response.context["cl"].result_list] == [("Сирия", 2)]


def test_articles_are_added_through_the_ingest_form_not_a_bare_model_form(client, erin):
    client.force_login(erin)

    page = client.get(reverse("admin:claims_article_add"))

    assert page.status_code == 200
    assert "adminform" not in page.context  # tests/claims/test_admin_ingest.py tries the form itself
    assert 'id="article_ingest_form"' in page.text


@pytest.mark.parametrize("who", ["alice", "erin", "superuser"])
def test_the_read_only_article_page_offers_no_save_or_delete(client, request, who):
    from tests.factories import UserFactory

    article = ArticleFactory()
    if who == "superuser":
        client.force_login(UserFactory(username="root", is_superuser=True))
    else:
        client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("admin:claims_article_change", args=[article.pk]))

    assert page.status_code == 200
    for button in ('name="_save"', 'name="_continue"', 'name="_addanother"', 'class="deletelink"'):
        assert button not in page.text
    assert article.title in page.text
    assert client.post(reverse("admin:claims_article_change", args=[article.pk]), {"title": "Changed"}).status_code in (
        302, 403
    )
    article.refresh_from_db()
    assert article.title != "Changed"
