"""Django's `dumpdata`, logged: a dump holds every hub's personal data, like a backup."""

from django.apps import apps
from django.core.management.commands import dumpdata

from citybridge.accounts.access_log import log_access
from citybridge.accounts.models import AccessLog


class Command(dumpdata.Command):
    def handle(self, *app_labels, **options) -> None:
        super().handle(*app_labels, **options)
        labels = ", ".join(app_labels) or "everything"
        for hub_id in apps.get_model("network", "Hub").objects.values_list("pk", flat=True):
            log_access(None, AccessLog.Action.EXPORT, hub=hub_id, detail=f"dumpdata {labels}"[:100])
