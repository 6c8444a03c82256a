"""Every URL pattern × every role, against a written policy, with canaries planted in two cities.

The world: one hub, the focal point's city A (Testgrad) and another city B (Drugovo) of the same
hub, each with a person, an engagement and its attendance row, a need; a person of city B also
signed city A's sheet (the focal point may count them, not name them); city B also has support,
a mechanism, an action plan, advocacy and a quote (no consent). Object URLs point at city B's
records, so a focal point of city A must get a 404 there, as must donors, experts and outsiders.

The two-hub users (issue #13): hub admin, or officer, of Elsewhere Hub (their first hub, by
name) and focal point of city A here. A role counts only in its own hub: working there they are
outsiders here (`admin_there`, `officer_there`), and working here (`...@here`, their session's
hub) exactly the focal point; the hub admin keeps, anywhere, the user pages of the hub they run.

A URL pattern without a policy entry fails the test: a new page must be classified.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from citybridge.accounts.models import Role
from citybridge.advocacy import models as advocacy_models
from citybridge.advocacy.models import AdvocacyAction
from citybridge.api.tests.session_policy import SESSION_POLICY
from citybridge.checkin.actions import open_check_in
from citybridge.conftest import make_user
from citybridge.engagement.models import Attendance, Engagement
from citybridge.jobs.models import Job
from citybridge.needs.models import Need
from citybridge.network.models import Hub, Person, Theme
from citybridge.practices.actions import add_resource, save_practice
from citybridge.practices.models import Practice, PracticeResource
from citybridge.reports.briefs.actions import publish_brief
from citybridge.support.models import ActionPlan, Expert, Mechanism, SupportAction

ROLES = ("hub_admin", "officer", "focal", "expert", "donor", "outsider", "anonymous")
TWO_HUB_ROLES = ("admin_there", "officer_there", "admin_there@here", "officer_there@here")
ADMIN = frozenset({"hub_admin"})
STAFF = ADMIN | {"officer"}
PEOPLE = STAFF | {"focal"}
MEMBERS = PEOPLE | {"expert", "donor"}
SIGNED_IN = MEMBERS | {"outsider"}
NOBODY: frozenset[str] = frozenset()
ANONYMOUS = frozenset({"anonymous"})


def own_hub(roles: frozenset[str]) -> frozenset[str]:
    """A page about the user's current hub: the outsider (an officer elsewhere) gets their own
    hub's page, which the canaries check holds nothing of ours."""
    return roles | {"outsider"} if "officer" in roles else roles


