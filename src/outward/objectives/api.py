"""`/api/v1/objectives/` and `/api/v1/objectives/{objective_id}/checkins/`, as imported."""

import datetime as dt

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response

from outward.core.api import (
    Pagination,
    choice_param,
    date_param,
    filter_partner_and_period,
)
from outward.core.permissions import RulePermission
from outward.exchange.api import ImportedRecordViewSet, import_one, request_row
from outward.objectives.domain.evaluation import (
    IN_PROGRESS,
    MET,
    MISSED,
    NO_DATA,
    evaluate,
    evaluation_json,
)
from outward.objectives.imports import CheckInImporter, ObjectiveImporter
from outward.objectives.models import CheckIn, Objective, Source

AS_OF = OpenApiParameter(
    "as_of", OpenApiTypes.DATE, description="Evaluate status, value and progress as of this day"
)
OBJECTIVE_WRITES = RulePermission.writes("objectives.write", delete="objectives.delete")
DECIMAL = {"max_digits": 18, "decimal_places": 4, "normalize_output": True}


EVALUATION_FIELDS = ("status", "value", "progress")


class ObjectiveSerializer(serializers.ModelSerializer):
    """The import's columns, then the evaluation of shared/spec/health.md (read-only).

    The view evaluates the objectives it answers with (`evaluation` on each, in one query).
    """

    partner_id = serializers.CharField(source="partner.partner_id")
    baseline = serializers.DecimalField(**DECIMAL, allow_null=True, required=False)
    target = serializers.DecimalField(**DECIMAL)
    weight = serializers.DecimalField(
        max_digits=10, decimal_places=4, normalize_output=True, required=False
    )
    status = serializers.ChoiceField(
        choices=[MET, MISSED, NO_DATA, IN_PROGRESS],
        read_only=True,
        help_text="As shared/spec/health.md evaluates it, as of today or `?as_of=`",
    )
    value = serializers.FloatField(read_only=True, allow_null=True)
    progress = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = Objective
        fields = [*ObjectiveImporter.column_names(), *EVALUATION_FIELDS]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        return data | evaluation_json(instance.evaluation)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("partner_id", str, description="Only this partner's objectives"),
            OpenApiParameter("period", str, description="Only objectives for exactly this period"),
            OpenApiParameter("source", str, enum=Source.values, description="Only this source"),
            AS_OF,
        ]
    ),
    retrieve=extend_schema(parameters=[AS_OF]),
)
class ObjectiveViewSet(ImportedRecordViewSet):
    """The partners' own objectives. Partner users see and write their own partner's."""

    kind = "objectives"
    lookup_field = "objective_id"
    serializer_class = ObjectiveSerializer
    permission_classes = [OBJECTIVE_WRITES]
    derived_fields = EVALUATION_FIELDS

    def get_serializer(self, *args, **kwargs):
        """Evaluate the objectives answered with, all in one query, as of today or `?as_of=`."""
        instance = args[0] if args else kwargs.get("instance")
        if instance is not None:
            objectives = instance if isinstance(instance, list | tuple) else [instance]
            as_of = date_param(self.request.query_params, "as_of") or timezone.localdate()
            pks = [objective.pk for objective in objectives]
            evaluated = {
                e.pk: e for e in evaluate(Objective.objects.filter(pk__in=pks), as_of=as_of)
            }
            for objective in objectives:
                objective.evaluation = evaluated[objective.pk]
        return super().get_serializer(*args, **kwargs)

    def get_queryset(self):
        return Objective.objects.select_related("partner")

    def filter_queryset(self, queryset):
        params = self.request.query_params
        queryset = filter_partner_and_period(queryset, params)
        source = choice_param(params, "source", Source.values)
        if source:
            queryset = queryset.filter(source=source)
        return queryset


class CheckInSerializer(serializers.ModelSerializer):
    objective_id = serializers.CharField(source="objective.objective_id", required=False)
    value = serializers.DecimalField(**DECIMAL)

    class Meta:
        model = CheckIn
        fields = list(CheckInImporter.column_names())


OBJECTIVE_KEY = OpenApiParameter(
    "objective_id", str, OpenApiParameter.PATH, description="The objective's key"
)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OBJECTIVE_KEY,
            OpenApiParameter("date_from", str, description="Check-ins on or after this date"),
            OpenApiParameter("date_to", str, description="Check-ins on or before this date"),
        ]
    ),
    create=extend_schema(
        parameters=[OBJECTIVE_KEY],
        description="Records the objective's value as of a date: 201 when the date is new, "
        "200 when it replaced that date's check-in. `objective_id` comes from the URL.",
        responses={200: CheckInSerializer, 201: CheckInSerializer},
    ),
)
class CheckInViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """An objective's dated check-ins, oldest first."""

    serializer_class = CheckInSerializer
    permission_classes = [OBJECTIVE_WRITES]
    pagination_class = Pagination

    def objective(self) -> Objective:
        objective = Objective.objects.filter(objective_id=self.kwargs["objective_id"]).first()
        if objective is None:
            raise exceptions.NotFound()
        return objective

    def get_queryset(self):
        return CheckIn.objects.select_related("objective").filter(
            objective__objective_id=self.kwargs.get("objective_id")
        )

    def list(self, request, *args, **kwargs):
        self.objective()  # an unknown objective is a 404, not an empty list
        return super().list(request, *args, **kwargs)

    def filter_queryset(self, queryset):
        params = self.request.query_params
        date_from, date_to = date_param(params, "date_from"), date_param(params, "date_to")
        if date_from:
            queryset = queryset.filter(date__gte=date_from)
        if date_to:
            queryset = queryset.filter(date__lte=date_to)
        return queryset

    def create(self, request, *args, **kwargs):
        objective = self.objective()
        row = request_row(request.data)
        if row.get("objective_id", objective.objective_id) != objective.objective_id:
            raise exceptions.ValidationError(
                {"objective_id": [f"the objective is {objective.objective_id} (from the URL)"]}
            )
        row["objective_id"] = objective.objective_id
        existed = bool(row.get("date")) and self._exists(row["date"])
        import_one(kind="checkins", row=row, user=request.user)
        stored = self.get_queryset().filter(date=row["date"]).first()
        if stored is None:
            raise exceptions.NotFound()
        code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        return Response(self.get_serializer(stored).data, status=code)

    def _exists(self, date: str) -> bool:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:  # the importer reports the malformed date
            return False
        return self.get_queryset().filter(date=day).exists()
