"""The versioned REST API under /api/v1/ (see shared/spec/api.md)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from outward.core.api import ApiDocsView
from outward.health.api import HealthView
from outward.objectives.api import CheckInViewSet, ObjectiveViewSet
from outward.partners.api import PartnerViewSet
from outward.sales.api import AccountViewSet, DealViewSet
from outward.targets.api import TargetViewSet
from outward.territories.api import (
    AssignmentList,
    CoverageView,
    PartnerTerritoryDetail,
    PartnerTerritoryViewSet,
    TerritoryViewSet,
)

router = DefaultRouter(trailing_slash=True)
router.register("partners", PartnerViewSet, basename="partner")
router.register("accounts", AccountViewSet, basename="account")
router.register("deals", DealViewSet, basename="deal")
router.register("targets", TargetViewSet, basename="target")
router.register("objectives", ObjectiveViewSet, basename="objective")
router.register("territories", TerritoryViewSet, basename="territory")
router.register("partner-territories", PartnerTerritoryViewSet, basename="partner-territory")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path(
        "objectives/<str:objective_id>/checkins/",
        CheckInViewSet.as_view({"get": "list", "post": "create"}),
        name="objective-checkins",
    ),
    path(
        "partner-territories/<str:partner_id>/<str:territory_id>/",
        PartnerTerritoryDetail.as_view(),
        name="partner-territory-detail",
    ),
    path("territory-assignments/", AssignmentList.as_view(), name="api-territory-assignments"),
    path("territory-coverage/", CoverageView.as_view(), name="api-territory-coverage"),
    path("health/", HealthView.as_view(), name="api-health"),
    # The same report without the slash; left out of the schema so operation ids stay unique.
    path("health", HealthView.as_view(schema=None)),
    *router.urls,
]
