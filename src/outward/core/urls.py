from django.urls import path

from outward.core import views

app_name = "core"
urlpatterns = [
    path("<int:task_id>/", views.task_progress, name="task_progress"),
]
