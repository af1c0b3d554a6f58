"""What is not published is invisible to anyone without a newsroom role: in lists, by id, through
filters, in the admin. Asking for it by id answers exactly as asking for an id that does not
exist (404 to an API client, or the refusal an anonymous caller gets for any id), so nobody can
learn what the newsroom is working on."""

import json

import pytest
from django.urls import reverse

from reviews.models import ReviewEvent, ReviewStatus, Source
from tests.factories import SourceFactory, UserFactory
from tests.hardening.conftest import client_as

pytestmark = pytest.mark.django_db

UNPUBLISHED = ("new", "researching", "in_review", "dismissed")
MISSING = 987654
WITHHELD_URL = "https://confidential.example/whistleblower"
WITHHELD_TITLE = "Interview with a nurse at the district hospital"


def answer(response) -> tuple[int, object]:
    try:
        body = json.loads(response.content)
    except ValueError:
        body = response.content
    return response.status_code, body


def per_claim_urls(claim_id: int, review_id: int) -> list[str]:
    return [
        f"/api/v1/claims/{claim_id}/",
        f"/api/v1/claims/{claim_id}/sources/",
        f"/api/v1/verdicts/{review_id}/",
        f"/api/v1/verdicts/{review_id}/?format=jsonld",
        reverse("verdict-page", args=[review_id]),
    ]


@pytest.mark.parametrize("role", ["anonymous", "api_client"])
def test_unpublished_work_by_id_answers_as_if_it_did_not_exist(newsroom, role):
    client = client_as(role)
    for status in UNPUBLISHED:
        review = newsroom[status]
        for url, missing_url in zip(per_claim_urls(review.claim_id, review.pk), per_claim_urls(MISSING, MISSING),
                                    strict=True):
            got, nothing = answer(client.get(url)), answer(client.get(missing_url))
            assert got == nothing, (status, url)
            assert got[0] in {401, 404}, (status, url)
            if role == "api_client":
                assert got[0] == 404, (status, url)


def test_an_api_client_lists_only_published_claims_and_verdicts(newsroom):
    client = client_as("api_client")
    published = newsroom["published"]

    assert [claim["id"] for claim in client.get("/api/v1/claims/").json()["results"]] == [published.claim_id]
    assert [verdict["id"] for verdict in client.get("/api/v1/verdicts/").json()["results"]] == [published.pk]
    for status in UNPUBLISHED:
        assert client.get(f"/api/v1/claims/?status={status}").json()["results"] == []
        article_id = newsroom[status].claim.article_id
        assert client.get(f"/api/v1/articles/{article_id}/").status_code == 404, status
        assert client.get(f"/api/v1/articles/{article_id}/claims/").status_code == 404, status
    assert [a["id"] for a in client.get("/api/v1/articles/").json()["results"]] == [published.claim.article_id]
    shown = client.get(f"/api/v1/articles/{published.claim.article_id}/claims/").json()["results"]
    assert [claim["id"] for claim in shown] == [published.claim_id]


def test_anyone_lists_only_published_verdicts(newsroom):
    results = client_as("anonymous").get("/api/v1/verdicts/").json()["results"]
    assert [verdict["id"] for verdict in results] == [newsroom["published"].pk]


def test_the_newsroom_sees_everything(newsroom):
    client = client_as("fact_checker")
    listed = {claim["id"] for claim in client.get("/api/v1/claims/?page_size=100").json()["results"]}
    assert listed == {review.claim_id for review in newsroom.values()}
    for status in UNPUBLISHED:
        assert client.get(f"/api/v1/claims/{newsroom[status].claim_id}/").status_code == 200


def test_a_published_claim_shows_no_workflow_events_or_withheld_sources_to_a_client(newsroom):
    published = newsroom["published"]
    SourceFactory(review=published, url=WITHHELD_URL, title=WITHHELD_TITLE, withheld_for_safety=True,
                  public_description="A nurse at a district hospital", primary=False)
    assert ReviewEvent.objects.filter(review=published).count() >= 3
    client = client_as("api_client")

    detail = client.get(f"/api/v1/claims/{published.claim_id}/")
    assert detail.status_code == 200
    assert detail.json()["events"] == []
    for url in (
        f"/api/v1/claims/{published.claim_id}/",
        f"/api/v1/claims/{published.claim_id}/sources/",
        f"/api/v1/articles/{published.claim.article_id}/",
        f"/api/v1/verdicts/{published.pk}/",
        f"/api/v1/verdicts/{published.pk}/?format=jsonld",
        reverse("verdict-page", args=[published.pk]),
    ):
        for caller in ("anonymous", "api_client"):
            text = client_as(caller).get(url).content.decode()
            assert WITHHELD_URL not in text, (caller, url)
            assert WITHHELD_TITLE not in text, (caller, url)


def admin_urls(newsroom) -> list[str]:
    review = newsroom["in_review"]
    source = Source.objects.filter(review=newsroom["researching"]).first()
    event = ReviewEvent.objects.filter(review=newsroom["published"]).first()
    urls = [reverse("admin:index"), reverse("dashboard")]
    for name, obj in (
        ("reviews_review", review),
        ("claims_claim", review.claim),
        ("claims_article", review.claim.article),
        ("reviews_source", source),
        ("reviews_reviewevent", event),
    ):
        try:
            urls.append(reverse(f"admin:{name}_changelist"))
            urls.append(reverse(f"admin:{name}_change", args=[obj.pk]))
        except Exception:  # noqa: S112 (a model the admin does not register)
            continue
    return urls


def test_admin_pages_send_anonymous_callers_and_api_clients_to_the_login_page(newsroom):
    for role in ("anonymous", "api_client"):
        client = client_as(role)
        if role == "api_client":
            from django.contrib.auth import get_user_model

            client.force_login(get_user_model().objects.get(username="newsroom-site"))
        for url in admin_urls(newsroom):
            response = client.get(url)
            assert response.status_code == 302, (role, url)
            assert response["Location"].startswith("/admin/login/"), (role, url)


def test_staff_without_a_newsroom_role_cannot_open_the_work(client, newsroom):
    client.force_login(UserFactory(username="intern"))
    review = newsroom["in_review"]
    for url, missing in (
        (reverse("admin:reviews_review_change", args=[review.pk]),
         reverse("admin:reviews_review_change", args=[MISSING])),
        (reverse("admin:claims_article_change", args=[review.claim.article_id]),
         reverse("admin:claims_article_change", args=[MISSING])),
    ):
        assert client.get(url).status_code == 403, url
        assert client.get(missing).status_code == 403, missing
    assert client.get(reverse("admin:reviews_review_changelist")).status_code == 403
    assert client.get(reverse("dashboard")).status_code == 403
    assert ReviewStatus.IN_REVIEW not in client.get(reverse("admin:index")).content.decode()
