from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "outward.demo"
    verbose_name = "Demo data"
