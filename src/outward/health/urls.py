from django.urls import path

from outward.health import views

app_name = "health"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("trend/", views.trend, name="trend"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("scorecards/", views.scorecards, name="scorecards"),
    path("scorecard/<str:partner_id>/", views.scorecard, name="scorecard"),
]
