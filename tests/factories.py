"""factory-boy factories shared by every app's tests.

Users: `UserFactory` (no role), `fact_checker()` and `editor()` put a staff user in the group
the `reviews` roles migration creates. Reviews are usually built from a claim with
`ReviewFactory`; `SourceFactory` adds evidence.
"""

import datetime
import hashlib

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from claims.models import Article, Claim, ClaimKind, Language
from reviews.models import Review, ReviewStatus, Source, Stance
from reviews.workflow.roles import EDITORS_GROUP, FACT_CHECKERS_GROUP, role_group
from reviews.workflow.summary import suggested_summary


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@newsroom.example")
    # Unusable: hashing a real password costs ~0.3 s a user; tests log in with force_login.
    password = factory.LazyFunction(lambda: make_password(None))
    is_staff = True


def fact_checker(username: str | None = None, **kwargs):
    user = UserFactory(**({"username": username} if username else {}), **kwargs)
    user.groups.add(role_group(FACT_CHECKERS_GROUP))
    return user


def editor(username: str | None = None, **kwargs):
    user = UserFactory(**({"username": username} if username else {}), **kwargs)
    user.groups.add(role_group(EDITORS_GROUP))
    return user


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    body = factory.Sequence(
        lambda n: f"Report {n}. At least 340 civilians were killed and more than 800 wounded."
    )
    outlet = "Newsroom"
    language = Language.ENGLISH
    published_on = datetime.date(2018, 2, 23)
    content_hash = factory.LazyAttribute(lambda a: hashlib.sha256(a.body.encode()).hexdigest())


class ClaimFactory(factory.django.DjangoModelFactory):
    """A quantity claim spanning the article's second sentence."""

    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    kind = ClaimKind.QUANTITY
    text = factory.LazyAttribute(lambda c: c.article.body[c.span_start : c.span_end])
    span_start = factory.LazyAttribute(lambda c: c.article.body.index("At least"))
    span_end = factory.LazyAttribute(lambda c: len(c.article.body))
    language = Language.ENGLISH
    quantity_value = 340
    quantity_comparator = "at_least"
    quantity_subject = "civilians"
    checkworthiness = 0.8
    extraction_key = factory.Sequence(lambda n: f"key-{n}")


class ReviewFactory(factory.django.DjangoModelFactory):
    """A review in any status; build the status you need, don't move it here."""

    class Meta:
        model = Review

    claim = factory.SubFactory(ClaimFactory)
    status = ReviewStatus.NEW
    # What the fact-checker writes before submitting (required then): here the claim's cut.
    claim_summary = factory.LazyAttribute(lambda r: suggested_summary(r.claim.text))
    recheck_on = factory.Maybe(
        factory.LazyAttribute(lambda r: r.status == ReviewStatus.SCHEDULED),
        yes_declaration=datetime.date(2030, 1, 1),
        no_declaration=None,
    )


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    review = factory.SubFactory(ReviewFactory)
    url = factory.Sequence(lambda n: f"https://stats.example/report/{n}")
    title = "Casualty report"
    publisher = "UN OHCHR"
    accessed_on = datetime.date(2018, 3, 1)
    stance = Stance.SUPPORTS
    primary = True


# --- Re-checks ------------------------------------------------------------------------------

SYRIA_TALKS_CLAIM = "Қазақстан СІМ мәліметінше, келесі Сирия келіссөзі наурыздың ортасына жоспарланып отыр"


class ScheduledClaimFactory(ClaimFactory):
    """A claim about a future event, by default the seed's "next Syria talks in mid-March 2018"."""

    article = factory.SubFactory(
        ArticleFactory,
        body=factory.Sequence(lambda n: f"Хабар {n}.\n{SYRIA_TALKS_CLAIM}"),
        language=Language.KAZAKH,
    )
    kind = ClaimKind.SCHEDULED
    text = SYRIA_TALKS_CLAIM
    span_start = factory.LazyAttribute(lambda c: max(c.article.body.find(c.text), 0))
    span_end = factory.LazyAttribute(lambda c: c.span_start + len(c.text))
    language = Language.KAZAKH
    quantity_value = None
    quantity_comparator = ""
    quantity_subject = ""
    date_earliest = datetime.date(2018, 3, 11)
    date_latest = datetime.date(2018, 3, 20)
    date_text = "наурыздың ортасына"
    check_after = datetime.date(2018, 3, 21)
    checkworthiness = 0.6


class ScheduledReviewFactory(ReviewFactory):
    """A review waiting for its claim's date, as extraction leaves it."""

    claim = factory.SubFactory(ScheduledClaimFactory)
    status = ReviewStatus.SCHEDULED
    recheck_on = factory.LazyAttribute(lambda r: r.claim.check_after)


class VerdictRecheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.VerdictRecheck"

    review = factory.SubFactory(
        ReviewFactory, status=ReviewStatus.PUBLISHED, rating="mostly_true", explanation="As promised so far."
    )
    check_again_on = datetime.date(2018, 6, 1)
    reason = "the ministry promised it by June"
