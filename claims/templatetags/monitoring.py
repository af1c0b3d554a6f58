"""`{% story_appearances article %}`: where else the article's story appeared, on the review page."""

from typing import Any

from django import template

from claims.models import Article
from claims.monitoring.spread import story_appearances as appearances_of

register = template.Library()


@register.inclusion_tag("admin/claims/story_appearances.html")
def story_appearances(article: Article) -> dict[str, Any]:
    found = appearances_of(article)
    return {"appearances": found if len(found) > 1 else [], "article": article}
