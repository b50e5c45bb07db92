"""`/api/v1/targets/`: the vendor's targets, set by (partner_id, period, metric)."""

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response

from outward.core.api import Pagination, choice_param, filter_partner_and_period
from outward.core.periods import Period
from outward.core.permissions import RulePermission
from outward.exchange.api import import_one, request_row
from outward.targets.imports import TargetImporter
from outward.targets.models import Metric, Target


class TargetSerializer(serializers.ModelSerializer):
    partner_id = serializers.CharField(source="partner.partner_id")
    value = serializers.DecimalField(max_digits=18, decimal_places=4, normalize_output=True)

    class Meta:
        model = Target
        fields = list(TargetImporter.column_names())


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("partner_id", str, description="Only this partner's targets"),
            OpenApiParameter("period", str, description="Only targets for exactly this period"),
            OpenApiParameter("metric", str, enum=Metric.values, description="Only this metric"),
        ]
    ),
    create=extend_schema(
        description="Sets the target for (partner_id, period, metric): 201 when it is new, "
        "200 when it replaced the value of an existing one.",
        responses={200: TargetSerializer, 201: TargetSerializer},
    ),
)
class TargetViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The vendor's targets. Partner users read their own partner's and cannot set any."""

    serializer_class = TargetSerializer
    permission_classes = [RulePermission.writes("targets.set")]
    pagination_class = Pagination

    def get_queryset(self):
        return Target.objects.select_related("partner")

    def filter_queryset(self, queryset):
        params = self.request.query_params
        queryset = filter_partner_and_period(queryset, params)
        metric = choice_param(params, "metric", Metric.values)
        if metric:
            queryset = queryset.filter(metric=metric)
        return queryset

    def create(self, request, *args, **kwargs):
        row = request_row(request.data)
        existing = self._find(row)
        import_one(kind="targets", row=row, user=request.user)
        stored = self._find(row)
        if stored is None:
            raise exceptions.NotFound()
        code = status.HTTP_200_OK if existing else status.HTTP_201_CREATED
        return Response(self.get_serializer(stored).data, status=code)

    def _find(self, row: dict[str, str]) -> Target | None:
        try:
            period = Period.parse(row.get("period", ""))
        except ValueError:
            return None
        return (
            self.get_queryset()
            .filter(
                Q(partner__partner_id=row.get("partner_id", "")),
                first_month=period.first,
                last_month=period.last,
                metric=row.get("metric", ""),
            )
            .first()
        )
