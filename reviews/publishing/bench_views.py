"""The bare comparison view of bench/api.py: the verdict list's 50 rows from `.values()` as
JSON, with no serializer, pagination, throttling or conditional headers. Routed only when
FACTCHECK_BENCH_VIEWS is on (never in production)."""

from django.http import HttpRequest, JsonResponse

from reviews.workflow.models import Review
from reviews.workflow.moves import ReviewStatus

BARE_FIELDS = (
    "id", "rating", "explanation", "published_at", "updated_at", "claim_id", "claim__text", "claim__language",
    "claim__speaker", "claim__article_id", "claim__article__title", "claim__article__outlet",
    "claim__article__url", "claim__article__published_on",
)


def bare_verdicts(request: HttpRequest) -> JsonResponse:
    rows = list(Review.objects.filter(status=ReviewStatus.PUBLISHED).order_by("-id").values(*BARE_FIELDS)[:50])
    return JsonResponse({"results": rows})
