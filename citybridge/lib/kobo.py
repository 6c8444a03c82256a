"""KoboToolbox and ODK exports as partners send them: which heading is what.

A sheet downloaded from KoboToolbox (or ODK Central, ODK Briefcase, SurveyCTO) is a table like
a paper sign-in sheet, plus what the tool writes around the answers:

- **metadata** (`start`, `end`, `today`, `_uuid`, `_submission_time`, `SubmissionDate`, `KEY`,
  `__version__`...): what the tool recorded about a submission, never an answer. `layout()`
  names each such column with its `Role`, and none is ever a field of the sheet: `end` is when
  the form was closed on the phone, not when an engagement ended.
- **group-prefixed headings**: a question inside a group is exported as
  `participant/organization` (Kobo's separator is "/" unless the export asked for another) or
  `participant-organization` (ODK Central and Briefcase). `field_heading()` is the question's own
  part, to match against a spec's synonyms.
- **XML names or labels**: Kobo exports the questions' names (`first_name`) or their labels in
  one of the form's languages ("Emri", "Име"); a label may hold a "/" itself ("Grad / Opština"),
  so in a labels export only a prefix that several headings share is taken for a group.
- **select questions**: one column of space-separated choice codes ("female", "police ngo"),
  and for a select_multiple Kobo by default (Central and Briefcase when asked) adds one column
  per choice, headed `question/code` and holding 1 or 0 (TRUE/FALSE in older exports). When an
  export has only those split columns, `codes()` and `expand()` give the question's codes as one
  written value again.

Which id names a submission: Kobo's `_uuid` and the OpenRosa instance id (`meta/instanceID`, ODK's
`meta-instanceID`, written "uuid:…") name one *version* of it. Editing a submission in Kobo gives
it a new `_uuid` (OpenRosa requires a new instance id per edit), while Kobo's record number
`_id`, Kobo's `meta/rootUuid` (the first version's id, in newer exports) and Central's `KEY` (the
submission's first instance id) stay. `submission_id()` is the steadiest id the export carries,
and `submission_keys()` lists every id a submission is known by, so that a re-import can tell an
edited submission from a new one whichever of them the exports carry.

Pure: plain strings in, plain values out; no database.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citybridge.lib.spreadsheets import ValueProblem

__all__ = [
    "ROLE_LABELS",
    "KoboLayout",
    "Role",
    "Source",
    "is_ticked",
    "layout",
    "timestamp",
]


class Source(StrEnum):
    KOBO = "kobo"
    ODK_CENTRAL = "odk_central"
    ODK_BRIEFCASE = "odk_briefcase"
    SURVEYCTO = "surveycto"
    XLSFORM = "xlsform"
    """Another tool of the ODK family (Ona, an older KoboCAT...): known by its instance ids."""


SOURCE_NAMES: dict[Source, str | Promise] = {
    Source.KOBO: "KoboToolbox",
    Source.ODK_CENTRAL: "ODK Central",
    Source.ODK_BRIEFCASE: "ODK Briefcase",
    Source.SURVEYCTO: "SurveyCTO",
    Source.XLSFORM: gettext_lazy("a form tool of the ODK family"),
}


class Role(StrEnum):
    """What a metadata column holds."""

    STARTED = "started"
    ENDED = "ended"
    TODAY = "today"
    SUBMITTED = "submitted"
    SUBMISSION_ID = "submission_id"
    """This version's id: `_uuid`, `meta/instanceID`, `instanceID`. A Kobo edit changes it."""
    ROOT_ID = "root_id"
    """The submission's first id, kept through edits: Kobo's `meta/rootUuid`, ODK's `KEY`."""
    PREVIOUS_ID = "previous_id"
    """The id of the version an edit replaced: `meta/deprecatedID`."""
    RECORD = "record"
    """Kobo's record number `_id`: kept through edits, unique on its server."""
    INDEX = "index"
    DEVICE = "device"
    SUBMITTER = "submitter"
    STATUS = "status"
    VERSION = "version"
    FORM = "form"
    INSTANCE_NAME = "instance_name"
    NOTES = "notes"
    TAGS = "tags"
    ATTACHMENTS = "attachments"
    EDITS = "edits"
    LOCATION = "location"
    DURATION = "duration"
    AUDIT = "audit"
    OTHER = "other"


