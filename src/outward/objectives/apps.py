from django.apps import AppConfig


class ObjectivesConfig(AppConfig):
    name = "outward.objectives"
    label = "objectives"
