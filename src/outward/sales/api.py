"""`/api/v1/accounts/` and `/api/v1/deals/`, with the import's columns."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from outward.core.api import choice_param, date_param, period_param
from outward.core.permissions import RulePermission
from outward.exchange.api import ImportedRecordViewSet
from outward.sales.imports import AccountImporter, DealImporter
from outward.sales.models import Account, Deal, Stage


class AccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = list(AccountImporter.column_names())


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
    permission_classes = [RulePermission.writes("sales.write_accounts")]

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
        fields = list(DealImporter.column_names())


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
    permission_classes = [RulePermission.writes("sales.write_deals", delete="sales.delete_deals")]

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
