from django.apps import AppConfig


class CheckinConfig(AppConfig):
    name = "citybridge.checkin"
    label = "checkin"
