from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from citybridge.accounts.history import ActingCommand
from citybridge.network.actions import HubError, add_hub
from citybridge.network.commands import add_language_option, speaking


class Command(ActingCommand):
    help = "Manage hubs: `citybridge hub add SLUG --name NAME --countries CC,CC`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Add a hub with its jurisdictions.")
        add.add_argument("slug")
        add.add_argument("--name", required=True)
        add.add_argument("--countries", required=True, help="ISO 3166 codes separated by commas.")
        add_language_option(add)

    def handle(self, *args, **options) -> None:
        with speaking(options):
            try:
                hub = add_hub(
                    options["slug"],
                    options["name"],
                    options["countries"].split(","),
                    acting_user=self.acting_user,
                )
            except HubError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(
                _("Added hub %(slug)s (%(countries)s).")
                % {"slug": hub.slug, "countries": ", ".join(hub.country_codes())}
            )
