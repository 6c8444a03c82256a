from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from citybridge.network.commands import hub_from_option
from citybridge.network.models import Funder
from citybridge.reports.briefs.assemble import assemble_brief
from citybridge.reports.briefs.render import FORMATS, render_as
from citybridge.reports.briefs.words import LANGUAGES, normalise
from citybridge.reports.management.commands.figures import date_option


class Command(BaseCommand):
    help = "Write a hub's impact brief for a period as HTML, PDF or DOCX, from the records."
    # Only reads the records and writes one file: the system checks (half a second, a sixth of
    # the brief's time budget) belong to migrate and runserver.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hub")
        parser.add_argument("--from", dest="start", required=True)
        parser.add_argument("--to", dest="end", required=True)
        parser.add_argument("--funder", help="The funder's name, as recorded.")
        parser.add_argument("--lang", default="en", help=", ".join(LANGUAGES))
        parser.add_argument("--format", choices=sorted(FORMATS), required=True)
        parser.add_argument("--out", required=True, help="The file to write.")

    def handle(self, *args, **options) -> None:
        try:
            lang = normalise(options["lang"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        with translation.override(lang):  # the command's own words in the brief's language
            self.write_brief(lang, options)

    def write_brief(self, lang: str, options: dict) -> None:
        hub = hub_from_option(options["hub"])
        start = date_option(options["start"], "--from")
        end = date_option(options["end"], "--to")
        if start is None or end is None or end < start:
            raise CommandError(_("--to must be on or after --from."))
        funder = None
        if options["funder"]:
            funder = Funder.objects.filter(name__iexact=options["funder"]).first()
            if funder is None:
                known = "; ".join(Funder.objects.values_list("name", flat=True))
                raise CommandError(
                    _("No funder '%(funder)s'. Known funders: %(known)s.")
                    % {"funder": options["funder"], "known": known}
                )
        brief = assemble_brief(hub, start, end, funder=funder, lang=lang)
        out = Path(options["out"])
        out.write_bytes(render_as(brief, options["format"]))
        figures = ", ".join(f"{f.value} {f.key}" for f in brief.figures)
        self.stdout.write(
            _("Wrote %(file)s (%(size)s bytes): %(figures)s.")
            % {"file": out, "size": f"{out.stat().st_size:,}", "figures": figures}
        )
