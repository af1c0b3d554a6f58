"""`{% story_appearances article %}`: where else the article's story appeared, on the review page."""

from typing import Any

from django import template
from django.db.models import Q

from claims.models import Article, FeedSource
from claims.monitoring.spread import story_appearances as appearances_of

register = template.Library()


@register.inclusion_tag("admin/claims/story_appearances.html")
def story_appearances(article: Article) -> dict[str, Any]:
    found = appearances_of(article)
    return {"appearances": found if len(found) > 1 else [], "article": article}


@register.inclusion_tag("admin/claims/feeds_in_trouble.html")
def feeds_in_trouble(limit: int = 20) -> dict[str, Any]:
    """Sources switched off after failures (with the reason) and those failing now."""
    switched_off = Q(enabled=False) & ~Q(disabled_reason="")
    troubled = (
        FeedSource.objects.filter(switched_off | Q(enabled=True, consecutive_failures__gt=0))
        .select_related("outlet")
        .order_by("enabled", "-consecutive_failures", "outlet__name")[:limit]
    )
    return {"sources": list(troubled)}
