"""Suggested evidence: what arrived since a claim was stored, attached when the claim comes due."""

import datetime

import pytest

from claims.models import ClaimKind, Language
from reviews.models import EvidenceMatch, EvidenceTerm, SuggestedEvidence, SuggestionStatus
from reviews.rechecks.evidence import evidence_accept, evidence_reject, evidence_suggest_for, window_months, word_stems
from reviews.rechecks.sweep import recheck_sweep
from reviews.workflow.errors import MoveNotAllowed, NotAllowedForRole, ReviewConflict
from tests.factories import ArticleFactory, ClaimFactory, ScheduledReviewFactory, UserFactory

pytestmark = pytest.mark.django_db
DUE = datetime.date(2018, 3, 21)


def article_with_claim(text: str, *, earliest=None, latest=None, url=None, title="Хабар"):
    article = ArticleFactory(
        title=title, body=f"{title}.\n{text}", language=Language.KAZAKH, url=url, published_on=DUE
    )
    return ClaimFactory(
        article=article,
        kind=ClaimKind.EVENT if earliest else ClaimKind.STATEMENT,
        text=text,
        span_start=len(title) + 2,
        span_end=len(title) + 2 + len(text),
        language=Language.KAZAKH,
        quantity_value=None,
        quantity_comparator="",
        date_earliest=earliest,
        date_latest=latest,
    ).article


@pytest.fixture
def stored_before():
    """Stored before the due claim: never suggested, however well it matches."""
    return article_with_claim(
        "Сирия келіссөзінің бұған дейінгі раунды Астанада 21-22 желтоқсанда өткен",
        earliest=datetime.date(2017, 12, 21), latest=datetime.date(2017, 12, 22),
    )


@pytest.fixture
def due_review(stored_before, alice):
    return ScheduledReviewFactory(assignee=alice)


@pytest.fixture
def talks_held(due_review):
    return article_with_claim(
        "Сирия бойынша кезекті келіссөз Астанада 14-15 наурызда өтті",
        earliest=datetime.date(2018, 3, 14), latest=datetime.date(2018, 3, 15),
        url="https://news.example/astana-talks", title="Астана келіссөзі",
    )


@pytest.fixture
def harvest(due_review):
    return article_with_claim(
        "Елімізде астық өнімі шілдеде 20 миллион тоннаға жетті",
        earliest=datetime.date(2018, 7, 1), latest=datetime.date(2018, 7, 31), title="Егін",
    )


def suggestions(review) -> list[tuple]:
    return list(
        SuggestedEvidence.objects.filter(review=review).values_list("article_id", "matched_by", "reason")
    )


def test_a_later_article_about_the_same_talks_is_suggested_and_an_unrelated_one_is_not(
    due_review, talks_held, harvest, stored_before
):
    result = recheck_sweep(today=DUE)
    assert (result.opened, result.suggested) == (1, 1)
    assert suggestions(due_review) == [
        (
            talks_held.pk,
            EvidenceMatch.SHARED_WORDS,
            "shared words: келіс, сирия; dates 2018-03-14–2018-03-15 overlap 2018-03-11–2018-03-20",
        )
    ]


def test_the_same_event_named_without_dates_is_suggested_by_its_words(due_review):
    postponed = article_with_claim("Сирия келіссөзі кейінге қалдырылды деп хабарлады министрлік")
    recheck_sweep(today=DUE)
    assert suggestions(due_review) == [(postponed.pk, EvidenceMatch.SHARED_WORDS, "shared words: келіс, сирия")]


def test_a_claim_about_the_same_days_is_suggested_by_its_dates(due_review, talks_held):
    snow = article_with_claim(
        "Алматыда 12-18 наурыз аралығында қар жауды",
        earliest=datetime.date(2018, 3, 12), latest=datetime.date(2018, 3, 18),
    )
    recheck_sweep(today=DUE)
    found = {s.article_id: s for s in SuggestedEvidence.objects.filter(review=due_review)}
    assert {pk: s.matched_by for pk, s in found.items()} == {
        talks_held.pk: EvidenceMatch.SHARED_WORDS,
        snow.pk: EvidenceMatch.DATE_OVERLAP,
    }
    # Seven of the ten days of the claim's window.
    assert found[snow.pk].score == pytest.approx(7 / 10)
    assert found[snow.pk].reason == "dates 2018-03-12–2018-03-18 overlap 2018-03-11–2018-03-20"


