from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "outward.events"
    label = "events"
    verbose_name = "Partner conferences"
