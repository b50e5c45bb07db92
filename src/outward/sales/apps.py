from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "outward.sales"
    label = "sales"