ROLE_LABELS: dict[Role, Promise] = {
    Role.STARTED: gettext_lazy("when the form was opened"),
    Role.ENDED: gettext_lazy("when the form was completed"),
    Role.TODAY: gettext_lazy("the day the form was filled in"),
    Role.SUBMITTED: gettext_lazy("when the submission reached the server"),
    Role.SUBMISSION_ID: gettext_lazy("the submission's id"),
    Role.ROOT_ID: gettext_lazy("the submission's first id"),
    Role.PREVIOUS_ID: gettext_lazy("the id of the version it replaced"),
    Role.RECORD: gettext_lazy("the submission's record number"),
    Role.INDEX: gettext_lazy("the row's number in the export"),
    Role.DEVICE: gettext_lazy("the device it was filled in on"),
    Role.SUBMITTER: gettext_lazy("who submitted it"),
    Role.STATUS: gettext_lazy("the submission's status"),
    Role.VERSION: gettext_lazy("the form's version"),
    Role.FORM: gettext_lazy("the form's id"),
    Role.INSTANCE_NAME: gettext_lazy("the submission's title"),
    Role.NOTES: gettext_lazy("notes on the submission"),
    Role.TAGS: gettext_lazy("tags on the submission"),
    Role.ATTACHMENTS: gettext_lazy("the submission's attachments"),
    Role.EDITS: gettext_lazy("how often it was edited"),
    Role.LOCATION: gettext_lazy("where the device was"),
    Role.DURATION: gettext_lazy("how long filling it in took"),
    Role.AUDIT: gettext_lazy("the form's audit log"),
    Role.OTHER: gettext_lazy("other information the form tool added"),
}

# Columns the tools write, by exact name. Group paths are written with "/" here; an export
# with another separator ("meta-instanceID") is looked up with "/" put back.
_METADATA: dict[str, Role] = {
    # XLSForm's metadata questions (top level, named by the form: these are the defaults)
    "start": Role.STARTED,
    "end": Role.ENDED,
    "today": Role.TODAY,
    "deviceid": Role.DEVICE,
    "simserial": Role.DEVICE,
    "subscriberid": Role.DEVICE,
    "phonenumber": Role.DEVICE,
    "username": Role.SUBMITTER,
    "audit": Role.AUDIT,
    "meta/audit": Role.AUDIT,
    "meta/instanceID": Role.SUBMISSION_ID,
    "meta/instanceName": Role.INSTANCE_NAME,
    "meta/rootUuid": Role.ROOT_ID,
    "meta/deprecatedID": Role.PREVIOUS_ID,
    "instanceID": Role.SUBMISSION_ID,
    "instanceName": Role.INSTANCE_NAME,
    "deprecatedID": Role.PREVIOUS_ID,
    "formhub/uuid": Role.FORM,
    # KoboToolbox (and KoboCAT's older exports)
    "_id": Role.RECORD,
    "_uuid": Role.SUBMISSION_ID,
    "_submission_time": Role.SUBMITTED,
    "_validation_status": Role.STATUS,
    "_status": Role.STATUS,
    "_notes": Role.NOTES,
    "_tags": Role.TAGS,
    "_submitted_by": Role.SUBMITTER,
    "__version__": Role.VERSION,
    "_version": Role.VERSION,
    "_index": Role.INDEX,
    "_parent_index": Role.INDEX,
    "_parent_table_name": Role.INDEX,
    "_xform_id_string": Role.FORM,
    "_xform_id": Role.FORM,
    "_bamboo_dataset_id": Role.FORM,
    "_attachments": Role.ATTACHMENTS,
    "_media_count": Role.ATTACHMENTS,
    "_total_media": Role.ATTACHMENTS,
    "_media_all_received": Role.ATTACHMENTS,
    "_geolocation": Role.LOCATION,
    "_duration": Role.DURATION,
    # ODK Central and ODK Briefcase
    "SubmissionDate": Role.SUBMITTED,
    "KEY": Role.ROOT_ID,
    "PARENT_KEY": Role.INDEX,
    "SubmitterID": Role.SUBMITTER,
    "SubmitterName": Role.SUBMITTER,
    "AttachmentsPresent": Role.ATTACHMENTS,
    "AttachmentsExpected": Role.ATTACHMENTS,
    "Status": Role.STATUS,
    "ReviewState": Role.STATUS,
    "DeviceID": Role.DEVICE,
    "Edits": Role.EDITS,
    "FormVersion": Role.VERSION,
    # SurveyCTO
    "CompletionDate": Role.ENDED,
    "formdef_version": Role.VERSION,
    "review_status": Role.STATUS,
    "review_quality": Role.STATUS,
    "review_comments": Role.NOTES,
    "review_corrected": Role.EDITS,
    "duration": Role.DURATION,
    "caseid": Role.OTHER,
}

