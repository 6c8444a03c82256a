"""`citybridge people links --format csv`: which person each attendance row resolved to.
`citybridge people resolve [--hub SLUG]`: resolve a hub's stored rows to people again (as an
import or an officer's decision does), e.g. to time the resolution step on its own.
`citybridge people pseudonymise --older-than DAYS`: retention of attendance identifiers."""

import datetime as dt
from collections import Counter, defaultdict

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from citybridge.accounts.access_log import log_access
from citybridge.accounts.history import ActingCommand
from citybridge.accounts.models import AccessLog
from citybridge.engagement.models import Attendance
from citybridge.engagement.resolution import resolve_hub
from citybridge.engagement.retention import pseudonymise_attendance
from citybridge.lib.exports import csv_writer
from citybridge.network.models import Hub

COMMAND_DETAIL = "people links (command line)"


class Command(ActingCommand):
    help = "People and their resolution: `people links` prints source,row,person for every row."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        links = sub.add_parser("links")
        links.add_argument("--format", choices=["csv"], default="csv")
        links.add_argument("--hub", help="Only this hub's rows (default: all).")
        again = sub.add_parser("resolve")
        again.add_argument("--hub", help="Only this hub (default: every hub).")
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
        if options["action"] == "resolve":
            self.resolve(options["hub"])
            return
        if options["action"] == "pseudonymise":
            before = timezone.localdate() - dt.timedelta(days=options["older_than"])
            done = pseudonymise_attendance(before, acting_user=self.acting_user)
            self.stdout.write(
                ngettext(
                    "Pseudonymised %(n)s attendance row of engagements before %(day)s.",
                    "Pseudonymised %(n)s attendance rows of engagements before %(day)s.",
                    done,
                )
                % {"n": done, "day": before.isoformat()}
            )
            return
        rows = Attendance.objects.order_by("source_file", "row_number")
        if options["hub"]:
            rows = rows.filter(engagement__hub__slug=options["hub"])
        # A file name is what someone typed: "=HYPERLINK(...).csv" must not run when opened.
        writer = csv_writer(self.stdout, lineterminator="\n")
        writer.writerow(["source", "row", "person"])
        per_hub: Counter[int] = Counter()
        people: defaultdict[int, set[int]] = defaultdict(set)
        for source, row, person, hub_id in rows.values_list(
            "source_file", "row_number", "person_id", "engagement__hub_id"
        ).iterator():
            writer.writerow([source, row, f"P{person}" if person else ""])
            per_hub[hub_id] += 1
            if person:
                people[hub_id].add(person)
        # A person-level export: one access-log row per hub whose rows were printed, so each
        # hub's admins see it in their log, naming the people printed.
        for hub_id, count in sorted(per_hub.items()):
            log_access(
                self.acting_user,
                AccessLog.Action.EXPORT,
                hub=hub_id,
                count=count,
                detail=COMMAND_DETAIL,
                people=people[hub_id],
            )

    def resolve(self, slug: str | None) -> None:
        hubs = Hub.objects.order_by("slug")
        if slug:
            hubs = hubs.filter(slug=slug)
            if not hubs.exists():
                raise CommandError(_("No hub '%(slug)s'.") % {"slug": slug})
        for hub in hubs:
            s = resolve_hub(hub)
            self.stdout.write(
                _(
                    "%(hub)s: %(people)s people (%(created)s new, %(retired)s retired, "
                    "%(relinked)s rows relinked), %(uncertain)s pairs to review."
                )
                % {
                    "hub": hub.slug,
                    "people": s.people,
                    "created": s.created,
                    "retired": s.retired,
                    "relinked": s.relinked,
                    "uncertain": s.uncertain,
                }
            )
