"""The public front page (published verdicts, newest first, searchable) and their Atom feed.

Like the API, a verdict is a review published at least once and what it says is its latest
revision: a verdict being corrected stays listed, unchanged, until the correction is out.
"""

from typing import Any

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from claims.models import search_folded
from reviews.publishing.verdicts_api import published_verdicts
from reviews.workflow.models import Review, VerdictRevision
from reviews.workflow.ratings import rating_level

PAGE_SIZE = 20
FEED_SIZE = 50
MAX_WORDS = 10


def latest_verdicts(query: str = "") -> QuerySet[Review]:
    """Published verdicts, the latest publication first, each with its current rating and time."""
    latest = VerdictRevision.objects.filter(review=OuterRef("pk")).order_by("-number")
    verdicts = (
        published_verdicts(prefetch=False)
        .select_related("claim", "claim__article")
        .defer("claim__article__body", "claim__search_text", "claim__article__search_text")
        .annotate(
            last_published_at=Max("revisions__published_at"),
            shown_rating=Subquery(latest.values("rating")[:1]),
            shown_explanation=Subquery(latest.values("explanation")[:1]),
            shown_number=Subquery(latest.values("number")[:1]),
        )
    )
    for word in search_folded(query).split()[:MAX_WORDS]:
        verdicts = verdicts.filter(claim__search_text__contains=word)
    return verdicts.order_by("-last_published_at", "-id")


def front_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(latest_verdicts(query), PAGE_SIZE).get_page(request.GET.get("page"))
    review: Any
    for review in page.object_list:
        review.rating_label = rating_level(review.shown_rating).label
    return render(request, "reviews/front_page.html", {"page": page, "query": query})


class VerdictFeed(Feed):
    """The newest published verdicts and corrections, as Atom."""

    feed_type = Atom1Feed
    title = _("factcheck: published verdicts")
    subtitle = _("The newsroom's latest verdicts and corrections.")

    def link(self) -> str:
        return reverse("front-page")

    def items(self) -> list[Review]:
        return list(latest_verdicts()[:FEED_SIZE])

    def item_title(self, item: Any) -> str:
        return f"{rating_level(item.shown_rating).label}: {item.claim.text[:120]}"

    def item_description(self, item: Any) -> str:
        return item.shown_explanation

    def item_link(self, item: Review) -> str:
        return reverse("verdict-page", args=[item.pk])

    def item_guid(self, item: Any) -> str:
        # One entry a publication: a correction is news of its own.
        return f"{reverse('verdict-page', args=[item.pk])}#revision-{item.shown_number}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Any) -> Any:
        return item.last_published_at

    def item_updateddate(self, item: Any) -> Any:
        return item.last_published_at
