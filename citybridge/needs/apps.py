from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "citybridge.needs"
    label = "needs"