def test_suggesting_again_adds_nothing(due_review, talks_held):
    recheck_sweep(today=DUE)
    evidence_suggest_for(review=due_review)
    assert SuggestedEvidence.objects.filter(review=due_review).count() == 1


def test_every_claim_is_indexed_once_with_its_words_and_months(due_review, talks_held):
    recheck_sweep(today=DUE)
    recheck_sweep(today=DUE)
    terms = set(EvidenceTerm.objects.filter(claim=due_review.claim).values_list("term", flat=True))
    assert terms == {"#", "@2018-03", "қазақ", "сирия", "келіс", "ортас", "жоспа"}
    assert EvidenceTerm.objects.filter(term="#").count() == 3


def test_words_are_stems_without_filler_short_words_or_months():
    assert word_stems("Қазақстан СІМ мәліметінше, келесі Сирия келіссөзі наурыздың ортасына жоспарланып отыр") == {
        "қазақ", "сирия", "келіс", "ортас", "жоспа"
    }
    assert word_stems("The next round of Syria talks is planned for mid-March") == {"round", "syria", "talks", "plann"}


def test_windows_longer_than_three_months_are_too_vague_to_match_on():
    assert window_months(datetime.date(2018, 3, 11), datetime.date(2018, 3, 20)) == ["@2018-03"]
    assert window_months(datetime.date(2017, 12, 1), datetime.date(2018, 2, 1)) == ["@2017-12", "@2018-01", "@2018-02"]
    assert window_months(datetime.date(2018, 1, 1), datetime.date(2018, 12, 31)) == []
    assert window_months(None, None) == []


def test_accepting_a_suggestion_adds_the_article_as_a_source(due_review, talks_held, alice):
    recheck_sweep(today=DUE)
    suggestion = SuggestedEvidence.objects.get(review=due_review)
    source = evidence_accept(suggestion=suggestion, actor=alice)

    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by, suggestion.source) == (SuggestionStatus.ACCEPTED, alice, source)
    assert (source.review, source.url, source.title, source.publisher, source.stance, source.added_by) == (
        due_review, "https://news.example/astana-talks", "Астана келіссөзі", "Newsroom", "context", alice
    )
    with pytest.raises(ReviewConflict):
        evidence_accept(suggestion=suggestion, actor=alice)
    assert due_review.sources.count() == 1


def test_rejecting_a_suggestion_is_recorded_and_final(due_review, talks_held, alice, bob):
    recheck_sweep(today=DUE)
    suggestion = SuggestedEvidence.objects.get(review=due_review)
    evidence_reject(suggestion=suggestion, actor=bob)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == (SuggestionStatus.REJECTED, bob)
    with pytest.raises(ReviewConflict):
        evidence_accept(suggestion=suggestion, actor=alice)
    assert due_review.sources.count() == 0


def test_only_fact_checkers_decide_on_suggestions(due_review, talks_held, bob):
    recheck_sweep(today=DUE)
    suggestion = SuggestedEvidence.objects.get(review=due_review)
    with pytest.raises(NotAllowedForRole):
        evidence_reject(suggestion=suggestion, actor=UserFactory(username="outsider"))
    with pytest.raises(NotAllowedForRole):
        evidence_accept(suggestion=suggestion, actor=bob)  # alice's review
    assert SuggestedEvidence.objects.get(pk=suggestion.pk).status == SuggestionStatus.SUGGESTED


def test_a_suggestion_cannot_be_accepted_once_the_verdict_is_published(due_review, talks_held, alice):
    evidence_suggest_for(review=due_review)  # before the sweep: suggestions may also be made by hand
    suggestion = SuggestedEvidence.objects.get(review=due_review)
    type(due_review).objects.filter(pk=due_review.pk).update(status="published")
    suggestion.review.refresh_from_db()
    with pytest.raises(MoveNotAllowed):
        evidence_accept(suggestion=suggestion, actor=alice)


def test_a_word_in_more_than_one_claim_of_twenty_is_too_common_to_name_the_event(due_review, talks_held):
    for n in range(40):
        article_with_claim(f"Сирия туралы жаңалық {n}" if n < 3 else f"Ауа райы жаңалығы нөмір {n}")
    recheck_sweep(today=DUE)
    # "сирия" is in 5 claims of 43: only "келіс" is left in common, and one word is not enough.
    assert suggestions(due_review) == [
        (talks_held.pk, EvidenceMatch.DATE_OVERLAP, "dates 2018-03-14–2018-03-15 overlap 2018-03-11–2018-03-20")
    ]
