"""The development set's sign-in sheets as KoboToolbox exports, for the importers and the bench.

    .venv/bin/python bench/kobo.py OUT_DIR [--dataset DIR] [--per-engagement] [--labels]
                                           [--newer] [--seed N]

What a partner sends when the sign-in is done on Kobo. Kobo partners keep **one sign-in form
and reuse it at every event**, the event chosen from a list at the top (each new event is a
choice added and the form redeployed, so `__version__` changes from event to event), and
they send **the whole export** each time: Kobo's export holds every submission of the project
(the download page has no filter by answer), so a newer export repeats the earlier
submissions, adds the late ones and carries the edits. That is why an import must re-sync by
submission rather than by file. So by default each partner's export covers all its events,
with an `event` column holding the engagement's key (its label, the title, with --labels).
`--per-engagement` writes instead one form per engagement, named `<key>.csv|xlsx` as today's
importer routes a file by its name (the hub that clones a form for each event).

Three partners, each with its own form, export and format:
- A: the full-name sheets of even-numbered engagements; Kobo's own CSV (every cell quoted, ";");
- B: the first/last-name sheets (`participant/first_name`, `participant/last_name`); XLSX;
- C: the other full-name sheets; CSV with "," (KoboCAT's older export, or an ODK tool's), with
  --labels headed by the questions' Albanian labels in their group ("Pjesëmarrësi/Gjinia").
Questions sit in a `participant` group: `participant/full_name` (or first/last), `organization`,
`position`, `municipality`, `email` and `gender` (a select_one: `female` / `male`). Metadata as
Kobo writes it: `start` and `end` with milliseconds and the Balkan offset of the day (+01:00 or
+02:00), `today`, `deviceid` (A), `username` (B), then `_id`, `_uuid`, `_submission_time` (UTC,
unmarked), `_validation_status`, `_notes`, `_status`, `_submitted_by`, `__version__`, `_tags`,
`_index`. Rows are in `_id` order, which is the order submissions reached the server: phones
without a signal send an event's sign-ins that evening or days later.

Written (bench/resolution.py takes OUT_DIR as --dataset):
- OUT/members.csv, engagements.csv, truth/figures.json: the dev set's, copied;
- OUT/sheets/<export>: the exports, as downloaded (Kobo's file names: form title, "all
  versions", the download's date and time);
- OUT/truth/mentions.csv: (export file, row) -> the dev set's person for each row;
- OUT/truth/sources.csv: (export file, row) -> the dev set's (sheet, row) it was made from;
- with --newer, OUT/older/sheets/ and OUT/older/truth/mentions.csv: the exports downloaded
  earlier, before about one row in ten reached the server and before some submissions were
  edited; OUT/truth/changes.csv then says for each row of the newer export whether it is
  "unchanged", "edited" (a new `_uuid`, as Kobo gives an edited submission, and the same `_id`)
  or "added", and its older (file, row). Importing OUT/older then OUT should end as importing
  OUT alone.

The cells are the dev set's as written (synthetic names); nothing real.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import random
import re
import shutil
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "datasets" / "attendance-dev"

from citybridge.lib.resolution.profiles import written_gender  # noqa: E402
from citybridge.lib.spreadsheets import ATTENDANCE, map_columns, read_table  # noqa: E402

BALKANS = ZoneInfo("Europe/Belgrade")  # every hub country keeps Central European Time
SERVER_ID_START = 301_457_000  # Kobo's `_id` is the server's record number, shared by all forms
PARTNER_QUESTIONS = (
    "organization",
    "position",
    "municipality",
    "email",
    "gender",
)
SPEC_FIELD = {
    "full_name": "full_name",
    "first_name": "first_name",
    "last_name": "last_name",
    "organization": "organisation",
    "position": "role",
    "municipality": "city",
    "email": "email",
    "gender": "gender",
}
# The labels partner C's form has, in Albanian, for --labels.
LABELS = {
    "event": "Aktiviteti",
    "group": "Pjesëmarrësi",
    "full_name": "Emri dhe mbiemri",
    "first_name": "Emri",
    "last_name": "Mbiemri",
    "organization": "Organizata / Institucioni",
    "position": "Pozita",
    "municipality": "Komuna / Bashkia",
    "email": "Email",
    "gender": "Gjinia",
}
GENDER_LABELS = {"female": "Femër", "male": "Mashkull"}
KOBO_TAIL = (
    "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
    "_submitted_by", "__version__", "_tags", "_index",
)  # fmt: skip
TITLE = re.compile(r"^(?:dr|mr|mrs|ms|prof|g-din|g-dja|g-đa|gđa|gdin|z|zn)\.?\s+", re.IGNORECASE)
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


@dataclass
class Partner:
    name: str
    title: str  # the Kobo form's title, also its export's file name
    split_names: bool
    delimiter: str  # ";" or "," for CSV, "" for XLSX
    device_column: str  # "deviceid", "username" or ""
    labels: bool = False
    online: float = 0.5  # the share of events signed in on a phone with a signal
    versions: dict[str, str] = field(default_factory=dict)  # engagement key -> form version


@dataclass
class Submission:
    partner: Partner
    engagement: dict[str, str]
    source: tuple[str, int]  # the dev set's (sheet file, row)
    person: str
    answers: dict[str, str]  # question name -> value as written
    device: str
    started: dt.datetime  # aware, in the Balkans' offset of that day
    ended: dt.datetime
    submitted: dt.datetime = dt.datetime.min  # UTC
    record: int = 0  # `_id`
    uuid: str = ""
    version: str = ""
    late: bool = False  # reached the server after the older export was downloaded
    edits: dict[str, str] = field(default_factory=dict)  # answers changed after it
    edit_uuid: str = ""
    edit_version: str = ""


def read_dev(dataset: Path) -> tuple[list[dict[str, str]], dict[tuple[str, int], str]]:
    with (dataset / "engagements.csv").open(encoding="utf-8") as f:
        engagements = list(csv.DictReader(f))
    with (dataset / "truth" / "mentions.csv").open(encoding="utf-8") as f:
        truth = {(r["source"], int(r["row"])): r["person"] for r in csv.DictReader(f)}
    return engagements, truth


def sheet_of(dataset: Path, key: str) -> Path | None:
    for suffix in (".csv", ".xlsx"):
        if (path := dataset / "sheets" / f"{key}{suffix}").exists():
            return path
    return None


def partners() -> dict[str, Partner]:
    return {
        "A": Partner("A", "Hub sign-in A", False, ";", "deviceid", online=0.6),
        "B": Partner("B", "Hub sign-in B", True, "", "username", online=0.3),
        "C": Partner("C", "Hub sign-in C", False, ",", "", online=0.5),
    }


def random_id(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(BASE62) for _ in range(n))


def random_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def gender_code(written: str) -> str:
    return {"F": "female", "M": "male"}.get(written_gender(written), "")


def submissions_of(
    dataset: Path,
    engagements: list[dict[str, str]],
    truth: dict[tuple[str, int], str],
    partners: dict[str, Partner],
    rng: random.Random,
) -> list[Submission]:
    """Each row of each dev sheet as a Kobo submission of its partner's form."""
    out: list[Submission] = []
    for number, engagement in enumerate(engagements):
        path = sheet_of(dataset, engagement["key"])
        if path is None:
            continue
        table = read_table(path.read_bytes(), path.name)
        columns = map_columns(table.headers, ATTENDANCE)
        split = "first_name" in columns and "full_name" not in columns
        partner = partners["B"] if split else partners["A" if number % 2 == 0 else "C"]
        partner.versions[engagement["key"]] = "v" + random_id(rng, 21)
        start_day = dt.date.fromisoformat(engagement["start"])
        last_day = dt.date.fromisoformat(engagement["end"] or engagement["start"])
        opens = dt.datetime.combine(
            start_day, dt.time(8, 30 + rng.randrange(0, 30, 5)), tzinfo=BALKANS
        )
        devices = [
            ("ee.kobotoolbox.org:" if rng.random() < 0.3 else "collect:") + random_id(rng, 16)
            for _ in range(rng.choice((1, 1, 2)))
        ]
        moment = opens
        for row in table.rows:
            cell = {f: row.cells.get(h, "") for f, h in columns.items()}
            answers = {
                "full_name": cell.get("full_name", ""),
                "first_name": cell.get("first_name", ""),
                "last_name": cell.get("last_name", ""),
                "organization": cell.get("organisation", ""),
                "position": cell.get("role", ""),
                "municipality": cell.get("city", ""),
                "email": cell.get("email", ""),
                "gender": gender_code(cell.get("gender", "")),
            }
            day = start_day
            if last_day > start_day and rng.random() < 0.15:  # came on the second day
                day = start_day + dt.timedelta(days=1)
            moment += dt.timedelta(seconds=rng.randint(15, 90), milliseconds=rng.randrange(1000))
            started = moment.replace(year=day.year, month=day.month, day=day.day)
            ended = started + dt.timedelta(
                seconds=rng.randint(35, 160), milliseconds=rng.randrange(1000)
            )
            out.append(
                Submission(
                    partner=partner,
                    engagement=engagement,
                    source=(path.name, row.number),
                    person=truth[(path.name, row.number)],
                    answers=answers,
                    device=devices[row.number % len(devices)],
                    started=started.astimezone(BALKANS),
                    ended=ended.astimezone(BALKANS),
                    uuid=random_uuid(rng),
                    version=partner.versions[engagement["key"]],
                )
            )
    return out


