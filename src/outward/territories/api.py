"""`/api/v1/territories/`, `/api/v1/partner-territories/` with the import's columns, and the
read-only `/api/v1/territory-assignments/` and `/api/v1/territory-coverage/`.

Writes go through the importers (validated exactly as a file) and then re-assign only the
accounts the change may move; the answer's `Outward-Accounts-Moved` header says how many moved.
A partner user sees the territories its partner covers (and those below), and its own links.
"""

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, generics, mixins, serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from outward.core.api import Pagination
from outward.core.errors import InputError
from outward.core.permissions import RulePermission
from outward.core.tenancy import current_partner_scope
from outward.exchange.api import ImportedRecordViewSet, import_one, request_row
from outward.territories.domain.assignment import (
    load_tree,
    reassign_accounts,
    reassign_after_change,
    subtree_pks,
)
from outward.territories.domain.coverage import coverage_document, parse_crowding
from outward.territories.domain.covering import uncover_territory
from outward.territories.imports import PartnerTerritoryImporter, TerritoryImporter
from outward.territories.models import Assignment, PartnerTerritory, Territory

MOVED_HEADER = "Outward-Accounts-Moved"


@extend_schema_field(OpenApiTypes.STR)
class ListAsText(serializers.Field):
    """A list criterion as its import cell: `DE;AT`."""

    def to_representation(self, value):
        return ";".join(value)


class TerritorySerializer(serializers.ModelSerializer):
    parent_id = serializers.CharField(source="parent.territory_id", allow_null=True, default=None)
    countries = ListAsText()
    subdivisions = ListAsText()
    postal_prefixes = ListAsText()
    industries = ListAsText()

    class Meta:
        model = Territory
        fields = list(TerritoryImporter.column_names())


def visible_territories():
    """The territories of the caller's scope: all for vendor staff; for a partner user, those
    its partner covers and everything below them."""
    territories = Territory.objects.select_related("parent")
    if current_partner_scope() is None:
        return territories
    tree, covered = load_tree(), set()
    for key in PartnerTerritory.objects.values_list("territory__territory_id", flat=True):
        covered |= {tree.pk_of[below] for below in tree.subtree(key)}
    return territories.filter(pk__in=covered)


class TerritoryViewSet(ImportedRecordViewSet):
    """The territory tree; vendor staff write it, and each write re-assigns what it concerns."""

    kind = "territories"
    lookup_field = "territory_id"
    serializer_class = TerritorySerializer
    permission_classes = [RulePermission.writes("territories.edit")]

    def get_queryset(self):
        return visible_territories()

    def create(self, request, *args, **kwargs):
        with transaction.atomic():
            response = super().create(request, *args, **kwargs)
            moved = reassign_after_change(territory_id=response.data["territory_id"]).moved
        response[MOVED_HEADER] = str(moved)
        return response

    def update(self, request, *args, **kwargs):
        key = self.get_object().territory_id
        with transaction.atomic():
            before = subtree_pks(territory_id=key)
            response = super().update(request, *args, **kwargs)
            moved = reassign_after_change(territory_id=key, before=before).moved
        response[MOVED_HEADER] = str(moved)
        return response

    def destroy(self, request, *args, **kwargs):
        """A territory without children goes; its accounts are assigned again."""
        territory = self.get_object()
        accounts = list(territory.assignments.values_list("account_id", flat=True))
        with transaction.atomic():
            response = super().destroy(request, *args, **kwargs)
            moved = reassign_accounts(account_pks=accounts).moved
        response[MOVED_HEADER] = str(moved)
        return response


def _by_keys(queryset, params, names: tuple[str, ...]):
    """Filtered by the keys given in the query string (`partner_id` → `partner__partner_id`)."""
    for name in names:
        if params.get(name):
            queryset = queryset.filter(**{f"{name.split('_')[0]}__{name}": params[name]})
    return queryset


class PartnerTerritorySerializer(serializers.ModelSerializer):
    partner_id = serializers.CharField(source="partner.partner_id")
    territory_id = serializers.CharField(source="territory.territory_id")

    class Meta:
        model = PartnerTerritory
        fields = list(PartnerTerritoryImporter.column_names())


class PartnerTerritoryViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Which partner covers which territory (and all below it). Filters: partner_id,
    territory_id. Partner users see their own partner's links; vendor staff write them."""

    serializer_class = PartnerTerritorySerializer
    pagination_class = Pagination
    permission_classes = [RulePermission.writes("territories.edit")]

    def get_queryset(self):
        links = PartnerTerritory.objects.select_related("partner", "territory")
        return _by_keys(links, self.request.query_params, ("partner_id", "territory_id"))

    @transaction.atomic
    def create(self, request, *args, **kwargs):
        row = request_row(request.data)
        import_one(kind="partner-territories", row=row, user=request.user)
        link = self.get_queryset().get(
            partner__partner_id=row.get("partner_id"),
            territory__territory_id=row.get("territory_id"),
        )
        return Response(self.get_serializer(link).data, status=201)


class PartnerTerritoryDetail(generics.RetrieveDestroyAPIView):
    """One partner's coverage of one territory: read it, or end it (DELETE)."""

    serializer_class = PartnerTerritorySerializer
    permission_classes = [RulePermission.writes("territories.edit")]

    def get_object(self):
        link = (
            PartnerTerritory.objects.select_related("partner", "territory")
            .filter(
                partner__partner_id=self.kwargs["partner_id"],
                territory__territory_id=self.kwargs["territory_id"],
            )
            .first()
        )
        if link is None:
            raise exceptions.NotFound()
        return link

    def perform_destroy(self, instance):
        uncover_territory(territory=instance.territory, partner=instance.partner)


class AssignmentSerializer(serializers.ModelSerializer):
    account_id = serializers.CharField(source="account.account_id")
    territory_id = serializers.CharField(source="territory.territory_id")

    class Meta:
        model = Assignment
        fields = ["account_id", "territory_id"]


@extend_schema(
    parameters=[
        OpenApiParameter("account_id", str, description="Only this account"),
        OpenApiParameter("territory_id", str, description="Only accounts assigned to it"),
    ]
)
class AssignmentList(generics.ListAPIView):
    """The stored assignment (`outward territories assign`), by account key; read-only."""

    serializer_class = AssignmentSerializer
    pagination_class = Pagination
    permission_classes = [RulePermission]

    def get_queryset(self):
        assignments = Assignment.objects.select_related("account", "territory")
        assignments = assignments.order_by("account__account_id")
        return _by_keys(assignments, self.request.query_params, ("account_id", "territory_id"))


class CoverageView(APIView):
    """The coverage report's JSON (spec/territories.md); `crowded` with a threshold."""

    permission_classes = [RulePermission]

    @extend_schema(
        parameters=[
            OpenApiParameter("crowded_above", OpenApiTypes.INT),
            OpenApiParameter("crowded_per_1000", OpenApiTypes.FLOAT),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        params = request.query_params
        try:
            crowding = parse_crowding(
                partners=params.get("crowded_above"), per_thousand=params.get("crowded_per_1000")
            )
        except InputError as exc:
            raise exceptions.ValidationError({"crowded_above": [str(exc)]}) from exc
        return Response(coverage_document(crowding=crowding))
