from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "outward.targets"
    label = "targets"
