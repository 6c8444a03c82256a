"""store_sheet keeps each row's cells exactly as written, as Django would write them."""

import json

from django.db import connection

from citybridge.engagement.models import Attendance
from citybridge.engagement.sheets import store_sheet
from citybridge.lib.spreadsheets import Row

CELLS = [
    {"Ime i prezime": "Đurđa Šećerović", "Grad": "Nikšić", "Napomena": 'rekla "doći ću"\n'},
    {"Emri": "Lumturie Shala", "Komuna": "Prizren", "": "", "Потпис": "\\ ✓"},
]


def test_cells_are_stored_as_written(forum, officer):
    store_sheet(
        forum,
        file_name="F1.csv",
        sha256="f1",
        encoding="utf-8",
        rows=[Row(n, cells) for n, cells in enumerate(CELLS, 1)],
        columns={"full_name": "Ime i prezime"},
        place_of=lambda city: None,
        acting_user=officer,
    )
    stored = Attendance.objects.filter(source_file="F1.csv").order_by("row_number")
    assert [a.cells for a in stored] == CELLS
    if connection.vendor == "sqlite":  # JSON as text: the text json.dumps writes, as Django's
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT cells FROM engagement_attendance WHERE source_file = %s "
                "ORDER BY row_number",
                ["F1.csv"],
            )
            assert [text for (text,) in cursor.fetchall()] == [json.dumps(c) for c in CELLS]
