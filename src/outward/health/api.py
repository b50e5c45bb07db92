"""`GET /api/v1/health/?period=P[&as_of=DATE][&threshold=X]`: the health report's JSON."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from outward.core.periods import Period, PeriodError
from outward.core.permissions import RulePermission
from outward.health.domain import DEFAULT_THRESHOLD, health_report


class HealthQuerySerializer(serializers.Serializer):
    period = serializers.CharField(help_text="2026, 2026-Q1 or 2026-03")
    as_of = serializers.DateField(required=False, help_text="YYYY-MM-DD (default: today)")
    threshold = serializers.FloatField(
        required=False, min_value=0, max_value=1, default=DEFAULT_THRESHOLD
    )

    def validate_period(self, value: str) -> str:
        try:
            return Period.parse(value).text
        except PeriodError as exc:
            raise serializers.ValidationError(str(exc)) from exc


class HealthView(APIView):
    """The channel-health report for the partners the caller may see."""

    permission_classes = [RulePermission]

    @extend_schema(
        parameters=[
            OpenApiParameter("period", OpenApiTypes.STR, required=True),
            OpenApiParameter("as_of", OpenApiTypes.DATE),
            OpenApiParameter("threshold", OpenApiTypes.FLOAT),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        query = HealthQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        # The partners are those of the request's scope: a partner user sees only their own.
        return Response(
            health_report(
                period=query.validated_data["period"],
                as_of=query.validated_data.get("as_of"),
                threshold=query.validated_data["threshold"],
            )
        )
