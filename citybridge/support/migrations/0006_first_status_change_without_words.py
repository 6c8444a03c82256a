"""The first status change of an action stored "Recorded." in the language of whoever recorded it;
it is now left blank and the page says it in its reader's language. Blank the stored ones."""

from django.conf import settings
from django.db import migrations
from django.utils import translation


def recorded_in_every_language() -> set[str]:
    words = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            words.add(translation.gettext("Recorded."))
    return words


def blank_recorded(apps, schema_editor):
    StatusChange = apps.get_model("support", "StatusChange")
    StatusChange.objects.filter(from_status="", reason__in=recorded_in_every_language()).update(
        reason=""
    )


class Migration(migrations.Migration):
    dependencies = [("support", "0005_support_withdrawal")]

    operations = [migrations.RunPython(blank_recorded, migrations.RunPython.noop)]