# URL name -> the roles that may get a 2xx on GET (object URLs: city B's record).
# POST-only views answer 405 to GET: NOBODY.
POLICY: dict[str, frozenset[str]] = {
    # reports
    "reports:home": SIGNED_IN,
    "reports:figures": SIGNED_IN,
    "reports:figure_detail": SIGNED_IN,
    "reports:figure_person": STAFF,
    "reports:city_story": MEMBERS,
    "reports:city_story_save": NOBODY,
    "reports:brief_list": SIGNED_IN,
    "reports:brief_preview": own_hub(STAFF),
    "reports:brief_publish": NOBODY,
    "reports:brief_detail": MEMBERS,
    "reports:brief_download": MEMBERS,
    # network
    "network:city_list": SIGNED_IN,
    "network:city_create": own_hub(STAFF),
    "network:city_detail": MEMBERS,
    "network:city_edit": STAFF,
    "network:membership_add": NOBODY,
    "network:person_list": own_hub(PEOPLE),
    "network:person_create": own_hub(STAFF),
    "network:person_detail": STAFF,
    "network:person_edit": STAFF,
    "network:position_add": NOBODY,
    "network:person_export": ADMIN,
    "network:person_erase": ADMIN,
    "network:hub_settings": ADMIN,
    "network:hub_texts": ADMIN,
    "network:hub_notice": ADMIN,
    "network:hub_choose": NOBODY,  # POST-only; a hub the user has no role in is a 404
    # engagement
    "engagement:engagement_list": own_hub(PEOPLE),
    "engagement:engagement_create": own_hub(STAFF),
    "imports:upload": own_hub(STAFF),
    # a background preview's page answers only the session that uploaded the files
    "imports:preview": NOBODY,
    "imports:confirm": NOBODY,
    "imports:cancel": NOBODY,
    "imports:revise": NOBODY,
    "engagement:review_list": own_hub(STAFF),
    "engagement:review_decide": NOBODY,
    "engagement:review_undo": NOBODY,
    "engagement:record_split": NOBODY,
    "engagement:sheet_remove": NOBODY,
    "engagement:engagement_detail": STAFF,
    "engagement:engagement_edit": STAFF,
    # needs and matching
    "needs:need_list": own_hub(PEOPLE),
    "needs:need_create": own_hub(STAFF),
    "needs:regional_priorities": SIGNED_IN,
    "needs:consultation_list": own_hub(PEOPLE),
    "needs:consultation_needs": STAFF,
    "needs:consultation_record": NOBODY,
    "matching:match_search": own_hub(STAFF),
    "needs:need_detail": STAFF,
    "needs:need_edit": STAFF,
    "needs:need_status": NOBODY,
    "matching:need_matches": STAFF,
    "matching:match_support": STAFF,  # the support form a match fills in; saving it is a POST
    "matching:match_exchange": NOBODY,
    # practices: the network's shared library, open to every role of every hub
    "practices:practice_list": SIGNED_IN,
    "practices:practice_create": own_hub(STAFF),
    "practices:practice_detail": SIGNED_IN,
    "practices:practice_edit": own_hub(STAFF),
    "practices:translation_add": NOBODY,
    "practices:resource_add": NOBODY,
    "practices:resource_download": SIGNED_IN,
    # the header's search: every role finds what its pages show, in its own hub
    "search:search": SIGNED_IN,
    # support
    "support:support_list": own_hub(PEOPLE | {"expert"}),
    "support:support_create": own_hub(STAFF),
    "support:support_pipeline": SIGNED_IN,
    "support:milestone_overdue": own_hub(STAFF),
    "support:support_iati": own_hub(STAFF),  # every action's recipient and money: no donors
    "support:support_detail": STAFF,
    "support:support_edit": STAFF,
    "support:support_move": NOBODY,
    "support:support_withdraw": NOBODY,
    "support:milestone_add": NOBODY,
    "support:disbursement_add": NOBODY,
    "support:milestone_done": NOBODY,
    "support:mechanism_list": SIGNED_IN,
    "support:mechanism_create": own_hub(STAFF),
    "support:mechanism_detail": MEMBERS,
    "support:mechanism_edit": STAFF,
    "support:stage_add": NOBODY,
    "support:action_plan_list": SIGNED_IN,
    "support:action_plan_create": own_hub(STAFF),
    "support:action_plan_edit": STAFF,
    # advocacy
    "advocacy:advocacy_list": own_hub(PEOPLE),
    "advocacy:advocacy_create": own_hub(STAFF),
    "advocacy:advocacy_pipeline": SIGNED_IN,
    "advocacy:advocacy_detail": STAFF,
    "advocacy:advocacy_edit": STAFF,
    "advocacy:testimonial_list": own_hub(PEOPLE),
    "advocacy:testimonial_create": own_hub(STAFF),
    "advocacy:testimonial_edit": STAFF,
    # accounts
    "accounts:login": ANONYMOUS,
    "accounts:logout": NOBODY,
    "accounts:mfa_setup": SIGNED_IN,
    "accounts:mfa_verify": NOBODY,  # without a second factor: sent to set one up
    "accounts:mfa_recovery": NOBODY,
    "accounts:set_language": NOBODY,
    # translations (django-rosetta): the product's own catalogs, for hub admins
    "translations_elsewhere": NOBODY,
    "rosetta-old-home-redirect": NOBODY,  # redirects to the file list
    "rosetta-file-list-redirect": NOBODY,
    "rosetta-file-list": ADMIN,
    "rosetta-form": ADMIN,
    "rosetta-download-file": ADMIN,
    "rosetta.translate_text": ADMIN,  # answers that machine suggestions are off  # POST only, open to everyone (the switcher)
    "accounts:preferences": SIGNED_IN,
    "accounts:access_log": ADMIN,
    # user management: hub admins only, and only their hubs' users (the object: the focal point)
    "accounts:user_list": ADMIN,
    "accounts:user_add": ADMIN,
    "accounts:user_detail": ADMIN,
    "accounts:role_grant": NOBODY,
    "accounts:role_remove": NOBODY,
    "accounts:user_deactivate": NOBODY,
    "accounts:user_reactivate": NOBODY,
    "accounts:user_password_link": NOBODY,
    "accounts:user_mfa_reset": NOBODY,
    # where a new user sets their password: open to anyone with a valid link (here: none)
    "accounts:password_set": SIGNED_IN | ANONYMOUS,
    "accounts:password_set_done": SIGNED_IN | ANONYMOUS,
    # "Forgot your password?": open to anyone; the answer never tells who has an account
    "accounts:password_reset": SIGNED_IN | ANONYMOUS,
    "accounts:password_reset_sent": SIGNED_IN | ANONYMOUS,
    # jobs: the officer's own import; the hub's admins see every job of the hub
    "jobs:job_detail": STAFF,
    # operations: the health page a monitor polls, open to all and naming nobody
    "operations:health_check": SIGNED_IN | ANONYMOUS,
    # the API: its routes with a session cookie (api/tests/test_api_access_matrix.py walks them
    # with tokens), and the API tokens page
    **SESSION_POLICY,
    # calendar feeds: each member's own addresses; the feeds answer a valid token only (here
    # none: no session opens a feed; calendars/tests hold each role's feed)
    "calendars:calendar_feeds": own_hub(MEMBERS),
    "calendars:feed_reset": NOBODY,
    "calendars:hub_feed": NOBODY,
    "calendars:city_feed": NOBODY,
    # check-in: the participant's pages (an open link of city B's engagement) are public and
    # show nobody's data; the officer's are staff's
    "checkin:service_worker": SIGNED_IN | ANONYMOUS,
    "checkin:checkin_form": SIGNED_IN | ANONYMOUS,
    "checkin:checkin_thanks": SIGNED_IN | ANONYMOUS,
    "checkin:checkin_manifest": SIGNED_IN | ANONYMOUS,
    "checkin:checkin_submit": NOBODY,
    "checkin:kiosk_leave": NOBODY,  # without a PIN: straight to the sign-in page
    "checkin:checkin_panel": STAFF,
    "checkin:checkin_arrivals": STAFF,
    "checkin:checkin_sheet": STAFF,
    "checkin:checkin_open": NOBODY,
    "checkin:checkin_close": NOBODY,
    "checkin:checkin_pin": NOBODY,
    "checkin:checkin_kiosk": NOBODY,
    "checkin:arrival_remove": NOBODY,
}

