from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "citybridge.matching"
    label = "matching"
