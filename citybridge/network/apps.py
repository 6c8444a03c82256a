from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "citybridge.network"
    label = "network"
