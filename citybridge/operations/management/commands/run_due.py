"""`citybridge run_due`: run the scheduled duties that are due (operations.schedule)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from citybridge.operations.models import ScheduledRun
from citybridge.operations.schedule import SCHEDULES, run_due


class Command(BaseCommand):
    help = "Run the scheduled duties that are due: backups, pruning, retention, digests, the homes."

    def add_arguments(self, parser: CommandParser) -> None:
        names = [s.name for s in SCHEDULES]
        parser.add_argument("--only", choices=names, help="This duty alone.")
        parser.add_argument("--force", action="store_true", help="Due or not.")

    def handle(self, *args, **options) -> None:
        runs = run_due(only=options["only"], force=options["force"])
        for run in runs:
            self.stdout.write(f"{run.duty}: {run.outcome}: {run.summary}")
        if not runs:
            self.stdout.write("Nothing was due.")
        if any(r.outcome == ScheduledRun.Outcome.FAILED for r in runs):
            raise CommandError("A scheduled duty failed: see its line above and the log.")
