"""`citybridge backup PATH`: a consistent copy of the whole database, taken while it runs, and
the uploaded files beside it (`PATH.files.tar`)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from citybridge.accounts.access_log import log_access
from citybridge.accounts.models import AccessLog
from citybridge.lib.backups import BackupError, backup, backup_files, files_path
from citybridge.network.models import Hub


class Command(BaseCommand):
    help = (
        "Copy the whole database to PATH (SQLite: its backup API; PostgreSQL: pg_dump) and the "
        "uploaded files to PATH.files.tar."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")

    def handle(self, *args, **options) -> None:
        try:
            counts = backup(Path(options["path"]))
            files = backup_files(settings.MEDIA_ROOT, files_path(options["path"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        # The copy holds every hub's personal data: each hub's admins see it in their log.
        for hub in Hub.objects.order_by("pk"):
            log_access(None, AccessLog.Action.EXPORT, hub=hub, detail="backup (command line)")
        self.stdout.write(
            f"Backed up {len(counts)} tables, {sum(counts.values()):,} rows, to {options['path']}, "
            f"and {files:,} uploaded files to {files_path(options['path'])}."
        )
