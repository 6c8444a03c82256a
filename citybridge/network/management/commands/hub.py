from django.core.management.base import CommandError, CommandParser

from citybridge.accounts.history import ActingCommand
from citybridge.network.actions import HubError, add_hub


class Command(ActingCommand):
    help = "Manage hubs: `citybridge hub add SLUG --name NAME --countries CC,CC`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Add a hub with its jurisdictions.")
        add.add_argument("slug")
        add.add_argument("--name", required=True)
        add.add_argument("--countries", required=True, help="ISO 3166 codes separated by commas.")

    def handle(self, *args, **options) -> None:
        try:
            hub = add_hub(
                options["slug"],
                options["name"],
                options["countries"].split(","),
                acting_user=self.acting_user,
            )
        except HubError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Added hub {hub.slug} ({', '.join(hub.country_codes())}).")
