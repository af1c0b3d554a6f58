"""Suggested evidence on the review page: shown read-only, accepted or rejected with a button."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import EvidenceMatch, Review, Source, SuggestedEvidence, SuggestionStatus
from tests.factories import ArticleFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(alice):
    """A review the re-check sweep gave back to alice."""
    return ReviewFactory(status="researching", assignee=alice)


def suggest(review: Review, *, url: str | None = "https://news.example/astana-talks", **kwargs) -> SuggestedEvidence:
    article = ArticleFactory(
        title="Астана келіссөзі", outlet="Kazinform", url=url, published_on=datetime.date(2018, 3, 16)
    )
    return SuggestedEvidence.objects.create(
        review=review,
        article=article,
        matched_by=kwargs.pop("matched_by", EvidenceMatch.SHARED_WORDS),
        score=kwargs.pop("score", 0.8125),
        reason=kwargs.pop("reason", "shared words: астан, келіс, сирия"),
        **kwargs,
    )


def page_url(review: Review) -> str:
    return reverse("admin:reviews_review_change", args=[review.pk])


def decide_url(suggestion: SuggestedEvidence) -> str:
    return reverse("admin:reviews_review_evidence", args=[suggestion.review_id, suggestion.pk])


def decide(client, suggestion: SuggestedEvidence, decision: str, **data) -> list[tuple[str, str]]:
    response = client.post(decide_url(suggestion), {"decision": decision, **data}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == page_url(suggestion.review)
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def status_of(suggestion: SuggestedEvidence) -> tuple:
    suggestion = SuggestedEvidence.objects.get(pk=suggestion.pk)
    return suggestion.status, suggestion.decided_by and suggestion.decided_by.username, suggestion.source_id


def inline_rows(page: str) -> tuple[list[list[str]], list[list[str]]]:
    group = re.search(r'<div class="js-inline-admin-formset inline-group" id="suggested_evidence-group".*?</table>',
                      page, re.S).group(0)
    rows = re.findall(r'<tr class="form-row[^"]*"[^>]*>(.*?)</tr>', group, re.S)
    cells = [re.findall(r'<td class="field-(\w+)">(.*?)</td>', row, re.S) for row in rows]
    unwrap = lambda html: re.sub(r"^<p>(.*)</p>$", r"\1", html.strip(), flags=re.S)  # noqa: E731
    return [[name for name, _ in row] for row in cells], [[unwrap(html) for _, html in row] for row in cells]


# --- the inline ------------------------------------------------------------------------------


def test_the_page_shows_each_suggestion_with_its_article_and_why(client, alice, opened):
    suggestion = suggest(opened)
    client.force_login(alice)

    page = client.get(page_url(opened)).text

    [columns], [cells] = inline_rows(page)
    assert columns == ["article_link", "matched_by", "reason_words", "score", "status", "decide"]
    article_url = reverse("admin:claims_article_change", args=[suggestion.article_id])
    assert cells[0].strip() == (
        f'<a href="{article_url}">Астана келіссөзі</a><br><small>Kazinform · 2018-03-16</small>'
    )
    assert [c.strip() for c in cells[1:5]] == [
        "names the same event", "shared words: астан, келіс, сирия", "0.8125", "suggested",
    ]
    form_id = f"evidence-{suggestion.pk}"
    for value, label in [("accept", "Accept"), ("reject", "Reject")]:
        button = f'<button type="submit" form="{form_id}" name="decision" value="{value}" class="button">'
        assert f"{button}{label}</button>" in cells[5]
    assert f'<select name="stance" form="{form_id}"' in cells[5]
    # The buttons' form sits outside the page's own form (forms do not nest) and carries the token.
    own_form = re.search(
        rf'<form method="post" action="{re.escape(decide_url(suggestion))}" id="{form_id}"[^>]*>(.*?)</form>',
        page,
        re.S,
    )
    assert own_form and 'name="csrfmiddlewaretoken"' in own_form.group(1)
    assert page.index(own_form.group(0)) < page.index('id="review_form"')


def test_a_decided_suggestion_shows_the_decision_and_no_buttons(client, alice, erin, opened):
    suggest(opened, status=SuggestionStatus.REJECTED, decided_by=erin)
    client.force_login(alice)

    page = client.get(page_url(opened)).text

    _, [cells] = inline_rows(page)
    assert cells[5].strip() == "rejected · erin"
    assert 'class="evidence-decision"' not in page


def test_people_without_a_role_see_no_suggestions_and_cannot_decide(client, outsider, opened):
    suggestion = suggest(opened)
    client.force_login(outsider)

    assert client.get(page_url(opened)).status_code == 403
    assert client.post(decide_url(suggestion), {"decision": "accept"}).status_code == 403
    assert status_of(suggestion) == ("suggested", None, None)


def test_the_page_queries_do_not_grow_with_suggestions(client, alice, opened):
    suggest(opened)
    client.force_login(alice)
    client.get(page_url(opened))  # warm the content-type cache
    with CaptureQueriesContext(connection) as one:
        client.get(page_url(opened))
    for n in range(5):
        suggest(opened, url=f"https://news.example/{n}")
    with CaptureQueriesContext(connection) as six:
        client.get(page_url(opened))

    assert len(six) == len(one)


# --- accepting and rejecting -----------------------------------------------------------------


def test_accepting_makes_the_article_a_source_and_the_second_click_changes_nothing(client, alice, opened):
    suggestion = suggest(opened)
    client.force_login(alice)

    messages = decide(client, suggestion, "accept", stance="refutes")

    assert messages == [
        ("success", "Accepted “Астана келіссөзі”: it is now a source of this review (refutes the claim).")
    ]
    source = Source.objects.get(review=opened)
    assert (source.url, source.title, source.publisher, source.stance, source.primary, source.added_by) == (
        "https://news.example/astana-talks", "Астана келіссөзі", "Kazinform", "refutes", False, alice,
    )
    assert status_of(suggestion) == ("accepted", "alice", source.pk)

    assert decide(client, suggestion, "accept") == [
        ("warning", "Someone already decided on this suggestion; nothing was changed.")
    ]
    assert decide(client, suggestion, "reject") == [
        ("warning", "Someone already decided on this suggestion; nothing was changed.")
    ]
    assert Source.objects.filter(review=opened).count() == 1
    assert status_of(suggestion) == ("accepted", "alice", source.pk)


def test_the_stance_defaults_to_context(client, alice, opened):
    client.force_login(alice)

    decide(client, suggest(opened), "accept")

    assert Source.objects.get(review=opened).stance == "context"


def test_an_article_without_a_url_is_accepted_without_a_source(client, alice, opened):
    suggestion = suggest(opened, url=None)
    client.force_login(alice)

    assert decide(client, suggestion, "accept") == [
        ("warning", "Accepted “Астана келіссөзі”; the article has no URL, so no source was added.")
    ]
    assert status_of(suggestion) == ("accepted", "alice", None)
    assert not Source.objects.exists()


def test_rejecting_records_who_and_the_second_click_changes_nothing(client, alice, opened):
    suggestion = suggest(opened)
    client.force_login(alice)

    assert decide(client, suggestion, "reject") == [("success", "Rejected “Астана келіссөзі”.")]
    assert status_of(suggestion) == ("rejected", "alice", None)
    assert decide(client, suggestion, "reject") == [
        ("warning", "Someone already decided on this suggestion; nothing was changed.")
    ]
    assert not Source.objects.exists()


def test_an_editor_accepts_on_a_colleagues_review(client, erin, opened):
    suggestion = suggest(opened)
    client.force_login(erin)

    assert decide(client, suggestion, "accept")[0][0] == "success"
    assert status_of(suggestion)[:2] == ("accepted", "erin")


def test_a_colleague_may_not_add_the_source_to_someone_elses_review(client, bob, opened):
    suggestion = suggest(opened)
    client.force_login(bob)

    assert decide(client, suggestion, "accept") == [
        ("error", "This review is assigned to alice; only they or an editor may add sources.")
    ]
    assert status_of(suggestion) == ("suggested", None, None)
    assert not Source.objects.exists()


def test_a_published_verdict_takes_no_new_source(client, erin):
    review = ReviewFactory(status="published", rating="true", explanation="x")
    suggestion = suggest(review)
    client.force_login(erin)

    assert decide(client, suggestion, "accept") == [
        ("error", "Sources cannot be added to a published verdict (reopen it first).")
    ]
    assert status_of(suggestion) == ("suggested", None, None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "maybe"}, "Choose Accept or Reject."),
        ({"decision": "accept", "stance": "shrug"}, "“shrug” is not a stance."),
    ],
)
def test_a_bad_post_says_why(client, alice, opened, data, message):
    suggestion = suggest(opened)
    client.force_login(alice)

    response = client.post(decide_url(suggestion), data, follow=True)

    assert [(m.level_tag, str(m)) for m in response.context["messages"]] == [("error", message)]
    assert status_of(suggestion) == ("suggested", None, None)


def test_a_suggestion_of_another_review_is_not_decided_through_this_one(client, alice, opened):
    other = suggest(ReviewFactory(status="researching", assignee=alice))
    client.force_login(alice)

    response = client.post(
        reverse("admin:reviews_review_evidence", args=[opened.pk, other.pk]), {"decision": "reject"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == ["That suggestion is not on this review."]
    assert status_of(other) == ("suggested", None, None)


def test_decisions_answer_post_with_a_csrf_token_only(alice, opened):
    suggestion = suggest(opened)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    assert client.get(decide_url(suggestion)).status_code == 405
    assert client.post(decide_url(suggestion), {"decision": "reject"}).status_code == 403
    assert status_of(suggestion) == ("suggested", None, None)
