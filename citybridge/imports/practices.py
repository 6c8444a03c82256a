"""Good practices from a sheet: all or nothing, every problem in plain words.

Columns (headings in English or the region's languages, see citybridge.lib.headers.PRACTICES):
title, summary, city, country, themes, human_rights_based, gender_sensitive, evidence, language,
target_groups, url. A practice already in the library (same title and country, in any script) is
updated rather than added twice.

Themes, target groups and the country are matched through the vocabularies
(citybridge.lib.vocabularies), in everyday words of the region's languages: "municipal officials;
teachers; Roma", "општински службеници", "nëpunës komunalë". A theme or target group they cannot
place does not refuse the file: the preview asks the officer to place it or keep it as written,
the command line keeps it and says so, and the practice keeps both cells as written beside the
matched values. A row none of whose themes could be placed is refused (with how to place them on
the preview): a practice is found in the library by its themes, and the practice form itself does
not save one without a theme. A country that cannot be placed refuses its row until it is placed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citybridge.imports.registry import Batch, importer
from citybridge.imports.rows import Cells
from citybridge.lib import vocabularies
from citybridge.lib.headers import PRACTICES
from citybridge.lib.text import fold
from citybridge.lib.vocabularies import Vocabulary
from citybridge.network.models import Country, Theme
from citybridge.practices.actions import save_practice
from citybridge.practices.models import Practice, TargetGroup

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
    themes_as_written: str = ""
    target_groups_as_written: str = ""


@dataclass
class Vocabularies:
    """The vocabularies a batch of practices is read with, built once, and their rows by slug."""

    themes: Vocabulary
    target_groups: Vocabulary
    countries: Vocabulary
    theme_rows: dict[str, Theme]
    group_rows: dict[str, TargetGroup]

    @classmethod
    def of_hub(cls, hub) -> Vocabularies:
        themes = list(Theme.objects.of_hub(hub).select_related("hub"))
        groups = list(TargetGroup.objects.all())
        return cls(
            themes=vocabularies.themes(themes),
            target_groups=vocabularies.target_groups(groups),
            countries=vocabularies.countries(Country.objects.values_list("code", "name")),
            theme_rows={t.slug: t for t in themes},
            group_rows={g.slug: g for g in groups},
        )


@importer(
    "practices", label=gettext_lazy("Good practices"), rows=gettext_lazy("practice"), spec=PRACTICES
)
def import_practices(batch: Batch) -> None:
    known = Vocabularies.of_hub(batch.hub)
    rows: list[PracticeRow] = []
    seen: dict[tuple[str, str], int] = {}
    for sheet in batch.sheets:
        for row in batch.reading.rows(sheet):
            parsed = _read(row, known, seen)
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
        practice.themes_as_written = r.themes_as_written
        practice.target_groups_as_written = r.target_groups_as_written
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


def _read(row: Cells, known: Vocabularies, seen: dict[tuple[str, str], int]) -> PracticeRow | None:
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
    code, written = row.choice("country", known.countries, required=True)
    if not written:
        row.problem(
            "country",
            _("The country is missing."),
            _("Write the country, by its name or its ISO two-letter code (e.g. MK, XK, NO)."),
        )
    elif code is None:
        row.problem(
            "country",
            _("'%(value)s' is not a country we know.") % {"value": written},
            _(
                "Choose the country under 'Values to place' on the preview and preview again, "
                "or write its ISO two-letter code (e.g. MK, XK for Kosovo, NO)."
            ),
        )
    theme_slugs, themes_kept = row.choices("themes", known.themes)
    if not row.raw("themes"):
        row.problem(
            "themes", _("No theme is given."), _("Write at least one theme, separated by ;.")
        )
    elif not theme_slugs:
        row.problem(
            "themes",
            _("None of the themes written here is a theme of the library: %(values)s.")
            % {"values": "; ".join(themes_kept)},
            _(
                "Choose what they mean under 'Values to place' on the preview and preview again, "
                "or write at least one of: %(allowed)s."
            )
            % {"allowed": ", ".join(sorted(label for _value, label in known.themes.choices()))},
        )
    group_slugs, _groups_kept = row.choices("target_groups", known.target_groups)
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
    if not (title and summary and city and code and theme_slugs and evidence is not None):
        return None
    return PracticeRow(
        row=row,
        title=title,
        summary=summary,
        city=city,
        country=code,
        themes=[known.theme_rows[slug] for slug in theme_slugs],
        human_rights_based=flags["human_rights_based"],
        gender_sensitive=flags["gender_sensitive"],
        evidence=evidence,
        languages=", ".join(
            c.strip().lower() for c in row.raw("language").replace(";", ",").split(",") if c.strip()
        ),
        target_groups=[known.group_rows[slug] for slug in group_slugs],
        url=url,
        themes_as_written=row.raw("themes"),
        target_groups_as_written=row.raw("target_groups"),
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
        practice.themes_as_written,
        practice.target_groups_as_written,
        themes,
        groups,
    )
