from django.urls import path

from outward.health import views

app_name = "health"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
