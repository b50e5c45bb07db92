from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "outward.health"
    label = "health"
