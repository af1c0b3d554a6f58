"""Articles in the admin: the list, and each article's text with its claims highlighted."""

import itertools
from dataclasses import dataclass

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from claims.display import claim_short
from claims.models import Article, Claim


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    claim_id: int
    url: str
    title: str


def highlight_claims(text: str, highlights: list[Highlight]) -> SafeString:
    """`text` escaped, each claim's span wrapped in <mark> linking to its review.

    Spans may overlap (two claims from one sentence): the text is cut at every span boundary
    and each piece is marked for the narrowest claim covering it.
    """
    spans = [h for h in highlights if 0 <= h.start < h.end <= len(text)]
    cuts = sorted({0, len(text), *(h.start for h in spans), *(h.end for h in spans)})
    pieces: list[SafeString] = []
    anchored: set[int] = set()
    for start, end in itertools.pairwise(cuts):
        covering = [h for h in spans if h.start <= start and end <= h.end]
        if not covering:
            pieces.append(escape(text[start:end]))
            continue
        claim = min(covering, key=lambda h: (h.end - h.start, h.claim_id))
        anchor = "" if claim.claim_id in anchored else f"claim-{claim.claim_id}"
        anchored.add(claim.claim_id)
        mark = format_html(
            '<mark{} title="{}">{}</mark>',
            format_html(' id="{}"', anchor) if anchor else "",
            claim.title,
            text[start:end],
        )
        pieces.append(format_html('<a href="{}">{}</a>', claim.url, mark) if claim.url else mark)
    return format_html(
        '<div class="article-text" style="white-space: pre-wrap; max-width: 60em">{}</div>',
        format_html_join("", "{}", ((piece,) for piece in pieces)),
    )


class ClaimInline(admin.TabularInline):
    model = Claim
    extra = 0
    can_delete = False
    fields = ["text", "kind", "about", "speaker", "checkworthiness", "review_link"]
    readonly_fields = fields
    ordering = ["span_start"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("review")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("quantity or date"))
    def about(self, claim: Claim) -> str:
        return claim_short(claim)

    @admin.display(description=_("review"))
    def review_link(self, claim: Claim) -> str:
        review = getattr(claim, "review", None)
        if review is None:
            return "—"
        url = reverse("admin:reviews_review_change", args=[review.pk])
        return format_html('<a href="{}">{}</a>', url, review.get_status_display())


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "language", "published_on", "extraction_status", "claim_count"]
    list_filter = ["language", "extraction_status", "outlet", "published_on"]
    search_fields = ["title", "outlet", "url"]
    date_hierarchy = "published_on"
    ordering = ["-published_on", "-id"]
    fields = [
        "title",
        "url",
        ("outlet", "language", "published_on"),
        ("extraction_status", "extractor_version", "extracted_at"),
        "extraction_error",
        "highlighted_text",
    ]
    readonly_fields = [
        "title",
        "url",
        "outlet",
        "language",
        "published_on",
        "extraction_status",
        "extractor_version",
        "extracted_at",
        "extraction_error",
        "highlighted_text",
    ]
    inlines = [ClaimInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(claim_total=Count("claims"))

    @admin.display(description=_("claims"), ordering="claim_total")
    def claim_count(self, article: Article) -> int:
        return article.claim_total

    @admin.display(description=_("text and claims"))
    def highlighted_text(self, article: Article) -> SafeString:
        claims = article.claims.select_related("review").order_by("span_start")
        highlights = []
        for claim in claims:
            review = getattr(claim, "review", None)
            url = reverse("admin:reviews_review_change", args=[review.pk]) if review else ""
            status = review.get_status_display() if review else _("no review")
            highlights.append(
                Highlight(claim.span_start, claim.span_end, claim.pk, url, f"{claim.get_kind_display()} · {status}")
            )
        return highlight_claims(article.body, highlights)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Articles arrive through ingestion (claims.services.article_ingest: content hash,
        # extraction), not through a bare form.
        return False
