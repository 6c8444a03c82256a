"""The demonstration's advocacy: the brief's "Elevating Local Voices" as records, testimonials
with and without consent to publication (invented people, invented words), and the approved
Danilovgrad story for the brief's period.

The story is written here, after support and advocacy exist, because it is drafted from both.
"""

from __future__ import annotations

import datetime as dt

from citybridge.advocacy.actions import save_advocacy_action, save_testimonial
from citybridge.advocacy.models import AdvocacyAction, Testimonial
from citybridge.demo import languages
from citybridge.demo.build import DemoContext
from citybridge.engagement.models import Attendance
from citybridge.needs.models import Need
from citybridge.network.actions import save_person
from citybridge.network.models import LocalGovernment, Person, Theme
from citybridge.reports.actions import save_story

Audience = AdvocacyAction.Audience
Form = AdvocacyAction.Form
BRIEF_PERIOD = (dt.date(2022, 11, 10), dt.date(2023, 12, 31))


def date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def advocate(
    ctx: DemoContext,
    *,
    title: str,
    day: str,
    audience: str,
    form: str,
    cities: list[str],
    themes: tuple[str, ...] = (),
    organisation: str = "",
    audience_detail: str = "",
    engagement: str = "",
    summary: str = "",
    outcome: str = "",
    follow_up: str = "",
    people: list[Person] | None = None,
) -> AdvocacyAction:
    return save_advocacy_action(
        AdvocacyAction(
            title=title,
            date=date(day),
            audience=audience,
            audience_detail=audience_detail,
            organisation=ctx.organisations.get(organisation),
            form=form,
            engagement=ctx.engagements.get(engagement),
            summary=summary,
            outcome=outcome,
            follow_up=follow_up,
        ),
        hub=ctx.hub,
        cities=[ctx.cities[c] for c in cities],
        # The needs those cities raised on these themes: the priorities it carried.
        needs=Need.objects.of_hub(ctx.hub).filter(
            city__in=[ctx.cities[c] for c in cities], theme__slug__in=themes
        ),
        themes=Theme.objects.filter(slug__in=themes),
        people=people or [],
        acting_user=ctx.users["officer"],
    )


def region_attendees(ctx: DemoContext, key: str) -> list[Person]:
    """The people of the hub's cities on an engagement's sign-in sheets (resolved)."""
    records = Attendance.objects.filter(
        engagement=ctx.engagements[key],
        person__isnull=False,
        resolved_city__in=LocalGovernment.objects.of_hub(ctx.hub),
    )
    return list(Person.objects.filter(attendances__in=records).distinct())


def build(ctx: DemoContext) -> None:
    summit = ctx.engagements["WB11"]
    advocate(
        ctx,
        title="The case for national-local cooperation at the Budva regional workshop",
        day="2023-10-17",
        audience=Audience.NATIONAL_GOVERNMENT,
        audience_detail="national ministries and agencies of the region",
        form=Form.MEETING,
        engagement="WB12",
        cities=[c.name for c in ctx.engagements["WB12"].participating_cities.all()] + ["Budva"],
        themes=("national-local-cooperation",),
        summary=(
            "Participants were exposed to international good practices of national-local "
            "cooperation and how they could be adapted to their own contexts."
        ),
        outcome="National participants asked the Hub for a follow-up session in 2024.",
    )
    advocate(
        ctx,
        title="Input to the legal framework of Local Safety Councils in Albania",
        day="2023-12-05",
        audience=Audience.NATIONAL_GOVERNMENT,
        organisation="CVE Coordination Centre of Albania",
        audience_detail="at the request of Albania's CVE Coordination Centre",
        form=Form.LEGAL_INPUT,
        engagement="WB15",
        cities=["Tirana", "Elbasan", "Shkodra", "Vlora"],
        themes=("multi-actor-prevention-mechanisms", "national-local-cooperation"),
        summary=(
            "Written input reflecting the priorities and needs that Albanian municipalities "
            "raised at the November consultation."
        ),
        outcome="The Centre shared the updated draft with municipalities for comment.",
        follow_up="Review the draft with Elbasan and Shkodra before it goes to government.",
    )
    advocate(
        ctx,
        title="Cities' priorities at a European Union partner event on prevention",
        day="2023-06-27",
        audience=Audience.EU,
        organisation="European Union",
        form=Form.PARTNER_EVENT,
        cities=["Tirana", "Sarajevo", "Prishtina"],
        themes=("multi-actor-prevention-mechanisms",),
    )
    advocate(
        ctx,
        title="Mayors at a GCTF meeting on national-local cooperation",
        day="2023-09-12",
        audience=Audience.GCTF,
        organisation="Global Counterterrorism Forum (GCTF)",
        form=Form.PARTNER_EVENT,
        cities=["Kumanovo", "Podgorica"],
        themes=("national-local-cooperation",),
    )
    advocate(
        ctx,
        title="Municipal needs on reintegrating returnees' families, shared with GCERF",
        day="2023-11-29",
        audience=Audience.GCERF,
        organisation="Global Community Engagement and Resilience Fund (GCERF)",
        form=Form.MEETING,
        cities=["Zenica", "Prishtina", "Elbasan"],
        themes=("reintegration-of-returnees-and-their-families",),
    )
    advocate(
        ctx,
        title="Mayoral summit hosted by Kristiansand",
        day="2023-05-24",
        audience=Audience.CITY_NETWORK,
        audience_detail="member city of Kristiansand, Norway, and mayors of other regions",
        form=Form.LEARNING_EXCHANGE,
        engagement="WB08",
        cities=["Tirana", "Sarajevo", "Skopje", "Kumanovo"],
        themes=("polarisation-and-social-cohesion",),
    )
    advocate(
        ctx,
        title="Mayors and local officials of the region at the Fourth Global Summit",
        day="2023-09-20",
        audience=Audience.CITY_NETWORK,
        audience_detail="Strong Cities Network, New York",
        form=Form.SUMMIT,
        engagement="WB11",
        cities=[c.name for c in summit.participating_cities.all()],
        themes=("multi-actor-prevention-mechanisms", "national-local-cooperation"),
        people=region_attendees(ctx, "WB11"),
    )
    testimonials(ctx)
    danilovgrad_story(ctx)


