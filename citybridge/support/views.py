"""Pages for support actions, their status, milestones and disbursements, the pipeline,
mechanisms and action plans."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citybridge.accounts.scopes import scope_of
from citybridge.lib.exports import list_download
from citybridge.network.decorators import hub_member_required, hub_staff_required
from citybridge.network.http import HubRequest, list_template, page_of
from citybridge.network.names import shown_name
from citybridge.network.pipelines import also_filtered, pipeline_page
from citybridge.support import actions
from citybridge.support.access import (
    get_action_plan_for_user,
    get_mechanism_for_user,
    get_milestone_for_user,
    get_support_action_for_user,
    sees_support_rows,
)
from citybridge.support.downloads import MILESTONE_COLUMNS, SUPPORT_COLUMNS
from citybridge.support.forms import (
    ActionPlanForm,
    DisbursementForm,
    MechanismForm,
    MechanismStageForm,
    MilestoneDoneForm,
    MilestoneForm,
    StatusMoveForm,
    SupportActionForm,
    SupportFilterForm,
    WithdrawForm,
)
from citybridge.support.iati import iati_activities
from citybridge.support.models import (
    ActionPlan,
    Disbursement,
    Mechanism,
    MechanismStage,
    Milestone,
    SupportAction,
)
from citybridge.support.pipeline import pipeline_actions, pipeline_breakdowns


@hub_member_required
def support_list(request: HubRequest) -> HttpResponse:
    hub = request.hub
    if not sees_support_rows(request.user, hub.pk):
        raise Http404
    form = SupportFilterForm(request.GET or None)
    # Withdrawn actions (recorded by mistake) are listed only when asked for.
    withdrawn = request.GET.get("withdrawn") == "1"
    shown = SupportAction.objects.visible_to(request.user).of_hub(hub)
    found = form.apply(shown.withdrawn() if withdrawn else shown.not_withdrawn())
    rows = pipeline_actions(found)
    rows.sort(key=lambda a: (a.starts_on or dt.date.min, a.pk), reverse=True)
    if download := list_download(
        request,
        name="support-actions",
        title=_("Support actions"),
        columns=SUPPORT_COLUMNS,
        rows=rows,
    ):
        return download
    context = {
        "form": form,
        "page": page_of(request, rows),
        "filters": form.active_filters(),
        "query": urlencode({**form.active_filters(), **({"withdrawn": "1"} if withdrawn else {})}),
        "also_filtered": also_filtered(
            form.active_filters(), hub, ("country", "theme", "funder", "city")
        ),
        "withdrawn": withdrawn,
    }
    template = list_template(request, "support/support_list.html", "support/support_rows.html")
    return render(request, template, context)


def withdrawn_refusal(request: HttpRequest, action: SupportAction) -> HttpResponse | None:
    """A withdrawn action's edit and milestone/disbursement URLs, typed or from an old tab: say
    so and show the action, rather than a form that would fail on saving."""
    if not action.is_withdrawn:
        return None
    messages.error(
        request,
        _("%(title)s was withdrawn, so it can no longer be changed.") % {"title": action.title},
    )
    return redirect("support:support_detail", pk=action.pk)


def detail_context(request: HttpRequest, action: SupportAction, **forms) -> dict:
    scope = scope_of(request.user)
    milestones = list(action.milestones.all())
    today = timezone.localdate()
    for m in milestones:
        m.action = action  # the row rule reads the action's status; no query per row
    return {
        "action": action,
        "is_staff": scope.is_staff_of(action.hub_id),
        "today": today,
        "changes": action.status_changes.select_related("changed_by"),
        "milestones": [(m, m.is_overdue_on(today)) for m in milestones],
        "disbursements": action.disbursements.all(),
        "disbursed": action.disbursed(),
        "remaining": action.remaining(),
        "needs": action.needs.select_related("city", "theme"),
        "themes": action.themes.all(),
        "experts": action.experts.all(),
        "peer_cities": action.peer_cities.all(),
        "engagements": action.engagements.order_by("starts_on"),
        "mechanisms": action.mechanisms.select_related("city"),
        "action_plans": action.action_plans.all(),
        "move_form": forms.get("move_form") or StatusMoveForm(action=action),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "milestone_form": forms.get("milestone_form") or MilestoneForm(),
        "disbursement_form": forms.get("disbursement_form") or DisbursementForm(),
    }


@hub_member_required
def support_detail(request: HubRequest, pk: int) -> HttpResponse:
    action = get_support_action_for_user(request.user, pk)
    return render(request, "support/support_detail.html", detail_context(request, action))


@hub_staff_required
def support_create(request: HubRequest) -> HttpResponse:
    initial = {}
    if city := request.GET.get("city", ""):
        initial["city"] = city if city.isdigit() else None
    return support_form(request, SupportAction(), initial)


@hub_staff_required
def support_edit(request: HubRequest, pk: int) -> HttpResponse:
    action = get_support_action_for_user(request.user, pk)
    return withdrawn_refusal(request, action) or support_form(request, action, {})


def support_form(request: HubRequest, action: SupportAction, initial: dict) -> HttpResponse:
    hub = request.hub
    form = SupportActionForm(request.POST or None, instance=action, hub=hub, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = actions.save_support_action(
            form.instance,
            hub=hub,
            **form.links(),
            acting_user=request.user,
        )
        messages.success(request, _("Saved %(title)s.") % {"title": action.title})
        return redirect("support:support_detail", pk=action.pk)
    return render(request, "support/support_form.html", {"form": form, "action": action})


@require_POST
@hub_staff_required
def support_move(request: HubRequest, pk: int) -> HttpResponse:
    action = get_support_action_for_user(request.user, pk)
    if refused := withdrawn_refusal(request, action):
        return refused
    form = StatusMoveForm(request.POST, action=action)
    if form.is_valid():
        try:
            actions.move_support_status(
                action,
                form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
                effective_on=form.cleaned_data["effective_on"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Status: %(status)s.") % {"status": action.get_status_display()}
            )
            return redirect("support:support_detail", pk=action.pk)
    context = detail_context(request, action, move_form=form)
    return render(request, "support/support_detail.html", context, status=400)


@require_POST
@hub_staff_required
def support_withdraw(request: HubRequest, pk: int) -> HttpResponse:
    action = get_support_action_for_user(request.user, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            reopened = actions.withdraw_support_action(
                action,
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Withdrawn: %(title)s.") % {"title": action.title})
            for need in reopened:
                messages.info(
                    request,
                    _("The need of %(city)s is open again: %(statement)s")
                    % {"city": shown_name(need.city), "statement": need.statement[:120]},
                )
            return redirect("support:support_detail", pk=action.pk)
    context = detail_context(request, action, withdraw_form=form)
    return render(request, "support/support_detail.html", context, status=400)


@require_POST
@hub_staff_required
def milestone_add(request: HubRequest, pk: int) -> HttpResponse:
    action = get_support_action_for_user(request.user, pk)
    if refused := withdrawn_refusal(request, action):
        return refused
    form = MilestoneForm(request.POST, instance=Milestone(action=action))
    if form.is_valid():
        actions.add_milestone(form.instance, acting_user=request.user)
        messages.success(request, _("Milestone added."))
        return redirect("support:support_detail", pk=action.pk)
    context = detail_context(request, action, milestone_form=form)
    return render(request, "support/support_detail.html", context, status=400)


@require_POST
@hub_staff_required
def milestone_done(request: HubRequest, pk: int) -> HttpResponse:
    milestone = get_milestone_for_user(request.user, pk)
    if refused := withdrawn_refusal(request, milestone.action):
        return refused
    form = MilestoneDoneForm(request.POST, milestone=milestone)
    if form.is_valid():
        actions.complete_milestone(
            milestone,
            done_on=form.cleaned_data["done_on"],
            acting_user=request.user,
        )
        messages.success(request, _("Milestone marked done."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("support:support_detail", pk=milestone.action_id)


@require_POST
@hub_staff_required
def disbursement_add(request: HubRequest, pk: int) -> HttpResponse:
    action = get_support_action_for_user(request.user, pk)
    if refused := withdrawn_refusal(request, action):
        return refused
    form = DisbursementForm(request.POST, instance=Disbursement(action=action))
    if form.is_valid():
        actions.add_disbursement(form.instance, acting_user=request.user)
        messages.success(request, _("Disbursement recorded."))
        return redirect("support:support_detail", pk=action.pk)
    context = detail_context(request, action, disbursement_form=form)
    return render(request, "support/support_detail.html", context, status=400)


@hub_member_required
def support_pipeline(request: HubRequest) -> HttpResponse:
    hub = request.hub
    return pipeline_page(
        request,
        base=SupportAction.objects.of_hub(hub).not_withdrawn(),
        form=SupportFilterForm(request.GET or None),
        breakdowns_of=pipeline_breakdowns,
        name="support-pipeline",
        opens_records=sees_support_rows(request.user, hub.pk),
        template="support/pipeline.html",
    )


@hub_staff_required
def support_iati(request: HubRequest) -> HttpResponse:
    """The hub's support actions as an IATI 2.03 activity file. Hub staff only: it lists each
    action, its recipient and its money, and donors see the support's numbers, never its rows
    (a funder's own systems get the file from the hub, who decides what is published)."""
    hub = request.hub
    xml = iati_activities(hub, SupportAction.objects.visible_to(request.user))
    response = HttpResponse(xml, content_type="application/xml; charset=utf-8")
    name = f"{hub.slug}-iati-activities-{timezone.localdate():%Y-%m-%d}.xml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@hub_staff_required
def milestone_overdue(request: HubRequest) -> HttpResponse:
    hub = request.hub
    today = timezone.localdate()
    milestones = (
        Milestone.objects.visible_to(request.user)
        .of_hub(hub)
        .overdue(on=today)
        .select_related("action__city__country", "action__organisation")
        .order_by("due_on", "pk")
    )
    if download := list_download(
        request,
        name="overdue-milestones",
        title=_("Overdue milestones"),
        columns=MILESTONE_COLUMNS,
        rows=milestones,
    ):
        return download
    return render(request, "support/overdue.html", {"milestones": milestones, "today": today})


@hub_member_required
def mechanism_list(request: HubRequest) -> HttpResponse:
    hub = request.hub
    mechanisms = (
        Mechanism.objects.visible_to(request.user)
        .of_hub(hub)
        .select_related("city__country")
        .prefetch_related("stages")
        .order_by("city__name_key")
    )
    rows = [(m, m.current_stage()) for m in mechanisms]
    stage_counts = {
        value: sum(1 for _m, s in rows if s and s.stage == value) for value in Mechanism.STAGE_ORDER
    }
    context = {
        "rows": rows,
        "stages": [(v, Mechanism.Stage(v).label, stage_counts[v]) for v in Mechanism.STAGE_ORDER],
        "is_staff": scope_of(request.user).is_staff_of(hub.pk),
    }
    return render(request, "support/mechanism_list.html", context)


def mechanism_context(request: HubRequest, mechanism: Mechanism, stage_form=None) -> dict:
    stages = {s.stage: s for s in mechanism.stages.all()}
    return {
        "mechanism": mechanism,
        "ladder": [(v, Mechanism.Stage(v).label, stages.get(v)) for v in Mechanism.STAGE_ORDER],
        "support": SupportAction.objects.visible_to(request.user)
        .not_withdrawn()
        .filter(mechanisms=mechanism),
        "stage_form": stage_form or MechanismStageForm(),
        "is_staff": scope_of(request.user).is_staff_of(request.hub.pk),
    }


@hub_member_required
def mechanism_detail(request: HubRequest, pk: int) -> HttpResponse:
    mechanism = get_mechanism_for_user(request.user, pk)
    return render(request, "support/mechanism_detail.html", mechanism_context(request, mechanism))


@hub_staff_required
def mechanism_create(request: HubRequest) -> HttpResponse:
    initial = {"city": request.GET.get("city")} if request.GET.get("city", "").isdigit() else {}
    return mechanism_form(request, Mechanism(), initial)


@hub_staff_required
def mechanism_edit(request: HubRequest, pk: int) -> HttpResponse:
    return mechanism_form(request, get_mechanism_for_user(request.user, pk), {})


def mechanism_form(request: HubRequest, mechanism: Mechanism, initial: dict) -> HttpResponse:
    hub = request.hub
    form = MechanismForm(request.POST or None, instance=mechanism, hub=hub, initial=initial)
    if request.method == "POST" and form.is_valid():
        mechanism = actions.save_mechanism(
            form.instance,
            support_actions=form.cleaned_data["support_actions"],
            acting_user=request.user,
        )
        messages.success(request, _("Saved %(name)s.") % {"name": mechanism})
        return redirect("support:mechanism_detail", pk=mechanism.pk)
    return render(request, "support/mechanism_form.html", {"form": form, "mechanism": mechanism})


@require_POST
@hub_staff_required
def stage_add(request: HubRequest, pk: int) -> HttpResponse:
    mechanism = get_mechanism_for_user(request.user, pk)
    form = MechanismStageForm(request.POST, instance=MechanismStage(mechanism=mechanism))
    if form.is_valid():
        actions.record_mechanism_stage(form.instance, acting_user=request.user)
        messages.success(
            request, _("Stage recorded: %(stage)s.") % {"stage": form.instance.get_stage_display()}
        )
        return redirect("support:mechanism_detail", pk=mechanism.pk)
    context = mechanism_context(request, mechanism, stage_form=form)
    return render(request, "support/mechanism_detail.html", context, status=400)


@hub_member_required
def action_plan_list(request: HubRequest) -> HttpResponse:
    hub = request.hub
    visible = SupportAction.objects.visible_to(request.user)
    plans = (
        ActionPlan.objects.visible_to(request.user)
        .of_hub(hub)
        .select_related("city", "organisation")
        .prefetch_related(Prefetch("support_actions", queryset=visible, to_attr="visible_support"))
        .annotate(support_count=Count("support_actions", distinct=True))
    )
    context = {"plans": plans, "is_staff": scope_of(request.user).is_staff_of(hub.pk)}
    return render(request, "support/action_plan_list.html", context)


@hub_staff_required
def action_plan_create(request: HubRequest) -> HttpResponse:
    return action_plan_form(request, ActionPlan())


@hub_staff_required
def action_plan_edit(request: HubRequest, pk: int) -> HttpResponse:
    return action_plan_form(request, get_action_plan_for_user(request.user, pk))


def action_plan_form(request: HubRequest, plan: ActionPlan) -> HttpResponse:
    hub = request.hub
    form = ActionPlanForm(request.POST or None, instance=plan, hub=hub)
    if request.method == "POST" and form.is_valid():
        plan = actions.save_action_plan(
            form.instance,
            hub=hub,
            support_actions=form.cleaned_data["support_actions"],
            acting_user=request.user,
        )
        messages.success(request, _("Saved %(title)s.") % {"title": plan.title})
        return redirect("support:action_plan_list")
    return render(request, "support/action_plan_form.html", {"form": form, "plan": plan})
