"""Counts under five in anything a donor sees: a month, a country or a gender with three people
in it is printed as "<5" in the brief's charts, its tables and its Word file."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document

from citybridge.imports.registry import run_import
from citybridge.reports.briefs.assemble import assemble_brief, chart_data
from citybridge.reports.briefs.render import render_docx, render_html

MARCH = dt.date(2023, 3, 1), dt.date(2023, 3, 31)
SHEET = (
    "Name,Organisation,Role,City\n"
    "Ardita Testaj,Opština Testgrad,advisor,Testgrad\n"
    "Branka Testić,Opština Testgrad,advisor,Testgrad\n"
    "Cvetan Testov,Opština Testgrad,advisor,Testgrad\n"
)


def test_three_people_in_a_month_are_fewer_than_five_for_a_donor(hub, consultation, officer):
    run_import(
        "attendance",
        [("T01.csv", SHEET.encode())],
        hub=hub,
        engagement=consultation,
        acting_user=officer,
    )
    staff = chart_data(hub, *MARCH, "en", hide_small=False)
    assert [(p.people, p.cumulative) for p in staff.over_time] == [(3, 3)]
    donor = chart_data(hub, *MARCH, "en", hide_small=True)
    assert [(p.people_shown, p.cumulative_shown) for p in donor.over_time] == [("<5", "<5")]
    assert donor.by_country and donor.by_gender
    assert {b.shown for b in donor.by_country + donor.by_gender} == {"<5"}

    brief = assemble_brief(hub, *MARCH)
    html = render_html(brief)
    assert "Mar 23: &lt;5 people" in html and "Mar 23: 3 " not in html
    document = Document(io.BytesIO(render_docx(brief)))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "<5" in cells and "3" not in cells
