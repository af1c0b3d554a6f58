"""The one API router: every endpoint under /api/v1/ is registered here."""

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from claims.api.matches import ClaimMatchesView
from claims.api.monitoring import ExternalVerdictViewSet, FeedSourceViewSet, OutletViewSet
from claims.api.views import ArticleViewSet, ClaimViewSet
from factcheck.exceptions import error_body
from reviews.publishing.bench_views import bare_verdicts
from reviews.publishing.verdict_search_api import VerdictSearchView
from reviews.publishing.verdicts_api import RatingScaleView, VerdictViewSet
from reviews.publishing.webhooks_api import WebhookEndpointViewSet


@csrf_exempt  # it changes nothing; without this a POST to a wrong path would be a CSRF page
def api_not_found(request: HttpRequest) -> JsonResponse:
    return JsonResponse(error_body("not_found", "No such API endpoint."), status=404)


router = DefaultRouter()
router.include_root_view = False
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("verdicts", VerdictViewSet, basename="verdict")
router.register("webhooks", WebhookEndpointViewSet, basename="webhook")
router.register("outlets", OutletViewSet, basename="outlet")
router.register("feed-sources", FeedSourceViewSet, basename="feedsource")
router.register("external-verdicts", ExternalVerdictViewSet, basename="externalverdict")

urlpatterns = [
    # Before the router, whose verdicts/{id}/ would take "search" for an id.
    path("verdicts/search/", VerdictSearchView.as_view(), name="verdict-search"),
    path("claims/<int:pk>/matches/", ClaimMatchesView.as_view(), name="claim-matches"),
    path("", include(router.urls)),
    path("ratings/", RatingScaleView.as_view(), name="ratings"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view loads Swagger UI's start-up script from a URL: the CSP allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
    *(
        [path("bench/bare-verdicts/", bare_verdicts, name="bench-bare-verdicts")]
        if settings.FACTCHECK_BENCH_VIEWS
        else []
    ),
    # Last: any other path under /api/v1/ (ending in a slash, so APPEND_SLASH still redirects the
    # rest) is a JSON 404 like the API's own, not an HTML page.
    # [\s\S], not ".": a path with an encoded newline in it is no exception.
    re_path(r"^[\s\S]*/$", api_not_found),
]
