"""The same claim from several outlets, in Kazakh and Russian, is one row of the queue and
researched once: its appearances share the lead's work and are published with it.

Articles come in through the API as outlets' clients send them; extraction and matching run
as the tasks they are (after commit); the desk is used through the admin pages.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.matching.embedding import embedder
from claims.matching_service import index_forget
from claims.models import Claim, ClaimMatch
from reviews.models import Review, ReviewEvent, VerdictRevision
from reviews.workflow import services
from tests.api.conftest import make_verdict, token_client
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SourceFactory

pytestmark = pytest.mark.django_db
needs_embedding = pytest.mark.skipif(embedder() is None, reason="the embedding package is not installed here")

QUEUE = reverse("admin:reviews_review_changelist")
APPEARANCES = [  # outlet, language, published, text: the same figure, place and year
    ("Qazaq Daily", "kk", "2024-02-10", "Өткен жылы Шымкентте 48 мың жаңа пәтер пайдалануға берілді."),
    ("Vlast", "ru", "2024-02-12", "В 2023 году в Шымкенте ввели в эксплуатацию 48 тысяч новых квартир."),
    ("Tengrinews", "ru", "2024-02-13", "В Шымкенте в 2023 году сдали 48 тысяч новых квартир."),
    ("Egemen", "kk", "2024-02-14", "Шымкентте 2023 жылы 48 мың жаңа пәтер салынды."),
]
ALMATY = ("Almaty Today", "kk", "2024-02-14", "Алматыда 2023 жылы 48 мың жаңа пәтер салынды.")


@pytest.fixture(autouse=True)
def fresh_matching_index():
    index_forget()
    yield
    index_forget()


def ingest(client, capture, outlet, language, published, text) -> Review:
    with capture(execute=True):
        response = client.post("/api/v1/articles/", {"title": outlet, "body": text, "outlet": outlet,
                                                     "published_on": published, "language": language}, format="json")
    assert response.status_code == 201, response.content
    return Claim.objects.get(article_id=response.json()["id"]).review


@pytest.fixture
def outlets(db, django_capture_on_commit_callbacks):
    """The four appearances, and a claim about Almaty with the same figure (not the same claim)."""
    writer = token_client("newsroom-feeds", write=True)
    reviews = [ingest(writer, django_capture_on_commit_callbacks, *appearance) for appearance in APPEARANCES]
    almaty = ingest(writer, django_capture_on_commit_callbacks, *ALMATY)
    return [Review.objects.get(pk=r.pk) for r in reviews], Review.objects.get(pk=almaty.pk)


def queue_rows(client, **params) -> list[Review]:
    response = client.get(QUEUE, params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def page(review: Review) -> str:
    return reverse("admin:reviews_review_change", args=[review.pk])


@needs_embedding
def test_the_same_claim_from_four_outlets_is_one_row_with_its_appearances(client, alice, outlets):
    (first, *repeats), almaty = outlets
    assert [r.group_lead_id for r in repeats] == [first.pk] * 3
    assert almaty.group_lead_id is None  # same figure, another city: its own row
    client.force_login(alice)

    rows = queue_rows(client)
    assert set(rows) == {first, almaty}
    html = client.get(QUEUE).content.decode()
    assert "4 appearances: Qazaq Daily (kk), Vlast (ru), Tengrinews (ru), Egemen (kk)" in html
    # Opening the group's row opens the lead's review.
    assert re.search(rf'<a href="{page(first)}[^"]*">', html)
    # Every appearance is still found in "everything", each saying where it is worked on.
    everything = client.get(QUEUE, {"status": "all"}).content.decode()
    assert everything.count("the same claim as another: worked on there") == 3
    # A search for one outlet's wording finds its appearance, which leads to the lead.
    assert queue_rows(client, q="сдали") == [repeats[1]]
    assert "the same claim as another: worked on there" in client.get(QUEUE, {"q": "сдали"}).content.decode()


@needs_embedding
def test_work_on_the_group_is_the_leads_and_shows_on_every_appearance(client, alice, erin, outlets):
    (first, vlast, tengri, egemen), _almaty = outlets
    client.force_login(alice)
    lead_page = client.get(page(first)).content.decode()
    assert "This claim appeared 4 times" in lead_page
    for outlet in ("Vlast", "Tengrinews", "Egemen"):
        assert outlet in lead_page

    services.review_take(review=first, actor=alice)
    SourceFactory(review=first, added_by=alice, title="Shymkent statistics office", publisher="stat.gov.kz")
    member_page = client.get(page(vlast)).content.decode()
    assert "The same claim as" in member_page and APPEARANCES[0][3] in member_page
    assert "Shymkent statistics office" in member_page  # the lead's sources, on the member's page

    services.review_submit(review=first, actor=alice, rating="mostly_true", explanation="About 47 800.",
                           claim_summary="48 мың пәтер пайдалануға берілді")
    client.force_login(erin)
    response = client.post(reverse("admin:reviews_review_move", args=[first.pk, "approve"]),
                           {"move-version": Review.objects.get(pk=first.pk).version, "move-note": ""}, follow=True)
    assert response.status_code == 200

    for member in (vlast, tengri, egemen):
        member.refresh_from_db()
        assert (member.status, member.rating, member.approved_by) == ("published", "mostly_true", erin)
        [revision] = VerdictRevision.objects.filter(review=member)
        assert revision.sources[0]["title"] == "Shymkent statistics office"
        assert ReviewEvent.objects.filter(review=member, move="publish_with_lead").count() == 1
        # The lead's summary is Kazakh: a Kazakh appearance shows it, a Russian one its own claim's cut.
        expected = "48 мың пәтер пайдалануға берілді" if member.claim.language == "kk" else ""
        assert (member.claim_summary, revision.claim_summary) == (expected, expected)
    # Each appearance is a verdict of its own, for its own article.
    verdicts = client.get("/api/v1/verdicts/").json()["results"]
    assert {v["article"]["outlet"] for v in verdicts} == {"Qazaq Daily", "Vlast", "Tengrinews", "Egemen"}
    assert {v["rating"] for v in verdicts} == {"mostly_true"}


@needs_embedding
def test_a_correction_of_the_lead_corrects_every_appearance_published_with_it(alice, erin, frank, outlets):
    (first, *repeats), _almaty = outlets
    services.review_take(review=first, actor=alice)
    SourceFactory(review=first, added_by=alice)
    services.review_submit(review=first, actor=alice, rating="true", explanation="Right.",
                           claim_summary="Шымкентте 48 мың пәтер берілді")
    services.review_approve(review=first, actor=erin)
    services.review_reopen(review=first, actor=frank, note="the office revised the figure")
    services.review_submit(review=first, actor=alice, rating="mostly_true", explanation="Revised to 47 800.")
    services.review_approve(review=first, actor=frank, correction_note="revised figure")

    for member in repeats:
        revisions = list(VerdictRevision.objects.filter(review=member).values_list("number", "rating",
                                                                                   "correction_note"))
        assert revisions == [(1, "true", ""), (2, "mostly_true", "revised figure")]


@needs_embedding
def test_a_fact_checker_takes_a_claim_that_is_not_the_same_out_of_the_group(client, alice, outlets):
    (first, vlast, *_), _almaty = outlets
    client.force_login(alice)
    url = reverse("admin:reviews_review_leave_group", args=[vlast.pk])
    response = client.post(f"{url}?back={first.pk}", {"group-version": vlast.version}, follow=True)
    assert response.redirect_chain[-1][0] == page(first)
    assert "is worked on by itself" in next(str(m) for m in response.context["messages"])
    vlast.refresh_from_db()
    assert vlast.group_lead_id is None
    assert vlast in queue_rows(client)
    assert "3 appearances" in client.get(QUEUE).content.decode()
    assert [e.note_text() for e in ReviewEvent.objects.filter(review=vlast, move="group_leave")] == [
        f"Not the same claim as #{first.claim_id}: worked on by itself"]

    # Again: it is in no group any more, and nothing changes.
    vlast.refresh_from_db()
    response = client.post(url, {"group-version": vlast.version}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["This claim is in no group."]
    assert client.get(url).status_code == 405


@needs_embedding
def test_a_page_opened_before_the_claim_changed_takes_nothing_out(client, alice, outlets):
    (_first, vlast, *_), _almaty = outlets
    stale = vlast.version
    services.review_leave_group(review=vlast, actor=alice)
    client.force_login(alice)
    response = client.post(reverse("admin:reviews_review_leave_group", args=[vlast.pk]),
                           {"group-version": stale}, follow=True)
    assert "Someone else changed this review" in next(str(m) for m in response.context["messages"])


@needs_embedding
def test_when_the_lead_is_dismissed_its_appearances_are_rows_again(client, alice, outlets):
    (first, *repeats), almaty = outlets
    services.review_dismiss(review=first, actor=alice)
    client.force_login(alice)
    assert set(queue_rows(client)) == {*repeats, almaty}


def test_a_claim_someone_worked_on_never_joins_a_group_by_itself(alice):
    lead = ReviewFactory()
    touched = ReviewFactory()
    services.review_take(review=touched, actor=alice)
    assert services.review_join_group(review_id=touched.pk, same_as_id=lead.pk) is None
    fresh = ReviewFactory()
    assert services.review_join_group(review_id=fresh.pk, same_as_id=lead.pk) is not None
    # A member's match leads to its group's lead; a lead never joins its own member.
    third = ReviewFactory()
    assert services.review_join_group(review_id=third.pk, same_as_id=fresh.pk).group_lead_id == lead.pk
    assert services.review_join_group(review_id=lead.pk, same_as_id=fresh.pk) is None


def test_the_grouped_queue_costs_the_same_queries_with_50_groups_as_with_one(client, alice):
    def group(n: int, outlets=("Qazaq Daily", "Vlast", "Tengrinews")) -> None:
        lead = ReviewFactory(claim=ClaimFactory(article=ArticleFactory(outlet=outlets[0]), language="kk"))
        for outlet in outlets[1:]:
            member = ReviewFactory(claim=ClaimFactory(article=ArticleFactory(outlet=outlet), language="ru"))
            services.review_join_group(review_id=member.pk, same_as_id=lead.pk)

    client.force_login(alice)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(QUEUE).status_code == 200
        return len(captured)

    group(1)
    queries()  # warm the content-type cache
    one = queries()
    for n in range(49):
        group(n)
    assert len(queue_rows(client)) == 50
    assert queries() == one
    assert client.get(QUEUE).content.decode().count("3 appearances") == 50


@needs_embedding
def test_a_group_closed_as_already_checked_publishes_every_appearance_citing_the_earlier_verdict(
        alice, erin, frank, outlets):
    (first, *repeats), _almaty = outlets
    earlier = make_verdict(alice, frank, rating="false", language="kk")
    match = ClaimMatch.objects.create(claim=first.claim, matched=earlier.claim, score=0.97, tier="same",
                                      state="confirmed", decided_by=alice)

    services.review_close_as_checked(review=first, actor=alice, match=match.pk,
                                     claim_summary="48 мың пәтер пайдалануға берілді")
    services.review_approve(review=Review.objects.get(pk=first.pk), actor=erin)

    for member in repeats:
        member.refresh_from_db()
        [revision] = VerdictRevision.objects.filter(review=member)
        assert (member.status, member.rating, member.based_on_id, revision.based_on_id) == (
            "published", "false", earlier.pk, earlier.pk)