# Pages about every hub a user administers, wherever they work (user management, the access log),
# and the translations, which are the product's (not one hub's).
ADMIN_ANYWHERE = {
    "accounts:user_list",
    "accounts:user_add",
    "accounts:access_log",
    "rosetta-file-list",
    "rosetta-form",
    "rosetta-download-file",
    "rosetta.translate_text",
}
# Pages about the hub the user works in, for its admins: working there, the two-hub admin gets
# their own hub's page, which the canaries check holds nothing of ours.
ADMIN_OF_WORKING_HUB = {"network:hub_settings", "network:hub_texts", "network:hub_notice"}


def stands_for(role: str) -> str:
    """The one-hub role whose policy a two-hub user follows: working here, the focal point;
    working there, an outsider to this hub."""
    if role.endswith("@here"):
        return "focal"
    return "outsider" if role in TWO_HUB_ROLES else role


def may_get(role: str, name: str) -> bool:
    if role.startswith("admin_there") and name in ADMIN_ANYWHERE:
        return True
    if role == "admin_there" and name in ADMIN_OF_WORKING_HUB:
        return True
    return stands_for(role) in POLICY[name]


# Downloads and variants of listed pages, checked for canaries (and 2xx) like their page.
VARIANTS = {
    "support:support_list": ["format=csv", "format=xlsx"],
    "support:support_pipeline": ["format=csv"],
    "advocacy:advocacy_list": ["format=csv"],
    "advocacy:advocacy_pipeline": ["format=csv"],
    "network:person_export": ["format=json"],
    "network:person_list": ["q=kanar", "format=csv", "format=csv&q=kanar&hxl=1"],
    "network:city_list": ["format=csv"],
    "engagement:engagement_list": ["format=csv"],
    "engagement:engagement_detail": ["format=csv"],
    "needs:need_list": ["format=csv"],
    "needs:regional_priorities": ["format=csv"],
    "practices:practice_list": ["format=csv"],
    "support:milestone_overdue": ["format=csv"],
    "accounts:access_log": ["format=csv"],
}
QUERY = {"reports:brief_preview": "start=2023-01-01&end=2023-12-31&lang=en&funder="}

