from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "outward.partners"
    label = "partners"
