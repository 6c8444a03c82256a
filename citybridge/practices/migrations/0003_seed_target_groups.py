"""A fresh database holds the target groups practices are tagged with (hubs may add more)."""

from django.db import migrations

TARGET_GROUPS = [
    ("youth", "Youth"),
    ("women-and-girls", "Women and girls"),
    ("returnees-and-families", "Returnees and their families"),
    ("parents-and-families", "Parents and families"),
    ("religious-communities", "Religious communities"),
    ("minorities-and-marginalised-groups", "Minorities and marginalised groups"),
    ("municipal-staff", "Municipal staff"),
    ("police", "Police"),
    ("teachers-and-schools", "Teachers and schools"),
    ("social-and-health-workers", "Social and health workers"),
    ("civil-society", "Civil society"),
    ("local-leaders", "Mayors and local leaders"),
    ("online-communities", "Online communities"),
    ("general-public", "General public"),
]


def seed(apps, schema_editor):
    TargetGroup = apps.get_model("practices", "TargetGroup")
    for slug, name in TARGET_GROUPS:
        TargetGroup.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("practices", "0002_translation_order")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