PERSON_A = ("Zorana Kanarinac", "zorana.kanarinac@example.org")
PERSON_B = ("Vesna Kanarevska", "vesna.kanarevska@example.org")
# Of city B, at city A's engagement: the focal point of A may count them, never name them.
GUEST_B = ("Milena Kanarska", "milena.kanarska@example.org")
NEED_A, NEED_B, QUOTE_B = "NA-7731", "NB-7731", "QB-7731"
# In the file of a practice's resource: the library's, so every role of a hub may read it.
RESOURCE = "RS-7731"
EVERYTHING = (*PERSON_A, *PERSON_B, *GUEST_B, NEED_A, NEED_B, QUOTE_B)
MUST_NOT_SEE = {
    "hub_admin": (),
    "officer": (),
    "focal": (*PERSON_B, *GUEST_B, NEED_B, QUOTE_B),
    "expert": EVERYTHING,
    "donor": EVERYTHING,
    "outsider": EVERYTHING,
    "anonymous": (*EVERYTHING, RESOURCE),
}
for _role in TWO_HUB_ROLES:
    MUST_NOT_SEE[_role] = MUST_NOT_SEE[stands_for(_role)]


def url_names(patterns=None, namespace: str = "") -> list[tuple[str, URLPattern]]:
    """Every named URL pattern of the project, with its namespace; the admin site apart."""
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            found.append((f"{namespace}{entry.name}", entry))
    return found


