from django.urls import path

from outward.health.views import dashboard, exports, scorecards

app_name = "health"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("partners/", dashboard.partners, name="partners"),
    path("trend/", dashboard.trend, name="trend"),
    path("export.csv", exports.export_csv, name="export_csv"),
    path("export.xlsx", exports.export_xlsx, name="export_xlsx"),
    path("scorecards/", scorecards.scorecards, name="scorecards"),
    path("scorecard/<str:partner_id>/", scorecards.scorecard, name="scorecard"),
]
