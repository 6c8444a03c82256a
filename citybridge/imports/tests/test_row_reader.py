"""The row reader with the real vocabularies: a cell listing several values split as people and
Kobo write them, "" a value like any other (gender's Not stated), and what it cannot place
listed once per written value with the rows that wrote it."""

from citybridge.imports.reading import Choices, read_sheet
from citybridge.imports.rows import Reading, placement_key
from citybridge.lib import vocabularies
from citybridge.lib.headers import ColumnSpec, Field
from citybridge.network.models import Gender
from citybridge.practices.models import TargetGroup

SPEC = ColumnSpec(
    kind="test sheet",
    fields=(
        Field("groups", "target groups", ("Groups",)),
        Field("gender", "gender", ("Gender",)),
    ),
)


def read(text: str, placements: dict[str, str | None] | None = None):
    sheet = read_sheet("test.csv", text.encode(), SPEC, Choices())
    reading = Reading(placements=placements or {})
    return reading, list(reading.rows(sheet))


def test_a_cell_listing_values_is_split_and_matched(db):
    groups = vocabularies.target_groups(TargetGroup.objects.all())
    reading, rows = read(
        'Groups,Gender\n"Teachers, pupils and parents",female\n'
        "youth women_and_girls,prefer_not_to_say\n"
        "teachers; diaspora,x\n"
    )
    assert rows[0].choices("groups", groups) == (
        ["teachers-and-schools", "parents-and-families"],
        [],
    )
    # Kobo's select_multiple: choice names separated by spaces.
    assert rows[1].choices("groups", groups) == (["youth", "women-and-girls"], [])
    assert rows[2].choices("groups", groups) == (["teachers-and-schools"], ["diaspora"])
    genders = vocabularies.genders(Gender.choices)
    assert [row.choice("gender", genders) for row in rows] == [
        ("female", "female"),
        ("", "prefer_not_to_say"),  # Not stated: a value, not "unplaced"
        ("other", "x"),
    ]
    assert list(reading.unplaced) == [placement_key("groups", "diaspora")]
    unplaced = reading.unplaced[placement_key("groups", "diaspora")]
    assert (unplaced.label, unplaced.rows, unplaced.placed) == ("target groups", [3], None)


def test_the_officers_placement_is_applied_and_listed(db):
    groups = vocabularies.target_groups(TargetGroup.objects.all())
    key = placement_key("groups", "Diaspora")
    reading, rows = read(
        "Groups,Gender\nteachers; diaspora,\nDIASPORA,\n", {key: "parents-and-families"}
    )
    assert [row.choices("groups", groups) for row in rows] == [
        (["teachers-and-schools", "parents-and-families"], []),
        (["parents-and-families"], []),
    ]
    # Still listed, with the officer's choice, so the preview shows it and it can be changed.
    assert reading.unplaced[key].placed == "parents-and-families"
    assert reading.unplaced[key].rows == [1, 2]
