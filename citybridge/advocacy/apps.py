from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "citybridge.advocacy"
    label = "advocacy"
