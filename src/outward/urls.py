from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from outward.core import views as core_views
from outward.core.login import PasswordResetConfirmView, PasswordResetView

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", core_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("partners/", include("outward.partners.urls")),
    path("users/", include("outward.partners.user_urls")),
    path("health/", include("outward.health.urls")),
    path("import/", include("outward.exchange.urls")),
    path("objectives/", include("outward.objectives.urls")),
    path("targets/", include("outward.targets.urls")),
    path("territories/", include("outward.territories.urls")),
    path("plans/", include("outward.plans.urls")),
    path("events/", include("outward.events.urls")),
    path("tasks/", include("outward.core.urls")),
    path("api/v1/", include("outward.api_urls")),
    path("admin/", admin.site.urls),
]
