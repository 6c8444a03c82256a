from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "citybridge.engagement"
    label = "engagement"
