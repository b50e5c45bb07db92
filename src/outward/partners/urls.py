from django.urls import path

from outward.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.partner_list, name="list"),
    path("<str:partner_id>/", views.partner_detail, name="detail"),
]
