from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ExchangeConfig(AppConfig):
    name = "outward.exchange"
    label = "exchange"

    def ready(self) -> None:
        # Each area declares its kinds of import file in its `imports` module.
        autodiscover_modules("imports")
