"""Erasure reaches files: published briefs keep their numbers and lose the name; Word, Excel and
text files under MEDIA_ROOT are rewritten; a PDF that names the person is removed."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from django.conf import settings
from weasyprint import HTML

from citybridge.accounts.tests.erasure_cast import CYRILLIC, EMAIL, NAME, figures_of
from citybridge.accounts.tests.traces import (
    readable,
    traces_in_database,
    traces_in_files,
)
from citybridge.advocacy import models as advocacy
from citybridge.lib import redact
from citybridge.lib.text import fold
from citybridge.network.actions import erase_person
from citybridge.practices.models import Practice, PracticeResource
from citybridge.reports.briefs.actions import publish_brief
from citybridge.reports.models import PublishedBrief

NEEDLES = [NAME, CYRILLIC, EMAIL, fold(NAME), fold(CYRILLIC)]
YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


@pytest.fixture
def person(records, hub, city):
    """The erased person of test_personal_data, quoted in a brief with their consent."""
    records.consent_quote, records.consent_recorded_on = True, dt.date(2023, 7, 1)
    records.save()
    advocacy.Testimonial.objects.create(
        hub=hub,
        person=records,
        quote="The council changed how our city listens to its young people.",
        attribution="Mayor of Testgrad",
        city=city,
        said_on=dt.date(2023, 7, 1),
        publication_consent=True,
    )
    return records


def word_file(paragraphs: list[list[str]], author: str = "") -> bytes:
    """A .docx with each paragraph written as the given runs (a name may span two runs)."""
    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for i, text in enumerate(runs):
            paragraph.add_run(text).bold = bool(i % 2)
    document.core_properties.author = author
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_file(text: str) -> bytes:
    return HTML(string=f"<p>{text}</p>").write_pdf()


def test_a_published_brief_keeps_its_numbers_and_loses_the_name(person, hub, officer, hub_admin):
    published = publish_brief(hub, *YEAR, lang="en", acting_user=officer)
    for content in (published.article, bytes(published.pdf), bytes(published.docx)):
        text = content if isinstance(content, str) else readable(content)
        assert NAME.lower() in text.lower()  # the quote's speaker, as published
    figures, before = dict(published.figures), figures_of(hub)

    report = erase_person(person, acting_user=hub_admin)

    published.refresh_from_db()
    assert published.figures == figures  # the numbers and the records behind them, as published
    assert figures_of(hub) == before
    assert report.rewritten == [f"published brief {published.pk}"]
    pdf, word = bytes(published.pdf), bytes(published.docx)
    assert pdf.startswith(b"%PDF") and docx.Document(io.BytesIO(word)).paragraphs  # still opens
    # Their quote goes with them (erasure deletes their testimonials); the rest of the brief
    # stays: its title, the figures as printed.
    for text in (published.article.lower(), readable(pdf), readable(word)):
        assert "changed how our city listens" not in text
        assert published.title.split(" · ")[0].lower() in text
        assert str(figures["individuals_engaged"]["value"]) in text
    # A full scan of every table, binary cells opened (zip parts, PDF text): no trace.
    assert traces_in_database(NEEDLES) == []
    # The files as the download serves them are the rewritten ones.
    assert PublishedBrief.objects.get(pk=published.pk).pdf == published.pdf


def test_files_under_media_root_are_rewritten_or_removed(person, hub_admin):
    media = Path(settings.MEDIA_ROOT)
    (media / "practices").mkdir(parents=True)
    agenda = media / "practices" / "agenda.docx"
    agenda.write_bytes(
        word_file(
            [
                ["Opening: ", NAME.split()[0] + " ", NAME.split()[1], ", mayor"],
                [f"Contact {EMAIL} for the minutes."],
                ["Agenda item two: the youth council."],
            ],
            author=CYRILLIC,
        )
    )
    sheet = media / "practices" / "participants.csv"
    sheet.write_bytes(f"Ime;E-mail\n{NAME};{EMAIL}\nAna Ostaje;\n".encode("cp1250"))
    scanned = media / "practices" / "signed-sheet.pdf"
    scanned.write_bytes(pdf_file(f"Signed: {NAME}"))
    other = media / "practices" / "guide.pdf"
    other.write_bytes(pdf_file("How to run a youth council"))
    practice = Practice.objects.create(
        title="Youth Council", summary="An elected council.", origin_country_id="ME"
    )
    resource = PracticeResource.objects.create(
        practice=practice, title="Signed sheet", file="practices/signed-sheet.pdf"
    )
    kept = PracticeResource.objects.create(
        practice=practice, title="Guide", file="practices/guide.pdf"
    )

    report = erase_person(person, acting_user=hub_admin)

    assert sorted(report.files_rewritten) == ["practices/agenda.docx", "practices/participants.csv"]
    assert report.files_removed == ["practices/signed-sheet.pdf"]
    assert traces_in_files(media, NEEDLES) == []
    assert traces_in_database(NEEDLES) == []
    # The Word file still opens, with the rest of its text and the pseudonym in the name's place.
    document = docx.Document(str(agenda))
    lines = [p.text for p in document.paragraphs]
    assert lines == [
        f"Opening: {report.placeholder}, mayor",
        f"Contact {report.placeholder} for the minutes.",
        "Agenda item two: the youth council.",
    ]
    assert document.core_properties.author == report.placeholder
    assert sheet.read_bytes().decode("cp1250").splitlines()[1:] == [
        f"{report.placeholder};{report.placeholder}",
        "Ana Ostaje;",
    ]
    assert not scanned.exists() and other.exists()
    resource.refresh_from_db()
    kept.refresh_from_db()
    assert not resource.file and kept.file.name == "practices/guide.pdf"


def test_redact_refuses_what_it_cannot_rewrite_and_leaves_the_rest_alone():
    from citybridge.network.erasure import pattern_of, scrub

    pattern = pattern_of({NAME, EMAIL})
    assert pattern is not None

    def sub(text):
        return scrub(text, pattern, "Erased X")

    pdf = pdf_file(f"{NAME}\n wrote this")
    assert redact.mentions(pdf, pattern) and redact.redact(pdf, sub, pattern) is None
    clean = word_file([["Nothing about anyone."]])
    assert redact.redact(clean, sub, pattern) == clean  # the same bytes: nothing to rewrite
    # A name broken over two lines of a text file is still a name.
    text = f"Speaker: {NAME.split()[0]}\n   {NAME.split()[1]}\n".encode()
    assert redact.redact(text, sub, pattern) == b"Speaker: Erased X\n"
