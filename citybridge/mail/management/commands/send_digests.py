"""`citybridge send_digests`: this week's digest to every officer and focal point who wants one
(mail.actions.send_digests). Run it on Monday mornings; running it again in the same week sends
nothing twice, so a scheduler may call it as often as it likes (`call_command("send_digests")`).
A digest the server refused is tried again by the next run."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from citybridge.mail.actions import send_digests
from citybridge.network.commands import add_language_option, speaking


class Command(BaseCommand):
    help = "Send this week's e-mail digest to every officer and focal point who wants one."

    def add_arguments(self, parser: CommandParser) -> None:
        add_language_option(parser)

    def handle(self, *args, **options) -> None:
        if not settings.EMAIL_CONFIGURED:
            with speaking(options):
                self.stderr.write(_("E-mail is not set up (CITYBRIDGE_SMTP_HOST): no digest sent."))
            return
        o = send_digests()
        # Counts only, as a log line: the output may land in a log and never names anyone.
        self.stdout.write(
            f"digests sent={o.sent} already_sent={o.already_sent} "
            f"nothing_to_report={o.nothing_to_report} switched_off={o.switched_off} "
            f"no_address={o.no_address} failed={o.failed}"
        )
