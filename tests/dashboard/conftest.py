"""Dashboard data built the way the newsroom builds it: extraction opens reviews, people move
them through the services, each at a time the test sets."""

import datetime
from collections.abc import Iterator

import pytest
import time_machine

from claims.models import Claim
from reviews.models import Review, Stance
from reviews.workflow import services
from reviews.workflow.summary import suggested_summary
from tests.factories import ArticleFactory, ClaimFactory, editor, fact_checker

# A Monday morning in Almaty (UTC+5).
T0 = datetime.datetime(2026, 3, 2, 4, 0, tzinfo=datetime.UTC)


def at(hours: float = 0, *, days: float = 0) -> datetime.datetime:
    return T0 + datetime.timedelta(hours=hours, days=days)


class Newsroom:
    """Moves reviews at set times through reviews.workflow.services, as the admin and the API do."""

    def __init__(self, checker, other_checker, chief, deputy) -> None:
        self.checker, self.other_checker, self.chief, self.deputy = checker, other_checker, chief, deputy

    def open_claims(self, count: int, when: datetime.datetime) -> list[Review]:
        with time_machine.travel(when, tick=False):
            article = ArticleFactory()
            claims: list[Claim] = [ClaimFactory(article=article) for _ in range(count)]
            return services.reviews_open_for_claims(claims=claims)

    def take(self, review: Review, when: datetime.datetime, actor=None) -> Review:
        with time_machine.travel(when, tick=False):
            return services.review_take(review=review, actor=actor or self.checker)

    def submit(self, review: Review, when: datetime.datetime, actor=None) -> Review:
        actor = actor or self.checker
        with time_machine.travel(when, tick=False):
            services.source_add(
                review=review,
                actor=actor,
                url="https://stats.example/ohchr",
                title="OHCHR briefing",
                accessed_on=when.date(),
                stance=Stance.SUPPORTS,
            )
            return services.review_submit(
                review=review, actor=actor, rating="mostly_true", explanation="The UN figure is 346.",
                claim_summary=suggested_summary(review.claim.text),
            )

    def send_back(self, review: Review, when: datetime.datetime) -> Review:
        with time_machine.travel(when, tick=False):
            return services.review_send_back(review=review, actor=self.chief, note="Cite the primary source.")

    def resubmit(self, review: Review, when: datetime.datetime) -> Review:
        with time_machine.travel(when, tick=False):
            return services.review_submit(
                review=review, actor=self.checker, rating="mostly_true", explanation="OHCHR says 346.",
                claim_summary=suggested_summary(review.claim.text),
            )

    def approve(self, review: Review, when: datetime.datetime) -> Review:
        with time_machine.travel(when, tick=False):
            return services.review_approve(review=review, actor=self.chief)

    def schedule(self, review: Review, when: datetime.datetime, recheck_on: datetime.date, actor=None) -> Review:
        with time_machine.travel(when, tick=False):
            return services.review_schedule(review=review, actor=actor or self.checker, recheck_on=recheck_on)

    def dismiss(self, review: Review, when: datetime.datetime) -> Review:
        with time_machine.travel(when, tick=False):
            return services.review_dismiss(review=review, actor=self.checker)


@pytest.fixture
def newsroom(db) -> Newsroom:
    return Newsroom(fact_checker("aigerim"), fact_checker("daniyar"), editor("saule"), editor("timur"))


@pytest.fixture
def frozen_now() -> Iterator[datetime.datetime]:
    now = at(days=3)
    with time_machine.travel(now, tick=False):
        yield now