# Headings no paper sheet carries: one of them makes a table an export of a form tool.
_KOBO_MARKS = frozenset(
    {"_uuid", "_submission_time", "__version__", "_validation_status", "_submitted_by"}
    | {"_xform_id_string", "_notes", "_tags", "meta/rootUuid", "formhub/uuid"}
)
_CENTRAL_MARKS = frozenset({"SubmitterID", "SubmitterName", "ReviewState", "FormVersion"})
_ODK_MARKS = frozenset({"SubmissionDate", "KEY"})
_XLSFORM_MARKS = frozenset({"meta/instanceID", "instanceID", "meta/deprecatedID"})

# When several columns hold one kind of id, the first written is read.
_ID_ORDER = ("meta/rootUuid", "KEY", "_uuid", "meta/instanceID", "instanceID")
_SEPARATORS = ("/", "-", ".", ":")
# An XML name (XLSForm question and group names): a letter or "_", then letters, digits, _ - .
_XML_NAME = re.compile(r"[^\W\d][\w.\-]*")
_KOBO_GEOPOINT = re.compile(r"_(.+)_(?:latitude|longitude|altitude|precision)")
_ODK_GEOPOINT = re.compile(r"(.+)-(?:Latitude|Longitude|Altitude|Accuracy)")
_TICKED = frozenset({"1", "true", "yes"})
_UNTICKED = frozenset({"", "0", "false", "no"})


def _split(heading: str, separator: str) -> list[str]:
    """The heading's group path: split on the separator where it touches no space, so that a
    label such as "Grad / Opština" stays whole while "Učesnik/Grad / Opština" splits once."""
    if not separator:
        return [heading]
    return re.split(rf"(?<=\S){re.escape(separator)}(?=\S)", heading)


