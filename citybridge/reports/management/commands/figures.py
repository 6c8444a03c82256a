import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from citybridge.network.commands import add_language_option, hub_from_option, speaking
from citybridge.reports.figures import DEFINITION_VERSION, key_figures


def date_option(text: str | None, name: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("%(option)s must be a date written YYYY-MM-DD, not '%(value)s'.")
            % {"option": name, "value": text}
        ) from None


class Command(BaseCommand):
    help = "Print a hub's key figures for a period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hub")
        parser.add_argument("--from", dest="start")
        parser.add_argument("--to", dest="end")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        add_language_option(parser)

    def handle(self, *args, **options) -> None:
        hub = hub_from_option(options["hub"])
        with speaking(options, hub):
            start = date_option(options["start"], "--from")
            end = date_option(options["end"], "--to") or timezone.localdate()
            figures = key_figures(hub, start, end)
            if options["format"] == "json":
                payload = {f.key: f.value for f in figures} | {
                    "hub": hub.slug,
                    "from": start.isoformat() if start else None,
                    "to": end.isoformat(),
                    "definition_version": DEFINITION_VERSION,
                }
                self.stdout.write(json.dumps(payload, indent=1))
            else:
                for f in figures:
                    self.stdout.write(f"{f.value:>6}  {f.label}")
