"""`/api/v1/partners/`: the channel's partners, by `partner_id`, with the import's columns."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers

from outward.core.permissions import RulePermission
from outward.exchange.api import ImportedRecordViewSet
from outward.partners.imports import PartnerImporter
from outward.partners.models import Partner


@extend_schema_field(OpenApiTypes.STR)
class DomainsField(serializers.Field):
    """The partner's email domains as in partners.csv: `;`-separated, e.g. `acme.com;acme.de`."""

    def to_representation(self, value) -> str:
        return ";".join(domain.domain for domain in value.all())

    def to_internal_value(self, data) -> str:
        return str(data)


class PartnerSerializer(serializers.ModelSerializer):
    domains = DomainsField(
        required=False, help_text="`;`-separated email domains, e.g. `acme.com;acme.de`"
    )

    class Meta:
        model = Partner
        fields = list(PartnerImporter.column_names())


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("tier", str, description="Only partners of this tier"),
            OpenApiParameter("country", str, description="Only partners in this country"),
            OpenApiParameter("manager_email", str, description="Only this manager's partners"),
        ]
    )
)
class PartnerViewSet(ImportedRecordViewSet):
    """Partners. Partner users see only their own partner and cannot change it."""

    kind = "partners"
    lookup_field = "partner_id"
    serializer_class = PartnerSerializer
    permission_classes = [RulePermission.writes("partners.write")]

    def get_queryset(self):
        return Partner.objects.prefetch_related("domains")

    def filter_queryset(self, queryset):
        params = self.request.query_params
        for name in ("tier", "country", "manager_email"):
            if params.get(name):
                queryset = queryset.filter(**{f"{name}__iexact": params[name]})
        return queryset
