"""The admins' user pages, under /users/."""

from django.urls import path

from outward.partners import user_views as views

app_name = "users"
urlpatterns = [
    path("", views.user_list, name="list"),
    path("new/", views.user_create, name="create"),
    path("partners/", views.partner_search, name="partner_search"),
    path("<int:user_id>/", views.user_detail, name="detail"),
    path("<int:user_id>/invite/", views.user_invite, name="invite"),
    path("<int:user_id>/deactivate/", views.user_deactivate, name="deactivate"),
    path("<int:user_id>/reactivate/", views.user_reactivate, name="reactivate"),
    path("<int:user_id>/delete/", views.user_delete, name="delete"),
]