@dataclass(frozen=True)
class KoboLayout:
    """What each heading of an export is. Built by `layout()`."""

    source: Source
    separator: str
    """The group separator of its headings ("/", "-"...); "" when no heading has a group."""
    labels: bool
    """True when the headings are the questions' labels, False when they are XML names."""
    headings: tuple[str, ...]
    metadata: Mapping[str, Role]
    """Heading -> what the tool recorded in it. Never a field of the sheet."""
    fields: Mapping[str, str]
    """Heading (or select question) -> the question's own part, to match against synonyms."""
    candidates: Mapping[str, tuple[str, ...]]
    """Heading -> its readings as a field, likeliest first: the question's own part, then
    shorter tails of its group path, then the heading whole."""
    choices: Mapping[str, tuple[tuple[str, str], ...]]
    """Select question -> ((choice code, its column's heading), ...) for Kobo's split columns.
    A question whose own column is missing (an export of the split columns only) is a key
    here and in `fields` but not a heading of the table: `expand()` fills it."""
    choice_of: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Split column's heading -> (its question, its choice code)."""

    # --- headings ----------------------------------------------------------------------------

    def role(self, heading: str) -> Role | None:
        return self.metadata.get(heading)

    def field_heading(self, heading: str) -> str | None:
        """The question's own part of a heading (`participant/organization` ->
        `organization`); None for metadata and for a select_multiple's split columns."""
        return self.fields.get(heading)

    def field_headings(self, heading: str) -> tuple[str, ...]:
        return self.candidates.get(heading, ())

    def placed(self) -> dict[str, str]:
        """Each heading with where it went: "metadata: <role>", "field: <part>" or
        "choice: <question> = <code>". Every heading of the table is placed."""
        placed = {}
        for heading in self.headings:
            if heading in self.metadata:
                placed[heading] = f"metadata: {self.metadata[heading]}"
            elif heading in self.choice_of:
                question, code = self.choice_of[heading]
                placed[heading] = f"choice: {question} = {code}"
            else:
                placed[heading] = f"field: {self.fields[heading]}"
        return placed

    # --- cells -------------------------------------------------------------------------------

    def codes(self, question: str, cells: Mapping[str, str]) -> str:
        """A select question's codes as written: its own column when the export has one, else
        the codes of its ticked split columns, space-separated (the form's own way)."""
        own = cells.get(question, "")
        if own.strip() or question in self.headings:
            return own
        return " ".join(
            code
            for code, heading in self.choices.get(question, ())
            if is_ticked(cells.get(heading))
        )

    def expand(self, cells: Mapping[str, str]) -> dict[str, str]:
        """The row's cells, with each select question that has only split columns added as one
        cell of its codes."""
        expanded = dict(cells)
        for question in self.choices:
            if question not in self.headings:
                expanded[question] = self.codes(question, cells)
        return expanded

    def _first(self, cells: Mapping[str, str], *roles: Role) -> str:
        for heading in self._by_role(roles):
            value = cells.get(heading, "").strip()
            if value:
                return value
        return ""

    def _by_role(self, roles: Sequence[Role]) -> list[str]:
        found = [h for h in self.headings if self.metadata.get(h) in roles]
        # The exact names the tools write come first, in _ID_ORDER; any other after them.
        return sorted(found, key=lambda h: _ID_ORDER.index(h) if h in _ID_ORDER else len(_ID_ORDER))

    def submission_id(self, cells: Mapping[str, str]) -> str:
        """The steadiest id the export gives this submission, without "uuid:": the first id
        (Kobo's `meta/rootUuid`, ODK's `KEY`) when it has one, else this version's (`_uuid`,
        `meta/instanceID`). "" when the export carries none."""
        return _bare(self._first(cells, Role.ROOT_ID) or self._first(cells, Role.SUBMISSION_ID))

    def submission_keys(self, cells: Mapping[str, str]) -> tuple[str, ...]:
        """Every id this submission is known by, steadiest first: its first id, Kobo's record
        number (as "_id:N"), this version's ids and the id of the version it replaced. Two rows
        of two exports of one form are one submission when they share a key."""
        keys: list[str] = []
        for roles in ((Role.ROOT_ID,), (Role.RECORD,), (Role.SUBMISSION_ID,), (Role.PREVIOUS_ID,)):
            for heading in self._by_role(roles):
                value = _bare(cells.get(heading, "").strip())
                if value and roles == (Role.RECORD,):
                    value = f"_id:{value}"
                if value and value not in keys:
                    keys.append(value)
        return tuple(keys)

    def submitted_at(self, cells: Mapping[str, str]) -> dt.datetime | None:
        """When the submission reached the server (`_submission_time`, `SubmissionDate`).
        Kobo writes it in UTC without saying so."""
        value = self._first(cells, Role.SUBMITTED)
        return timestamp(value) if value else None

    def started_at(self, cells: Mapping[str, str]) -> dt.datetime | None:
        """When the form was opened on the device (`start`), in the device's own offset."""
        value = self._first(cells, Role.STARTED)
        return timestamp(value) if value else None


def _bare(value: str) -> str:
    """An instance id without its scheme: "uuid:9f1c…" -> "9f1c…"."""
    return value[5:] if value[:5].lower() == "uuid:" else value


def is_ticked(value: str | None) -> bool:
    """Whether a split select_multiple cell says the choice was ticked: 1/TRUE (or yes)."""
    return (value or "").strip().lower() in _TICKED


def layout(headers: Sequence[str], rows: Iterable[Mapping[str, str]] = ()) -> KoboLayout | None:
    """What each heading of a KoboToolbox or ODK export is; None for any other sheet (paper
    sign-in sheets have none of the columns only these tools write).

    `rows` (the table's cells, or the first hundred of them) let it recognise an export of a
    select_multiple's split columns without the question's own column: several columns under
    one path holding only 1/0 or TRUE/FALSE.
    """
    headings = tuple(headers)
    source = _source(headings)
    if source is None:
        return None
    separator = _separator(headings, source)
    metadata: dict[str, Role] = {}
    for heading in headings:
        role = _metadata_role(heading, separator, source)
        if role is not None:
            metadata[heading] = role
    answers = [h for h in headings if h not in metadata]
    choices, choice_of = _split_choices(answers, rows)
    questions = [h for h in answers if h not in choice_of]
    questions += [q for q in choices if q not in headings]
    labels = not all(all(_XML_NAME.fullmatch(p) for p in _split(q, "/")) for q in questions)
    fields, candidates = _field_parts(questions, separator, labels=labels)
    return KoboLayout(
        source=source,
        separator=separator,
        labels=labels,
        headings=headings,
        metadata=metadata,
        fields=fields,
        candidates=candidates,
        choices={q: tuple(c) for q, c in choices.items()},
        choice_of=choice_of,
    )