@pytest.fixture
def world(hub, city, other_city, officer, hub_admin, focal, donor, outsider):
    theme = Theme.objects.get(slug="youth-engagement")
    people, engagements = {}, {}
    for key, place, (name, email) in (("a", city, PERSON_A), ("b", other_city, PERSON_B)):
        engagements[key] = Engagement.objects.create(
            hub=hub,
            key=f"T{key.upper()}",
            title=f"Consultation in {place.name}",
            kind=Engagement.Kind.CONSULTATION,
            starts_on=dt.date(2023, 3, 16),
            ends_on=dt.date(2023, 3, 16),
            host_city=place,
        )
        people[key] = Person.objects.create(hub=hub, full_name=name, email=email, city=place)
        Attendance.objects.create(
            engagement=engagements[key],
            source_file=f"T{key.upper()}.csv",
            row_number=1,
            cells={"Name": name, "E-mail": email},
            full_name=name,
            email=email,
            resolved_city=place,
            person=people[key],
        )
    guest = Person.objects.create(hub=hub, full_name=GUEST_B[0], email=GUEST_B[1], city=other_city)
    Attendance.objects.create(
        engagement=engagements["a"],
        source_file="TA.csv",
        row_number=2,
        cells={"Name": GUEST_B[0], "E-mail": GUEST_B[1]},
        full_name=GUEST_B[0],
        email=GUEST_B[1],
        resolved_city=other_city,
        person=guest,
    )
    for key, place, code in (("a", city, NEED_A), ("b", other_city, NEED_B)):
        Need.objects.create(
            hub=hub,
            city=place,
            theme=theme,
            statement=f"Need {code}",
            priority=Need.Priority.HIGH,
            source_engagement=engagements[key],
            raised_on=dt.date(2023, 3, 16),
        )
    expert_user = make_user("expert", hub, Role.Kind.EXPERT)
    expert = Expert.objects.create(
        hub=hub, full_name="Pool Expert", languages="en", user=expert_user
    )
    own = SupportAction.objects.create(
        hub=hub, title="Support for Testgrad", kind=SupportAction.Kind.EXPERT, city=city
    )
    own.experts.add(expert)
    action = SupportAction.objects.create(
        hub=hub, title="Support for Drugovo", kind=SupportAction.Kind.GUIDANCE, city=other_city
    )
    mechanism = Mechanism.objects.create(city=other_city, kind=Mechanism.Kind.values[0])
    plan = ActionPlan.objects.create(hub=hub, title="Drugovo P/CVE plan", city=other_city)
    advocacy = AdvocacyAction.objects.create(
        hub=hub,
        title="Drugovo's voice in Brussels",
        date=dt.date(2023, 5, 1),
        audience=AdvocacyAction.Audience.EU,
        form=AdvocacyAction.Form.PARTNER_EVENT,
    )
    advocacy.cities.add(other_city)
    advocacy.people.add(people["b"])
    quote = advocacy_models.Testimonial.objects.create(
        hub=hub,
        person=people["b"],
        quote=f"Words without consent {QUOTE_B}",
        attribution="Official of Drugovo",
        city=other_city,
        said_on=dt.date(2023, 5, 1),
    )
    practice = save_practice(
        Practice(
            title="Youth Council",
            summary="An elected youth council advises the city.",
            origin_city_name="Testgrad",
            origin_country_id="ME",
            evidence=Practice.Evidence.INSPIRING,
        ),
        themes=[theme],
        target_groups=[],
        acting_user=None,
    )
    # City B's person, who agreed to be contacted, is the practice's contact: the practice is
    # the whole network's, its contact only for those who may see city B's people.
    Person.objects.filter(pk=people["b"].pk).update(consent_contact=True)
    practice.contact = people["b"]
    practice.save()
    resource = add_resource(
        PracticeResource(
            practice=practice,
            title="Guide",
            file=SimpleUploadedFile("guide.pdf", f"%PDF-1.4 {RESOURCE}".encode()),
        ),
        acting_user=None,
    )
    brief = publish_brief(
        hub, dt.date(2023, 1, 1), dt.date(2023, 12, 31), lang="en", acting_user=officer
    )
    job = Job.objects.create(
        hub=hub, started_by=officer, kind=Job.Kind.IMPORT, title=f"Importing {PERSON_B[1]}"
    )
    focal_role = Role.objects.get(user=focal)
    check_in = open_check_in(
        engagements["b"],
        opens_at=timezone.now(),
        closes_at=timezone.now() + dt.timedelta(hours=1),
        acting_user=officer,
    )
    objects = {
        "accounts:user_detail": focal,
        "accounts:role_grant": focal,
        "accounts:role_remove": focal_role,
        "accounts:user_deactivate": focal,
        "accounts:user_reactivate": focal,
        "accounts:user_password_link": focal,
        "accounts:user_mfa_reset": focal,
        "jobs:job_detail": job,
        "imports:preview": job,
        "reports:figure_person": people["b"],
        "reports:city_story": other_city,
        "reports:brief_detail": brief,
        "reports:brief_download": brief,
        "network:city_detail": other_city,
        "network:city_edit": other_city,
        "network:person_detail": people["b"],
        "network:person_edit": people["b"],
        "network:person_export": people["b"],
        "network:person_erase": people["b"],
        "engagement:engagement_detail": engagements["b"],
        "engagement:engagement_edit": engagements["b"],
        "needs:consultation_needs": engagements["b"],
        "needs:need_detail": Need.objects.get(city=other_city),
        "needs:need_edit": Need.objects.get(city=other_city),
        "matching:need_matches": Need.objects.get(city=other_city),
        "matching:match_support": Need.objects.get(city=other_city),
        "practices:practice_detail": practice,
        "practices:practice_edit": practice,
        "practices:resource_download": resource,
        "support:support_detail": action,
        "support:support_edit": action,
        "support:support_withdraw": action,
        "support:mechanism_detail": mechanism,
        "support:mechanism_edit": mechanism,
        "support:action_plan_edit": plan,
        "advocacy:advocacy_detail": advocacy,
        "advocacy:advocacy_edit": advocacy,
        "advocacy:testimonial_edit": quote,
        "checkin:checkin_panel": engagements["b"],
        "checkin:checkin_arrivals": engagements["b"],
        "checkin:checkin_sheet": engagements["b"],
        "checkin:checkin_open": engagements["b"],
        "checkin:checkin_close": engagements["b"],
        "checkin:checkin_pin": engagements["b"],
        "checkin:checkin_kiosk": engagements["b"],
    }
    for name in ("form", "submit", "thanks", "manifest"):
        objects[f"checkin:checkin_{name}"] = check_in
    objects["checkin:kiosk_leave"] = check_in
    users = {
        "hub_admin": hub_admin,
        "officer": officer,
        "focal": focal,
        "expert": expert_user,
        "donor": donor,
        "outsider": outsider,
    }
    elsewhere = Hub.objects.get(slug="elsewhere")
    for role, kind in (("admin_there", Role.Kind.HUB_ADMIN), ("officer_there", Role.Kind.OFFICER)):
        users[role] = users[f"{role}@here"] = make_user(role, elsewhere, kind)
        Role.objects.create(user=users[role], hub=hub, kind=Role.Kind.FOCAL_POINT, city=city)
    clients = {}
    for role in ROLES + TWO_HUB_ROLES:
        clients[role] = Client()
        if role in users:
            clients[role].force_login(users[role])
        if role.endswith("@here"):
            clients[role].post(reverse("network:hub_choose"), {"hub": hub.pk})
    return {"objects": objects, "clients": clients, "own_support": own}


