"""Articles in the admin: the list, each article's text with its claims highlighted, and the
ingest form (text, HTML or a URL) that stores a new one the way the API does."""

import itertools
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from claims.admin_search import FoldedSearchMixin
from claims.api.permissions import can_ingest
from claims.display import claim_short
from claims.errors import IngestError
from claims.models import Article, Claim, ExtractionStatus, Language
from claims.pages import article_ingest_from
from claims.services import Ingested
from factcheck.net import UrlFetchRefused


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
    fields = readonly_fields = ("text", "kind", "about", "speaker", "speaker_kind", "checkworthiness", "review_link")
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


class ArticleIngestForm(forms.Form):
    """The API's ingest as a form: the text, the page's HTML, or only its URL."""

    title = forms.CharField(
        label=_("Title"), max_length=500, required=False,
        help_text=_("Left empty: the page's title, else the text's first line."),
    )
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 12, "cols": 80}))
    html = forms.CharField(
        label=_("HTML"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text=_("The page's source: its main text is found the way the API finds it."),
    )
    url = forms.URLField(
        label=_("URL"), max_length=2000, required=False, assume_scheme="https",
        help_text=_("With neither text nor HTML, the page is fetched from here."),
    )
    published_on = forms.DateField(
        label=_("Published on"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Left empty: the date found in the page, else today."),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("detect it")), *Language.choices], required=False
    )
    outlet = forms.CharField(label=_("Outlet"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("body") and data.get("html", "").strip():
            raise forms.ValidationError(_("Give either the text or the HTML, not both."))
        if not data.get("body") and not data.get("html", "").strip() and not data.get("url") and not self.errors:
            raise forms.ValidationError(_("Give the article as text, as HTML, or as a URL to fetch."))
        return data


def article_ingest_from_form(data: dict[str, Any], ingested_by: Any = None) -> Ingested:
    """Store what the form was given, the same way the API does: a URL alone is stored as
    `fetching` and fetched by a task, so that a slow site never holds the web worker.

    Raises IngestError or UrlFetchRefused with a message for the user.
    """
    ingested, _text_from = article_ingest_from(
        title=data["title"],
        published_on=data["published_on"],
        body=data["body"],
        html=data["html"],
        url=data["url"] or None,
        language=data["language"],
        outlet=data["outlet"],
        ingested_by=ingested_by,
        fetch_later=True,
    )
    return ingested


@admin.register(Article)
class ArticleAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["title", "outlet", "language", "published_on", "extraction_status", "claim_count"]
    list_filter = ["language", "extraction_status", "outlet", "published_on"]
    folded_search_field = "search_text"  # title, outlet and URL, in any case
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
        return article.claim_total  # type: ignore[attr-defined]  # annotated by get_queryset

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

    # An article is stored as it arrived and never edited: its page is for reading (no Save),
    # and its claims' reviews and their history hang on it (no Delete).
    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Who may ingest is the API's rule: the newsroom, and whoever holds claims.add_article.
        return can_ingest(request.user)

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context: dict | None = None) -> HttpResponse:
        """Not a model form: an article is stored by claims.services.article_ingest (once per
        text, extraction queued), and its text is never edited afterwards."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleIngestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                ingested = article_ingest_from_form(form.cleaned_data, ingested_by=request.user)
            except UrlFetchRefused as error:
                form.add_error("url", error.message)
            except IngestError as error:
                form.add_error(None, str(error))
            else:
                article = ingested.article
                if ingested.created and article.extraction_status == ExtractionStatus.FETCHING:
                    messages.success(
                        request,
                        gettext("%(url)s is being fetched: this page shows the article when it is done, or why the"
                                " fetch failed.") % {"url": article.url},
                    )
                elif ingested.created:
                    messages.success(
                        request,
                        gettext("“%(title)s” is stored; its claims are being extracted.") % {"title": article.title},
                    )
                else:
                    messages.info(
                        request, gettext("This text was stored before: here it is (“%(title)s”).") % {
                            "title": article.title
                        },
                    )
                return HttpResponseRedirect(reverse("admin:claims_article_change", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Ingest an article"),
            "form": form,
            "media": self.media + form.media,
            "has_view_permission": self.has_view_permission(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/claims/article/ingest_form.html", context)

from claims import admin_monitoring  # noqa: E402, F401  (outlets, feeds, other fact-checkers' verdicts)
