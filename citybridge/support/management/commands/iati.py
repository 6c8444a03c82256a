"""`citybridge iati [--hub SLUG] [--out PATH]`: the hub's support actions as an IATI 2.03
activity file (support.iati), to standard output or a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import ngettext

from citybridge.network.commands import add_language_option, hub_from_option, speaking
from citybridge.support.iati import iati_activities
from citybridge.support.models import SupportAction


class Command(BaseCommand):
    help = "Write a hub's support actions as an IATI activity file (IATI Standard 2.03)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hub")
        parser.add_argument("--out", help="The file to write (default: standard output).")
        add_language_option(parser)

    def handle(self, *args, **options) -> None:
        hub = hub_from_option(options["hub"])
        with speaking(options, hub):
            xml = iati_activities(hub, SupportAction.objects.all())
            if not options["out"]:
                self.stdout.write(xml.decode(), ending="")
                return
            Path(options["out"]).write_bytes(xml)
            count = xml.count(b"<iati-activity ")
            self.stderr.write(
                ngettext(
                    "%(count)s support action written to %(path)s.",
                    "%(count)s support actions written to %(path)s.",
                    count,
                )
                % {"count": count, "path": options["out"]}
            )
