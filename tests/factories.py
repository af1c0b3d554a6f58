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
from django.contrib.auth.models import Group

from claims.models import Article, Claim, ClaimKind, Language
from reviews.models import Review, ReviewStatus, Source, Stance
from reviews.roles import EDITORS_GROUP, FACT_CHECKERS_GROUP


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
    user.groups.add(Group.objects.get(name=FACT_CHECKERS_GROUP))
    return user


def editor(username: str | None = None, **kwargs):
    user = UserFactory(**({"username": username} if username else {}), **kwargs)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
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
