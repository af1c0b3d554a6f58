"""`GET /api/v1/claims/{id}/matches/`: the claims checked before that the matcher found alike."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api.views import visible_claims
from claims.models import ClaimMatch, ClaimSignature
from factcheck.throttling import ScopedThrottle
from reviews.api.moves import ErrorSerializer
from reviews.workflow.moves import ReviewStatus


class MatchedClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    language = serializers.CharField()
    outlet = serializers.CharField()
    published_on = serializers.DateField()
    review_status = serializers.CharField(allow_null=True)
    rating = serializers.CharField(allow_blank=True, allow_null=True, help_text="The verdict's rating when published")
    verdict_id = serializers.IntegerField(allow_null=True, help_text="GET /api/v1/verdicts/{id}/ when published")


class ClaimMatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    score = serializers.FloatField(help_text="0..1, how likely the two are the same claim")
    tier = serializers.ChoiceField(choices=["same", "related"])
    why = serializers.CharField()
    conflict = serializers.CharField(allow_blank=True, help_text="The figure, date or place that disagrees")
    state = serializers.ChoiceField(choices=["suggested", "confirmed", "rejected"])
    matched = MatchedClaimSerializer()


class ClaimMatchesSerializer(serializers.Serializer):
    claim = serializers.IntegerField()
    matching = serializers.ChoiceField(choices=["pending", "done", "failed"], help_text="Whether it has been matched")
    results = ClaimMatchSerializer(many=True)


def match_data(matches: QuerySet[ClaimMatch]) -> list[dict[str, Any]]:
    out = []
    for m in matches:
        if m.matched is None:
            continue  # another fact-checker's verdict: shown on the review page, not here yet
        review = getattr(m.matched, "review", None)
        verdict = review if review is not None and review.status == ReviewStatus.PUBLISHED else None
        out.append({
            "id": m.pk, "score": m.score, "tier": m.tier, "why": m.why, "conflict": m.conflict, "state": m.state,
            "matched": {
                "id": m.matched_id, "text": m.matched.text, "language": m.matched.language,
                "outlet": m.matched.article.outlet, "published_on": m.matched.article.published_on.isoformat(),
                "review_status": review.status if review is not None else None,
                "rating": verdict.rating if verdict is not None else None,
                "verdict_id": verdict.pk if verdict is not None else None,
            },
        })
    return out


class ClaimMatchesView(APIView):
    throttle_classes = [ScopedThrottle]
    throttle_scope = "matching"

    @extend_schema(
        summary="Claims checked before that match this one (kk, ru, en), best first",
        responses={200: ClaimMatchesSerializer, 404: OpenApiResponse(ErrorSerializer, description="No such claim")},
    )
    def get(self, request: Request, pk: int) -> Response:
        claim = get_object_or_404(visible_claims(request.user), pk=pk)
        visible = visible_claims(request.user).values("pk")
        matches = (ClaimMatch.objects.filter(claim=claim, matched__in=visible)
                   .select_related("matched", "matched__article", "matched__review")
                   .defer("matched__article__body").order_by("-score", "id"))
        signature = ClaimSignature.objects.filter(claim=claim).values_list("status", flat=True).first()
        return Response({"claim": claim.pk, "matching": signature or "pending", "results": match_data(matches)})
