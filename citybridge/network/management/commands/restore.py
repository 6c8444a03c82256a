"""`citybridge restore PATH`: replace the whole database with a backup, all or nothing, and the
uploaded files with those saved beside it (`PATH.files.tar`, when the backup has them)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from citybridge.accounts.access_log import log_access
from citybridge.accounts.history import acting_as, command_line_user
from citybridge.accounts.models import AccessLog
from citybridge.lib.backups import BackupError, files_path, restore, restore_files
from citybridge.network import ledger
from citybridge.network.models import Hub


class Command(BaseCommand):
    help = "Replace the whole database with the backup at PATH (made by `citybridge backup`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")

    def handle(self, *args, **options) -> None:
        try:
            restore(Path(options["path"]))
            saved = files_path(options["path"])
            # A backup made before files were saved with it leaves today's files alone.
            files = restore_files(saved, settings.MEDIA_ROOT) if saved.is_file() else None
        except BackupError as error:
            raise CommandError(str(error)) from error
        # The log of the restored database ends at the backup: say here that it was restored.
        for hub in Hub.objects.order_by("pk"):
            log_access(None, AccessLog.Action.RESTORE, hub=hub, detail="command line")
        # Not `--as`: a user looked up before the restore may not be there after it.
        with acting_as(command_line_user):  # made only if someone is erased again
            erased = ledger.reapply()
        self.stdout.write(
            f"Restored the database from {options['path']}; erased {erased} "
            f"{'person' if erased == 1 else 'people'} again from the erasure ledger "
            f"({ledger.ledger_path()})."
        )
        if files is not None:
            self.stdout.write(f"Restored {files:,} uploaded files from {saved}.")