def sync(submissions: list[Submission], rng: random.Random) -> None:
    """When each submission reached the server: at once from a web form with a signal, else
    when the phone found one (that evening, or days later); then `_id` in that order."""
    synced: dict[tuple[str, str], dt.datetime] = {}
    for s in submissions:
        group = (s.engagement["key"], s.device)
        if s.device.startswith("ee.") or rng.random() < s.partner.online:
            s.submitted = s.ended + dt.timedelta(seconds=rng.randint(1, 6))
            continue
        if group not in synced:
            evening = dt.datetime.combine(
                s.ended.date(), dt.time(18 + rng.randrange(4), rng.randrange(60)), tzinfo=BALKANS
            )
            synced[group] = evening + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2, 5)))
        s.submitted = max(synced[group], s.ended) + dt.timedelta(seconds=rng.randint(1, 40))
    for s in submissions:
        s.submitted = s.submitted.astimezone(dt.UTC)
    number = SERVER_ID_START
    for s in sorted(submissions, key=lambda s: s.submitted):
        number += rng.randint(1, 40)  # other projects' submissions between
        s.record = number


def hold_back(submissions: list[Submission], rng: random.Random) -> dt.datetime:
    """The moment the older export was downloaded: before the last tenth of the submissions,
    and before some phones of earlier events were back online. Returns the moment."""
    ordered = sorted(s.submitted for s in submissions)
    cut = ordered[int(len(ordered) * 0.93)].replace(microsecond=0)
    groups = sorted({(s.engagement["key"], s.device) for s in submissions if s.submitted < cut})
    late = set(rng.sample(groups, max(1, len(groups) // 30)))
    for s in submissions:
        if (s.engagement["key"], s.device) in late:
            s.late = True
            s.submitted = cut + dt.timedelta(days=3, minutes=rng.randrange(600))
        elif s.submitted > cut:
            s.late = True
    number = SERVER_ID_START
    for s in sorted(submissions, key=lambda s: s.submitted):
        number += rng.randint(1, 40)
        s.record = number
    return cut + dt.timedelta(seconds=1)


def edit(submissions: list[Submission], rng: random.Random) -> None:
    """Corrections an officer makes on Kobo after the older export: a name written in capitals
    or behind a title, an e-mail in capitals, a stray space. The person stays who they were."""
    for s in submissions:
        if s.late or rng.random() > 0.2:
            continue
        changed: dict[str, str] = {}
        for name in ("full_name", "first_name", "last_name"):
            value = TITLE.sub("", s.answers[name])
            if value.isupper() and len(value) > 3:
                value = value.title()
            if value != s.answers[name]:
                changed[name] = value
        if s.answers["email"] != s.answers["email"].lower():
            changed["email"] = s.answers["email"].lower()
        for name, value in s.answers.items():
            if value != " ".join(value.split()):
                changed[name] = " ".join(value.split())
        if changed:
            s.edits = changed
            s.edit_uuid = random_uuid(rng)
            s.edit_version = list(s.partner.versions.values())[-1]


# --- writing ---------------------------------------------------------------------------------


def stamp(moment: dt.datetime) -> str:
    """Enketo's and Collect's `start`/`end`: milliseconds and the device's offset."""
    return moment.isoformat(timespec="milliseconds")


def headings(partner: Partner, *, per_engagement: bool) -> list[str]:
    names = ["first_name", "last_name"] if partner.split_names else ["full_name"]
    questions = [*names, *PARTNER_QUESTIONS]
    head = ["start", "end", "today"] + ([partner.device_column] if partner.device_column else [])
    if partner.labels:
        event = [] if per_engagement else [LABELS["event"]]
        asked = [f"{LABELS['group']}/{LABELS[q]}" for q in questions]
    else:
        event = [] if per_engagement else ["event"]
        asked = [f"participant/{q}" for q in questions]
    return [*head, *event, *asked, *KOBO_TAIL]


def row_of(s: Submission, index: int, *, newer: bool, per_engagement: bool) -> list[object]:
    partner = s.partner
    answers = s.answers | (s.edits if newer else {})
    names = ["first_name", "last_name"] if partner.split_names else ["full_name"]
    values = [answers[q] for q in (*names, *PARTNER_QUESTIONS)]
    if partner.labels:
        values[-1] = GENDER_LABELS.get(values[-1], "")
    device = []
    if partner.device_column == "deviceid":
        device = [s.device]
    elif partner.device_column == "username":
        device = ["username not found" if s.device.startswith("ee.") else "hub_field_team"]
    event = []
    if not per_engagement:
        event = [s.engagement["title"] if partner.labels else s.engagement["key"]]
    edited = newer and bool(s.edits)
    return [
        stamp(s.started),
        stamp(s.ended),
        s.started.date().isoformat(),
        *device,
        *event,
        *values,
        s.record,
        s.edit_uuid if edited else s.uuid,
        s.submitted.replace(tzinfo=None).isoformat(timespec="seconds"),
        "",
        "",
        "submitted_via_web",
        "" if s.device.startswith("ee.") else "hub_field_team",
        s.edit_version if edited else s.version,
        "",
        index,
    ]


def export_bytes(partner: Partner, rows: list[list[object]], head: list[str], title: str) -> bytes:
    if partner.delimiter:
        text = io.StringIO()
        # Kobo quotes every cell; the older export only those that need it.
        writer = csv.writer(
            text,
            delimiter=partner.delimiter,
            quoting=csv.QUOTE_ALL if partner.delimiter == ";" else csv.QUOTE_MINIMAL,
            lineterminator="\r\n",
        )
        writer.writerow(head)
        writer.writerows(rows)
        return text.getvalue().encode("utf-8")
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(head)
    for row in rows:
        sheet.append(row)  # text as text, `_id` and `_index` as numbers, as Kobo writes them
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def file_name(partner: Partner, downloaded: dt.datetime, key: str | None) -> str:
    extension = "csv" if partner.delimiter else "xlsx"
    if key:
        return f"{key}.{extension}"
    headers = "labels" if partner.labels else "False"
    when = downloaded.strftime("%Y-%m-%d-%H-%M-%S")
    return f"{partner.title.replace(' ', '_')}_-_all_versions_-_{headers}_-_{when}.{extension}"


def write_exports(
    out: Path,
    submissions: list[Submission],
    downloaded: dt.datetime,
    *,
    newer: bool,
    per_engagement: bool,
) -> dict[tuple[str, int], Submission]:
    """Every export at one download; returns (file, row) -> submission."""
    (out / "sheets").mkdir(parents=True, exist_ok=True)
    placed: dict[tuple[str, int], Submission] = {}
    exports: dict[tuple[str, str | None], list[Submission]] = {}
    for s in sorted(submissions, key=lambda s: s.record):
        key = s.engagement["key"] if per_engagement else None
        exports.setdefault((s.partner.name, key), []).append(s)
    for (_partner, key), members in sorted(exports.items(), key=lambda e: (e[0][0], e[0][1] or "")):
        partner = members[0].partner
        name = file_name(partner, downloaded, key)
        head = headings(partner, per_engagement=per_engagement)
        rows = [
            row_of(s, i, newer=newer, per_engagement=per_engagement)
            for i, s in enumerate(members, start=1)
        ]
        title = members[0].engagement["title"] if key else partner.title
        (out / "sheets" / name).write_bytes(export_bytes(partner, rows, head, title))
        placed |= {(name, i): s for i, s in enumerate(members, start=1)}
    return placed


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def generate(
    out: Path,
    dataset: Path = DEV,
    *,
    per_engagement: bool = False,
    labels: bool = False,
    newer: bool = False,
    seed: int = 7,
) -> dict:
    rng = random.Random(seed)
    engagements, truth = read_dev(dataset)
    forms = partners()
    forms["C"].labels = labels
    submissions = submissions_of(dataset, engagements, truth, forms, rng)
    sync(submissions, rng)
    older_at = None
    if newer:
        older_at = hold_back(submissions, rng)
        edit(submissions, rng)
    latest = max(s.submitted for s in submissions)
    downloaded = (latest + dt.timedelta(days=2)).replace(
        hour=8, minute=15, second=rng.randrange(60)
    )

    out.mkdir(parents=True, exist_ok=True)
    for name in ("members.csv", "engagements.csv"):
        shutil.copyfile(dataset / name, out / name)
    (out / "truth").mkdir(exist_ok=True)
    if (dataset / "truth" / "figures.json").exists():
        shutil.copyfile(dataset / "truth" / "figures.json", out / "truth" / "figures.json")
    placed = write_exports(out, submissions, downloaded, newer=True, per_engagement=per_engagement)
    write_csv(
        out / "truth" / "mentions.csv",
        ["source", "row", "person"],
        [[name, row, s.person] for (name, row), s in placed.items()],
    )
    write_csv(
        out / "truth" / "sources.csv",
        ["source", "row", "sheet", "sheet_row"],
        [[name, row, *s.source] for (name, row), s in placed.items()],
    )
    summary = {
        "exports": sorted({name for name, _ in placed}),
        "rows": len(placed),
        "per_engagement": per_engagement,
        "labels": labels,
    }
    if older_at is not None:
        earlier = [s for s in submissions if not s.late]
        older = write_exports(
            out / "older", earlier, older_at, newer=False, per_engagement=per_engagement
        )
        write_csv(
            out / "older" / "truth" / "mentions.csv",
            ["source", "row", "person"],
            [[name, row, s.person] for (name, row), s in older.items()],
        )
        where = {id(s): key for key, s in older.items()}
        changes = []
        for (name, row), s in placed.items():
            status = "added" if s.late else ("edited" if s.edits else "unchanged")
            before = where.get(id(s), ("", ""))
            changes.append([name, row, status, *before])
        write_csv(
            out / "truth" / "changes.csv",
            ["source", "row", "status", "older_source", "older_row"],
            changes,
        )
        summary |= {
            "older_exports": sorted({name for name, _ in older}),
            "older_rows": len(older),
            "added": sum(1 for c in changes if c[2] == "added"),
            "edited": sum(1 for c in changes if c[2] == "edited"),
        }
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--dataset", type=Path, default=DEV)
    parser.add_argument("--per-engagement", action="store_true")
    parser.add_argument("--labels", action="store_true")
    parser.add_argument("--newer", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")
    import django

    django.setup()  # the sheet reader speaks through gettext when it refuses a file
    summary = generate(
        args.out,
        args.dataset,
        per_engagement=args.per_engagement,
        labels=args.labels,
        newer=args.newer,
        seed=args.seed,
    )
    print(json.dumps(summary, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
