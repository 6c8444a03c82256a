"""The demonstration's support: the brief's "Strengthening City-Led Prevention" as records.

Danilovgrad's Local Safety Council from the mayor's request to an operational council, Elbasan's
youth convening, Prishtina's convening, the P/CVE action plans of Brčko District and the
Federation of BiH, Technical Support Fund grants in EUR with disbursements, and Expert Pool
deployments. Everything is written through support.actions; dates and amounts are illustrative.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from citybridge.accounts.models import Role, User
from citybridge.demo.build import DEMO_PASSWORD, DemoContext
from citybridge.needs.models import Need
from citybridge.network.models import Country, Theme
from citybridge.support.actions import (
    add_disbursement,
    add_milestone,
    complete_milestone,
    move_support_status,
    record_mechanism_stage,
    save_action_plan,
    save_expert,
    save_mechanism,
    save_support_action,
)
from citybridge.support.models import (
    ActionPlan,
    Disbursement,
    Expert,
    Mechanism,
    MechanismStage,
    Milestone,
    SupportAction,
)

Kind = SupportAction.Kind
Status = SupportAction.Status

# (full name, expertise, languages, countries, theme slugs). Invented people.
EXPERTS = [
    (
        "Jelena Vuković",
        "Local Safety Councils: statutes, membership and the first year of meetings.",
        "sr, en",
        ["ME", "RS"],
        ["multi-actor-prevention-mechanisms"],
    ),
    (
        "Amra Hodžić",
        "Early warning and referral between schools, social services and police.",
        "bs, en",
        ["BA", "RS"],
        ["early-warning-and-referral", "community-policing"],
    ),
    (
        "Ilir Krasniqi",
        "Reintegration of returnees' families; psychosocial support in municipalities.",
        "sq, en",
        ["XK", "AL"],
        ["reintegration-of-returnees-and-their-families", "mental-health-and-psychosocial-support"],
    ),
]


def date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def experts(ctx: DemoContext) -> dict[str, Expert]:
    """The Expert Pool members this part deploys; another part may have created them already."""
    themes = {t.slug: t for t in Theme.objects.all()}
    found = {}
    for name, bio, languages, countries, slugs in EXPERTS:
        expert = Expert.objects.filter(hub=ctx.hub, full_name=name).first()
        if expert is None:
            expert = save_expert(
                Expert(full_name=name, bio=bio, languages=languages),
                hub=ctx.hub,
                themes=[themes[s] for s in slugs],
                acting_user=None,
            )
            expert.countries.set(Country.objects.filter(code__in=countries))
        found[name] = expert
    return found


def add_expert_user(ctx: DemoContext, expert: Expert) -> None:
    """A demo user in the expert role: sees the support actions they are deployed on."""
    user = User.objects.create_user(
        username="expert",
        password=DEMO_PASSWORD,
        first_name="Demo",
        last_name="Expert",
        email="expert@citybridge.example",
        is_demo=True,
    )
    Role.objects.create(user=user, hub=ctx.hub, kind=Role.Kind.EXPERT)
    expert.user = user
    expert.save(update_fields=["user"])
    ctx.users["expert"] = user


def support(
    ctx: DemoContext,
    *,
    title: str,
    kind: str,
    moves: list[tuple[str, str, str]],
    city: str = "",
    organisation: str = "",
    starts_on: str,
    ends_on: str = "",
    description: str = "",
    amount: int | None = None,
    themes: tuple[str, ...] = (),
    peers: tuple[str, ...] = (),
    engagements: tuple[str, ...] = (),
    deployed: tuple[Expert, ...] = (),
) -> SupportAction:
    """Record the action as requested on its start date, then make each (status, day, why) move."""
    officer = ctx.users["officer"]
    government = ctx.organisations[organisation] if organisation else None
    place = ctx.cities[city] if city else (government.city if government else None)
    answers = Need.objects.of_hub(ctx.hub).filter(city=place, theme__slug__in=themes)
    action = save_support_action(
        SupportAction(
            title=title,
            kind=kind,
            city=ctx.cities[city] if city else None,
            organisation=government,
            description=description,
            starts_on=date(starts_on),
            ends_on=date(ends_on) if ends_on else None,
            funder=ctx.funder,
            amount=Decimal(amount) if amount is not None else None,
            currency="EUR" if amount is not None else "",
        ),
        hub=ctx.hub,
        needs=answers if place else [],
        themes=Theme.objects.filter(slug__in=themes),
        peer_cities=[ctx.cities[p] for p in peers],
        engagements=[ctx.engagements[k] for k in engagements],
        experts=deployed,
        acting_user=officer,
    )
    for status, day, why in moves:
        move_support_status(action, status, reason=why, effective_on=date(day), acting_user=officer)
    return action


def milestone(action: SupportAction, title: str, due: str, done: str = "") -> None:
    m = add_milestone(Milestone(action=action, title=title, due_on=date(due)), acting_user=None)
    if done:
        complete_milestone(m, done_on=date(done), acting_user=None)


def pay(action: SupportAction, amount: int, day: str) -> None:
    add_disbursement(
        Disbursement(action=action, amount=Decimal(amount), paid_on=date(day)), acting_user=None
    )


def stage(mechanism: Mechanism, value: str, day: str, evidence: str) -> None:
    record_mechanism_stage(
        MechanismStage(mechanism=mechanism, stage=value, reached_on=date(day), evidence=evidence),
        acting_user=None,
    )


def build(ctx: DemoContext) -> None:
    pool = experts(ctx)
    add_expert_user(ctx, pool["Amra Hodžić"])
    danilovgrad(ctx, pool)
    elbasan(ctx)
    prishtina(ctx)
    action_plans(ctx)
    deployments(ctx, pool)
    support(
        ctx,
        title="Technical Support Fund: CCTV for the town centre",
        kind=Kind.GRANT,
        city="Bijelo Polje",
        starts_on="2023-06-01",
        amount=20000,
        description="A request for cameras in the town centre.",
        moves=[
            (
                Status.DECLINED,
                "2023-06-20",
                "Outside the Fund's scope: it does not pay for surveillance equipment. "
                "The Hub offered a consultation on community policing instead.",
            )
        ],
    )


def danilovgrad(ctx: DemoContext, pool: dict[str, Expert]) -> None:
    guidance = support(
        ctx,
        title="Help to set up a Local Safety Council",
        kind=Kind.GUIDANCE,
        city="Danilovgrad",
        starts_on="2023-03-20",
        ends_on="2023-12-15",
        description=(
            "The newly elected mayor asked the Hub for support to develop a Local Safety Council, "
            "inspired by what was learnt at the Hub's Inaugural Workshop in February 2023."
        ),
        themes=("multi-actor-prevention-mechanisms",),
        peers=("Podgorica", "Budva", "Kumanovo", "Zenica", "Bujanovac"),
        engagements=("WB10",),
        deployed=(pool["Jelena Vuković"],),
        moves=[
            (Status.APPROVED, "2023-04-05", "Mayor's letter received; a regional priority."),
            (Status.IN_PROGRESS, "2023-05-02", "Roundtable planned with peer cities."),
            (Status.COMPLETED, "2023-12-15", "Council established; handed over to the grant."),
        ],
    )
    milestone(guidance, "Roundtable with regional counterparts", "2023-07-15", "2023-07-12")
    milestone(
        guidance, "Draft decision shared with the Municipal Assembly", "2023-09-30", "2023-10-02"
    )
    grant = support(
        ctx,
        title="Technical Support Fund: Local Safety Council secretariat and first meetings",
        kind=Kind.GRANT,
        city="Danilovgrad",
        starts_on="2023-11-01",
        ends_on="2024-06-30",
        amount=12000,
        themes=("multi-actor-prevention-mechanisms",),
        moves=[
            (Status.APPROVED, "2023-11-10", "Fund committee approved the full amount."),
            (Status.IN_PROGRESS, "2023-11-20", "First tranche paid."),
        ],
    )
    pay(grant, 6000, "2023-11-20")
    pay(grant, 3000, "2024-03-05")
    milestone(grant, "First three council meetings held", "2024-03-31", "2024-02-28")
    milestone(grant, "Final report to the Fund", "2024-06-30")
    council = save_mechanism(
        Mechanism(
            city=ctx.cities["Danilovgrad"],
            kind=Mechanism.Kind.LOCAL_SAFETY_COUNCIL,
            name="Danilovgrad Local Safety Council",
        ),
        support_actions=[guidance, grant],
        acting_user=None,
    )
    stage(council, "proposed", "2023-03-20", "The mayor's letter asking the Hub for support.")
    stage(
        council,
        "established",
        "2023-10-26",
        "Decision of the Municipal Assembly establishing the council (demo reference 23/114).",
    )
    stage(council, "operational", "2024-02-28", "Minutes of three meetings, Dec 2023 – Feb 2024.")
    kumanovo = save_mechanism(
        Mechanism(city=ctx.cities["Kumanovo"], kind=Mechanism.Kind.COMMUNITY_SAFETY_COUNCIL),
        acting_user=None,
    )
    stage(kumanovo, "proposed", "2019-02-01", "Council programme of the municipality.")
    stage(kumanovo, "established", "2019-06-12", "Decision of the municipal council.")
    stage(kumanovo, "operational", "2019-10-01", "Meets monthly; minutes on file.")
    stage(kumanovo, "sustained", "2022-12-20", "Own line in the 2023 municipal budget.")


def elbasan(ctx: DemoContext) -> None:
    support(
        ctx,
        title="Peer exchange on engaging young people",
        kind=Kind.PEER_EXCHANGE,
        city="Elbasan",
        starts_on="2023-05-02",
        ends_on="2023-06-30",
        description=(
            "To help the city overcome challenges in engaging young people, the Hub convened "
            "cities that run youth empowerment programmes and policies."
        ),
        themes=("youth-engagement",),
        peers=("Tirana", "Korça", "Kumanovo", "Tetovo", "Novi Pazar", "Prizren", "Bihać"),
        engagements=("WB09",),
        moves=[
            (Status.APPROVED, "2023-05-05", "City asked for it at the Inaugural Workshop."),
            (Status.IN_PROGRESS, "2023-05-20", "Peer cities confirmed."),
            (Status.COMPLETED, "2023-06-30", "Convening held on 14 June; follow-up agreed."),
        ],
    )
    grant = support(
        ctx,
        title="Technical Support Fund: youth council pilot",
        kind=Kind.GRANT,
        city="Elbasan",
        starts_on="2023-09-01",
        ends_on="2024-03-15",
        amount=8000,
        themes=("youth-engagement",),
        moves=[
            (Status.APPROVED, "2023-09-05", "Follows the June convening."),
            (Status.IN_PROGRESS, "2023-09-15", "First tranche paid."),
            (Status.COMPLETED, "2024-03-15", "Final report received."),
        ],
    )
    pay(grant, 4000, "2023-09-15")
    pay(grant, 4000, "2024-01-15")
    milestone(grant, "Youth council members selected", "2023-11-30", "2023-11-20")


def prishtina(ctx: DemoContext) -> None:
    support(
        ctx,
        title="Convening of Kosovo* municipal leaders on their role in prevention",
        kind=Kind.GUIDANCE,
        city="Prishtina",
        starts_on="2023-04-10",
        ends_on="2023-05-31",
        description="To identify Kosovar cities' needs and discuss their roles in prevention.",
        themes=("multi-actor-prevention-mechanisms", "national-local-cooperation"),
        engagements=("WB07",),
        moves=[
            (Status.APPROVED, "2023-04-12", "Agreed with the municipality."),
            (Status.IN_PROGRESS, "2023-04-20", "Invitations sent."),
            (Status.COMPLETED, "2023-05-31", "Needs recorded from six municipalities."),
        ],
    )


def action_plans(ctx: DemoContext) -> None:
    brcko = support(
        ctx,
        title="Support to implement the Brčko District P/CVE action plan",
        kind=Kind.ACTION_PLAN,
        organisation="Brčko District Government",
        starts_on="2023-09-15",
        themes=("p-cve-action-plans",),
        engagements=("WB13",),
        moves=[
            (Status.APPROVED, "2023-09-20", "Invitation from the District Government."),
            (Status.IN_PROGRESS, "2023-10-26", "Technical meeting held."),
        ],
    )
    milestone(brcko, "Implementation review with the District's coordination body", "2024-05-31")
    federation = support(
        ctx,
        title="Support to implement the Federation of BiH P/CVE action plan",
        kind=Kind.ACTION_PLAN,
        organisation="Government of the Federation of BiH",
        starts_on="2023-10-01",
        themes=("p-cve-action-plans",),
        engagements=("WB14",),
        moves=[(Status.APPROVED, "2023-10-10", "Invitation from the Government.")],
    )
    for title, organisation, action in [
        ("Brčko District P/CVE Action Plan", "Brčko District Government", brcko),
        ("Federation of BiH P/CVE Action Plan", "Government of the Federation of BiH", federation),
    ]:
        save_action_plan(
            ActionPlan(
                title=title,
                organisation=ctx.organisations[organisation],
                status=ActionPlan.Status.IMPLEMENTING,
                adopted_on=date("2022-06-30"),
            ),
            hub=ctx.hub,
            support_actions=[action],
            acting_user=None,
        )


def deployments(ctx: DemoContext, pool: dict[str, Expert]) -> None:
    novi_pazar = support(
        ctx,
        title="Expert Pool: a referral mechanism for Novi Pazar",
        kind=Kind.EXPERT,
        city="Novi Pazar",
        starts_on="2023-11-15",
        themes=("early-warning-and-referral",),
        engagements=("WB16",),
        deployed=(pool["Amra Hodžić"],),
        moves=[
            (Status.APPROVED, "2023-11-20", "Expert available in December."),
            (Status.IN_PROGRESS, "2023-12-06", "Training delivered with the expert."),
        ],
    )
    milestone(novi_pazar, "Referral protocol drafted with the centre for social work", "2024-04-30")
    support(
        ctx,
        title="Expert Pool: advice on supporting returnees' families in Zenica",
        kind=Kind.EXPERT,
        city="Zenica",
        starts_on="2024-01-10",
        themes=("reintegration-of-returnees-and-their-families",),
        deployed=(pool["Ilir Krasniqi"],),
        moves=[],
    )
