from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "citybridge.jobs"
    label = "jobs"
