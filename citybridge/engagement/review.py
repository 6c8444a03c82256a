"""Officers' verdicts on the resolver's uncertain pairs, and undoing a merge."""

from __future__ import annotations

from django.db import transaction

from citybridge.accounts.access_log import log_access
from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import AccessLog, User
from citybridge.engagement.models import Attendance, LinkDecision, ShortForm
from citybridge.engagement.resolution import ResolutionSummary, resolve_hub
from citybridge.lib.resolution.candidates import teaches_short_form
from citybridge.network.models import Hub


@records_acting_user
@transaction.atomic
def decide_pair(
    hub: Hub, first: Attendance, second: Attendance, verdict: str, *, acting_user: User | None
) -> ResolutionSummary:
    """Record that two records are (or are not) one person, then resolve the hub again.

    The verdict is remembered and re-applied by every later resolution. A "same person" on
    two records whose given names are an informal name and the full one (Teja / Teodora, a
    short form the lexicon lacks) also teaches the hub that short form, for every record of
    it; undoing the decision unlearns it. A "different people" keeps the two apart for good:
    no later resolution links them, nor asks about them again."""
    a, b = sorted((first, second), key=lambda r: r.pk)
    decision, _ = LinkDecision.objects.update_or_create(
        first=a, second=b, defaults={"verdict": verdict, "decided_by": acting_user}
    )
    same = verdict == LinkDecision.Verdict.SAME
    taught = teaches_short_form(_written(a), _written(b)) if same else None
    if taught:
        ShortForm.objects.update_or_create(
            decision=decision, defaults={"hub": hub, "short": taught[0], "full": taught[1]}
        )
    else:
        ShortForm.objects.filter(decision=decision).delete()
    action = AccessLog.Action.MERGE if same else AccessLog.Action.SPLIT
    log_access(acting_user, action, obj=a, hub=hub, detail=f"with record {b.pk}")
    return resolve_hub(hub)


@records_acting_user
@transaction.atomic
def split_record(hub: Hub, record: Attendance, *, acting_user: User | None) -> ResolutionSummary:
    """Undo a merge: this record is not the same person as the others it was linked with."""
    if record.person_id is None:
        return resolve_hub(hub)
    others = Attendance.objects.filter(person_id=record.person_id).exclude(pk=record.pk)
    for other in others:
        a, b = sorted((record, other), key=lambda r: r.pk)
        LinkDecision.objects.update_or_create(
            first=a,
            second=b,
            defaults={"verdict": LinkDecision.Verdict.DIFFERENT, "decided_by": acting_user},
        )
    log_access(acting_user, AccessLog.Action.SPLIT, obj=record, hub=hub, count=len(others))
    return resolve_hub(hub)


@records_acting_user
@transaction.atomic
def undo_decision(
    hub: Hub, decision: LinkDecision, *, acting_user: User | None
) -> ResolutionSummary:
    log_access(
        acting_user,
        AccessLog.Action.DECISION_UNDONE,
        obj=decision.first,
        hub=hub,
        detail=f"{decision.verdict} with record {decision.second_id}",
    )
    decision.delete()
    return resolve_hub(hub)


def _written(record: Attendance) -> tuple[str, str, str]:
    """The record's name as the resolver reads it (see resolution.mention_of)."""
    if record.given_name or record.family_name:
        return ("", record.given_name, record.family_name)
    return (record.full_name, "", "")
