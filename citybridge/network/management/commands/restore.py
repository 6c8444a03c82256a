"""`citybridge restore PATH`: replace the whole database with a backup, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from citybridge.lib.backups import BackupError, restore


class Command(BaseCommand):
    help = "Replace the whole database with the backup at PATH (made by `citybridge backup`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")

    def handle(self, *args, **options) -> None:
        try:
            restore(Path(options["path"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the database from {options['path']}.")
