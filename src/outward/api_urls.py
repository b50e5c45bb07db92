"""The versioned REST API under /api/v1/ (see shared/spec/api.md)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from outward.health.api import HealthView

router = DefaultRouter(trailing_slash=True)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("health/", HealthView.as_view(), name="api-health"),
    path("health", HealthView.as_view()),
    *router.urls,
]
