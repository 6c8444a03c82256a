from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "citybridge.calendars"
    label = "calendars"
