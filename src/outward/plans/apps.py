from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "outward.plans"
    label = "plans"
    verbose_name = "Joint business plans"
