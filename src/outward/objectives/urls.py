from django.urls import path

from outward.objectives import views

app_name = "objectives"
urlpatterns = [
    path("", views.index, name="index"),
    path("partner/<str:partner_id>/", views.partner_objectives, name="partner_objectives"),
    path("partner/<str:partner_id>/new/", views.objective_create, name="objective_create"),
    path("<str:objective_id>/", views.objective_detail, name="objective"),
    path("<str:objective_id>/edit/", views.objective_edit, name="objective_edit"),
    path("<str:objective_id>/checkins/", views.checkin_add, name="checkin_add"),
]
