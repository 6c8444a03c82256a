from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "citybridge.imports"
    label = "imports"

    def ready(self) -> None:
        # Each module registers its importer (@importer); this order is the upload form's.
        from citybridge.imports import attendance, engagements, members, practices  # noqa: F401
