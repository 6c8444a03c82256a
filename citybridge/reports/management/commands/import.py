"""`citybridge import members|engagements|attendance|practices FILE...`: thin over the importers."""

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from citybridge.accounts.history import ActingCommand
from citybridge.engagement.imports import import_attendance, import_engagements
from citybridge.engagement.models import Engagement
from citybridge.lib.importing import ImportReport
from citybridge.lib.spreadsheets import SheetError
from citybridge.network.commands import add_language_option, speaking
from citybridge.network.imports import import_members
from citybridge.practices.imports import import_practices
from citybridge.reports.management.commands.figures import hub_from_option


def read(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise CommandError(_("No file at %(path)s.") % {"path": path})
    return file.read_bytes()


# The kinds read from one file, each by its app's importer (attendance takes several sheets).
ONE_FILE_IMPORTS: dict[str, Callable[..., ImportReport]] = {
    "members": import_members,
    "engagements": import_engagements,
    "practices": import_practices,
}


class Command(ActingCommand):
    help = "Import members, engagements or attendance sheets (CSV or XLSX), all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        for kind in ("members", "engagements", "practices"):
            p = sub.add_parser(kind)
            p.add_argument("file")
            p.add_argument("--hub")
            p.add_argument("--dry-run", action="store_true")
            add_language_option(p)
        p = sub.add_parser("attendance")
        p.add_argument("files", nargs="+")
        p.add_argument("--engagement", help="The engagement's key; default: each file's stem.")
        p.add_argument("--hub")
        p.add_argument("--dry-run", action="store_true")
        add_language_option(p)

    def handle(self, *args, **options) -> None:
        hub = hub_from_option(options["hub"])
        with speaking(options, hub):
            kind, dry_run = options["kind"], options["dry_run"]
            try:
                if kind in ONE_FILE_IMPORTS:
                    report = ONE_FILE_IMPORTS[kind](
                        read(options["file"]),
                        Path(options["file"]).name,
                        hub=hub,
                        dry_run=dry_run,
                        acting_user=self.acting_user,
                    )
                else:
                    engagement = None
                    if options["engagement"]:
                        engagement = Engagement.objects.filter(
                            hub=hub, key=options["engagement"]
                        ).first()
                        if engagement is None:
                            raise CommandError(
                                _("No engagement with the key '%(key)s' in %(hub)s.")
                                % {"key": options["engagement"], "hub": hub.slug}
                            )
                    files = [(Path(f).name, read(f)) for f in options["files"]]
                    report = import_attendance(
                        files,
                        hub=hub,
                        engagement=engagement,
                        dry_run=dry_run,
                        acting_user=self.acting_user,
                    )
            except SheetError as error:
                raise CommandError(str(error)) from error
            for note in report.all_notes():
                self.stdout.write(note)
            self.stdout.write(report.summary())