def speaker(ctx: DemoContext, city: str, role: str, fallback: str, *, consented: bool) -> Person:
    """Someone from the sign-in sheets (or an invented person when none was imported)."""
    record = (
        Attendance.objects.filter(
            resolved_city=ctx.cities[city], role_kind=role, person__isnull=False
        )
        .select_related("person")
        .first()
    )
    person = record.person if record and record.person else Person(full_name=fallback)
    person.city = person.city or ctx.cities[city]
    if consented:
        person.consent_quote = True
        person.consent_recorded_on = person.consent_recorded_on or date("2023-07-12")
        person.consent_how = person.consent_how or "Signed consent form (demonstration)"
    return save_person(person, hub=ctx.hub, acting_user=None)


def testimonials(ctx: DemoContext) -> None:
    for city, role, fallback, quote, attribution, day, consented in [
        (
            "Danilovgrad",
            "mayor",
            "Dragan Perović",
            "Before the roundtable we only ever talked about response. Hearing how our "
            "neighbours run their councils gave us a plan we could start on the next Monday.",
            "Mayor of Danilovgrad, Montenegro",
            "2023-07-12",
            True,
        ),
        (
            "Elbasan",
            "municipal_official",
            "Elira Hoxha",
            "Young people told us what they needed in their own words. That changed how our "
            "youth office works.",
            "Youth officer, Municipality of Elbasan, Albania",
            "2023-06-14",
            True,
        ),
        (
            "Prishtina",
            "municipal_official",
            "Arben Gashi",
            "Municipalities are first on the line when something happens, and last to be asked "
            "how to prevent it.",
            "Municipal official, Prishtina",
            "2023-05-10",
            False,
        ),
    ]:
        person = speaker(ctx, city, role, fallback, consented=consented)
        save_testimonial(
            Testimonial(
                person=person,
                quote=quote,
                attribution=attribution,
                city=ctx.cities[city],
                said_on=date(day),
                publication_consent=consented,
            ),
            hub=ctx.hub,
            acting_user=None,
        )


def danilovgrad_story(ctx: DemoContext) -> None:
    """The officer's edit of the drafted paragraph, approved for the brief's period."""
    start, end = BRIEF_PERIOD
    save_story(
        ctx.cities["Danilovgrad"],
        hub=ctx.hub,
        starts_on=start,
        ends_on=end,
        text=(
            "In Danilovgrad (Montenegro), the newly elected mayor asked the Hub for help to set "
            "up a Local Safety Council, inspired by the Hub's Inaugural Workshop in February "
            "2023. In July, the Hub organised a roundtable for the city's leadership and "
            "practitioners where counterparts from Podgorica, Budva, Kumanovo, Zenica and "
            "Bujanovac shared how they built similar councils. The Municipal Assembly "
            "established the council in October, and a Technical Support Fund grant is helping "
            "it become operational."
        ),
        translations=languages.DANILOVGRAD_STORY,
        approve=True,
        acting_user=ctx.users["officer"],
    )
