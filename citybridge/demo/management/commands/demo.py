from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from citybridge.accounts.history import ActingCommand
from citybridge.demo.build import DemoRefused, build_demo, database_is_empty


class Command(ActingCommand):
    help = "Fill an empty database with the Western Balkans demonstration (invented people)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the database already holds data.",
        )

    def handle(self, *args, **options) -> None:
        if options["if_empty"] and not database_is_empty():
            self.stdout.write(_("The database already holds data: demonstration not loaded."))
            return
        try:
            ctx = build_demo()
        except DemoRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "Demonstration loaded: %(cities)s cities, %(engagements)s engagements; sign in as "
                "admin, officer, focal or donor with the password 'demo'."
            )
            % {"cities": len(ctx.cities), "engagements": len(ctx.engagements)}
        )