def url_of(name: str, pattern: URLPattern, objects: dict) -> str:
    kwargs: dict[str, object] = {}
    # Path converters, or a regular expression's named groups (django-rosetta's re_paths).
    for arg in pattern.pattern.converters or pattern.pattern.regex.groupindex:
        if arg == "pk":
            obj = objects.get(name)
            kwargs["pk"] = obj.pk if obj is not None else 999_999
        elif arg == "key":
            kwargs["key"] = "individuals_engaged"
        elif arg == "fmt":
            kwargs["fmt"] = "html"
        elif arg == "token" and name.startswith("checkin:"):
            kwargs[arg] = objects[name].token
        elif arg in ("uidb64", "token"):
            kwargs[arg] = "invalid"
        elif arg == "hub":
            kwargs["hub"] = "western-balkans"
        elif arg in ("po_filter", "lang_id", "idx"):
            kwargs[arg] = {"po_filter": "project", "lang_id": "sq", "idx": 0}[arg]
        else:
            raise AssertionError(f"{name}: no value for the URL argument {arg!r}")
    return reverse(name, kwargs=kwargs)


def test_every_url_and_role_against_the_policy(world):
    patterns = url_names()
    unclassified = sorted(name for name, _ in patterns if name not in POLICY)
    assert not unclassified, f"URL patterns without an access policy: {unclassified}"
    stale = sorted(set(POLICY) - {name for name, _ in patterns})
    assert not stale, f"Policy entries for URLs that no longer exist: {stale}"

    unexpected, refused, leaks, requests = [], [], [], 0
    for name, pattern in patterns:
        base = url_of(name, pattern, world["objects"])
        queries = [QUERY.get(name, ""), *VARIANTS.get(name, [])]
        for role in ROLES + TWO_HUB_ROLES:
            client = world["clients"][role]
            for query in queries:
                response = client.get(f"{base}?{query}" if query else base)
                requests += 1
                ok = 200 <= response.status_code < 300
                if ok and not may_get(role, name):
                    unexpected.append((name, query, role, response.status_code))
                if not ok and may_get(role, name):
                    refused.append((name, query, role, response.status_code))
                # A stored file is streamed (lib.file_responses): read it all the same.
                raw = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                body = raw.decode("utf-8", "replace").lower()
                leaks += [(name, query, role, c) for c in MUST_NOT_SEE[role] if c.lower() in body]
    roles = len(ROLES + TWO_HUB_ROLES)
    print(
        f"\naccess matrix: {len(patterns)} URL patterns × {roles} roles = "
        f"{len(patterns) * roles} cells ({requests} requests with downloads); "
        f"unexpected 2xx: {len(unexpected)}; canary leaks: {len(leaks)}"
    )
    assert len(patterns) >= 80
    assert not unexpected, f"2xx where the policy says no: {unexpected}"
    assert not leaks, f"canaries seen by roles that must not see them: {leaks}"
    assert not refused, f"refused where the policy says yes: {refused}"


