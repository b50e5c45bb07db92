from django.urls import path

from outward.planning.views import objectives, targets

app_name = "planning"
urlpatterns = [
    path("", objectives.index, name="index"),
    path("targets/", targets.targets_page, name="targets"),
    path("targets/save/", targets.targets_save, name="targets_save"),
    path("targets/download.csv", targets.targets_csv, name="targets_csv"),
    path("partner/<str:partner_id>/", objectives.partner_objectives, name="partner_objectives"),
    path("partner/<str:partner_id>/new/", objectives.objective_create, name="objective_create"),
    path("<str:objective_id>/", objectives.objective_detail, name="objective"),
    path("<str:objective_id>/edit/", objectives.objective_edit, name="objective_edit"),
    path("<str:objective_id>/checkins/", objectives.checkin_add, name="checkin_add"),
]
