from django.urls import path

from outward.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.targets_page, name="sheet"),
    path("save/", views.targets_save, name="save"),
    path("accept/", views.targets_accept, name="accept"),
    path("download.csv", views.targets_csv, name="csv"),
]
