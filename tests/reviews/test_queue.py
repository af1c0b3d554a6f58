"""The claim queue: open work first, mine first, readable rows, filters, bulk actions, take from a row."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from reviews.models import Review, Source
from reviews.workflow import services
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SourceFactory

pytestmark = pytest.mark.django_db

QUEUE = "admin:reviews_review_changelist"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def queue(client, **params) -> list[Review]:
    response = client.get(reverse(QUEUE), params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def claim(worth: float, published_on=datetime.date(2026, 3, 1), **article) -> dict:
    return {"claim": ClaimFactory(checkworthiness=worth, article=ArticleFactory(published_on=published_on, **article))}


def test_the_default_queue_is_open_work(client, alice, bob):
    new = ReviewFactory(**claim(0.5))
    mine = ReviewFactory(status="researching", assignee=alice, **claim(0.5))
    due = ReviewFactory(status="scheduled", recheck_on=datetime.date(2026, 3, 10), **claim(0.5))
    ReviewFactory(status="scheduled", recheck_on=datetime.date(2026, 4, 1), **claim(0.5))
    for status in ("in_review", "published", "dismissed"):
        ReviewFactory(status=status, assignee=bob if status != "dismissed" else None, **claim(0.5))
    client.force_login(alice)

    assert set(queue(client)) == {new, mine, due}
    assert len(queue(client, status="all")) == 7
    assert [r.status for r in queue(client, status="in_review")] == ["in_review"]


def test_mine_first_then_check_worthiness_then_the_newest_article_then_the_id(client, alice, bob):
    old_tie = ReviewFactory(**claim(0.45, datetime.date(2026, 1, 1)))
    new_tie_a = ReviewFactory(**claim(0.45, datetime.date(2026, 3, 1)))
    new_tie_b = ReviewFactory(**claim(0.45, datetime.date(2026, 3, 1)))
    high = ReviewFactory(**claim(0.9))
    bobs = ReviewFactory(status="researching", assignee=bob, **claim(0.95))
    mine = ReviewFactory(status="researching", assignee=alice, **claim(0.1))
    client.force_login(alice)

    expected = [mine, bobs, high, new_tie_b, new_tie_a, old_tie]
    assert queue(client) == expected
    assert queue(client) == expected  # the same on every load
    client.force_login(bob)
    assert queue(client)[0] == bobs


def test_the_queue_filters_by_outlet_language_kind_assignee_and_article_date(client, alice, bob):
    kazinform = ReviewFactory(**claim(0.5, datetime.date(2026, 3, 9), outlet="Kazinform"))
    tengri = ReviewFactory(**claim(0.5, datetime.date(2025, 12, 1), outlet="Tengrinews"))
    russian = ReviewFactory(claim=ClaimFactory(language="ru", kind="event", article=ArticleFactory(outlet="Vlast")))
    mine = ReviewFactory(status="researching", assignee=alice, **claim(0.5))
    client.force_login(alice)

    assert queue(client, outlet="Kazinform") == [kazinform]
    assert queue(client, claim__language__exact="ru") == [russian]
    assert queue(client, claim__kind__exact="event") == [russian]
    assert queue(client, assignee="mine") == [mine]
    assert queue(client, assignee="nobody") == [kazinform, russian, tengri] or set(
        queue(client, assignee="nobody")) == {kazinform, russian, tengri}
    in_march = queue(client, **{"claim__article__published_on__gte": "2026-03-01",
                                "claim__article__published_on__lt": "2026-04-01"})
    assert tengri not in in_march and kazinform in in_march


def rows(page: str) -> list[str]:
    table = re.search(r'<table id="result_list">(.*?)</table>', page, re.S).group(1)
    return re.findall(r"<tr>(.*?)</tr>", table.replace("\n", ""))[1:]


def test_a_row_shows_the_claim_with_its_figure_marked_outlet_date_status_and_assignee(client, alice):
    article = ArticleFactory(outlet="Kazinform", published_on=datetime.date(2026, 3, 9),
                             body="Report. At least 340 civilians were killed.")
    start = article.body.index("At least")
    figure = article.body.index("340")
    ReviewFactory(status="researching", assignee=alice, claim=ClaimFactory(
        article=article, span_start=start, quantity_span_start=figure, quantity_span_end=figure + 3))
    client.force_login(alice)

    [row] = rows(client.get(reverse(QUEUE)).text)

    assert "At least <mark>340</mark> civilians were killed." in row
    assert "Kazinform" in row and "03/09/2026" in row
    assert "researching" in row and "alice" in row


def test_take_add_a_source_and_submit_in_three_page_loads(client, alice):
    review = ReviewFactory(**claim(0.9))
    client.force_login(alice)
    loads = 0

    page = client.get(reverse(QUEUE))
    loads += 1
    button = re.search(r'formaction="([^"]+)" name="move-version" value="(\d+)"', page.text)
    taken = client.post(button.group(1), {"move-version": button.group(2),
                                          "csrfmiddlewaretoken": "x"}, follow=True)
    loads += len(taken.redirect_chain)
    assert taken.redirect_chain[-1][0] == reverse("admin:reviews_review_change", args=[review.pk])
    assert 'name="move-source_url"' in taken.text
    submitted = client.post(reverse("admin:reviews_review_move", args=[review.pk, "submit"]), {
        "move-version": Review.objects.get(pk=review.pk).version, "move-rating": "false",
        "move-explanation": "The bulletin says 120.", "move-claim_summary": "340 civilians were killed",
        "move-source_url": "https://stat.gov.kz/b",
        "move-source_title": "Bulletin", "move-source_accessed_on": "2026-03-10", "move-source_stance": "refutes",
    }, follow=True)
    loads += len(submitted.redirect_chain)

    assert loads == 3
    review.refresh_from_db()
    assert (review.status, review.assignee) == ("in_review", alice)
    assert Source.objects.get(review=review).title == "Bulletin"


def post_action(client, action: str, reviews, **inputs):
    response = client.post(reverse(QUEUE), {"action": action, "_selected_action": [r.pk for r in reviews],
                                            **inputs}, follow=True)
    assert response.status_code == 200
    return sorted((m.level_tag, str(m)) for m in response.context["messages"])


def test_bulk_assign_and_schedule_take_their_inputs_and_report_each_refusal(client, erin, alice, bob):
    free = ReviewFactory(claim__text="Free claim", **{"claim__checkworthiness": 0.5})
    bobs = ReviewFactory(status="researching", assignee=bob, claim__text="Bob's claim")
    client.force_login(erin)

    assert post_action(client, "assign_selected", [free, bobs], assignee=bob.pk) == [
        ("success", "1 review assigned."),
        ("warning", "“Bob&#x27;s claim”: The review is already assigned to bob."),
    ]
    assert Review.objects.get(pk=free.pk).assignee == bob
    assert post_action(client, "schedule_selected", [free], recheck_on="2026-03-01") == [
        ("warning", "“Free claim”: The re-check date must be in the future.")
    ]
    assert post_action(client, "schedule_selected", [free, bobs], recheck_on="2026-04-01") == [
        ("success", "2 reviews scheduled.")
    ]
    assert set(Review.objects.values_list("status", "recheck_on")) == {("scheduled", datetime.date(2026, 4, 1))}


def test_a_fact_checker_cannot_bulk_assign(client, alice, bob):
    free = ReviewFactory(claim__text="Free claim")
    client.force_login(alice)

    assert post_action(client, "assign_selected", [free], assignee=bob.pk) == [
        ("warning", "“Free claim”: Only editors may assign a review.")
    ]


def test_a_sent_back_note_is_a_banner_on_the_review_page(client, alice, erin, in_review):
    services.review_send_back(review=in_review, actor=erin, note="Cite the ministry's own count.")
    client.force_login(alice)

    page = client.get(reverse("admin:reviews_review_change", args=[in_review.pk])).text

    banner = re.search(r'<div class="sent-back-banner" id="sent-back".*?</div>', page, re.S).group(0)
    assert "erin" in banner and "Cite the ministry&#x27;s own count." in banner
    services.review_submit(review=Review.objects.get(pk=in_review.pk), actor=alice, rating="false",
                           explanation="Counted.")
    assert 'id="sent-back"' not in client.get(reverse("admin:reviews_review_change", args=[in_review.pk])).text


def test_editors_reach_the_public_page_and_claimreview_from_the_review_page(client, alice, erin, frank):
    review = ReviewFactory(status="researching", assignee=alice)
    SourceFactory(review=review)
    services.review_submit(review=review, actor=alice, rating="false", explanation="No.")
    client.force_login(erin)
    page_url = reverse("admin:reviews_review_change", args=[review.pk])
    assert 'id="public-links"' not in client.get(page_url).text

    services.review_approve(review=Review.objects.get(pk=review.pk), actor=frank)
    page = client.get(page_url).text

    for link in (f"/verdicts/{review.pk}/", f"/api/v1/verdicts/{review.pk}/claimreview/"):
        assert f'href="{link}"' in page
        assert client.get(link).status_code == 200


def test_the_dashboards_figures_link_to_the_lists_they_count(client, erin, alice):
    for status in ("new", "new", "researching", "in_review"):
        ReviewFactory(status=status, assignee=alice if status != "new" else None)
    client.force_login(erin)

    page = client.get(reverse("dashboard")).text

    links = re.findall(r'<a href="(/admin/reviews/review/\?[^"]+)"><span class="count">(\d+)</span>', page)
    links += re.findall(r'<td class="number"><a href="(/admin/reviews/review/\?[^"]+)">(\d+)</a>', page)
    assert len(links) >= 8
    for link, count in links:
        response = client.get(link.replace("&amp;", "&"))
        assert response.context["cl"].result_count == int(count), link
