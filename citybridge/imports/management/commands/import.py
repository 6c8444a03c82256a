"""`citybridge import KIND FILE...`: the same import as the upload page, on the command line.

Columns the platform does not know are named and not used, unless placed with
`--column 'Heading=field'` (or remembered from the hub's earlier choices on the page); values no
vocabulary places are kept as written and reported. With `-v 2` it lists how each column of each
file was read, as the preview page shows it.
"""

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from citybridge.accounts.history import ActingCommand
from citybridge.engagement.models import Engagement
from citybridge.imports.reading import (
    CHOICE,
    CHOSEN,
    KNOWN,
    METADATA,
    REMEMBERED,
    Choices,
    SheetRefused,
    heading_key,
)
from citybridge.imports.registry import IMPORTERS, run_import
from citybridge.lib.spreadsheets import SheetError
from citybridge.network.commands import add_language_option, hub_from_option, speaking


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


HOW = {
    KNOWN: gettext_lazy("recognised"),
    CHOSEN: gettext_lazy("your choice"),
    REMEMBERED: gettext_lazy("remembered"),
}


def column_lines(sheets: list[dict[str, Any]]) -> list[str]:
    """How each column of each file was read, a line each, as the preview shows it."""
    lines = []
    for sheet in sheets:
        if sheet.get("target"):
            lines.append(
                _("%(file)s goes to %(target)s:")
                % {"file": sheet["file_name"], "target": sheet["target"]}
            )
        else:
            lines.append(_("%(file)s:") % {"file": sheet["file_name"]})
        for route in sheet.get("routes") or []:
            said = ngettext("%(target)s: %(n)s row", "%(target)s: %(n)s rows", route["rows"])
            lines.append("    " + said % {"target": route["target"], "n": route["rows"]})
        for c in sheet["columns"]:
            if c["field"]:
                said = _("%(heading)s: read as %(field)s (%(how)s)") % {
                    "heading": c["heading"],
                    "field": c["label"],
                    "how": HOW.get(c["how"], c["how"]),
                }
            elif c["how"] == METADATA:
                said = _("%(heading)s: form metadata, %(what)s") % {
                    "heading": c["heading"],
                    "what": c["note"],
                }
            elif c["how"] == CHOICE:
                said = _("%(heading)s: a choice, %(choice)s") % {
                    "heading": c["heading"],
                    "choice": c["note"],
                }
            else:
                said = _("%(heading)s: not used") % {"heading": c["heading"]}
            lines.append("  " + said)
    return lines


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
            # `import attendance FILE -v 2` as well as `import -v 2 attendance FILE`.
            p.add_argument(
                "-v",
                "--verbosity",
                type=int,
                choices=[0, 1, 2, 3],
                default=argparse.SUPPRESS,
                help="2 lists how each column of each file was read.",
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
                if options["verbosity"] >= 2 and isinstance(error, SheetRefused):
                    refused = [
                        {"file_name": s.file_name, "columns": [vars(r) for r in s.reads]}
                        for s in error.sheets
                    ]
                    for line in column_lines(refused):
                        self.stdout.write(line)
                raise CommandError(str(error)) from error
            if options["verbosity"] >= 2:
                for line in column_lines(report.sheets):
                    self.stdout.write(line)
            for note in report.all_notes():
                self.stdout.write(note)
            self.stdout.write(report.summary())
