from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "citybridge.support"
    label = "support"
