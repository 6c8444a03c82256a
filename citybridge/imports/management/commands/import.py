"""`citybridge import KIND FILE...`: the same import as the upload page, on the command line.

Columns the platform does not know are named and not used, unless placed with
`--column 'Heading=field'` (or remembered from the hub's earlier choices on the page); values no
vocabulary places are kept as written and reported.
"""

from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from citybridge.accounts.history import ActingCommand
from citybridge.engagement.models import Engagement
from citybridge.imports.reading import Choices, heading_key
from citybridge.imports.registry import IMPORTERS, run_import
from citybridge.lib.spreadsheets import SheetError
from citybridge.network.commands import add_language_option, speaking
from citybridge.reports.management.commands.figures import hub_from_option


def read(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise CommandError(_("No file at %(path)s.") % {"path": path})
    return file.read_bytes()


def column_choices(kind: str, written: list[str]) -> dict[str, str]:
    """{heading key: field} from --column 'Heading=field' ('Heading=' for not used)."""
    fields = {f.name for f in IMPORTERS[kind].spec.fields}
    chosen = {}
    for text in written:
        heading, sep, field = text.rpartition("=")
        field = field.strip()
        if not sep or not heading.strip() or (field and field not in fields):
            raise CommandError(
                _("--column takes 'Heading=field' with a field among: %(fields)s.")
                % {"fields": ", ".join(sorted(fields))}
            )
        chosen[heading_key(heading)] = field
    return chosen


class Command(ActingCommand):
    help = "Import files of one kind (CSV, XLSX, XLS or ODS) into a hub, all or nothing."
    # Django's system checks (every URL pattern and model imported and inspected) cost half a
    # CPU second a run, a tenth of a 20,000-row import: `migrate` and `check` run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        for kind, found in IMPORTERS.items():
            p = sub.add_parser(kind)
            p.add_argument("files", nargs="+" if found.many_files else 1, metavar="file")
            if kind == "attendance":
                p.add_argument(
                    "--engagement", help="The engagement's key; default: each file's stem."
                )
            p.add_argument("--hub")
            p.add_argument("--dry-run", action="store_true")
            p.add_argument(
                "--column",
                action="append",
                default=[],
                metavar="HEADING=FIELD",
                help="Read the column with this heading as this field ('HEADING=' for not used).",
            )
            add_language_option(p)

    def handle(self, *args, **options) -> None:
        hub = hub_from_option(options["hub"])
        kind = options["kind"]
        with speaking(options, hub):
            engagement = None
            if options.get("engagement"):
                engagement = Engagement.objects.filter(hub=hub, key=options["engagement"]).first()
                if engagement is None:
                    raise CommandError(
                        _("No engagement with the key '%(key)s' in %(hub)s.")
                        % {"key": options["engagement"], "hub": hub.slug}
                    )
            files = [(Path(f).name, read(f)) for f in options["files"]]
            try:
                report = run_import(
                    kind,
                    files,
                    hub=hub,
                    engagement=engagement,
                    dry_run=options["dry_run"],
                    acting_user=self.acting_user,
                    choices=Choices(chosen=column_choices(kind, options["column"])),
                )
            except SheetError as error:
                raise CommandError(str(error)) from error
            for note in report.all_notes():
                self.stdout.write(note)
            self.stdout.write(report.summary())
