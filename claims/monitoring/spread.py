"""Where else a story appeared: every outlet that ran it, the same text or nearly."""

import datetime
from dataclasses import dataclass

from claims.models import Article, EntryStatus, FeedEntry


@dataclass(frozen=True)
class Appearance:
    outlet: str
    url: str
    published: datetime.date | datetime.datetime | None
    how: str  # "first", "same text", "near-duplicate"


def story_appearances(article: Article) -> list[Appearance]:
    """The story's appearances: the first article, then each outlet that ran it, as seen."""
    first = article.duplicate_of or article
    copies = {copy.pk: copy for copy in first.near_duplicates.all()}
    found = [Appearance(first.outlet, first.url or "", first.published_on, "first")]
    entries = (
        FeedEntry.objects.filter(article_id__in=[first.pk, *copies])
        .exclude(status=EntryStatus.STORED, article_id=first.pk)  # the first article's own entry
        .select_related("source__outlet")
        .order_by("seen_at", "pk")
    )
    listed = set()
    for entry in entries:
        how = "same text" if entry.article_id == first.pk else "near-duplicate"
        found.append(Appearance(entry.source.outlet.name, entry.link, entry.published_at, how))
        listed.add(entry.article_id)
    # Near-duplicates that came in otherwise (pasted, posted by a client) appear too.
    for copy in copies.values():
        if copy.pk not in listed:
            found.append(Appearance(copy.outlet, copy.url or "", copy.published_on, "near-duplicate"))
    return found
