"""Good practices from a sheet: all or nothing, every problem in plain words.

Columns (headings in English or the region's languages, see citybridge.lib.headers.PRACTICES):
title, summary, city, country, themes (separated by ;), human_rights_based, gender_sensitive,
evidence, language, target_groups (separated by ;), url. A practice already in the library
(same title and country, in any script) is updated rather than added twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citybridge.imports.registry import Batch, importer
from citybridge.imports.rows import Cells
from citybridge.lib.headers import PRACTICES
from citybridge.lib.text import fold
from citybridge.network.models import Country, Theme
from citybridge.practices.actions import save_practice
from citybridge.practices.models import Practice, TargetGroup

T = TypeVar("T", Theme, TargetGroup)

EVIDENCE_WORDS = {
    **{fold(value.replace("_", " ")): value for value in Practice.Evidence.values},
    **{fold(str(label)): value for value, label in Practice.Evidence.choices},
    "": Practice.Evidence.DESCRIBED,
}


@dataclass
class PracticeRow:
    row: Cells
    title: str
    summary: str
    city: str
    country: str
    themes: list[Theme]
    human_rights_based: bool
    gender_sensitive: bool
    evidence: str
    languages: str
    target_groups: list[TargetGroup] = field(default_factory=list)
    url: str = ""


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ";").split(";") if part.strip()]


def by_name_or_slug(items: Iterable[T]) -> dict[str, T]:
    """Lookup by folded name and by slug (hyphens as spaces)."""
    index: dict[str, T] = {}
    for item in items:
        index[fold(item.name)] = item
        index[fold(item.slug.replace("-", " "))] = item
    return index


@importer(
    "practices", label=gettext_lazy("Good practices"), rows=gettext_lazy("practice"), spec=PRACTICES
)
def import_practices(batch: Batch) -> None:
    hub = batch.hub
    themes = by_name_or_slug(Theme.objects.filter(Q(hub__isnull=True) | Q(hub=hub)))
    groups = by_name_or_slug(TargetGroup.objects.all())
    countries = dict(Country.objects.values_list("code", "name"))
    country_names = {fold(name): code for code, name in countries.items()}
    rows: list[PracticeRow] = []
    seen: dict[tuple[str, str], int] = {}
    for sheet in batch.sheets:
        for row in batch.reading.rows(sheet):
            parsed = _read(row, themes, groups, countries, country_names, seen)
            if parsed is not None:
                rows.append(parsed)
    batch.refuse_if_problems()

    report = batch.report
    report.rows = len(rows)
    existing = {(fold(p.title), p.origin_country_id): p for p in Practice.objects.all()}
    for r in rows:
        practice = existing.get((fold(r.title), r.country)) or Practice()
        is_new = practice.pk is None
        before = _snapshot(practice) if not is_new else None
        practice.title, practice.summary = r.title, r.summary
        practice.origin_city_name, practice.origin_country_id = r.city, r.country
        practice.human_rights_based = r.human_rights_based
        practice.gender_sensitive = r.gender_sensitive
        practice.evidence, practice.languages, practice.url = r.evidence, r.languages, r.url
        if before is not None and before == _snapshot(practice, r):
            report.unchanged += 1
            continue
        try:
            save_practice(
                practice,
                themes=r.themes,
                target_groups=r.target_groups,
                acting_user=batch.acting_user,
            )
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                r.row.problem(column, " ".join(messages), _("Correct the cell."))
            continue
        if is_new:
            report.created += 1
        else:
            report.updated += 1


def _read(
    row: Cells,
    themes: dict[str, Theme],
    groups: dict[str, TargetGroup],
    countries: dict[str, str],
    country_names: dict[str, str],
    seen: dict[tuple[str, str], int],
) -> PracticeRow | None:
    """One row as a practice, or None when it has problems (said on `row`)."""
    title = row.text(
        "title", missing=(_("The title is missing."), _("Write the practice's title."))
    )
    summary = row.text(
        "summary",
        missing=(_("The summary is missing."), _("Write one or two sentences about it.")),
    )
    city = row.text(
        "city", missing=(_("The city is missing."), _("Write the city where it was done."))
    )
    written = row.text("country")
    code = written.upper() if written.upper() in countries else country_names.get(fold(written))
    if code is None:
        row.problem(
            "country",
            _("'%(value)s' is not a country we know.") % {"value": written}
            if written
            else _("The country is missing."),
            _("Use the ISO two-letter code (e.g. MK, XK for Kosovo, NO) or the English name."),
        )
    found_themes = []
    for name in split_list(row.raw("themes")):
        theme = themes.get(fold(name.replace("-", " ")))
        if theme is None:
            row.problem(
                "themes",
                _("'%(value)s' is not a theme of the taxonomy.") % {"value": name},
                _("Use one of: %(allowed)s.")
                % {"allowed": ", ".join(sorted({str(t) for t in themes.values()}))},
            )
        else:
            found_themes.append(theme)
    if not split_list(row.raw("themes")):
        row.problem(
            "themes", _("No theme is given."), _("Write at least one theme, separated by ;.")
        )
    found_groups = []
    for name in split_list(row.raw("target_groups")):
        group = groups.get(fold(name.replace("-", " ")))
        if group is None:
            row.problem(
                "target_groups",
                _("'%(value)s' is not a target group we know.") % {"value": name},
                _("Use one of: %(allowed)s.")
                % {"allowed": ", ".join(sorted({str(g) for g in groups.values()}))},
            )
        else:
            found_groups.append(group)
    flags = {key: row.flag(key) for key in ("human_rights_based", "gender_sensitive")}
    evidence = EVIDENCE_WORDS.get(fold(row.raw("evidence").replace("-", " ")))
    if evidence is None:
        row.problem(
            "evidence",
            _("'%(value)s' is not an evidence level.") % {"value": row.raw("evidence")},
            _("Write described, inspiring, evaluated or peer-reviewed (or leave it empty)."),
        )
    url = row.raw("url")
    if url:
        try:
            URLValidator()(url)
        except ValidationError:
            row.problem(
                "url",
                _("'%(value)s' is not a web address.") % {"value": url},
                _("Write it as https://..."),
            )
    if title and code:
        same = (fold(title), code)
        if same in seen:
            row.problem(
                "title",
                _("The same practice is already on row %(row)s.") % {"row": seen[same]},
                _("Delete one of the two rows."),
            )
        seen[same] = row.number
    if not (title and summary and city and code and found_themes and evidence is not None):
        return None
    return PracticeRow(
        row=row,
        title=title,
        summary=summary,
        city=city,
        country=code,
        themes=found_themes,
        human_rights_based=flags["human_rights_based"],
        gender_sensitive=flags["gender_sensitive"],
        evidence=evidence,
        languages=", ".join(
            c.strip().lower() for c in row.raw("language").replace(";", ",").split(",") if c.strip()
        ),
        target_groups=found_groups,
        url=url,
    )


def _snapshot(practice: Practice, row: PracticeRow | None = None) -> tuple:
    """What the sheet can change of a practice, to tell an update from a no-op."""
    themes = (
        sorted(t.pk for t in row.themes)
        if row
        else sorted(practice.themes.values_list("pk", flat=True))
    )
    groups = (
        sorted(g.pk for g in row.target_groups)
        if row
        else sorted(practice.target_groups.values_list("pk", flat=True))
    )
    return (
        practice.title,
        practice.summary,
        practice.origin_city_name,
        practice.origin_country_id,
        practice.human_rights_based,
        practice.gender_sensitive,
        practice.evidence,
        practice.languages,
        practice.url,
        themes,
        groups,
    )
