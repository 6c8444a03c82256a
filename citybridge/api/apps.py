from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "citybridge.api"
    label = "api"
