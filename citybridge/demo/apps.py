from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The Western Balkans demonstration and its `citybridge demo` command; no models."""

    name = "citybridge.demo"
    label = "demo"
