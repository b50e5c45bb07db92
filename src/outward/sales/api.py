"""`/api/v1/accounts/`, `/api/v1/deals/` and `/api/v1/targets/`, with the import's columns."""

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response

from outward.core.api import (
    Pagination,
    PartnerWrites,
    VendorWrites,
    choice_param,
    date_param,
    filter_partner_and_period,
    period_param,
)
from outward.core.periods import Period
from outward.exchange.api import ImportedRecordViewSet, import_one, request_row
from outward.exchange.domain import COLUMNS
from outward.sales.models import Account, Deal, Metric, Stage, Target


class AccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = list(COLUMNS["accounts"])


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("country", str, description="Only accounts in this country"),
            OpenApiParameter("subdivision", str, description="Only this ISO 3166-2 subdivision"),
            OpenApiParameter("industry", str, description="Only this industry"),
        ]
    )
)
class AccountViewSet(ImportedRecordViewSet):
    """End customers. Partner users see the accounts their deals are on, read-only."""

    kind = "accounts"
    lookup_field = "account_id"
    serializer_class = AccountSerializer
    permission_classes = [VendorWrites]

    def get_queryset(self):
        return Account.objects.all()

    def filter_queryset(self, queryset):
        params = self.request.query_params
        for name in ("country", "subdivision", "industry"):
            if params.get(name):
                queryset = queryset.filter(**{f"{name}__iexact": params[name]})
        return queryset


class DealSerializer(serializers.ModelSerializer):
    partner_id = serializers.CharField(source="partner.partner_id")
    account_id = serializers.CharField(source="account.account_id", allow_null=True, required=False)

    class Meta:
        model = Deal
        fields = list(COLUMNS["deals"])


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("partner_id", str, description="Only this partner's deals"),
            OpenApiParameter("account_id", str, description="Only deals on this account"),
            OpenApiParameter("stage", str, enum=Stage.values, description="Only this stage"),
            OpenApiParameter("period", str, description="Closing in this period, e.g. 2026-Q1"),
            OpenApiParameter("closed_from", str, description="Closing on or after this date"),
            OpenApiParameter("closed_to", str, description="Closing on or before this date"),
            OpenApiParameter("product_line", str, description="Only this product line"),
        ]
    )
)
class DealViewSet(ImportedRecordViewSet):
    """Partners' deals. Partner users see and write their own partner's deals."""

    kind = "deals"
    lookup_field = "deal_id"
    serializer_class = DealSerializer
    permission_classes = [PartnerWrites]

    def get_queryset(self):
        return Deal.objects.select_related("partner", "account")

    def filter_queryset(self, queryset):
        params = self.request.query_params
        if params.get("partner_id"):
            queryset = queryset.filter(partner__partner_id=params["partner_id"])
        if params.get("account_id"):
            queryset = queryset.filter(account__account_id=params["account_id"])
        if params.get("product_line"):
            queryset = queryset.filter(product_line__iexact=params["product_line"])
        stage = choice_param(params, "stage", Stage.values)
        if stage:
            queryset = queryset.filter(stage=stage)
        period = period_param(params)
        if period:
            queryset = queryset.filter(close_date__range=(period.start, period.end))
        closed_from, closed_to = date_param(params, "closed_from"), date_param(params, "closed_to")
        if closed_from:
            queryset = queryset.filter(close_date__gte=closed_from)
        if closed_to:
            queryset = queryset.filter(close_date__lte=closed_to)
        return queryset


class TargetSerializer(serializers.ModelSerializer):
    partner_id = serializers.CharField(source="partner.partner_id")
    value = serializers.DecimalField(max_digits=18, decimal_places=4, normalize_output=True)

    class Meta:
        model = Target
        fields = list(COLUMNS["targets"])


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
    permission_classes = [VendorWrites]
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
