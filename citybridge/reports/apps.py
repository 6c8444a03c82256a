from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "citybridge.reports"
    label = "reports"
