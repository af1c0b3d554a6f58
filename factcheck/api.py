"""The one API router: every endpoint under /api/v1/ is registered here."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from claims.api.views import ArticleViewSet, ClaimViewSet
from reviews import webhooks  # noqa: F401  (connects the verdict webhooks to review_moved)
from reviews.api.verdicts import RatingScaleView, VerdictViewSet
from reviews.api.webhooks import WebhookEndpointViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("verdicts", VerdictViewSet, basename="verdict")
router.register("webhooks", WebhookEndpointViewSet, basename="webhook")

urlpatterns = [
    path("", include(router.urls)),
    path("ratings/", RatingScaleView.as_view(), name="ratings"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]