# Open to everyone by design: signing in and out, the language switcher, and rosetta's two
# redirects to its (admin-only) file list, which answer any method with the same redirect.
OPEN_TO_POST = {
    "accounts:login",
    "accounts:logout",
    "accounts:set_language",
    "rosetta-old-home-redirect",
    "rosetta-file-list-redirect",
}


def test_posts_are_refused_to_roles_outside_the_policy(world):
    """The same matrix for POST (empty forms): a refused role gets 403/404/405, or is sent to
    sign in or to set up a second factor; never a success page or a redirect to one."""
    gates = (reverse("accounts:login"), reverse("accounts:mfa_setup"))
    wrong = []
    for name, pattern in url_names():
        if name in OPEN_TO_POST:
            continue
        url = url_of(name, pattern, world["objects"])
        may_post = POLICY[name] | (own_hub(STAFF) if name in POST_ONLY_STAFF else NOBODY)
        may_post |= ADMIN if name in POST_ONLY_ADMIN else NOBODY
        may_post |= own_hub(MEMBERS) if name in POST_ONLY_MEMBERS else NOBODY
        for role in ROLES + TWO_HUB_ROLES:
            if stands_for(role) in may_post or (
                may_get(role, name) and name in ADMIN_ANYWHERE | ADMIN_OF_WORKING_HUB
            ):
                continue
            response = world["clients"][role].post(url, {})
            status = response.status_code
            to_gate = status == 302 and response["Location"].startswith(gates)
            if not (status in (400, 401, 403, 404, 405) or to_gate):
                wrong.append((name, role, status))
    assert not wrong, f"POST answered to a role outside the policy: {wrong}"


# POST-only views staff may use (so they are not posted to above).
POST_ONLY_STAFF = {
    "reports:city_story_save",
    "reports:brief_publish",
    "network:membership_add",
    "network:position_add",
    "imports:confirm",
    "imports:cancel",
    "imports:revise",
    "engagement:review_decide",
    "engagement:review_undo",
    "engagement:record_split",
    "engagement:sheet_remove",
    "needs:consultation_record",
    "needs:need_status",
    "matching:match_exchange",
    "practices:translation_add",
    "practices:resource_add",
    "support:support_move",
    "support:support_withdraw",
    "support:milestone_add",
    "support:disbursement_add",
    "support:milestone_done",
    "support:stage_add",
    "accounts:mfa_recovery",
    "checkin:checkin_open",
    "checkin:checkin_close",
    "checkin:checkin_pin",
    "checkin:checkin_kiosk",
    "checkin:arrival_remove",
}


# POST-only views every member of a hub may use, about themselves (so they are not posted to).
POST_ONLY_MEMBERS = {"calendars:feed_reset"}


# POST-only views hub admins may use (so they are not posted to above).
POST_ONLY_ADMIN = {
    "accounts:role_grant",
    "accounts:role_remove",
    "accounts:user_deactivate",
    "accounts:user_reactivate",
    "accounts:user_password_link",
    "accounts:user_mfa_reset",
}


def test_an_expert_sees_the_support_they_are_deployed_on(world):
    client = world["clients"]["expert"]
    own = world["own_support"]
    assert client.get(reverse("support:support_detail", args=[own.pk])).status_code == 200
    other = world["objects"]["support:support_detail"]
    assert client.get(reverse("support:support_detail", args=[other.pk])).status_code == 404


def test_the_admin_site_is_closed_to_every_role(world):
    for role in ROLES:
        response = world["clients"][role].get("/admin/")
        assert response.status_code == 302, role
