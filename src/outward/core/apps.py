from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "outward.core"
    label = "core"
    verbose_name = "Core"
