from django.urls import path

from outward.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("new/partners/", views.partner_search, name="partner_search"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/propose/", views.plan_propose, name="propose"),
    path("<int:plan_id>/sign/", views.plan_sign, name="sign"),
    path("<int:plan_id>/close/", views.plan_close, name="close"),
    path("<int:plan_id>/notes/", views.plan_notes, name="notes"),
    path("<int:plan_id>/objectives/", views.plan_objectives, name="objectives"),
    path("<int:plan_id>/actions/", views.action_add, name="action_add"),
    path("<int:plan_id>/actions/<int:action_id>/", views.action_edit, name="action_edit"),
    path(
        "<int:plan_id>/actions/<int:action_id>/status/",
        views.action_status,
        name="action_status",
    ),
    path("<int:plan_id>/revisions/<int:number>/", views.revision_detail, name="revision"),
]
