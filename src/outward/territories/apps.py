from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "outward.territories"
    label = "territories"