def _source(headings: Sequence[str]) -> Source | None:
    names = {_normal_path(h) for h in headings}
    if names & _KOBO_MARKS:
        return Source.KOBO
    if "formdef_version" in names:
        return Source.SURVEYCTO
    if names & _CENTRAL_MARKS and names & _ODK_MARKS:
        return Source.ODK_CENTRAL
    if names & _ODK_MARKS:
        return Source.ODK_BRIEFCASE
    if names & _XLSFORM_MARKS:
        return Source.XLSFORM
    return None


def _normal_path(heading: str) -> str:
    """`meta-instanceID`, `meta.instanceID` -> `meta/instanceID` (the tools' own metadata
    groups), other headings as they are."""
    for separator in _SEPARATORS[1:]:
        for group in ("meta", "formhub"):
            if heading.startswith(group + separator):
                return group + "/" + heading[len(group) + 1 :]
    return heading


def _separator(headings: Sequence[str], source: Source) -> str:
    """The group separator: the one the tool's own `meta` group is written with, else the one
    that puts the most headings into groups shared with others."""
    for heading in headings:
        for separator in _SEPARATORS:
            if heading.startswith(("meta" + separator, "formhub" + separator)):
                return separator
    default = "-" if source in (Source.ODK_CENTRAL, Source.ODK_BRIEFCASE) else "/"
    answers = [h for h in headings if _normal_path(h) not in _METADATA and not h.startswith("_")]

    def grouped(separator: str) -> int:
        firsts = Counter(parts[0] for h in answers if len(parts := _split(h, separator)) > 1)
        return sum(n for n in firsts.values() if n > 1)

    best = max(_SEPARATORS, key=lambda s: (grouped(s), s == default))
    return best if grouped(best) else (default if any(default in h for h in answers) else "")


def _metadata_role(heading: str, separator: str, source: Source) -> Role | None:
    name = _normal_path(heading)
    if name in _METADATA:
        return _METADATA[name]
    if separator and separator != "/":
        # A tool's metadata group written with the export's separator: `meta-instanceID`.
        role = _METADATA.get(heading.replace(separator, "/"))
        if role is not None and heading.split(separator)[0] in ("meta", "formhub"):
            return role
    if source is Source.KOBO and heading.startswith("_"):
        # Kobo's own columns start with "_"; a geopoint's parts (`_location_latitude`) too.
        return Role.LOCATION if _KOBO_GEOPOINT.fullmatch(heading) else Role.OTHER
    if source is not Source.KOBO and _ODK_GEOPOINT.fullmatch(heading):
        return Role.LOCATION
    return None


def _split_choices(
    answers: list[str], rows: Iterable[Mapping[str, str]]
) -> tuple[dict[str, list[tuple[str, str]]], dict[str, tuple[str, str]]]:
    """Kobo's (and ODK's) split select_multiple columns, `question/code`, by question."""
    choices: dict[str, list[tuple[str, str]]] = {}
    choice_of: dict[str, tuple[str, str]] = {}
    present = set(answers)
    # With the question's own column ("both", Kobo's default) its split columns follow it
    # at once, headed with its heading and "/": `participant/sector`, `participant/sector/ngo`.
    question: str | None = None
    for heading in answers:
        code = heading[len(question) + 1 :] if question else ""
        if question and heading.startswith(question + "/") and code and not code[0].isspace():
            choices.setdefault(question, []).append((code, heading))
            choice_of[heading] = (question, code)
            continue
        question = heading
    sample = list(itertools.islice(rows, 200))
    if not sample:
        return choices, choice_of
    # Only the split columns ("details"): a path that is no heading, over columns that all
    # hold 1/0 or TRUE/FALSE, at least one of them ticked somewhere.
    under: dict[str, list[str]] = {}
    for heading in answers:
        parts = _split(heading, "/")
        if heading not in choice_of and len(parts) > 1:
            under.setdefault("/".join(parts[:-1]), []).append(heading)
    for question, columns in under.items():
        if question in present or len(columns) < 2:
            continue
        values = {(row.get(c) or "").strip().lower() for row in sample for c in columns}
        if values <= _TICKED | _UNTICKED and values & _TICKED:
            for heading in columns:
                code = _split(heading, "/")[-1]
                choices.setdefault(question, []).append((code, heading))
                choice_of[heading] = (question, code)
    return choices, choice_of


