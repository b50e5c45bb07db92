from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "outward.exchange"
    label = "exchange"
