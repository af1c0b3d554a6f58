"""`GET /api/v1/verdicts/search/?q=…&language=…`: published verdicts matching any text in kk, ru or en.

What Google's Fact Check Tools `claims:search` does, offline: the claim matcher (meaning,
shared words, figures and dates) over the claims of published verdicts, best first, each with
its score, whether it is the same claim, why, and what disagrees.
"""

from typing import Any

from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.matching_service import matching_status_for_clients, verdicts_search
from claims.models import Language
from factcheck.throttling import ScopedThrottle
from reviews.api.moves import ErrorSerializer
from reviews.publishing.verdicts_api import VerdictSerializer, published_verdicts, verdict_data, verdict_rows

MAX_QUERY = 2000


class SearchParams(serializers.Serializer):
    q = serializers.CharField(max_length=MAX_QUERY, trim_whitespace=True,
                              help_text=f"The text to check (up to {MAX_QUERY} characters).")
    language = serializers.ChoiceField(choices=Language.choices, required=False, help_text="The text's language.")
    limit = serializers.IntegerField(min_value=1, max_value=25, required=False, default=10,
                                     help_text="At most this many verdicts.")


class VerdictHitSerializer(serializers.Serializer):
    score = serializers.FloatField(help_text="0..1, how likely the text states the verdict's claim")
    same = serializers.BooleanField(help_text="The same claim: safe to show as already checked")
    why = serializers.CharField()
    conflict = serializers.CharField(allow_null=True, help_text="A figure, date or place that disagrees")
    verdict = VerdictSerializer()


class VerdictSearchSerializer(serializers.Serializer):
    query = serializers.CharField()
    reduced = serializers.BooleanField(help_text="Matching runs on words and figures only (no embedding)")
    results = VerdictHitSerializer(many=True)


class VerdictSearchView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ScopedThrottle]
    throttle_scope = "matching"

    @extend_schema(
        summary="Search published verdicts by any text in Kazakh, Russian or English, best first",
        # The bounds the serializer enforces, read from it.
        parameters=[SearchParams],
        responses={200: VerdictSearchSerializer,
                   400: OpenApiResponse(ErrorSerializer, description="Bad q or language")},
    )
    def get(self, request: Request) -> Response:
        params = SearchParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        found = verdicts_search(text=params.validated_data["q"], language=params.validated_data.get("language"),
                                k=params.validated_data["limit"])
        rows = {row["claim_id"]: row for row in verdict_rows(published_verdicts(prefetch=False).filter(
            claim_id__in=[f.claim_id for f in found]))}
        verdicts = {v["claim"]["id"]: v for v in verdict_data(list(rows.values()), request)}
        results: list[dict[str, Any]] = [
            {"score": f.hit.score, "same": f.hit.same, "why": f.hit.why, "conflict": f.hit.conflict,
             "verdict": verdicts[f.claim_id]}
            for f in found if f.claim_id in verdicts
        ]
        response = Response({"query": params.validated_data["q"], "reduced": matching_status_for_clients(),
                             "results": results})
        # Published verdicts only: anyone may keep the answer briefly (and it is compressed).
        response["Cache-Control"] = f"public, max-age={settings.API_PUBLIC_MAX_AGE}"
        response["Vary"] = "Accept, Accept-Encoding, Accept-Language"
        return response