def _field_parts(
    questions: list[str], separator: str, *, labels: bool
) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Each question heading's own part, and its readings likeliest first.

    A prefix is a group when several headings share it; in an export of XML names with "/"
    every prefix is one (a name cannot hold a "/"). Two questions whose parts would be the same
    (`participant/name`, `organiser/name`) keep enough of their path to stay apart."""
    paths = {q: _split(q, separator) for q in questions}
    shared: Counter[tuple[str, ...]] = Counter()
    for parts in paths.values():
        for cut in range(1, len(parts)):
            shared[tuple(parts[:cut])] += 1
    cut_at: dict[str, int] = {}
    for question, parts in paths.items():
        if not labels and separator == "/":
            cut_at[question] = len(parts) - 1
            continue
        cut_at[question] = max(
            (cut for cut in range(1, len(parts)) if shared[tuple(parts[:cut])] > 1), default=0
        )
    # Keep apart what would collide, by giving back one group at a time.
    while True:
        by_part: dict[str, list[str]] = {}
        for question, parts in paths.items():
            by_part.setdefault(separator.join(parts[cut_at[question] :]).casefold(), []).append(
                question
            )
        clashes = [qs for qs in by_part.values() if len(qs) > 1]
        moved = False
        for clash in clashes:
            for question in clash:
                if cut_at[question] > 0:
                    cut_at[question] -= 1
                    moved = True
        if not moved:
            break
    fields: dict[str, str] = {}
    candidates: dict[str, tuple[str, ...]] = {}
    for question, parts in paths.items():
        own = separator.join(parts[cut_at[question] :])
        fields[question] = own
        tails = [separator.join(parts[cut:]) for cut in range(cut_at[question], len(parts))]
        readings = [*tails, question]
        candidates[question] = tuple(dict.fromkeys(readings))
    return fields, candidates


# --- timestamps ------------------------------------------------------------------------------

_TIMESTAMP = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
# ODK Briefcase before 1.10 wrote "Mar 1, 2024 9:05:12 AM" (Java's medium format, English).
_BRIEFCASE = re.compile(
    r"([A-Za-z]{3}) (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2}) ?([AP]M)", re.IGNORECASE
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def timestamp(text: str, *, default_tz: dt.tzinfo = dt.UTC) -> dt.datetime:
    """A form tool's timestamp as an aware datetime, in the offset it was written with:
    "2024-03-01T10:00:00.000+01:00", "2024-03-01T09:00:00Z", "2024-03-01T09:00:05" (Kobo's
    `_submission_time`, UTC unsaid: `default_tz`), "2024-03-01 10:00" (a spreadsheet's own
    date cell), "Mar 1, 2024 9:05:12 AM" (older ODK Briefcase). Raises ValueProblem."""
    value = text.strip()
    try:
        if match := _TIMESTAMP.fullmatch(value):
            year, month, day, hour, minute = (int(g) for g in match.groups()[:5])
            second = int(match.group(6) or 0)
            micro = int((match.group(7) or "0")[:6].ljust(6, "0"))
            return dt.datetime(
                year,
                month,
                day,
                hour,
                minute,
                second,
                micro,
                tzinfo=_offset(match.group(8)) or default_tz,
            )
        if (match := _BRIEFCASE.fullmatch(value)) and match.group(1).lower() in _MONTHS:
            hour = int(match.group(4)) % 12 + (12 if match.group(7).upper() == "PM" else 0)
            return dt.datetime(
                int(match.group(3)),
                _MONTHS.index(match.group(1).lower()) + 1,
                int(match.group(2)),
                hour,
                int(match.group(5)),
                int(match.group(6)),
                tzinfo=default_tz,
            )
    except ValueError:
        pass
    raise ValueProblem(
        _("'%(value)s' is not a date and time we can read.") % {"value": value},
        _("Write it as the form tool does, for example 2024-03-01T10:00:00+01:00."),
    )


def _offset(written: str | None) -> dt.tzinfo | None:
    if not written:
        return None
    if written.upper() == "Z":
        return dt.UTC
    sign = -1 if written[0] == "-" else 1
    digits = written[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        raise ValueError(written)
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
