from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "outward.planning"
    label = "planning"
