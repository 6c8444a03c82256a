"""The paper fallback: a sign-in sheet whose headings are the importer's own, in the region's
languages, with the check-in's QR code on top.

Its last columns before the signature are the three agreements of the check-in form, each a box
to tick, under the privacy notice and its version printed on top: the importer records a ticked
box on the person as check-in does (imports.attendance).

Each heading joins one field's names in English, Albanian, Serbian, Bosnian, Croatian and
Macedonian with " / ", as the importer reads a heading written "Komuna / Bashkia" (by any one
of its parts): a sheet typed up with the headings as printed, saved as the engagement's key
(E012.csv), imports without mapping a column.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from citybridge.checkin.forms import ArrivalForm
from citybridge.checkin.models import CheckIn
from citybridge.engagement.models import Engagement
from citybridge.network.notice import notice_for

HEADINGS = {
    "full_name": "Name / Emri dhe mbiemri / Ime i prezime / Име и презиме",
    "city": "City / Municipality / Komuna / Grad / Opština / Općina / Град / Општина",
    "organisation": "Organisation / Organizata / Organizacija / Организација",
    "role": "Position / Pozita / Pozicija / Radno mjesto / Позиција",
    "email": "E-mail / E-pošta / Е-пошта",
    "gender": "Gender / Gjinia / Pol / Spol / Пол",
    # The participant's agreements: a tick in the box gives it (lib.headers reads these).
    "consent_contact": "Contact me / Më kontaktoni / Kontaktirajte me / Контактирајте ме",
    "consent_photo": "Photos of me / Fotografi të mia / Moje fotografije / Мои фотографии",
    "consent_quote": "Quote me / Më citoni / Citirajte me / Цитирајте ме",
}
# Each column's share of the line: room to write a name by hand, a box for a tick.
WIDTHS = {
    "full_name": 18,
    "city": 10,
    "organisation": 11,
    "role": 9,
    "email": 10,
    "gender": 6,
    "consent_contact": 8,
    "consent_photo": 8,
    "consent_quote": 8,
}
# Columns the importer knows to skip: the row's number and the signature.
NUMBER = "#"
SIGNATURE = "Signature / Nënshkrimi / Potpis / Потпис"
ROWS = 18


def sheet_headings() -> list[str]:
    return [NUMBER, *HEADINGS.values(), SIGNATURE]


def sheet_html(
    engagement: Engagement, check_in: CheckIn | None, link: str, qr: str, language: str
) -> str:
    with translation.override(language):
        form = ArrivalForm()
        agreements = [
            (HEADINGS[name].split(" / ")[0], form.fields[name].label)
            for name in ("consent_contact", "consent_photo", "consent_quote")
        ]
        return render_to_string(
            "checkin/paper.html",
            {
                "engagement": engagement,
                "check_in": check_in,
                "link": link,
                "qr": qr,
                "headings": sheet_headings(),
                # The number's narrow column (about 3%), each field's share, the signature the rest.
                "widths": [None, *WIDTHS.values(), 97 - sum(WIDTHS.values())],
                "rows": range(1, ROWS + 1),
                "lang": language,
                "notice": notice_for(engagement.hub, language),
                "agreements": agreements,
            },
        )


def sheet_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported when a sheet is printed: it loads pango

    return HTML(string=html).write_pdf()
