from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "citybridge.practices"
    label = "practices"
