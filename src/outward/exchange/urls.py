from django.urls import path

from outward.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("export/<str:kind>.<str:fmt>", views.export, name="export"),
]
