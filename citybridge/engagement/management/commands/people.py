"""`citybridge people links --format csv`: which person each attendance row resolved to.
`citybridge people pseudonymise --older-than DAYS`: retention of attendance identifiers."""

import csv
import datetime as dt
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from citybridge.accounts.access_log import log_access
from citybridge.accounts.models import AccessLog
from citybridge.engagement.models import Attendance

COMMAND_DETAIL = "people links (command line)"


class Command(BaseCommand):
    help = "People and their resolution: `people links` prints source,row,person for every row."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        links = sub.add_parser("links")
        links.add_argument("--format", choices=["csv"], default="csv")
        links.add_argument("--hub", help="Only this hub's rows (default: all).")
        old = sub.add_parser("pseudonymise")
        old.add_argument(
            "--older-than",
            type=int,
            default=settings.RETENTION_DAYS,
            metavar="DAYS",
            help="Rows of engagements that started more than DAYS ago (default: "
            "CITYBRIDGE_RETENTION_DAYS).",
        )

    def handle(self, *args, **options) -> None:
        if options["action"] == "pseudonymise":
            from citybridge.engagement.retention import pseudonymise_attendance

            before = dt.date.today() - dt.timedelta(days=options["older_than"])
            done = pseudonymise_attendance(before, acting_user=None)
            self.stdout.write(
                f"Pseudonymised {done} attendance rows of engagements before {before}."
            )
            return
        rows = Attendance.objects.order_by("source_file", "row_number")
        if options["hub"]:
            rows = rows.filter(engagement__hub__slug=options["hub"])
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["source", "row", "person"])
        per_hub: Counter[int] = Counter()
        for source, row, person, hub_id in rows.values_list(
            "source_file", "row_number", "person_id", "engagement__hub_id"
        ).iterator():
            writer.writerow([source, row, f"P{person}" if person else ""])
            per_hub[hub_id] += 1
        # A person-level export: one access-log row per hub whose rows were printed, so each
        # hub's admins see it in their log.
        for hub_id, count in sorted(per_hub.items()):
            log_access(
                None, AccessLog.Action.EXPORT, hub=hub_id, count=count, detail=COMMAND_DETAIL
            )
