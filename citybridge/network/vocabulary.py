"""The vocabulary CityBridge seeds in a fresh database, marked for the catalogs.

The rows hold these English names (migrations network 0002 and practices 0003 wrote them);
a seeded row is shown in the reader's language by its catalog translation
(lib.translations.vocabulary_name). A row a hub renamed or added is shown as the hub gave it.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

THEMES = frozenset(
    {
        gettext_noop("Multi-actor prevention mechanisms"),
        gettext_noop("Reintegration of returnees and their families"),
        gettext_noop("National-local cooperation"),
        gettext_noop("Youth engagement"),
        gettext_noop("Women and gender"),
        gettext_noop("Marginalised groups"),
        gettext_noop("Hate speech and online harms"),
        gettext_noop("Polarisation and social cohesion"),
        gettext_noop("Mental health and psychosocial support"),
        gettext_noop("Education"),
        gettext_noop("Community policing"),
        gettext_noop("Strategic communications"),
        gettext_noop("P/CVE action plans"),
        gettext_noop("Early warning and referral"),
    }
)

TARGET_GROUPS = frozenset(
    {
        gettext_noop("Youth"),
        gettext_noop("Women and girls"),
        gettext_noop("Returnees and their families"),
        gettext_noop("Parents and families"),
        gettext_noop("Religious communities"),
        gettext_noop("Minorities and marginalised groups"),
        gettext_noop("Municipal staff"),
        gettext_noop("Police"),
        gettext_noop("Teachers and schools"),
        gettext_noop("Social and health workers"),
        gettext_noop("Civil society"),
        gettext_noop("Mayors and local leaders"),
        gettext_noop("Online communities"),
        gettext_noop("General public"),
    }
)
